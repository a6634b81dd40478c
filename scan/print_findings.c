/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: a frame's report is gathered once (fields and texts, by the visit the plugin's
 * tree is drawn from) and then written in the format asked for.
 */
#include "print_findings.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "finding_fields.h"
#include "json_text.h"
#include "tcpreuse/describe.h"

#define TEXT_LEN 256  /* as the describe texts */
#define MAX_TEXTS 9   /* one per group */
#define VALUE_LEN 32  /* a number or a time span */

/* One frame's report. */
typedef struct frame_report {
    const tr_logged_frame *frame;
    tr_finding finding;
    char tags[TEXT_LEN];
    bool present[TR_FIELD_COUNT];
    tr_field_value value[TR_FIELD_COUNT];
    tr_field_id order[TR_FIELD_COUNT]; /* the present fields, in the plugin's order */
    size_t fields;
    char texts[MAX_TEXTS][TEXT_LEN];
    size_t text_count;
} frame_report;

static void on_group_begins(void *ctx, tr_group group, const char *text)
{
    frame_report *r = ctx;
    (void)group;
    if (text && text[0] && r->text_count < MAX_TEXTS)
        g_strlcpy(r->texts[r->text_count++], text, TEXT_LEN);
}

static void on_field(void *ctx, const tr_field_value *v)
{
    frame_report *r = ctx;
    if (r->present[v->id])
        return;
    r->present[v->id] = true;
    r->value[v->id] = *v;
    r->order[r->fields++] = v->id;
}

static void on_group_ends(void *ctx, tr_group group, const char *text)
{
    (void)ctx, (void)group, (void)text;
}

static const tr_finding_visitor gather_visitor = {
    .group_begins = on_group_begins, .field = on_field, .group_ends = on_group_ends,
};

/* A skipped frame's kind, as the JSON and the CSV name it. */
static const char *skip_name(tr_frame_kind kind)
{
    return kind == TR_FRAME_TRUNCATED ? "truncated" : "malformed";
}

static const char *skip_text(tr_frame_kind kind)
{
    return kind == TR_FRAME_TRUNCATED ? tr_text_truncated : tr_text_malformed;
}

/* False when the frame has nothing to show. */
static bool gather(frame_report *r, const tr_scan *scan, const tr_logged_frame *frame)
{
    memset(r->present, 0, sizeof r->present);
    r->frame = frame;
    r->fields = r->text_count = 0;
    r->tags[0] = '\0';
    if (frame->kind != TR_FRAME_FINDING) {
        g_strlcpy(r->texts[r->text_count++], skip_text(frame->kind), TEXT_LEN);
        return true;
    }
    if (!tr_scan_finding(scan, frame, &r->finding))
        return false;
    tr_describe_info_tags(&r->finding, r->tags, sizeof r->tags);
    /* Reported once the capture has been read, as the plugin's second pass shows them. */
    tr_visit_options opt = { .capture_read = true, .tags = r->tags };
    tr_visit_finding(&r->finding, &opt, &gather_visitor, r);
    return true;
}

/* Seconds with nine decimals, as Wireshark writes relative times ("-0.500000000"). */
static char *seconds_text(int64_t ns, char *buf, size_t len)
{
    uint64_t magnitude = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    snprintf(buf, len, "%s%" PRIu64 ".%09" PRIu64, ns < 0 ? "-" : "", magnitude / 1000000000u,
             magnitude % 1000000000u);
    return buf;
}

/* A field's value as text (strings as they are; JSON quotes them). */
static const char *value_text(const tr_field_value *v, char *buf, size_t len)
{
    switch (tr_field_type_of(v->id)) {
    case TR_FIELD_FRAME:
    case TR_FIELD_UINT:
        snprintf(buf, len, "%" PRIu32, v->as.number);
        return buf;
    case TR_FIELD_TIME:
        return seconds_text(v->as.ns, buf, len);
    case TR_FIELD_STRING:
        return v->as.string;
    case TR_FIELD_FLAG:
        break;
    }
    return "true";
}

/* An address and port: 192.0.2.1:80, [2001:db8::1]:80. */
static void print_end(FILE *out, const tr_address *a, uint16_t port)
{
    char text[TR_ADDRESS_TEXT_LEN];
    tr_address_text(a, text, sizeof text);
    fprintf(out, a->family == 6 ? "[%s]:%u" : "%s:%u", text, port);
}

/* ---- text lines ------------------------------------------------------------------------ */

/* 55 68.200000 203.0.113.7:44157 > 198.51.100.10:80 [SYN in TIME_WAIT] [PAWS reject]: text | text */
static void print_line(FILE *out, const frame_report *r, int64_t first_time_ns)
{
    const tr_logged_frame *f = r->frame;
    int64_t rel = f->time_ns - first_time_ns;
    char when[VALUE_LEN];
    seconds_text(rel, when, sizeof when);
    /* Microseconds are enough to read; the JSON and CSV keep the nanoseconds. */
    when[strlen(when) - 3] = '\0';
    fprintf(out, "%" PRIu32 " %s", f->frame, when);
    if (f->has_ends) {
        fputc(' ', out);
        print_end(out, &f->ends.src, f->ends.sport);
        fputs(" > ", out);
        print_end(out, &f->ends.dst, f->ends.dport);
    }
    if (r->tags[0])
        fprintf(out, " %s", r->tags);
    for (size_t i = 0; i < r->text_count; i++)
        fprintf(out, "%s%s", i ? " | " : ": ", r->texts[i]);
    fputc('\n', out);
}

