/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014).
 */
#include "prng.h"

uint64_t prng_next(prng *p)
{
    uint64_t z = (p->state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint32_t prng_below(prng *p, uint32_t bound)
{
    return (uint32_t)((prng_next(p) >> 32) * bound >> 32);
}
