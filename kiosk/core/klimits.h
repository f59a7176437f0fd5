/* klimits.h — hard limits on everything that comes from outside.
 *
 * Content is written by people and, for an updating kiosk, arrives over the
 * network. Every count, size and depth is capped here, in one place, so a
 * hostile or broken input costs bounded memory and time (SQLite's way). */
#ifndef KIOSK_LIMITS_H
#define KIOSK_LIMITS_H

#define LANG_CODE_MAX          16             /* a language code's bytes with the NUL: "pt-BR" */
#define KIOSK_MAX_FILE_BYTES   (1024 * 1024)  /* one YAML file */
#define KIOSK_MAX_FONT_BYTES   (16 * 1024 * 1024) /* one font file of assets/fonts */
#define KIOSK_MAX_IMAGE_BYTES  (16 * 1024 * 1024)
#define KIOSK_MAX_DEPTH        32             /* YAML nesting */
#define KIOSK_MAX_SCALAR       (64 * 1024)    /* one string, bytes */
#define KIOSK_MAX_ITEMS        4096           /* entries of one list or mapping */
#define KIOSK_MAX_NODES        200000         /* YAML nodes in one file */
#define KIOSK_MAX_ID           64             /* an id: [a-z0-9_-] */
#define KIOSK_MAX_PATH         256            /* a path inside the content tree */
#define KIOSK_MAX_URL          2048
#define KIOSK_MAX_DOMAINS      64
#define KIOSK_MAX_SLIDES       64
#define KIOSK_MAX_PAGES        256            /* per domain */
#define KIOSK_MAX_BLOCKS       512            /* per page */
#define KIOSK_MAX_FILES        4096           /* files in a content tree */
/* Content updates (manifest.h, updater.h): everything a server sends. */
#define KIOSK_MAX_MANIFEST_BYTES (2 * 1024 * 1024)  /* manifest.yaml; ~4096 entries fit */
#define KIOSK_MAX_SIG_BYTES    512                  /* manifest.yaml.sig */
#define KIOSK_MAX_OBJECT_BYTES KIOSK_MAX_IMAGE_BYTES /* one file of a content tree */
#define KIOSK_MAX_TREE_BYTES   (512LL * 1024 * 1024) /* all files of a content tree */
#define KIOSK_MAX_PATH_DEPTH   8              /* directories in a content path */
#define KIOSK_MAX_CHANNEL      64             /* a channel name: like an id */
#define KIOSK_MAX_ETAG         256
/* STATE_DIR/etag: a version, the manifest URL (with room for the channel
 * part fetch adds) and the ETag */
#define KIOSK_ETAG_LINE        (24 + KIOSK_MAX_URL + 128 + KIOSK_MAX_ETAG)
#define KIOSK_MAX_NOTICE_TEXT  600            /* one language of an emergency notice, bytes */
#define KIOSK_MAX_NOTICE_BYTES (16 * 1024)    /* a whole notice document (kiosk-publish --notice, STATE_DIR) */
#define KIOSK_MAX_KEY_FILE_BYTES 1024         /* a kiosk.pub or kiosk.key file */
#define KIOSK_MAX_DIAG_STORED  1000           /* diagnostics kept; more are counted */
#define KIOSK_MAX_DIAG_PRINTED 50             /* diagnostics printed by default */
#define KIOSK_MAX_LABEL        128            /* one metric label value, bytes */
#define KIOSK_MAX_METRICS_BYTES (64 * 1024)   /* the whole metrics text */
#define KIOSK_MAX_SCREENSHOT_BYTES (64L * 1024 * 1024) /* one operator screenshot uploaded */
#define KIOSK_MAX_SCRIPT_CMDS  100000         /* commands in one --script file */
#define KIOSK_MAX_SCRIPT_LINE  1024           /* bytes in one --script line */
#define KIOSK_MAX_SCRIPT_MS    86400000u      /* one wait or swipe: a day */
/* Speech output (voice.h). */
#define KIOSK_MAX_SPEAK_BYTES  4096           /* one text said; longer ones are cut */
#define KIOSK_MAX_VOICE_QUEUE  16             /* texts waiting to be said; the oldest give way */

#endif
