/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the command line. The engine options are the plugin's preferences, by the
 * same names and defaults, also taken as tshark takes them (-o tcpreuse.time_wait:120), so
 * that a scan and a tshark run read a capture alike.
 */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

static const char summary_text[] =
    "Finds where TCP socket pairs are reused and what goes wrong (TIME_WAIT, PAWS, stale ACKs,\n"
    "RSTs, port pools) in a capture of any size, with the engine of the Wireshark plugin\n"
    "tcpreuse, and reports it frame by frame as the plugin does (its Info tags and texts).";

static const char description_text[] =
    "Reports (several may be asked for; they follow each other in this order):\n"
    "  --text (the default), --json or --csv   the frames with findings\n"
    "  --summary                               the statistics tree (tshark -z tcpreuse,tree)\n"
    "  --frames                                their frame ranges and a display filter\n"
    "  --shard K/N  instead, the lines tcpreuse-scan merge needs to put N shards together: the\n"
    "            findings of shard K as JSON lines, and the rows the summary counts (if asked)\n"
    "  -w OUT    also writes OUT, a capture of the connections with findings, read again from\n"
    "            FILE (not the standard input): pcapng if OUT ends in .pcapng, else in FILE's\n"
    "            format (pcapng if wiretap cannot write it); gzip-compressed if OUT ends in .gz\n"
    "\n"
    "tcpreuse-scan merge SHARD_OUTPUT...  prints what one process would have printed: the\n"
    "  findings as JSON lines, the summary, the frames (as the shards were asked for them).\n"
    "\n"
    "Live (-i): every TCP segment cut to its headers (the engine needs no payload), or with\n"
    "  --control-only only SYN, FIN, RST and ACKs without payload; --print-filter shows the filter.\n"
    "\n"
    "Exit status:\n"
    "  0  the capture was read to its end\n"
    "  1  the reports or the extract (-w) could not be written\n"
    "  2  a wrong option or value\n"
    "  3  the capture could not be opened (no such file, not a capture, unknown format)\n"
    "  4  the capture ends early (cut short or damaged): what was read before is reported\n"
    "  5  read to its end, but frames of a link type tcpreuse-scan does not read were left out\n"
    "     (it reads Ethernet, Linux cooked SLL and SLL2, raw IP, BSD and OpenBSD loopback)\n";

/* Where the command line's values land before they are checked. */
typedef struct parsed {
    char *capture, *extract, *interface;
    gboolean text, json, csv, summary, frames, stats, control_only, print_filter, no_ts_analysis, rfc1337;
    char *time_wait, *max_pairs, *shard;
    char **prefs;
} parsed;

static bool parse_uint(const char *text, uint32_t *out)
{
    char *end;
    errno = 0;
    if (!text || !g_ascii_isdigit(text[0]))
        return false;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || *end || value > UINT32_MAX)
        return false;
    *out = (uint32_t)value;
    return true;
}

/* A preference's boolean, as Wireshark reads it: TRUE or FALSE in any case (1 and 0 too). */
static bool parse_bool(const char *text, bool *out)
{
    if (!g_ascii_strcasecmp(text, "true") || !strcmp(text, "1"))
        *out = true;
    else if (!g_ascii_strcasecmp(text, "false") || !strcmp(text, "0"))
        *out = false;
    else
        return false;
    return true;
}

/* -o tcpreuse.NAME:VALUE */
static bool apply_pref(const char *pref, tr_config *cfg)
{
    const char *colon = strchr(pref, ':');
    if (!g_str_has_prefix(pref, "tcpreuse.") || !colon) {
        fprintf(stderr, "tcpreuse-scan: -o %s: expected tcpreuse.NAME:VALUE\n", pref);
        return false;
    }
    char *name = g_strndup(pref + strlen("tcpreuse."), (size_t)(colon - pref) - strlen("tcpreuse."));
    const char *value = colon + 1;
    bool ok;
    if (!strcmp(name, "time_wait"))
        ok = parse_uint(value, &cfg->time_wait_s);
    else if (!strcmp(name, "max_pairs"))
        ok = parse_uint(value, &cfg->max_pairs);
    else if (!strcmp(name, "ts_analysis"))
        ok = parse_bool(value, &cfg->ts_analysis);
    else if (!strcmp(name, "rfc1337"))
        ok = parse_bool(value, &cfg->rfc1337);
    else {
        fprintf(stderr, "tcpreuse-scan: -o %s: no such preference (time_wait, ts_analysis, max_pairs, rfc1337)\n",
                pref);
        g_free(name);
        return false;
    }
    if (!ok)
        fprintf(stderr, "tcpreuse-scan: -o %s: not a valid value for tcpreuse.%s\n", pref, name);
    g_free(name);
    return ok;
}

