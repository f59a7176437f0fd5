/* kiosk-publish — publish a content tree for kiosks to fetch.
 *
 *   kiosk-publish keygen --out DIR
 *   kiosk-publish --key FILE --channel NAME [--expires-days N] CONTENT_DIR OUT_DIR
 *   kiosk-publish refresh --key FILE --channel NAME [--expires-days N] OUT_DIR
 *   kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR
 *   kiosk-publish root-init --out DIR
 *   kiosk-publish keys add --root-key FILE --pub FILE [--note TEXT] [--expires-days N] OUT_DIR
 *   kiosk-publish keys revoke --root-key FILE --key-id ID [--expires-days N] OUT_DIR
 *   kiosk-publish keys refresh --root-key FILE [--expires-days N] OUT_DIR
 *   kiosk-publish keys list [--root-pub FILE] OUT_DIR
 *
 * This file is the command line only; what each command does, and how
 * publish and gc keep a served OUT_DIR consistent, is kiosk/publish/
 * (publish.h). See docs/updates.md.
 *
 * Exit codes: 0 published (or nothing changed) / gc done, 1 failure, 2 usage. */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klimits.h"
#include "publish.h"
#include "version.h"

#define EXIT_USAGE PUBLISH_EXIT_USAGE
#define GC_KEEP_HOURS_DEFAULT 24
#define GC_KEEP_HOURS_MAX (24 * 366 * 10)
#define EXPIRES_DAYS_DEFAULT 30
#define EXPIRES_DAYS_MAX 3660
#define KEYS_EXPIRES_DAYS_DEFAULT 365

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR\n"
            "       kiosk-publish refresh --key FILE --channel NAME OUT_DIR\n"
            "       kiosk-publish keygen --out DIR\n"
            "       kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n"
            "       kiosk-publish root-init --out DIR\n"
            "       kiosk-publish keys add|revoke|refresh|list ... OUT_DIR\n"
            "Publish a content tree for kiosks to fetch over HTTP(S).\n"
            "\n"
            "  keygen --out DIR   create a signing key pair: DIR/kiosk.key (secret, mode\n"
            "                     0600; keep it off the web server) and DIR/kiosk.pub (give\n"
            "                     it to the kiosks). An existing key is never overwritten.\n"
            "  --key FILE         secret key that signs the manifest\n"
            "  --channel NAME     channel (kiosk group) to publish to: [a-z0-9_-]\n"
            "  --max-errors N     print at most N content diagnostics (default %d)\n"
            "  --notice FILE      attach the emergency notice in FILE (YAML: text: {de, en,\n"
            "                     leicht}, starts, ends; see docs/operations.md) to the\n"
            "                     manifest; publishing without --notice clears it\n"
            "  --expires-days N   the manifest expires N days after signing (default %d;\n"
            "                     0: never): a kiosk refuses a newer manifest past it, and\n"
            "                     reports content whose manifest expired\n"
            "  refresh OUT_DIR    re-sign the channel's current manifest (signed by --key)\n"
            "                     as the next version with the same files and notice and\n"
            "                     a new expiry; run it from cron well within the expiry\n"
            "  gc OUT_DIR         remove objects that no channel's current manifest lists\n"
            "                     and that are older than --keep-hours (a kiosk half-way\n"
            "                     through an update may still fetch them); also stale\n"
            "                     temporary files in OUT_DIR/objects/. Refuses to delete\n"
            "                     anything if a channel's manifest cannot be read\n"
            "  --keep-hours H     gc: keep unlisted objects younger than H hours (default %d)\n"
            "  --dry-run          gc: only list what would be removed\n"
            "\n"
            "Key rotation (kiosks with root_key pin the root and accept manifests signed\n"
            "by the keys on the root-signed OUT_DIR/keys.list; see docs/updates.md):\n"
            "  root-init --out DIR  create the root key pair DIR/root.key (keep it offline)\n"
            "                     and DIR/root.pub (give it to the kiosks as root_key)\n"
            "  keys add --root-key FILE --pub FILE [--note TEXT] OUT_DIR\n"
            "                     put a publishing key (its kiosk.pub) on the key list\n"
            "  keys revoke --root-key FILE --key-id ID OUT_DIR\n"
            "                     revoke a publishing key: kiosks refuse its manifests\n"
            "  keys refresh --root-key FILE OUT_DIR\n"
            "                     re-sign the key list before it expires\n"
            "  keys list [--root-pub FILE] OUT_DIR\n"
            "                     show the key list (and check its signature)\n"
            "  --expires-days N   keys: the list expires N days after signing (default %d)\n"
            "  -h, --help         show this help and exit\n"
            "  -V, --version      show the version and exit\n"
            "\n"
            "CONTENT_DIR is checked with the kiosk's loader first; broken content is not\n"
            "published, nor a symbolic link or a file the content does not use (*.md is\n"
            "skipped). OUT_DIR/objects/ receives the files by SHA-256 and OUT_DIR/NAME/\n"
            "the signed manifest (manifest.yaml, manifest.yaml.sig). Serve OUT_DIR with any\n"
            "static HTTP server (see tools/nginx-kiosk.conf).\n"
            "\n"
            "Exit status: 0 published, unchanged or gc done, 1 failure, 2 usage error.\n",
            KIOSK_MAX_DIAG_PRINTED, EXPIRES_DAYS_DEFAULT, GC_KEEP_HOURS_DEFAULT, KEYS_EXPIRES_DAYS_DEFAULT);
}

