/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan merge SHARD_OUTPUT...: the outputs of `tcpreuse-scan --shard K/N` for every K
 * of one N (shard_output.h) put together into what one process prints with the same options:
 * the findings' JSON lines in frame order, the summary (the shards' rows replayed in frame
 * order, so that its totals are added as one process adds them), the frame ranges.
 *
 * It refuses outputs that do not make a whole: a shard missing or given twice, shards of
 * different N, options or reports, of different captures (frames read, first frame's time),
 * an output without its end line (a shard stopped early), a frame in two shards.
 *
 * Exit status: the shards' (0, 4 a capture cut short, 5 link types not read; they are the same
 * in every shard); 1 the output could not be written; 2 a wrong command line; 3 a shard output
 * that cannot be read or does not fit.
 */
#ifndef TCPREUSE_SCAN_MERGE_H
#define TCPREUSE_SCAN_MERGE_H

/* argv[0] is "merge". */
int tr_merge_main(int argc, char **argv);

#endif
