/* fetch.h — one update cycle's HTTP, with every limit.
 *
 * GET <channel>/manifest.yaml with If-None-Match (an unchanged channel costs
 * one request and no body), GET manifest.yaml.sig and check it against the
 * configured Ed25519 key — or, on a kiosk that pins a root key, against the
 * accepted key list (keylist.h; GET keys.list and keys.list.sig beside the
 * channels, checked with the root key: trust.h) — GET objects from <channel>/../objects/<sha256>
 * checking size and SHA-256 while they stream to disk. Sizes are capped by
 * klimits.h; transfers by the configuration's timeouts (http.h). Counts
 * requests and bytes into the cycle's updater_result. */
#ifndef KIOSK_FETCH_H
#define KIOSK_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"
#include "keylist.h"
#include "klimits.h"
#include "manifest.h"
#include "update_reason.h"
#include "updater.h"

#define FETCH_URL_MAX (KIOSK_MAX_URL + 128)

typedef struct fetch {
    const updater_config *cfg;       /* borrowed */
    updater_result *res;             /* borrowed: detail and counters */
    volatile int *stop;              /* non-zero: abort (updater_stop), or NULL */
    http_client *http;
    unsigned char pk[MANIFEST_PK_BYTES];  /* public_key_file's, or the root's (rooted) */
    int rooted;                      /* cfg->root_key_file: manifests are checked against keys */
    const keylist *keys;             /* rooted: the accepted key list (borrowed; trust.h) */
    char keys_url[FETCH_URL_MAX];    /* keys.list beside the channels */
    char sig[KIOSK_MAX_SIG_BYTES + 1]; /* the signature line of the file fetched last */
    char base[FETCH_URL_MAX];        /* the channel, with a trailing slash */
    char objects_url[FETCH_URL_MAX]; /* its object store */
    char channel[KIOSK_MAX_CHANNEL + 1]; /* the name its manifests must carry */
    char etag[KIOSK_MAX_ETAG];       /* of the last manifest fetched, "" none */
    uint64_t deadline_ms;            /* monotonic: the cycle's requests end by then */
} fetch;

/* "<scheme>://host/dir/channel/" → base with a trailing slash, and the
 * shared object store "<scheme>://host/dir/objects/". -1 for anything but
 * plain http(s) URLs with a channel component. */
int fetch_channel_urls(const char *url, char *base, size_t bsize, char *objects, size_t osize);
/* The name a kiosk of cfg expects in its manifests' "channel:": the
 * configured channel_name, else the channel URL's last part. 0, or -1 with
 * a message in err when that is no valid channel name. */
int fetch_channel_name(const updater_config *cfg, char *name, size_t size, char *err, size_t errsize);
/* Read a public key file (kiosk.pub or root.pub). 0, or -1 with a message in err. */
int fetch_load_public_key(const char *path, unsigned char pk[MANIFEST_PK_BYTES], char *err, size_t errsize);

/* Key, URLs and an HTTP client for one cycle. fetch_close() whatever it
 * returns. */
update_reason fetch_open(fetch *f, const updater_config *cfg, volatile int *stop, updater_result *res);
void fetch_close(fetch *f);

/* The manifest and its verified signature. OK with *text NULL: the channel
 * answered 304 to if_none_match. f->etag is the manifest's ETag after. */
update_reason fetch_manifest(fetch *f, const char *if_none_match, char **text, size_t *len);
/* The key list and its signature, checked with the root key (the list's
 * content is trust.h's). OK with *text NULL: 304 to if_none_match. */
update_reason fetch_keys(fetch *f, const char *if_none_match, char **text, size_t *len);
/* Object mf into fd (a new empty file), checking its size and SHA-256. */
update_reason fetch_object(fetch *f, const manifest_file *mf, int fd);

#endif