/* -w OUT: the capture is read a second time, and must not be overwritten. */
static bool check_extract(const char *capture, const char *extract)
{
    if (!strcmp(capture, "-")) {
        fprintf(stderr, "tcpreuse-scan: -w %s: the capture is read twice for it: -r FILE, not the standard input\n",
                extract);
        return false;
    }
    struct stat in, out;
    if (!strcmp(extract, "-") || (stat(capture, &in) == 0 && stat(extract, &out) == 0 && in.st_dev == out.st_dev &&
                                  in.st_ino == out.st_ino)) {
        fprintf(stderr, "tcpreuse-scan: -w %s: not a file to write the extract to\n", extract);
        return false;
    }
    return true;
}

/* The checked values into opt; false (said on stderr) when one is wrong. */
static bool check(const parsed *p, tr_options *opt)
{
    opt->print_filter = p->print_filter;
    opt->control_only = p->control_only;
    if (p->print_filter)
        return true;
    if (!p->capture == !p->interface) {
        fprintf(stderr, "tcpreuse-scan: %s: -r FILE (\"-r -\" for the standard input) or -i INTERFACE\n",
                p->capture ? "-r and -i: one at a time" : "nothing to read");
        return false;
    }
    if (p->control_only && !p->interface) {
        fprintf(stderr, "tcpreuse-scan: --control-only is a live capture's filter (-i)\n");
        return false;
    }
    if (p->interface && p->extract) {
        fprintf(stderr, "tcpreuse-scan: -w needs a capture file, read twice: not -i\n");
        return false;
    }
    opt->capture = p->capture;
    opt->interface = p->interface;
    if (p->extract && p->capture && !check_extract(p->capture, p->extract))
        return false;
    opt->extract = p->extract;
    if (p->text + p->json + p->csv > 1) {
        fprintf(stderr, "tcpreuse-scan: --text, --json and --csv: one at a time\n");
        return false;
    }
    opt->summary = p->summary;
    opt->stats = p->stats;
    opt->frames = p->frames;
    opt->shard = (tr_shard){ .index = 0, .count = 0 }; /* not sharded */
    if (p->shard && !tr_shard_parse(p->shard, &opt->shard)) {
        fprintf(stderr, "tcpreuse-scan: --shard %s: expected K/N, 1 <= K <= N <= %u\n", p->shard, TR_SHARD_MAX);
        return false;
    }
    if (p->shard && (p->text || p->csv)) {
        fprintf(stderr, "tcpreuse-scan: --shard writes JSON lines for tcpreuse-scan merge, which prints the findings "
                        "as JSON lines: not --text or --csv\n");
        return false;
    }
    opt->findings = p->json  ? TR_FINDINGS_JSON
                    : p->csv ? TR_FINDINGS_CSV
                    : p->text || (!p->summary && !p->frames) ? TR_FINDINGS_TEXT
                                                             : TR_FINDINGS_NONE;
    if (p->shard && opt->findings == TR_FINDINGS_TEXT)
        opt->findings = TR_FINDINGS_JSON; /* the default; merge prints JSON lines */
    tr_config_default(&opt->engine);
    opt->engine.ts_analysis = !p->no_ts_analysis;
    opt->engine.rfc1337 = p->rfc1337;
    if (p->time_wait && !parse_uint(p->time_wait, &opt->engine.time_wait_s)) {
        fprintf(stderr, "tcpreuse-scan: --time-wait %s: not a number of seconds\n", p->time_wait);
        return false;
    }
    if (p->max_pairs && !parse_uint(p->max_pairs, &opt->engine.max_pairs)) {
        fprintf(stderr, "tcpreuse-scan: --max-pairs %s: not a number\n", p->max_pairs);
        return false;
    }
    for (char **pref = p->prefs; pref && *pref; pref++)
        if (!apply_pref(*pref, &opt->engine))
            return false;
    return true;
}

