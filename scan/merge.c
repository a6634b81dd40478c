/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "merge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "json_text.h"
#include "options.h"
#include "print_frames.h"
#include "shard_output.h"
#include "summary_tree.h"

/* The longest line a shard writes is a frame's findings (a few kilobytes); anything longer is
 * not a shard's output. */
#define LINE_MAX_BYTES (256 * 1024)

/* One shard's output, read a frame at a time. */
typedef struct shard_input {
    const char *name;
    FILE *file;
    uint32_t index, count;      /* K - 1, N */
    char *reports, *engine;     /* as its header says */
    char *buffer;               /* LINE_MAX_BYTES to read a line into */
    GString *line;              /* the line read last, not yet taken */
    bool at_end;                /* its end line was read */
    GString *finding, *stats;   /* the current frame's lines (stats empty: none) */
    uint32_t frame;             /* the current frame; 0 before the first */
    uint32_t frames_read, status;
    int64_t first_time_ns;
} shard_input;

static bool failed(const shard_input *s, const char *what)
{
    fprintf(stderr, "tcpreuse-scan merge: %s: %s\n", s->name, what);
    return false;
}

/* The next line into s->line, without its newline; false at the end of the file or on an
 * error (said). */
static bool read_line(shard_input *s, bool *eof)
{
    *eof = false;
    if (!fgets(s->buffer, LINE_MAX_BYTES, s->file)) {
        *eof = !ferror(s->file);
        return *eof ? false : failed(s, strerror(errno));
    }
    size_t len = strlen(s->buffer);
    if (len == 0 || s->buffer[len - 1] != '\n')
        return failed(s, feof(s->file) ? "ends in the middle of a line (the shard was stopped?)"
                                       : "a line too long to be a shard's output");
    g_string_truncate(s->line, 0);
    g_string_append_len(s->line, s->buffer, (gssize)len - 1);
    return true;
}

/* A JSON string at *p into *out (a copy to free), then `after`. */
static bool read_string_then(const char **p, char **out, const char *after)
{
    GString *value = g_string_new(NULL);
    bool ok = tr_json_read_string(p, value) && g_str_has_prefix(*p, after);
    if (ok)
        *p += strlen(after);
    *out = g_string_free(value, !ok);
    return ok;
}

static bool parse_shard_name(const char *text, uint32_t *index, uint32_t *count)
{
    tr_shard shard;
    if (!tr_shard_parse(text, &shard))
        return false;
    *index = shard.index;
    *count = shard.count;
    return true;
}

static bool read_header(shard_input *s)
{
    bool eof;
    if (!read_line(s, &eof))
        return eof ? failed(s, "empty: not the output of tcpreuse-scan --shard") : false;
    const char *p = s->line->str;
    char *name = NULL;
    bool ok = g_str_has_prefix(p, TR_SHARD_HEADER_START);
    p += ok ? strlen(TR_SHARD_HEADER_START) : 0;
    ok = ok && read_string_then(&p, &name, ",\"reports\":") && parse_shard_name(name, &s->index, &s->count) &&
         read_string_then(&p, &s->reports, ",\"engine\":") && read_string_then(&p, &s->engine, "}") && !*p;
    g_free(name);
    return ok || failed(s, "not the output of tcpreuse-scan --shard (its first line)");
}

static bool read_end(shard_input *s)
{
    unsigned k, n, frames, status;
    int64_t first;
    int used = 0;
    if (sscanf(s->line->str, TR_SHARD_END_START "\"%u/%u\",\"frames\":%u,\"first_time_ns\":%" SCNd64
                                                ",\"status\":%u}%n",
               &k, &n, &frames, &first, &status, &used) != 5 ||
        (size_t)used != s->line->len || k != s->index + 1 || n != s->count)
        return failed(s, "its end line is not this shard's");
    s->frames_read = frames;
    s->first_time_ns = first;
    s->status = status;
    s->at_end = true;
    return true;
}

/* The frame number a findings line starts with. */
static bool frame_of(const char *line, uint32_t *frame)
{
    if (!g_str_has_prefix(line, TR_SHARD_FINDING_START))
        return false;
    const char *digits = line + strlen(TR_SHARD_FINDING_START);
    char *end;
    errno = 0;
    unsigned long long value = g_ascii_strtoull(digits, &end, 10);
    if (errno || end == digits || *end != ',' || value == 0 || value > UINT32_MAX)
        return false;
    *frame = (uint32_t)value;
    return true;
}

