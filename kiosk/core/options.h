/* options.h — the one table of the kiosk's settings (config.h's struct).
 *
 * Each row says where a setting lives in kiosk_config, its key in the
 * configuration file (or none), its command-line name (or none), its type
 * and range, its default, whether SIGHUP takes it over, and its help. The
 * file loader, the command line (cmd/kiosk builds getopt's array from it),
 * --print-config, --help and the reload all read this table, so a setting
 * is parsed, checked and described the same way wherever it comes from.
 * Pure: no files, no clock. */
#ifndef KIOSK_OPTIONS_H
#define KIOSK_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "yamltree.h"

typedef enum {
    OPT_TEXT,     /* any string that fits */
    OPT_ID,       /* a-z 0-9 - _ */
    OPT_URL,      /* "" or http(s):// */
    OPT_UINT,     /* a whole number from min to max */
    OPT_LANG,     /* a language code (de, en, tr); "" or ~: the content's choice */
    OPT_ROTATION, /* 0, 90, 180, 270 */
    OPT_BOOL,     /* true/yes, false/no */
    OPT_LEVEL,    /* log level */
    OPT_FLAG,     /* command line, no argument: sets 1 */
    OPT_SIZE,     /* WxH, each from min to max */
    OPT_CHOICE,   /* one of the words in `choices`: its index */
    OPT_TIME,     /* "YYYY-MM-DD HH:MM" */
    OPT_HOURS,    /* file only: weekday -> "08:00-18:00", a mapping */
    OPT_HOLIDAYS, /* file only: a list of dates */
    OPT_SECTION,  /* file only: a mapping of the rows "key.*" */
} option_type;

/* The sections of --help, in order. */
typedef enum {
    OPTG_MODES, OPTG_OUTPUT, OPTG_CONFIG, OPTG_OPTIONS, OPTG_UPDATES, OPTG_METRICS, OPTG_OPS,
    OPTG_COUNT
} option_group;

#define OPTION_RELOAD 1u /* SIGHUP takes the file's new value over at once */

typedef struct kiosk_option {
    const char *key;     /* in the file; "display.hours" is hours: under display:. NULL: none */
    const char *cli;     /* --name, or NULL: file only */
    char short_name;     /* -h, or 0 */
    option_type type;
    size_t offset, size; /* the field in kiosk_config */
    unsigned min, max;   /* OPT_UINT, OPT_SIZE */
    const char *def;     /* the default, as a value to parse; NULL: zero */
    unsigned flags;      /* OPTION_RELOAD */
    option_group group;
    const char *arg;     /* the argument's name in --help ("DIR"), NULL for a flag */
    const char *help;    /* lines for --help; "{}" stands for the default */
    const char *const *choices; /* OPT_CHOICE: the words, NULL-terminated */
} kiosk_option;

#define KIOSK_MAX_OPTIONS 96 /* rows in the table, at most */

extern const kiosk_option kiosk_options[];
extern const size_t kiosk_n_options;

const kiosk_option *option_by_key(const char *key);
const kiosk_option *option_by_cli(const char *name);
/* The option's name in the file ("hours" for "display.hours"), else on
 * the command line (without "--"). */
const char *option_name(const kiosk_option *o);

/* Parse v into the option's field of c: 0, or -1 with a message naming
 * the option and, for numbers, the range. */
int option_set(kiosk_config *c, const kiosk_option *o, const char *v, char *err, size_t err_size);

/* A mapping of the file (the top level: section "") into c, by the table:
 * unknown keys (with "did you mean"), values of the wrong shape and bad
 * values go to d with their position. */
void options_load_tree(kiosk_config *c, const ynode *map, const char *section, const char *file,
                       diag_list *d);

/* A structured file value (OPT_HOURS, OPT_HOLIDAYS) from its YAML node;
 * problems go to d with their position. */
void option_set_node(kiosk_config *c, const kiosk_option *o, const ynode *v, const char *file,
                     diag_list *d);

/* The value as the file writes it, after "key:" (a newline and indented
 * lines for the structured ones; nothing when there is nothing to say). */
void option_print(const kiosk_config *c, const kiosk_option *o, FILE *out);

/* 1 when a and b hold the same value for o. */
int option_equal(const kiosk_config *a, const kiosk_config *b, const kiosk_option *o);

/* Copy o's field from src to dst. */
void option_copy(kiosk_config *dst, const kiosk_config *src, const kiosk_option *o);

/* SIGHUP: copy the reloadable rows of next into live; the keys of the
 * other rows that differ go to later, comma-separated ("" when none). */
void options_take_reloadable(kiosk_config *live, const kiosk_config *next, char *later, size_t size);

/* --help, every option with a command-line name, by group. */
void options_help(FILE *out);

#endif
