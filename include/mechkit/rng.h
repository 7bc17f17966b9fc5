/*
 * mechkit/rng.h - the one seeded random generator of mechkit.
 *
 * There is no global generator: whoever needs randomness takes an
 * mk_rng * from its caller (as GSL does). The generator is xoshiro256**
 * (Blackman and Vigna 2018) seeded through splitmix64 from one 64-bit
 * seed; it uses only 64-bit integer arithmetic, so the same seed gives the
 * same stream of numbers on every platform and compiler.
 */
#ifndef MECHKIT_RNG_H
#define MECHKIT_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_rng {
    uint64_t s[4];
} mk_rng;

/** Seeds rng from seed (any value, 0 included). */
void mk_rng_seed(mk_rng *rng, uint64_t seed);

/** Derives an independent stream: seeds out from (seed, stream), so that
 *  work cut into numbered units gets the same numbers whatever thread runs
 *  each unit. (seed, stream) is hashed through splitmix64 into one seed;
 *  distinct streams of one seed always get distinct states. */
void mk_rng_seed_stream(mk_rng *out, uint64_t seed, uint64_t stream);

/** The next 64 uniformly random bits. */
uint64_t mk_rng_next(mk_rng *rng);

/** A uniform integer in [0, bound) for bound >= 1, without modulo bias
 *  (Lemire 2019, "Fast random integer generation in an interval"). Usually
 *  one draw, occasionally more. bound == 0 is a caller bug: it returns 0
 *  and draws nothing. */
uint64_t mk_rng_below(mk_rng *rng, uint64_t bound);

/** A uniform integer in [lo, hi] (lo <= hi; when lo > hi the two are
 *  swapped). The full int64 range is allowed. */
int64_t mk_rng_range(mk_rng *rng, int64_t lo, int64_t hi);

/** A uniform double in [0, 1) with 53 random bits (exactly reproducible:
 *  the bits are scaled by 2^-53, no platform rounding involved). */
double mk_rng_uniform(mk_rng *rng);

/** Writes a uniformly random permutation of 0..n-1 into perm (Fisher-Yates,
 *  drawing from the end down). */
void mk_rng_permutation(mk_rng *rng, size_t *perm, size_t n);

#ifdef __cplusplus
}
#endif
#endif
