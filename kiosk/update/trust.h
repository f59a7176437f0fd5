/* trust.h — which publishing keys a kiosk that pins a root key trusts.
 *
 * Such a kiosk (updater_config.root_key_file) accepts a manifest only when
 * it is signed by a key in use on the newest key list (keylist.h) it has
 * accepted. Each cycle, before the manifest, it GETs keys.list and
 * keys.list.sig beside the channels (conditionally, with the ETag of the
 * list it accepted last on this thread), checks the root's signature, and
 * takes a list only when its version is above the kept one
 * (STATE_DIR/keys, store.h): written and fsynced before any manifest is
 * checked against it. A list older than the kept one, or another list
 * with the kept one's version, is refused (keys_rollback); so is a newer
 * list that has already expired (expired). Any failure — the network's
 * too — fails the cycle and leaves the kept list as it was: nothing the
 * server does can widen what the kiosk trusts beyond what the root signed
 * last. A kept list past its expiry still serves (the content stays), but
 * is reported like an expired manifest. */
#ifndef KIOSK_TRUST_H
#define KIOSK_TRUST_H

#include <stddef.h>

#include "fetch.h"
#include "keylist.h"
#include "store.h"
#include "update_reason.h"
#include "updater.h"

/* The key list for this cycle into *out (owned by the caller) on OK.
 * etag (etag_size bytes): in, the ETag of the list this thread accepted
 * last ("" none); out, the accepted list's ETag. res->keys_expired is set
 * when the accepted list has expired. */
update_reason trust_keys(const store *st, fetch *f, char *etag, size_t etag_size, updater_result *res,
                         keylist **out);

#endif
