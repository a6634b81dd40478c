/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _POSIX_C_SOURCE 200809L /* fileno(), isatty() */
#include "progress.h"

#include <unistd.h>

#include <glib.h>

#define CHECK_EVERY 4096              /* frames between looks at the clock, in a file */
#define REDRAW_NS 500000000LL         /* at most twice a second */

struct tr_progress {
    FILE *tty;
    tr_capture *cap;
    const tr_scan *scan;
    uint32_t every;                   /* frames between looks at the clock: 1 live (a quiet link) */
    int64_t start_ns, drawn_ns;
    bool drawn;
};

static int64_t now_ns(void)
{
    return g_get_monotonic_time() * 1000;
}

tr_progress *tr_progress_new(FILE *tty, tr_capture *cap, const tr_scan *scan)
{
    if (!isatty(fileno(tty)))
        return NULL;
    tr_progress *p = g_new0(tr_progress, 1);
    p->tty = tty;
    p->cap = cap;
    p->scan = scan;
    int64_t done, total;
    p->every = tr_capture_position(cap, &done, &total) ? CHECK_EVERY : 1;
    p->start_ns = p->drawn_ns = now_ns();
    return p;
}

static void draw(tr_progress *p, uint32_t frames, int64_t now)
{
    tr_engine_stats stats;
    tr_scan_engine_stats(p->scan, &stats);
    double seconds = (double)(now - p->start_ns) / 1e9;
    fprintf(p->tty, "\rtcpreuse-scan: %.1f M frames, %zu with findings, %.0f k frames/s", frames / 1e6,
            stats.findings, seconds > 0 ? frames / seconds / 1e3 : 0.0);
    int64_t done, total;
    if (tr_capture_position(p->cap, &done, &total) && total > 0)
        fprintf(p->tty, ", %.0f %% of the file", 100.0 * (double)done / (double)total);
    unsigned dropped = tr_capture_dropped(p->cap);
    if (dropped)
        fprintf(p->tty, ", %u dropped by the kernel", dropped);
    fputs("\033[K", p->tty); /* clears what a longer line left */
    fflush(p->tty);
    p->drawn = true;
    p->drawn_ns = now;
}

void tr_progress_frame(tr_progress *p, uint32_t frames)
{
    if (!p || frames % p->every)
        return;
    int64_t now = now_ns();
    if (now - p->drawn_ns >= REDRAW_NS)
        draw(p, frames, now);
}

void tr_progress_end(tr_progress *p)
{
    if (!p)
        return;
    if (p->drawn) {
        fputs("\r\033[K", p->tty);
        fflush(p->tty);
    }
    g_free(p);
}
