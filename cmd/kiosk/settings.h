/* settings.h — the kiosk program's settings: the command line and the
 * configuration file read into one kiosk_config by options.h's table, and
 * what the updater, the metrics exporter and the app take of them.
 *
 *   settings_cli c;  settings s;
 *   settings_parse_cli(&c, argc, argv);   usage errors, --help, --version
 *   settings_load(&s, &c);                defaults, --config FILE, the command line
 *   ... s.upd, s.hx, s.app are ready; on SIGHUP:
 *   settings_reload(&s, &c, &app_options_in_use);
 *
 * Strings in s.upd, s.hx and s.app point into s.cfg: s must outlive them. */
#ifndef KIOSK_SETTINGS_H
#define KIOSK_SETTINGS_H

#include "app.h"
#include "config.h"
#include "health_export.h"
#include "options.h"
#include "updater.h"

#define EXIT_USAGE 2
#define SETTINGS_MAX_OVERRIDES 64

/* The command line: every option parsed into `given` (over the defaults),
 * and the rows it set, in order, so a reload can lay them over the re-read
 * file again. */
typedef struct settings_cli {
    kiosk_config given;
    const kiosk_option *over[SETTINGS_MAX_OVERRIDES];
    size_t n_over;
} settings_cli;

/* Everything a run needs: the settings, and what the parts take of them. */
typedef struct settings {
    kiosk_config cfg;
    updater_config upd;
    health_exporter_config hx;
    app_options app;
    const char *state_dir; /* show STATE_DIR/current when there is one */
} settings;

/* Parse argv into c. 0; 1 when --help or --version was answered; or
 * EXIT_USAGE after a message on stderr. */
int settings_parse_cli(settings_cli *c, int argc, char **argv);

/* Defaults, then c's --config file, then c's options, into s. 0, or 1 on
 * errors in the file (printed as file:line:column: error:). */
int settings_load(settings *s, const settings_cli *c);

/* SIGHUP: read the file and the command line again, log what changed,
 * and take the reloadable settings over into s->cfg and *app. 0, or -1
 * when the file has errors (logged; nothing changes). */
int settings_reload(settings *s, const settings_cli *c, app_options *app);

#endif
