/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the tcpreuse engine over a capture file, without Wireshark's dissection.
 * Reads the capture to its end (or its cut), then reports: findings are final only once
 * every frame has been seen, as in the plugin's second pass.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "capture.h"
#include "extract.h"
#include "merge.h"
#include "options.h"
#include "print_frames.h"
#include "progress.h"
#include "scan.h"
#include "shard_output.h"
#include "summary.h"

/* --stats: what the scan held, for sizing max_pairs and memory. */
static void print_stats(const tr_scan *scan, uint32_t frames)
{
    tr_engine_stats stats;
    tr_scan_engine_stats(scan, &stats);
    fprintf(stderr,
            "tcpreuse-scan: %" PRIu32 " frames, %zu socket pairs tracked (%zu forgotten for max_pairs), %zu frames "
            "with findings, engine heap %.1f MB\n",
            frames, stats.pairs, stats.evicted, stats.findings, stats.bytes / 1e6);
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

    tr_capture_library_init();
    char *error = NULL;
    tr_capture *cap = tr_capture_open(opt.capture, &error);
    if (!cap) {
        fprintf(stderr, "tcpreuse-scan: cannot read %s: %s\n", opt.capture, error);
        g_free(error);
        return TR_EXIT_UNREADABLE;
    }
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
                opt.capture, tr_capture_frames(cap), cut);
        status = TR_EXIT_CUT;
    } else if (tr_scan_skipped_link_types(scan)) {
        status = TR_EXIT_LINK_TYPE;
    }
    tr_scan_say_unanalysed(scan, stderr);
    if (opt.stats)
        print_stats(scan, tr_capture_frames(cap));

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
