/* helper_health — drives the health module from shell integration tests
 * (tests/it/it_health.sh): sets up a kiosk's state from options, then prints
 * the metrics, exports them once, or runs the background exporter.
 *
 *   helper_health print|once|run [OPTION VALUE]...
 *
 * Exporter options are the kiosk's metrics options (--metrics-file,
 * --pushgateway, --kiosk-id, --location, --metrics-interval,
 * --push-timeout-ms), parsed by health_exporter_option(), plus
 * --proc-root/--sys-root.
 * State options: --touches N --sessions N --view DOMAIN --frame MS
 * --content VERSION --published T --fail REASON --update-ok
 * --scene NAME --display on|standby|off --error KIND-INDEX --seconds S (run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "health.h"
#include "health_export.h"
#include "klimits.h"
#include "version.h"

static int usage(const char *msg)
{
    fprintf(stderr, "helper_health: %s\n", msg);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage("expected print, once or run");
    const char *mode = argv[1];
    time_t now = time(NULL);
    health_reset(now - 100);
    health_exporter_config cfg;
    health_exporter_config_init(&cfg);
    const char *content = NULL;
    time_t published = 0;
    unsigned seconds = 2;
    char err[512];

    for (int i = 2; i < argc; i += 2) {
        if (strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc)
            return usage("options come as --name value");
        const char *name = argv[i] + 2, *v = argv[i + 1];
        int r = health_exporter_option(&cfg, name, v, err, sizeof(err));
        if (r < 0)
            return usage(err);
        if (r > 0)
            continue;
        if (strcmp(name, "proc-root") == 0)
            cfg.proc_root = v;
        else if (strcmp(name, "sys-root") == 0)
            cfg.sys_root = v;
        else if (strcmp(name, "touches") == 0)
            for (long n = atol(v); n > 0; n--)
                health_touch();
        else if (strcmp(name, "sessions") == 0)
            for (long n = atol(v); n > 0; n--)
                health_session();
        else if (strcmp(name, "view") == 0)
            health_domain_view(v);
        else if (strcmp(name, "frame") == 0)
            health_frame(atof(v));
        else if (strcmp(name, "content") == 0)
            content = v;
        else if (strcmp(name, "published") == 0)
            published = (time_t)atoll(v);
        else if (strcmp(name, "fail") == 0) {
            update_reason reason;
            if (update_reason_parse(v, &reason) < 0 || !update_reason_is_failure(reason))
                return usage("unknown failure reason");
            health_update_attempt(now);
            health_update_failed(reason);
        } else if (strcmp(name, "update-ok") == 0) {
            health_update_attempt(now);
            health_update_succeeded(now, atoi(v));
        } else if (strcmp(name, "scene") == 0) {
            health_scene s;
            if (health_scene_parse(v, &s) < 0)
                return usage("unknown scene");
            health_set_scene(s);
        } else if (strcmp(name, "display") == 0) {
            health_set_display(strcmp(v, "on") == 0        ? HEALTH_DISPLAY_ON
                               : strcmp(v, "standby") == 0 ? HEALTH_DISPLAY_STANDBY
                                                           : HEALTH_DISPLAY_OFF);
        } else if (strcmp(name, "error") == 0)
            health_error((health_error_kind)atoi(v));
        else if (strcmp(name, "seconds") == 0)
            seconds = (unsigned)atoi(v);
        else
            return usage("unknown option");
    }
    if (content)
        health_content_shown(content, published, now);

    if (strcmp(mode, "print") == 0) {
        health_snapshot s;
        health_set_build(kiosk_version(), kiosk_revision());
        health_set_identity(cfg.kiosk_id ? cfg.kiosk_id : "", cfg.location ? cfg.location : "");
        health_snapshot_take(&s, now);
        health_collect_platform(&s, cfg.proc_root, cfg.sys_root);
        return health_write(&s, stdout) == 0 ? 0 : 1;
    }
    if (strcmp(mode, "once") == 0)
        return health_export_once(&cfg, now) == 0 ? 0 : 1;
    if (strcmp(mode, "run") == 0) {
        health_exporter *x = health_exporter_start(&cfg, err, sizeof(err));
        if (!x)
            return usage(err);
        /* The UI keeps going while the exporter works in the background. */
        for (unsigned t = 0; t < seconds * 10; t++) {
            health_frame(16);
            usleep(100 * 1000);
        }
        health_exporter_stop(x);
        return 0;
    }
    return usage("expected print, once or run");
}
