/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the tcpreuse engine over a capture file, without Wireshark's dissection.
 * Reads the capture to its end (or its cut), then reports: findings are final only once
 * every frame has been seen, as in the plugin's second pass.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "capture.h"
#include "options.h"
#include "print_frames.h"
#include "scan.h"
#include "summary.h"

static void report(const tr_options *opt, tr_scan *scan)
{
    tr_scan_report report = tr_scan_report_of(scan);
    tr_print_findings(stdout, opt->findings, &report);
    if (opt->summary)
        tr_print_summary(stdout, &report);
    if (opt->frames)
        tr_print_frames(stdout, &report);
}

int main(int argc, char **argv)
{
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
    tr_scan *scan = tr_scan_new(&opt.engine);
    tr_frame frame;
    while (tr_capture_next(cap, &frame))
        tr_scan_frame(scan, &frame, stderr);
    const char *cut = tr_capture_error(cap);
    if (cut) {
        fprintf(stderr, "tcpreuse-scan: %s ends early, after frame %u: %s; the frames before are reported\n",
                opt.capture, tr_capture_frames(cap), cut);
        status = TR_EXIT_CUT;
    } else if (tr_scan_skipped_link_types(scan)) {
        status = TR_EXIT_LINK_TYPE;
    }
    tr_scan_say_unanalysed(scan, stderr);

    report(&opt, scan);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tcpreuse-scan: cannot write the reports: %s\n", strerror(errno));
        status = TR_EXIT_FAILED;
    }
    tr_scan_free(scan);
    tr_capture_close(cap);
    return status;
}
