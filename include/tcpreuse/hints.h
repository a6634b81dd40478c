/* SPDX-License-Identifier: GPL-2.0-or-later
 * Code layout hints for the per-frame path (issue 10). In tshark, Wireshark runs some 50,000
 * instructions between two frames of ours, so every line of our code a frame runs comes from
 * beyond the first-level instruction cache (cachegrind: about one miss every ten instructions of
 * ours) and costs the time of several instructions: the number of distinct code lines a frame
 * runs counts as much as the instructions. A rare case marked here is moved out of line, so the
 * usual path runs through fewer lines.
 */
#ifndef TCPREUSE_HINTS_H
#define TCPREUSE_HINTS_H

#if defined(__GNUC__)
/* A function for what the usual frame does not need (an error, a table full, a frame without
 * TCP): placed apart, and the branches that call it are taken for unlikely. */
#define TR_COLD __attribute__((cold, noinline))
#else
#define TR_COLD
#endif

#endif
