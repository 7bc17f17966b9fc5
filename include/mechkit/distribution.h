/*
 * mechkit/distribution.h - distributions of private values.
 *
 * Used by auction.myerson (virtual values, ironing, the optimal reserve)
 * and by every auction's sample() (the types the auditor draws). A
 * distribution is written as text:
 *
 *   uniform:LO:HI          uniform on [LO, HI]
 *   exponential:MEAN       exponential with the given mean (rate 1/MEAN)
 *   discrete:V1@P1,V2@P2   finite: value Vi with probability Pi (decimals or
 *                          fractions "1/3"; they must sum to exactly 1)
 *
 * Bounds, means and support points are money at the input's scale.
 */
#ifndef MECHKIT_DISTRIBUTION_H
#define MECHKIT_DISTRIBUTION_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "rational.h"
#include "rng.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mk_dist_kind { MK_DIST_UNIFORM, MK_DIST_EXPONENTIAL, MK_DIST_DISCRETE } mk_dist_kind;

typedef struct mk_distribution {
    mk_dist_kind kind;
    int scale;         /**< decimals of lo, hi, mean and points */
    int64_t lo, hi;    /**< uniform: the interval, minor units */
    int64_t mean;      /**< exponential: the mean, minor units */
    size_t k;          /**< discrete: number of support points */
    int64_t *points;   /**< discrete: increasing support, owned */
    mk_rational *prob; /**< discrete: probability of each point, owned */
} mk_distribution;

/* clang-format off */
#define MK_DISTRIBUTION_INIT {MK_DIST_UNIFORM, 0, 0, 0, 0, 0, NULL, NULL}
/* clang-format on */

/**
 * Parses spec at scale (0..MK_SCALE_MAX) into out, which the caller frees
 * with mk_distribution_free. Amounts are read with mk_money_parse and must
 * be >= 0; a uniform needs LO < HI (a single value is written
 * "discrete:V@1"); an exponential needs MEAN > 0; a discrete distribution
 * needs a strictly increasing support, each probability in (0, 1] (a point
 * of probability 0 is not in the support), at most 65536 points, and a
 * least common denominator of the probabilities of at most 2^63 - 1, so
 * that sums and draws are exact in 64-bit integers. No spaces anywhere.
 *
 * Errors: MK_EPARAM with a message quoting spec and naming the part that is
 * wrong (unknown kind, a malformed or negative amount, more decimals than
 * scale, LO >= HI, a probability that is not in (0, 1], probabilities not
 * summing to exactly 1, support not increasing); MK_ENOMEM. out is
 * untouched on failure. O(length of spec).
 */
int mk_distribution_parse(const char *spec, int scale, mk_distribution *out, mk_ctx *ctx);

/** The most decimal places of any amount written in spec (not counting
 *  probabilities), so that an input's scale can cover it; 0 if none or
 *  when spec is NULL or malformed (parse reports what is wrong). */
int mk_distribution_places(const char *spec);

/**
 * Draws one value in minor units from a distribution that parsed. Exact
 * and platform-independent for uniform (mk_rng_range over the grid
 * [lo, hi]) and discrete (an integer below the probabilities' common
 * denominator, mapped through the exact cumulative sums: O(k)). The
 * exponential is -mean * log1p(-u) for a 53-bit u, rounded down to the
 * grid and capped at INT64_MAX; it relies on the C library's log1p, which
 * may differ between libms in the last bit (a draw may then move by one
 * minor unit). Deterministic for a given rng state.
 */
int64_t mk_distribution_sample(const mk_distribution *d, mk_rng *rng);

/** Frees what d owns and resets it to MK_DISTRIBUTION_INIT; NULL is a no-op. */
void mk_distribution_free(mk_distribution *d);

#ifdef __cplusplus
}
#endif
#endif
