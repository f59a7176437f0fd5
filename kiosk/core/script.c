#include "script.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfile.h"
#include "klimits.h"

#define MAX_ARGS 6

static int parse_rel(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno || end == s || !isfinite(v) || v < 0.0 || v > 1.0)
        return -1;
    *out = v;
    return 0;
}

static int parse_ms(const char *s, unsigned *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno || v > KIOSK_MAX_SCRIPT_MS)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Split line into words in place, cutting at '#'. Returns the count, or -1
 * (reported) when there are too many. */
static int split_words(char *line, int lineno, const char *name, char **argv, int *cols,
                       diag_list *d)
{
    int argc = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            *p++ = '\0';
        if (!*p || *p == '#')
            break;
        if (argc == MAX_ARGS + 1) {
            diag_add(d, DIAG_ERROR, name, lineno, (int)(p - line) + 1, "too many arguments");
            return -1;
        }
        cols[argc] = (int)(p - line) + 1;
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '#')
            p++;
        if (*p == '#')
            *p = '\0';
    }
    return argc;
}

/* The arguments of tap, doubletap, swipe and hold2: coordinates and, for
 * swipe and hold2, a duration last. */
static int parse_pointer_args(char **argv, const int *cols, int argc, int lineno,
                              const char *name, script_cmd *cmd, diag_list *d)
{
    double *rel[4] = {&cmd->x1, &cmd->y1, &cmd->x2, &cmd->y2};
    for (int i = 1; i < argc; i++) {
        if ((cmd->op == SCRIPT_SWIPE && i == 5) || (cmd->op == SCRIPT_HOLD2 && i == 3)) {
            if (parse_ms(argv[i], &cmd->ms) != 0 || cmd->ms == 0) {
                diag_add(d, DIAG_ERROR, name, lineno, cols[i],
                         "expected a duration 1..%u ms, got '%.40s'", KIOSK_MAX_SCRIPT_MS,
                         argv[i]);
                return -1;
            }
        } else if (parse_rel(argv[i], rel[i - 1]) != 0) {
            diag_add(d, DIAG_ERROR, name, lineno, cols[i],
                     "expected a relative coordinate 0..1, got '%.40s'", argv[i]);
            return -1;
        }
    }
    if (cmd->op == SCRIPT_TAP || cmd->op == SCRIPT_DOUBLETAP) {
        cmd->x2 = cmd->x1;
        cmd->y2 = cmd->y1;
    } else if (cmd->op == SCRIPT_HOLD2) {
        /* the second finger must land on the screen too */
        if (cmd->x1 > 1.0 - SCRIPT_HOLD2_SPREAD) {
            diag_add(d, DIAG_ERROR, name, lineno, cols[1],
                     "hold2 needs X at most %.2f (the second finger goes down at X + %.2f), "
                     "got '%.40s'", 1.0 - SCRIPT_HOLD2_SPREAD, SCRIPT_HOLD2_SPREAD, argv[1]);
            return -1;
        }
        cmd->x2 = cmd->x1 + SCRIPT_HOLD2_SPREAD;
        cmd->y2 = cmd->y1;
    }
    return 0;
}

/* The command argv[0] names, with its argument count checked: -1 (reported)
 * when unknown or miscounted. */
static int find_op(char **argv, const int *cols, int argc, int lineno, const char *name,
                   script_op *op, diag_list *d)
{
    static const struct {
        const char *name;
        script_op op;
        int args;
        const char *usage;
    } ops[] = {
        {"tap", SCRIPT_TAP, 2, "tap X Y"},
        {"swipe", SCRIPT_SWIPE, 5, "swipe X1 Y1 X2 Y2 MS"},
        {"wait", SCRIPT_WAIT, 1, "wait MS"},
        {"shot", SCRIPT_SHOT, 1, "shot FILE.png"},
        {"quit", SCRIPT_QUIT, 0, "quit"},
        {"hold2", SCRIPT_HOLD2, 3, "hold2 X Y MS"},
        {"doubletap", SCRIPT_DOUBLETAP, 2, "doubletap X Y"},
    };
    size_t k;
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (strcmp(argv[0], ops[k].name) == 0)
            break;
    if (k == sizeof ops / sizeof ops[0]) {
        diag_add(d, DIAG_ERROR, name, lineno, cols[0],
                 "unknown command '%.40s' (expected tap, doubletap, swipe, hold2, wait, shot or quit)", argv[0]);
        return -1;
    }
    if (argc - 1 != ops[k].args) {
        diag_add(d, DIAG_ERROR, name, lineno, cols[0], "'%s' takes %d argument%s: %s",
                 ops[k].name, ops[k].args, ops[k].args == 1 ? "" : "s", ops[k].usage);
        return -1;
    }
    *op = ops[k].op;
    return 0;
}

