#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kfile.h"
#include "options.h"
#include "yamltree.h"

void config_defaults(kiosk_config *c)
{
    char err[256];
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].def && option_set(c, &kiosk_options[i], kiosk_options[i].def, err, sizeof(err)))
            abort(); /* test_options checks every default */
}

int config_set(kiosk_config *c, const char *key, const char *value, char *err, size_t err_size)
{
    const kiosk_option *o = option_by_key(key);
    if (!o) {
        snprintf(err, err_size, "unknown option '%s'", key);
        return -1;
    }
    return option_set(c, o, value, err, err_size);
}

int config_load_file(kiosk_config *c, const char *path, diag_list *d)
{
    size_t errors_before = d->errors;
    char *buf = NULL;
    size_t len = 0;
    arena *a = NULL;
    /* A stream: the configuration may come through a pipe. */
    if (kfile_read(path, KIOSK_MAX_FILE_BYTES, KFILE_STREAM, &buf, &len) != 0) {
        if (errno == EFBIG) {
            diag_add(d, DIAG_ERROR, path, 0, 0, "file is larger than %d bytes",
                     KIOSK_MAX_FILE_BYTES);
        } else if (errno == ENOMEM) {
            diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        } else {
            diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
            return -1;
        }
        goto done;
    }
    a = arena_new();
    if (!a) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        goto done;
    }
    const ynode *root = ytree_parse(a, buf, len, path, d);
    if (!root)
        goto done;
    options_load_tree(c, root, "", path, d);
done:
    arena_free(a);
    free(buf);
    diag_sort(d);
    return d->errors > errors_before ? -1 : 0;
}

void config_print(const kiosk_config *c, FILE *out)
{
    fprintf(out, "# effective kiosk configuration\n");
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].key)
            option_print(c, &kiosk_options[i], out);
}