int tr_options_parse(int argc, char **argv, tr_options *opt)
{
    static parsed p; /* the capture's name lives as long as the program */
    const GOptionEntry entries[] = {
        { "read", 'r', 0, G_OPTION_ARG_FILENAME, &p.capture, "The capture to read (\"-\": the standard input)",
          "FILE" },
        { "interface", 'i', 0, G_OPTION_ARG_STRING, &p.interface,
          "Capture live on INTERFACE (libpcap; \"any\" for all) until interrupted (Ctrl-C, SIGTERM), then report",
          "INTERFACE" },
        { "control-only", 0, 0, G_OPTION_ARG_NONE, &p.control_only,
          "-i: keep only SYN, FIN, RST and ACKs without payload (fewer frames; what rests on data is lost)", NULL },
        { "print-filter", 0, 0, G_OPTION_ARG_NONE, &p.print_filter,
          "Print the live capture's snap length and capture filters (for tcpdump) and exit", NULL },
        { "write", 'w', 0, G_OPTION_ARG_FILENAME, &p.extract,
          "Write the connections with findings to OUT, a capture to open in Wireshark", "OUT" },
        { "text", 0, 0, G_OPTION_ARG_NONE, &p.text, "Findings as text lines: frame, time, 4-tuple, tags, texts", NULL },
        { "json", 0, 0, G_OPTION_ARG_NONE, &p.json,
          "Findings as JSON lines, keys the display filter names without \"tcpreuse.\"", NULL },
        { "csv", 0, 0, G_OPTION_ARG_NONE, &p.csv, "Findings as CSV, a column per field", NULL },
        { "summary", 0, 0, G_OPTION_ARG_NONE, &p.summary, "The statistics tree (tshark -z tcpreuse,tree)", NULL },
        { "frames", 0, 0, G_OPTION_ARG_NONE, &p.frames,
          "The frames with findings: ranges for editcap and a display filter", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &p.stats,
          "At the end, on stderr: frames, socket pairs tracked and forgotten, frames with findings, the engine's heap",
          NULL },
        { "shard", 0, 0, G_OPTION_ARG_STRING, &p.shard,
          "Analyse shard K of N (by address pair) and write it for tcpreuse-scan merge", "K/N" },
        { "time-wait", 0, 0, G_OPTION_ARG_STRING, &p.time_wait,
          "TIME_WAIT length of the end that closes first (tcpreuse.time_wait; default 60: Linux)", "SECONDS" },
        { "max-pairs", 0, 0, G_OPTION_ARG_STRING, &p.max_pairs,
          "Socket pairs remembered, and the bound of the clock, pool and ECN tables (tcpreuse.max_pairs; default "
          "500000)",
          "N" },
        { "no-ts-analysis", 0, 0, G_OPTION_ARG_NONE, &p.no_ts_analysis,
          "Do not follow timestamp clocks per address (tcpreuse.ts_analysis FALSE)", NULL },
        { "rfc1337", 0, 0, G_OPTION_ARG_NONE, &p.rfc1337,
          "The TIME_WAIT holder ignores RSTs: Linux net.ipv4.tcp_rfc1337 = 1 (tcpreuse.rfc1337)", NULL },
        { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &p.prefs,
          "A preference of the plugin as tshark takes it, e.g. tcpreuse.time_wait:120", "tcpreuse.NAME:VALUE" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *context = g_option_context_new("-r FILE | -i INTERFACE");
    g_option_context_set_summary(context, summary_text);
    g_option_context_set_description(context, description_text);
    g_option_context_add_main_entries(context, entries, NULL);
    GError *error = NULL;
    /* GLib prints --help itself and exits 0. */
    bool parsed_ok = g_option_context_parse(context, &argc, &argv, &error);
    g_option_context_free(context);
    if (!parsed_ok) {
        fprintf(stderr, "tcpreuse-scan: %s (see --help)\n", error->message);
        g_error_free(error);
        return TR_EXIT_USAGE;
    }
    if (argc > 1) {
        fprintf(stderr, "tcpreuse-scan: unexpected argument %s (the capture is read with -r FILE or -i INTERFACE)\n",
                argv[1]);
        return TR_EXIT_USAGE;
    }
    return check(&p, opt) ? TR_EXIT_OK : TR_EXIT_USAGE;
}