/* The next frame's lines (or the end line) of a shard. */
static bool advance(shard_input *s)
{
    bool eof;
    uint32_t frame;
    if (g_str_has_prefix(s->line->str, TR_SHARD_END_START))
        return read_end(s);
    if (!frame_of(s->line->str, &frame))
        return failed(s, "a line that is neither a frame's findings nor the end");
    if (frame <= s->frame)
        return failed(s, "frames out of order");
    s->frame = frame;
    g_string_assign(s->finding, s->line->str);
    g_string_truncate(s->stats, 0);
    if (!read_line(s, &eof))
        return eof ? failed(s, "no end line: the shard was stopped before it finished") : false;
    if (!g_str_has_prefix(s->line->str, TR_SHARD_STATS_START))
        return true;
    g_string_assign(s->stats, s->line->str);
    return read_line(s, &eof) || (eof ? failed(s, "no end line: the shard was stopped before it finished") : false);
}

/* ---- the summary's rows, replayed ---------------------------------------------------------- */

/* One call [["Heading","row"],value] at *p into the tree. */
static bool replay_call(const char **p, tr_summary_tree *tree, GString *name)
{
    int parent = 0;
    if (*(*p)++ != '[' || *(*p)++ != '[')
        return false;
    for (;;) {
        if (!tr_json_read_string(p, name))
            return false;
        if (**p == ']')
            break;
        if (*(*p)++ != ',')
            return false;
        parent = tr_summary_tree_row(tree, name->str, parent);
    }
    (*p)++;
    if (*(*p)++ != ',')
        return false;
    if (g_str_has_prefix(*p, "null")) {
        *p += 4;
        tr_summary_tree_sink.tick(tree, name->str, parent, false);
    } else {
        char *end;
        double value = g_ascii_strtod(*p, &end);
        if (end == *p)
            return false;
        *p = end;
        tr_summary_tree_sink.figure(tree, name->str, parent, value);
    }
    return *(*p)++ == ']';
}

static bool replay_stats(const shard_input *s, tr_summary_tree *tree)
{
    const char *p = s->stats->str + strlen(TR_SHARD_STATS_START);
    GString *name = g_string_new(NULL);
    bool ok = true;
    while (ok && *p != ']') {
        ok = replay_call(&p, tree, name) && (*p == ']' || *p++ == ',');
    }
    g_string_free(name, TRUE);
    ok = ok && !strcmp(p, "]}");
    return ok || failed(s, "a summary line that cannot be read");
}

/* ---- the shards as a whole --------------------------------------------------------------- */

static bool has_word(const char *words, const char *word)
{
    char **list = g_strsplit(words, " ", -1);
    bool found = g_strv_contains((const char *const *)list, word);
    g_strfreev(list);
    return found;
}

/* Every shard of one N once, with the same reports and options. */
static bool check_headers(shard_input *shards, int n)
{
    bool *seen = g_new0(bool, (size_t)n);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        shard_input *s = &shards[i];
        if (s->count != (uint32_t)n) {
            char *why = g_strdup_printf("shard %" PRIu32 "/%" PRIu32 ": the outputs of all %" PRIu32
                                        " shards are needed, %d given",
                                        s->index + 1, s->count, s->count, n);
            ok = failed(s, why);
            g_free(why);
        }
        else if (seen[s->index])
            ok = failed(s, "this shard was given twice");
        else if (strcmp(s->reports, shards[0].reports) || strcmp(s->engine, shards[0].engine))
            ok = failed(s, "asked for other reports or options than the first output");
        else
            seen[s->index] = true;
    }
    g_free(seen);
    return ok;
}

/* The same capture read to the same end by each. */
static bool check_ends(shard_input *shards, int n)
{
    for (int i = 1; i < n; i++) {
        const shard_input *s = &shards[i], *first = &shards[0];
        if (s->frames_read != first->frames_read || s->first_time_ns != first->first_time_ns ||
            s->status != first->status)
            return failed(s, "read another capture than the first output (frames, first frame's time or status)");
    }
    return true;
}

