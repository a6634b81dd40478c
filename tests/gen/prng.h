/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: a small deterministic pseudo-random generator (SplitMix64), so the
 * same seed always gives the same capture.
 */
#ifndef PCAPGEN_PRNG_H
#define PCAPGEN_PRNG_H

#include <stdint.h>

typedef struct prng {
    uint64_t state;
} prng;

uint64_t prng_next(prng *p);

/* A value in [0, bound), bound > 0. */
uint32_t prng_below(prng *p, uint32_t bound);

#endif
