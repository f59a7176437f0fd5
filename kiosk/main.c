/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content/*.yaml ──content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() parses options and picks a mode:
 *     --check DIR      validate a content tree, print diagnostics, exit
 *     (default)        run the UI on the content (app.h)
 *
 * The pure core — content model and loader, YAML tree, diagnostics — has no
 * SDL and no network, so it is unit-tested and fuzzed on its own (see the
 * Makefile's CORE_MODULES). SDL, libcurl, files and clocks sit at the edges.
 *
 * Exit codes: 0 success, 1 failure (bad content, run-time error), 2 usage. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "diag.h"
#include "limits.h"
#include "version.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk [OPTION]...\n"
            "Public information kiosk: shows the content tree fullscreen, touch to browse.\n"
            "\n"
            "Modes:\n"
            "  --check DIR          validate the content tree DIR, print diagnostics as\n"
            "                       file:line:column: error: message; exit 0 when clean,\n"
            "                       1 on errors\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "Options:\n"
            "  --content DIR        content tree to show (default: content)\n"
            "  --max-errors N       print at most N diagnostics (default %d)\n"
            "\n"
            "Exit status: 0 success, 1 failure, 2 usage error.\n",
            KIOSK_MAX_DIAG_PRINTED);
}

/* --check: validate, print every diagnostic (capped), summarise. */
static int run_check(const char *dir, size_t max_errors)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(dir, &d);
    diag_print(&d, stderr, max_errors);
    int rc = c ? 0 : 1;
    if (c)
        printf("%s: ok (%zu slides, %zu domains, %zu pages)\n", dir, c->n_slides, c->n_domains,
               content_page_count(c));
    content_free(c);
    diag_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_CHECK = 256, OPT_CONTENT, OPT_MAX_ERRORS };
    static const struct option opts[] = {
        {"check", required_argument, NULL, OPT_CHECK},
        {"content", required_argument, NULL, OPT_CONTENT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *check_dir = NULL;
    size_t max_errors = KIOSK_MAX_DIAG_PRINTED;
    int opt;
    while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_CHECK:
            check_dir = optarg;
            break;
        case OPT_CONTENT:
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            max_errors = (size_t)n;
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("kiosk %s (%s)\n", kiosk_version(), kiosk_revision());
            return 0;
        default:
            fprintf(stderr, "Try 'kiosk --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\nTry 'kiosk --help' for more information.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    if (check_dir)
        return run_check(check_dir, max_errors);
    fprintf(stderr, "kiosk: the UI is not built yet; use --check DIR\n");
    return 1;
}