/* Frame by frame across the shards: prints the findings' lines, replays the summary's rows and
 * lists the frames. */
static bool merge_frames(shard_input *shards, int n, bool print_findings, tr_summary_tree *tree, GArray *frames)
{
    for (;;) {
        shard_input *next = NULL;
        for (int i = 0; i < n; i++) {
            shard_input *s = &shards[i];
            if (s->at_end)
                continue;
            if (next && s->frame == next->frame)
                return failed(s, "a frame that another shard reports too: the shards overlap");
            if (!next || s->frame < next->frame)
                next = s;
        }
        if (!next)
            return true;
        if (print_findings)
            printf("%s\n", next->finding->str);
        if (next->stats->len && !replay_stats(next, tree))
            return false;
        g_array_append_val(frames, next->frame);
        if (!advance(next))
            return false;
    }
}

static int merge(shard_input *shards, int n)
{
    for (int i = 0; i < n; i++)
        if (!read_header(&shards[i]))
            return TR_EXIT_UNREADABLE;
    if (!check_headers(shards, n))
        return TR_EXIT_UNREADABLE;
    for (int i = 0; i < n; i++) {
        bool eof;
        if (!read_line(&shards[i], &eof) || !advance(&shards[i])) {
            if (eof)
                failed(&shards[i], "no end line: the shard was stopped before it finished");
            return TR_EXIT_UNREADABLE;
        }
    }
    const char *reports = shards[0].reports;
    tr_summary_tree *tree = tr_summary_tree_new();
    GArray *frames = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    int status = TR_EXIT_UNREADABLE;
    if (merge_frames(shards, n, has_word(reports, TR_SHARD_REPORT_FINDINGS), tree, frames) && check_ends(shards, n)) {
        if (has_word(reports, TR_SHARD_REPORT_SUMMARY))
            tr_summary_tree_print(stdout, tree);
        if (has_word(reports, TR_SHARD_REPORT_FRAMES))
            tr_print_frame_list(stdout, (const uint32_t *)(void *)frames->data, frames->len);
        status = (int)shards[0].status;
    }
    tr_summary_tree_free(tree);
    g_array_free(frames, TRUE);
    return status;
}

int tr_merge_main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: tcpreuse-scan merge SHARD_OUTPUT...\n"
                "  the outputs of tcpreuse-scan --shard K/N, every K of one N (\"-\": the standard input),\n"
                "  put together into what one tcpreuse-scan prints with the same options\n");
        return argc < 2 ? TR_EXIT_USAGE : TR_EXIT_OK;
    }
    int n = argc - 1;
    shard_input *shards = g_new0(shard_input, (size_t)n);
    int status = TR_EXIT_OK, stdin_uses = 0;
    for (int i = 0; i < n; i++) {
        shard_input *s = &shards[i];
        s->name = argv[i + 1];
        bool is_stdin = !strcmp(s->name, "-");
        stdin_uses += is_stdin;
        s->file = is_stdin ? stdin : fopen(s->name, "r");
        s->buffer = g_malloc(LINE_MAX_BYTES);
        s->line = g_string_new(NULL);
        s->finding = g_string_new(NULL);
        s->stats = g_string_new(NULL);
        if (!s->file) {
            fprintf(stderr, "tcpreuse-scan merge: cannot read %s: %s\n", s->name, strerror(errno));
            status = TR_EXIT_UNREADABLE;
        }
    }
    if (stdin_uses > 1) {
        fprintf(stderr, "tcpreuse-scan merge: \"-\" (the standard input) given more than once\n");
        status = TR_EXIT_USAGE;
    }
    if (status == TR_EXIT_OK)
        status = merge(shards, n);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tcpreuse-scan merge: cannot write: %s\n", strerror(errno));
        status = TR_EXIT_FAILED;
    }
    for (int i = 0; i < n; i++) {
        shard_input *s = &shards[i];
        if (s->file && s->file != stdin)
            fclose(s->file);
        g_free(s->buffer);
        g_free(s->reports);
        g_free(s->engine);
        g_string_free(s->line, TRUE);
        g_string_free(s->finding, TRUE);
        g_string_free(s->stats, TRUE);
    }
    g_free(shards);
    return status;
}