/* ---- JSON lines ------------------------------------------------------------------------ */

static void print_json_address(FILE *out, const char *key, const tr_address *a, const char *port_key, uint16_t port)
{
    char text[TR_ADDRESS_TEXT_LEN];
    fprintf(out, ",\"%s\":", key);
    tr_json_print_string(out, tr_address_text(a, text, sizeof text));
    fprintf(out, ",\"%s\":%u", port_key, port);
}

static void print_json(FILE *out, const frame_report *r, int64_t first_time_ns)
{
    const tr_logged_frame *f = r->frame;
    char epoch[VALUE_LEN], rel[VALUE_LEN], value[VALUE_LEN];
    fprintf(out, "{\"frame\":%" PRIu32 ",\"time_epoch\":%s,\"time_relative\":%s", f->frame,
            seconds_text(f->time_ns, epoch, sizeof epoch), seconds_text(f->time_ns - first_time_ns, rel, sizeof rel));
    if (f->has_ends) {
        print_json_address(out, "src", &f->ends.src, "srcport", f->ends.sport);
        print_json_address(out, "dst", &f->ends.dst, "dstport", f->ends.dport);
    }
    if (f->kind != TR_FRAME_FINDING)
        fprintf(out, ",\"skipped\":\"%s\"", skip_name(f->kind));
    for (size_t i = 0; i < r->fields; i++) {
        const tr_field_value *v = &r->value[r->order[i]];
        fprintf(out, ",\"%s\":", tr_field_name(v->id));
        if (tr_field_type_of(v->id) == TR_FIELD_STRING)
            tr_json_print_string(out, v->as.string);
        else
            fputs(value_text(v, value, sizeof value), out);
    }
    fputs(",\"texts\":[", out);
    for (size_t i = 0; i < r->text_count; i++) {
        if (i)
            fputc(',', out);
        tr_json_print_string(out, r->texts[i]);
    }
    fputs("]}\n", out);
}

/* ---- CSV (RFC 4180) -------------------------------------------------------------------- */

static void print_csv_cell(FILE *out, const char *s)
{
    fputc(',', out);
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void print_csv_header(FILE *out)
{
    fputs("frame,time_epoch,time_relative,src,srcport,dst,dstport,skipped", out);
    for (int id = 0; id < TR_FIELD_COUNT; id++)
        fprintf(out, ",%s", tr_field_name(id));
    fputs(",texts\n", out);
}

static void print_csv(FILE *out, const frame_report *r, int64_t first_time_ns)
{
    const tr_logged_frame *f = r->frame;
    char text[TEXT_LEN * MAX_TEXTS], value[VALUE_LEN];
    fprintf(out, "%" PRIu32, f->frame);
    print_csv_cell(out, seconds_text(f->time_ns, value, sizeof value));
    print_csv_cell(out, seconds_text(f->time_ns - first_time_ns, value, sizeof value));
    if (f->has_ends) {
        fprintf(out, ",%s,%u", tr_address_text(&f->ends.src, text, sizeof text), f->ends.sport);
        fprintf(out, ",%s,%u", tr_address_text(&f->ends.dst, text, sizeof text), f->ends.dport);
    } else {
        fputs(",,,,", out);
    }
    print_csv_cell(out, f->kind == TR_FRAME_FINDING ? "" : skip_name(f->kind));
    for (int id = 0; id < TR_FIELD_COUNT; id++)
        print_csv_cell(out, r->present[id] ? value_text(&r->value[id], value, sizeof value) : "");
    text[0] = '\0';
    for (size_t i = 0; i < r->text_count; i++) {
        if (i)
            g_strlcat(text, " | ", sizeof text);
        g_strlcat(text, r->texts[i], sizeof text);
    }
    print_csv_cell(out, text);
    fputc('\n', out);
}

struct tr_findings_printer {
    FILE *out;
    tr_findings_format format;
    const tr_scan_report *report;
    frame_report frame;
};

tr_findings_printer *tr_findings_printer_new(FILE *out, tr_findings_format format, const tr_scan_report *report_of)
{
    tr_findings_printer *p = g_new(tr_findings_printer, 1);
    p->out = out;
    p->format = format;
    p->report = report_of;
    if (format == TR_FINDINGS_CSV)
        print_csv_header(out);
    return p;
}

bool tr_findings_printer_frame(tr_findings_printer *p, size_t i)
{
    frame_report *r = &p->frame;
    if (!gather(r, p->report->scan, &p->report->frames[i]))
        return false;
    int64_t first_time_ns = p->report->first_time_ns;
    switch (p->format) {
    case TR_FINDINGS_TEXT:
        print_line(p->out, r, first_time_ns);
        break;
    case TR_FINDINGS_JSON:
        print_json(p->out, r, first_time_ns);
        break;
    case TR_FINDINGS_CSV:
        print_csv(p->out, r, first_time_ns);
        break;
    case TR_FINDINGS_NONE:
        break;
    }
    return true;
}

void tr_findings_printer_free(tr_findings_printer *p)
{
    g_free(p);
}

void tr_print_findings(FILE *out, tr_findings_format format, const tr_scan_report *report_of)
{
    if (format == TR_FINDINGS_NONE)
        return;
    tr_findings_printer *p = tr_findings_printer_new(out, format, report_of);
    for (size_t i = 0; i < report_of->count; i++)
        tr_findings_printer_frame(p, i);
    tr_findings_printer_free(p);
}
