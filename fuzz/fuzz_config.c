/* libFuzzer target: arbitrary bytes as the kiosk's configuration file.
 * Nothing may crash or leak; a file that loads cleanly must print as YAML
 * that loads again to the same configuration (config_print is what
 * --print-config shows operators, so it must never lie). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static int load(const void *buf, size_t len, kiosk_config *c)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
        abort();
    diag_list d;
    diag_init(&d);
    config_defaults(c);
    int rc = config_load_file(c, path, &d);
    if (rc != 0 && d.errors == 0)
        __builtin_trap(); /* a refused file always says why */
    diag_free(&d);
    return rc;
}

static size_t print(const kiosk_config *c, char *buf, size_t size)
{
    FILE *m = fmemopen(buf, size, "w");
    config_print(c, m);
    long n = ftell(m);
    fclose(m);
    return (size_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof(path), "/tmp/fuzz-config-%d.yaml", (int)getpid());
    static kiosk_config a, b;
    static char pa[64 * 1024], pb[64 * 1024];
    if (load(data, size, &a) == 0) {
        size_t na = print(&a, pa, sizeof(pa));
        if (load(pa, na, &b) != 0)
            __builtin_trap(); /* printed configuration does not load */
        size_t nb = print(&b, pb, sizeof(pb));
        if (na != nb || memcmp(pa, pb, na) != 0)
            __builtin_trap(); /* printing is not a fixed point */
    }
    unlink(path);
    return 0;
}
