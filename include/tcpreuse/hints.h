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
/* A branch the usual frame does not take: its code is placed after the function's usual path
 * (GCC's block reordering), so that this path runs through consecutive lines. */
#define TR_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TR_COLD
#define TR_UNLIKELY(x) (x)
#endif

#endif
