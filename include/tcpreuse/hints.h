/* SPDX-License-Identifier: GPL-2.0-or-later
 * Code layout hints for the per-frame path (issue 10). In tshark, Wireshark runs some 57,000
 * instructions between two frames of ours, so our code is out of the first-level instruction
 * cache at every frame. A rare case marked here is moved out of the usual path, which then runs
 * through fewer code lines (cachegrind: the plugin's instruction-cache misses a frame
 * 127 -> 114 with these marks and -fno-plt). Timed, the marks and even a profile-guided layout
 * (102) made no difference that 42 rounds could see (session 19, README "Performance"): they
 * are kept because they cost nothing, not because they are known to pay. The prefetch hint is for
 * data: lines a segment is known to need soon, asked for before the code reaches them.
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
/* Asks for the cache line holding addr, to be written soon, without waiting for it. */
#define TR_PREFETCH_FOR_WRITE(addr) __builtin_prefetch((addr), 1)
#else
#define TR_COLD
#define TR_UNLIKELY(x) (x)
#define TR_PREFETCH_FOR_WRITE(addr) ((void)(addr))
#endif

#endif