/* The command line, as given. */
struct args {
    const char *key, *channel, *out, *notice;
    const char *root_key, *root_pub, *pub, *key_id, *note; /* keys */
    size_t max_errors;
    long keep_hours; /* -1: not given */
    long expires_days; /* -1: not given */
    int dry_run, max_errors_given;
};

/* A number option's value: 0, or EXIT_USAGE (printed). */
static int number_arg(const char *opt, const char *arg, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(arg, &end, 10);
    if (errno || end == arg || *end || n < 0 || n > max) {
        fprintf(stderr, "kiosk-publish: --%s: expected 0..%ld, got '%s'\n", opt, max, arg);
        return EXIT_USAGE;
    }
    *out = n;
    return 0;
}

/* Parses the options into *a. -1 to go on; otherwise the exit status
 * (--help, --version, a bad option). */
static int parse_args(int argc, char **argv, struct args *a)
{
    /* the options that take a text, in the order of their fields in text_opts */
    enum { OPT_KEY = 256, OPT_CHANNEL, OPT_OUT, OPT_NOTICE, OPT_ROOT_KEY, OPT_ROOT_PUB, OPT_PUB, OPT_KEY_ID,
           OPT_NOTE, OPT_MAX_ERRORS, OPT_KEEP_HOURS, OPT_DRY_RUN, OPT_EXPIRES };
    static const size_t text_opts[] = {
        offsetof(struct args, key),      offsetof(struct args, channel),  offsetof(struct args, out),
        offsetof(struct args, notice),   offsetof(struct args, root_key), offsetof(struct args, root_pub),
        offsetof(struct args, pub),      offsetof(struct args, key_id),   offsetof(struct args, note),
    };
    static const struct option opts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"channel", required_argument, NULL, OPT_CHANNEL},
        {"out", required_argument, NULL, OPT_OUT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"notice", required_argument, NULL, OPT_NOTICE},
        {"keep-hours", required_argument, NULL, OPT_KEEP_HOURS},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"expires-days", required_argument, NULL, OPT_EXPIRES},
        {"root-key", required_argument, NULL, OPT_ROOT_KEY},
        {"root-pub", required_argument, NULL, OPT_ROOT_PUB},
        {"pub", required_argument, NULL, OPT_PUB},
        {"key-id", required_argument, NULL, OPT_KEY_ID},
        {"note", required_argument, NULL, OPT_NOTE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_DRY_RUN:
            a->dry_run = 1;
            break;
        case OPT_EXPIRES:
            if (number_arg("expires-days", optarg, EXPIRES_DAYS_MAX, &a->expires_days))
                return EXIT_USAGE;
            break;
        case OPT_KEEP_HOURS:
            if (number_arg("keep-hours", optarg, GC_KEEP_HOURS_MAX, &a->keep_hours))
                return EXIT_USAGE;
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk-publish: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            a->max_errors = (size_t)n;
            a->max_errors_given = 1;
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("kiosk-publish %s (%s)\n", kiosk_version(), kiosk_revision());
            return 0;
        default:
            if (opt >= OPT_KEY && opt < OPT_KEY + (int)(sizeof(text_opts) / sizeof(text_opts[0]))) {
                *(const char **)(void *)((char *)a + text_opts[opt - OPT_KEY]) = optarg;
                break;
            }
            fprintf(stderr, "Try 'kiosk-publish --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* root-init and keys (argv[0] is the command). The exit status. */
static int root_main(const struct args *a, int nargs, char **argv)
{
    static const char *const ops[] = {"add", "revoke", "refresh", "list"};
    int foreign = a->key || a->channel || a->notice || a->max_errors_given || a->keep_hours >= 0 || a->dry_run;
    if (strcmp(argv[0], "root-init") == 0) {
        if (nargs != 1 || !a->out || foreign || a->root_key || a->root_pub || a->pub || a->key_id || a->note) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish root-init --out DIR\n");
            return EXIT_USAGE;
        }
        return publish_root_init(a->out);
    }
    publish_keys_options o = {.root_key = a->root_key, .root_pub = a->root_pub, .pub = a->pub,
                              .key_id = a->key_id, .note = a->note,
                              .expires_days = a->expires_days >= 0 ? a->expires_days : KEYS_EXPIRES_DAYS_DEFAULT};
    int op = -1;
    for (int i = 0; nargs == 3 && i < 4; i++)
        if (strcmp(argv[1], ops[i]) == 0)
            op = i;
    o.op = (publish_keys_op)op;
    o.out_dir = nargs == 3 ? argv[2] : NULL;
    int ok = op >= 0 && !foreign && !a->out && o.expires_days > 0 &&
             (op == PUBLISH_KEYS_LIST ? !a->root_key && !a->pub && !a->key_id && !a->note && a->expires_days < 0
                                      : a->root_key && !a->root_pub) &&
             (op == PUBLISH_KEYS_ADD ? a->pub != NULL : !a->pub && !a->note) &&
             (op == PUBLISH_KEYS_REVOKE ? a->key_id != NULL : !a->key_id);
    if (!ok) {
        fprintf(stderr, "kiosk-publish: usage: kiosk-publish keys add --root-key FILE --pub FILE [--note TEXT] "
                        "[--expires-days N] OUT_DIR\n"
                        "       kiosk-publish keys revoke --root-key FILE --key-id ID [--expires-days N] OUT_DIR\n"
                        "       kiosk-publish keys refresh --root-key FILE [--expires-days N] OUT_DIR\n"
                        "       kiosk-publish keys list [--root-pub FILE] OUT_DIR\n");
        return EXIT_USAGE;
    }
    return publish_keys(&o);
}

int main(int argc, char **argv)
{
    struct args a = {.max_errors = KIOSK_MAX_DIAG_PRINTED, .keep_hours = -1, .expires_days = -1};
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    int nargs = argc - optind;
    if (nargs >= 1 && (strcmp(argv[optind], "root-init") == 0 || strcmp(argv[optind], "keys") == 0))
        return root_main(&a, nargs, argv + optind);
    if (a.root_key || a.root_pub || a.pub || a.key_id || a.note) {
        fprintf(stderr, "kiosk-publish: --root-key, --root-pub, --pub, --key-id and --note belong to "
                        "root-init and keys\n");
        return EXIT_USAGE;
    }
    if (a.expires_days < 0)
        a.expires_days = EXPIRES_DAYS_DEFAULT;
    int gc_opts = a.keep_hours >= 0 || a.dry_run;
    if (nargs >= 1 && strcmp(argv[optind], "gc") == 0) {
        if (nargs != 2 || a.key || a.channel || a.out || a.notice || a.max_errors_given) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n");
            return EXIT_USAGE;
        }
        return publish_gc(argv[optind + 1], a.keep_hours >= 0 ? a.keep_hours : GC_KEEP_HOURS_DEFAULT,
                          a.dry_run);
    }
    if (gc_opts) {
        fprintf(stderr, "kiosk-publish: --keep-hours and --dry-run belong to gc: "
                        "kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n");
        return EXIT_USAGE;
    }
    if (nargs >= 1 && strcmp(argv[optind], "keygen") == 0) {
        if (nargs != 1 || !a.out || a.key || a.channel) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish keygen --out DIR\n");
            return EXIT_USAGE;
        }
        return publish_keygen(a.out);
    }
    if (nargs >= 1 && strcmp(argv[optind], "refresh") == 0) {
        if (nargs != 2 || !a.key || !a.channel || a.out || a.notice || a.expires_days == 0) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish refresh --key FILE --channel NAME "
                            "[--expires-days N, N > 0] OUT_DIR\n");
            return EXIT_USAGE;
        }
        publish_options r = {.key_path = a.key, .channel = a.channel, .out_dir = argv[optind + 1],
                             .expires_days = a.expires_days};
        return publish_refresh(&r);
    }
    if (nargs != 2 || !a.key || !a.channel || a.out) {
        fprintf(stderr, "kiosk-publish: usage: kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR\n"
                        "Try 'kiosk-publish --help' for more information.\n");
        return EXIT_USAGE;
    }
    publish_options o = {.key_path = a.key, .channel = a.channel, .content_dir = argv[optind],
                         .out_dir = argv[optind + 1], .notice_path = a.notice, .max_errors = a.max_errors,
                         .expires_days = a.expires_days};
    return publish_channel(&o);
}
