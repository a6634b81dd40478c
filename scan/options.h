/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the command line.
 */
#ifndef TCPREUSE_SCAN_OPTIONS_H
#define TCPREUSE_SCAN_OPTIONS_H

#include <stdbool.h>

#include "print_findings.h"
#include "shard.h"
#include "tcpreuse/engine.h"

/* Exit statuses, as --help and README.md document them. */
enum {
    TR_EXIT_OK = 0,          /* the capture was read to its end */
    TR_EXIT_FAILED = 1,      /* the reports or the extract (-w) could not be written, or not whole */
    TR_EXIT_USAGE = 2,       /* a wrong option or value */
    TR_EXIT_UNREADABLE = 3,  /* the capture could not be opened */
    TR_EXIT_CUT = 4,         /* the capture ends early (cut short or damaged): reported up to there */
    TR_EXIT_LINK_TYPE = 5,   /* read to its end, but frames of a link type the scanner cannot read were left out */
};

typedef struct tr_options {
    const char *capture;          /* -r; "-" is the standard input; NULL with -i */
    const char *interface;        /* -i: a live capture (libpcap), or NULL */
    bool control_only;            /* --control-only: the live filter keeps SYN, FIN, RST, bare ACKs */
    bool print_filter;            /* --print-filter: print the live capture's snap length and filters, exit */
    tr_findings_format findings;  /* TR_FINDINGS_NONE when only --summary or --frames is asked for */
    bool summary, frames;
    bool stats;                   /* --stats: the engine's figures on stderr at the end */
    const char *extract;          /* -w: the capture of the connections with findings, or NULL */
    tr_config engine;             /* the plugin's preferences */
    tr_shard shard;               /* --shard K/N; count 0: not sharded */
} tr_options;

/* Parses argv (--help prints the usage and exits). On a wrong command line, says why on
 * stderr and returns TR_EXIT_USAGE; else TR_EXIT_OK. */
int tr_options_parse(int argc, char **argv, tr_options *opt);

#endif
