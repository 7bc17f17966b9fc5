/*
 * myerson_internal.h - what the files of auction.myerson share: exact
 * virtual values (myerson_vv.c, myerson_gmp.c), the exact revenue
 * (myerson_revenue.c), the public functions of mechkit/myerson.h
 * (myerson_public.c), and the mechanism's instance (myerson.c runs it,
 * myerson_audit.c samples types and lists deviations).
 *
 * Inside, amounts are minor units at the distribution's scale and every
 * number is a GMP rational, so nothing here rounds.
 */
#ifndef MECHKIT_MYERSON_INTERNAL_H
#define MECHKIT_MYERSON_INTERNAL_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "auction_internal.h"
#include "mechkit/distribution.h"
#include "mechkit/error.h"
#include "mechkit/rational.h"

/* A distribution prepared for virtual values: for a discrete one, the
 * ironed virtual value of every support point (non-decreasing), so that a
 * lookup is a binary search. */
typedef struct mk_myerson_vv {
    const mk_distribution *d; /* borrowed */
    size_t k;                 /* discrete: d->k, else 0 */
    mpq_t *phi;               /* discrete: k ironed virtual values, minor units */
} mk_myerson_vv;

/* What a bid is worth to the seller. */
enum mk_myerson_bid {
    MK_MYERSON_RANKED = 0,  /* phi holds its virtual value */
    MK_MYERSON_BELOW = 1,   /* below a uniform's LO: no value there, the bid loses */
    MK_MYERSON_OFF_GRID = 2 /* not a support point of a discrete distribution */
};

/* Prepares t for d (borrowed: it must outlive t). MK_ENOMEM. O(k). */
int mk_myerson_vv_init(mk_myerson_vv *t, const mk_distribution *d, mk_ctx *ctx);

/* Frees what t owns. Safe on a zeroed t. */
void mk_myerson_vv_clear(mk_myerson_vv *t);

/* The virtual value (minor units) of a bid of x minor units into phi,
 * extending the formula of a continuous distribution above its support.
 * Returns an mk_myerson_bid. O(log k) for a discrete distribution, O(1)
 * otherwise; allocates only when phi needs more limbs than it had. */
int mk_myerson_vv_at(const mk_myerson_vv *t, int64_t x, mpq_t phi);

/* The smallest bid x on the grid (minor units) that is ranked and whose
 * virtual value is >= c (strict == 0) or > c (strict == 1): the real
 * threshold rounded up to the minor unit (and never below a uniform's LO),
 * or the first such support point of a discrete distribution. MK_ERANGE
 * when no such bid exists in int64. `scratch` is caller-owned (initialised)
 * so that a run does not allocate. */
int mk_myerson_vv_threshold(const mk_myerson_vv *t, const mpq_t c, int strict, mpz_t scratch,
                            int64_t *x);

/* Unironed (raw) discrete virtual values of d's k support points into
 * phi[0..k) (initialised by the caller), minor units: the slopes of the
 * revenue curve R(q) = v q between consecutive quantiles. */
void mk_myerson_raw_discrete(const mk_distribution *d, mpq_t *phi);

/* Irons phi[0..k) in place, given the segment widths (the probabilities
 * p[0..k)): pool adjacent violators with weights p, which gives the slopes
 * of the concave hull of the revenue curve. MK_ENOMEM. */
int mk_myerson_iron(mpq_t *phi, const mk_distribution *d, mk_ctx *ctx);

/* 1 when a and b are the same distribution (kind, scale and parameters). */
int mk_myerson_dist_equal(const mk_distribution *a, const mk_distribution *b);

/* Exact conversions between int64, GMP and mk_rational, portable to
 * platforms where long is 32 bits. */
void mk_myerson_mpz_set_i64(mpz_t z, int64_t v);
int mk_myerson_mpz_get_i64(const mpz_t z, int64_t *out); /* MK_ERANGE */
void mk_myerson_mpq_set_rational(mpq_t q, mk_rational r);
int mk_myerson_mpq_get_rational(const mpq_t q, mk_rational *out); /* MK_ERANGE */

/* q = amount / 10^scale: minor units to currency units. */
void mk_myerson_mpq_to_units(mpq_t q, int scale);

/* The exact expected revenue of the optimal auction (myerson.h) into out,
 * in currency units. out is initialised by the caller. */
int mk_myerson_revenue_mpq(const mk_distribution *const *dists, size_t n, mpq_t out, mk_ctx *ctx);

/* The prepared auction.myerson. */
typedef struct mk_myerson {
    mk_auction_base base;  /* first: the shared auction functions cast to it */
    size_t ndist;          /* 1 (dist: every bidder) or one per bidder (dists) */
    int per_bidder;        /* dists was given: ndist must equal the bidders */
    mk_distribution *dist; /* ndist distributions, owned */
    mk_myerson_vv *vv;     /* their virtual values */
    int symmetric;         /* every bidder has the same distribution */
    int64_t reserve;       /* symmetric: the smallest bid that wins alone */
    int sample_values;     /* `values` was given: sample() draws from it */
    size_t capacity;       /* bidders phi has room for */
    mpq_t *phi;            /* run: virtual value of each bid */
    mpq_t zero;
    mpz_t scratch;
} mk_myerson;

/* The virtual values that bidder i's bids are ranked by. */
static inline const mk_myerson_vv *mk_myerson_vv_of(const mk_myerson *a, size_t i)
{
    return &a->vv[a->ndist == 1 ? 0 : i];
}

/* MK_EINPUT unless n bidders match the distributions given by dists (a
 * list of one is one bidder, not everyone: that is what dist is for). */
int mk_myerson_check_count(const mk_myerson *a, size_t n, mk_ctx *ctx);

/* sample() and deviations() of auction.myerson (myerson_audit.c). */
int mk_myerson_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types,
                      mk_ctx *ctx);
int mk_myerson_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx);

#endif
