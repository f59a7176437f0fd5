/* config.h — the kiosk's settings: compiled-in defaults, a YAML file
 * (/etc/kiosk/kiosk.yaml), then command-line options, each overriding the
 * one before.
 *
 * One struct holds every setting, whether it comes from the file, from the
 * command line or from both; options.h is the table that says, for each,
 * its file key, its option name, its range, its default and its help. Every
 * value is checked; a bad one in the file is reported as
 * "file:line:col: error: ..." before any window opens. The struct holds
 * everything by value (fixed buffers), so it can be copied freely and needs
 * no freeing. Pure: no SDL, no network. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdio.h>

#include "diag.h"
#include "klimits.h"
#include "loglevel.h"
#include "schedule.h"

#define CONFIG_PATH_MAX 1024

typedef struct config_size {
    int w, h; /* 0x0: none given */
} config_size;

/* A local date and time as given ("YYYY-MM-DD HH:MM"); year 0: none. */
typedef struct config_time {
    int year, month, day, hour, minute;
} config_time;

typedef struct kiosk_config {
    /* in the file, and most on the command line too */
    char id[KIOSK_MAX_ID + 1];         /* kiosk id: metrics instance label */
    char location[128];                /* free text: "Rathaus, Foyer" */
    char content_dir[CONFIG_PATH_MAX]; /* content installed with the kiosk */
    char assets_dir[CONFIG_PATH_MAX];  /* fonts; "" = look next to the binary */
    char state_dir[CONFIG_PATH_MAX];   /* updates: current tree, objects; "" = none */
    char channel[KIOSK_MAX_URL + 1];   /* channel URL; "" = no updates */
    char channel_name[KIOSK_MAX_CHANNEL + 1]; /* "channel:" of its manifests; "" = the URL's last part */
    char public_key[CONFIG_PATH_MAX];  /* Ed25519 public key file */
    char root_key[CONFIG_PATH_MAX];    /* root key file (key rotation): instead of public_key */
    char pinned_key[256];              /* optional curl pinned public key "sha256//..." */
    unsigned poll_interval_s;
    unsigned idle_timeout_s;
    char default_lang[LANG_CODE_MAX];  /* a language's code, or "": the content's choice */
    int rotation;                      /* 0, 90, 180, 270 degrees clockwise */
    schedule display;                  /* opening hours; disabled = always on */
    int wake_on_touch;                 /* a touch turns the display on out of hours */
    char metrics_file[CONFIG_PATH_MAX];/* node_exporter textfile; "" = off */
    char pushgateway[KIOSK_MAX_URL + 1]; /* Pushgateway base URL; "" = off */
    unsigned metrics_interval_s;
    char screenshot_dir[CONFIG_PATH_MAX]; /* operator screenshots (SIGUSR1) */
    char screenshot_url[KIOSK_MAX_URL + 1]; /* HTTP PUT target; "" = keep local */
    unsigned screenshot_interval_s;    /* 0 = only on signal */
    log_level log_level;
    /* accessibility */
    int speech;                        /* speech mode (two-finger hold) available */
    char speech_data[CONFIG_PATH_MAX]; /* espeak-ng data; "" = its own */
    int warning_sound;                 /* a chime when the idle warning appears */
    int low_reach;                     /* every control in the lower part (wheelchair) */

    /* on the command line only */
    unsigned countdown_s;              /* the idle warning's countdown */
    unsigned update_timeout_s;         /* one download */
    unsigned update_cycle_timeout_s;   /* a whole update cycle */
    unsigned update_min_rate;          /* bytes/s below which a download is aborted */
    char update_ca[CONFIG_PATH_MAX];   /* CA bundle; "" = the system's */
    unsigned push_timeout_ms;          /* one Pushgateway push */
    config_size window;                /* a window instead of fullscreen */
    int renderer;                      /* 0 auto, 1 software, 2 accelerated */
    int trace;                         /* scene changes and taps on stdout */
    config_time fake_time;             /* tests: the schedule's clock at start */
    int watch;                         /* reload the content when it changes */
    unsigned max_errors;               /* diagnostics printed */

    /* the run: what to do, not how the kiosk behaves */
    char config_file[CONFIG_PATH_MAX];
    int print_config;
    char check_dir[CONFIG_PATH_MAX];
    int strict;                        /* --check: warnings fail */
    char speak_wav[CONFIG_PATH_MAX];   /* --speak-content */
    int update_once;
    char script[CONFIG_PATH_MAX];      /* --script: drive the UI from a file */
    char screenshot[CONFIG_PATH_MAX];  /* save the first frame and exit */
    char screenshot_all[CONFIG_PATH_MAX]; /* save every scene into this directory */
    char audio_out[CONFIG_PATH_MAX];   /* everything said, into a WAV */
    int help, version;
} kiosk_config;

/* Compiled-in defaults (options.h's): run from the source tree with no file. */
void config_defaults(kiosk_config *c);

/* Read a YAML configuration file over c. Every problem goes to d; returns 0
 * when there were no errors, -1 otherwise (c may then be partly updated). */
int config_load_file(kiosk_config *c, const char *path, diag_list *d);

/* Set one option by its configuration key (e.g. "idle_timeout", "60").
 * Returns 0, or -1 with a reason in err. Keys with structure (the display
 * schedule) are file-only. */
int config_set(kiosk_config *c, const char *key, const char *value, char *err, size_t err_size);

/* Write the file's settings as YAML that config_load_file reads back to
 * the same configuration. */
void config_print(const kiosk_config *c, FILE *out);

#endif
