/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the tcpreuse engine over a capture file, without Wireshark's dissection.
 * Reads the capture to its end (or its cut), then reports: findings are final only once
 * every frame has been seen, as in the plugin's second pass.
 */
#define _POSIX_C_SOURCE 200809L /* sigaction() */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "capture.h"
#include "extract.h"
#include "live_filter.h"
#include "merge.h"
#include "options.h"
#include "print_frames.h"
#include "progress.h"
#include "scan.h"
#include "shard_output.h"
#include "summary.h"

/* --stats: what the scan held, for sizing max_pairs and memory. */
static void print_stats(const tr_engine_stats *stats, uint32_t frames)
{
    fprintf(stderr,
            "tcpreuse-scan: %" PRIu32 " frames, %zu socket pairs tracked (%zu forgotten for max_pairs), %zu frames "
            "with findings, engine heap %.1f MB\n",
            frames, stats->pairs, stats->evicted, stats->findings, stats->bytes / 1e6);
}

/* --print-filter: what a live capture keeps, in tcpdump's terms. */
static int print_filter(bool control_only)
{
    char *ethernet = tr_live_filter(control_only, true), *other = tr_live_filter(control_only, false);
    printf("snaplen %d\nethernet %s\nother %s\n", TR_LIVE_SNAPLEN, ethernet, other);
    g_free(ethernet);
    g_free(other);
    return TR_EXIT_OK;
}

/* -i: Ctrl-C or SIGTERM ends the capture, and the reports follow; a second one kills. */
static tr_capture *live_capture;

static void stop_capture(int signal)
{
    (void)signal;
    tr_capture_stop(live_capture);
}

static void stop_on_signals(tr_capture *cap)
{
    live_capture = cap;
    struct sigaction action = { .sa_handler = stop_capture, .sa_flags = SA_RESETHAND };
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

static void print_reports(const tr_options *opt, const tr_scan_report *report)
{
    tr_print_findings(stdout, opt->findings, report);
    if (opt->summary)
        tr_print_summary(stdout, report);
    if (opt->frames)
        tr_print_frames(stdout, report);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "merge"))
        return tr_merge_main(argc - 1, argv + 1);
    tr_options opt;
    int status = tr_options_parse(argc, argv, &opt);
    if (status != TR_EXIT_OK)
        return status;

    if (opt.print_filter)
        return print_filter(opt.control_only);

    tr_capture_library_init();
    char *error = NULL;
    const char *source = opt.capture ? opt.capture : opt.interface;
    tr_capture *cap = opt.capture ? tr_capture_open(opt.capture, &error)
                                  : tr_capture_open_live(opt.interface, opt.control_only, &error);
    if (!cap) {
        fprintf(stderr, "tcpreuse-scan: cannot read %s: %s\n", source, error);
        g_free(error);
        return TR_EXIT_UNREADABLE;
    }
    if (opt.interface)
        stop_on_signals(cap);
    tr_scan *scan = tr_scan_new(&opt.engine, &opt.shard);
    tr_frame frame;
    tr_progress *progress = tr_progress_new(stderr, cap, scan);
    while (tr_capture_next(cap, &frame)) {
        tr_scan_frame(scan, &frame, stderr);
        tr_progress_frame(progress, frame.number);
    }
    tr_progress_end(progress);
    const char *cut = tr_capture_error(cap);
    if (cut) {
        fprintf(stderr, "tcpreuse-scan: %s ends early, after frame %u: %s; the frames before are reported\n",
                source, tr_capture_frames(cap), cut);
        status = TR_EXIT_CUT;
    } else if (tr_scan_skipped_link_types(scan)) {
        status = TR_EXIT_LINK_TYPE;
    }
    tr_scan_say_unanalysed(scan, stderr);
    unsigned dropped = tr_capture_dropped(cap);
    if (dropped)
        fprintf(stderr, "tcpreuse-scan: %u frames dropped by the kernel or the interface: findings around them may be "
                        "missing or wrong\n",
                dropped);
    tr_engine_stats engine_stats;
    tr_scan_engine_stats(scan, &engine_stats);
    if (opt.stats)
        print_stats(&engine_stats, tr_capture_frames(cap));
    if (engine_stats.findings_dropped) {
        fprintf(stderr,
                "tcpreuse-scan: the findings of %zu frames were not kept (the engine's records reached 16 GB): the "
                "reports leave them out; scan the capture in shards (--shard K/N)\n",
                engine_stats.findings_dropped);
        status = TR_EXIT_FAILED;
    }

    tr_scan_report report = tr_scan_report_of(scan);
    if (opt.shard.count)
        tr_print_shard_output(stdout, &opt, &report, tr_capture_frames(cap), status);
    else
        print_reports(&opt, &report);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tcpreuse-scan: cannot write the reports: %s\n", strerror(errno));
        status = TR_EXIT_FAILED;
    }
    if (opt.extract && !tr_write_extract(opt.capture, opt.extract, &report, stderr))
        status = TR_EXIT_FAILED;
    tr_scan_free(scan);
    tr_capture_close(cap);
    return status;
}