static int parse_line(char *line, int lineno, const char *name, script_cmd *cmd, diag_list *d)
{
    char *argv[MAX_ARGS + 1];
    int cols[MAX_ARGS + 1];
    int argc = split_words(line, lineno, name, argv, cols, d);
    if (argc < 0)
        return -1;
    if (argc == 0)
        return 1; /* blank or comment */
    memset(cmd, 0, sizeof *cmd);
    cmd->line = lineno;
    if (find_op(argv, cols, argc, lineno, name, &cmd->op, d) != 0)
        return -1;
    switch (cmd->op) {
    case SCRIPT_TAP:
    case SCRIPT_DOUBLETAP:
    case SCRIPT_SWIPE:
    case SCRIPT_HOLD2:
        return parse_pointer_args(argv, cols, argc, lineno, name, cmd, d);
    case SCRIPT_WAIT:
        if (parse_ms(argv[1], &cmd->ms) != 0) {
            diag_add(d, DIAG_ERROR, name, lineno, cols[1],
                     "expected milliseconds 0..%u, got '%.40s'", KIOSK_MAX_SCRIPT_MS, argv[1]);
            return -1;
        }
        break;
    case SCRIPT_SHOT:
        if (strlen(argv[1]) > KIOSK_MAX_PATH * 4) {
            diag_add(d, DIAG_ERROR, name, lineno, cols[1], "file name too long");
            return -1;
        }
        cmd->file = strdup(argv[1]);
        if (!cmd->file) {
            diag_add(d, DIAG_ERROR, name, lineno, cols[1], "out of memory");
            return -1;
        }
        break;
    case SCRIPT_QUIT:
        break;
    }
    return 0;
}

int script_parse(const char *text, size_t len, const char *name, script *out, diag_list *d)
{
    out->cmds = NULL;
    out->n = 0;
    size_t cap = 0;
    int lineno = 0, failed = 0;
    char buf[KIOSK_MAX_SCRIPT_LINE + 1];
    size_t pos = 0;
    while (pos < len) {
        lineno++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        const char *src = text + pos;
        pos += n + (nl ? 1 : 0);
        if (n > KIOSK_MAX_SCRIPT_LINE) {
            diag_add(d, DIAG_ERROR, name, lineno, 1, "line longer than %d bytes",
                     KIOSK_MAX_SCRIPT_LINE);
            failed = 1;
            continue;
        }
        if (memchr(src, '\0', n)) {
            diag_add(d, DIAG_ERROR, name, lineno, 1, "NUL byte in line");
            failed = 1;
            continue;
        }
        memcpy(buf, src, n);
        buf[n] = '\0';
        script_cmd cmd;
        int r = parse_line(buf, lineno, name, &cmd, d);
        if (r < 0) {
            failed = 1;
            continue;
        }
        if (r > 0)
            continue;
        if (failed) { /* keep checking for errors, but keep nothing */
            free(cmd.file);
            continue;
        }
        if (out->n == KIOSK_MAX_SCRIPT_CMDS) {
            diag_add(d, DIAG_ERROR, name, lineno, 1, "more than %d commands",
                     KIOSK_MAX_SCRIPT_CMDS);
            free(cmd.file);
            failed = 1;
            break;
        }
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            script_cmd *nc = realloc(out->cmds, ncap * sizeof *nc);
            if (!nc) {
                diag_add(d, DIAG_ERROR, name, lineno, 1, "out of memory");
                free(cmd.file);
                failed = 1;
                break;
            }
            out->cmds = nc;
            cap = ncap;
        }
        out->cmds[out->n++] = cmd;
    }
    if (failed) {
        script_free(out);
        return -1;
    }
    return 0;
}

int script_load(const char *path, script *out, diag_list *d)
{
    out->cmds = NULL;
    out->n = 0;
    char *buf = NULL;
    size_t n = 0;
    /* A stream: a script may come through a pipe. */
    if (kfile_read(path, KIOSK_MAX_FILE_BYTES, KFILE_STREAM, &buf, &n) != 0) {
        if (errno == EFBIG)
            diag_add(d, DIAG_ERROR, path, 0, 0, "larger than %d bytes", KIOSK_MAX_FILE_BYTES);
        else if (errno == ENOMEM)
            diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        else
            diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = script_parse(buf, n, path, out, d);
    free(buf);
    return rc;
}

void script_free(script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->cmds[i].file);
    free(s->cmds);
    s->cmds = NULL;
    s->n = 0;
}
