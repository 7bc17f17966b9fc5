/*
 * mechkit/myerson.h - Myerson's optimal single-item auction.
 *
 * Myerson (1981), "Optimal Auction Design": with independent private
 * values, the auction that maximises the seller's expected revenue among
 * all DSIC and IR auctions gives the item to the bidder with the highest
 * nonnegative (ironed) virtual value and charges the winner its threshold
 * bid. The virtual value of value v under a distribution F with density f
 * is phi(v) = v - (1 - F(v)) / f(v); the expected revenue of any DSIC
 * auction equals the expected virtual value of the winner.
 *
 *   uniform:LO:HI    phi(v) = 2v - HI on [LO, HI] (regular)
 *   exponential:M    phi(v) = v - M on [0, oo) (regular)
 *   discrete:...     the discrete virtual value of Hartline, "Mechanism
 *                    Design and Approximation", ch. 3: the slope of the
 *                    revenue curve R(q) = v q in quantile space, where q is
 *                    the probability that the value is at least v. When the
 *                    distribution is irregular (those slopes are not
 *                    non-decreasing in v), they are ironed: replaced by the
 *                    slopes of the concave hull of the revenue curve, which
 *                    are constant on each ironed interval.
 *
 * Every function here is exact: it computes with GMP rationals inside and
 * returns an mk_rational (MK_ERANGE when the exact answer does not fit in
 * int64 parts) or a string. Amounts given are minor units at the
 * distribution's scale; amounts returned are currency units (the value at
 * scale 2 of 1250 minor units is 25/2).
 *
 * The mechanism itself is mk_auction_myerson (also listed in auction.h);
 * its parameters and tie rule are described with its definition in
 * src/mechanisms/auction/myerson.c and by `mechkit describe auction.myerson`.
 */
#ifndef MECHKIT_MYERSON_H
#define MECHKIT_MYERSON_H

#include <stddef.h>
#include <stdint.h>

#include "distribution.h"
#include "error.h"
#include "mechanism.h"
#include "rational.h"

#ifdef __cplusplus
extern "C" {
#endif

/** auction.myerson: the winner is the bidder with the highest nonnegative
 *  ironed virtual value under its own distribution; it pays the smallest
 *  bid on the grid at which it would still win. Claims DSIC and IR. */
extern const mk_mechanism mk_auction_myerson;

/**
 * The ironed virtual value of `value` (minor units at d->scale) under d, in
 * currency units. value must lie in the support: [LO, HI] for a uniform,
 * >= 0 for an exponential, a support point for a discrete distribution
 * (MK_EINPUT otherwise, naming the value). MK_ERANGE when the result does
 * not fit an mk_rational. O(k) for a discrete distribution of k points (it
 * builds the concave hull), O(1) otherwise.
 */
int mk_myerson_virtual_value(const mk_distribution *d, int64_t value, mk_rational *out,
                             mk_ctx *ctx);

/**
 * The virtual values of every support point of a discrete distribution,
 * written to out[0..d->k): ironed (non-decreasing) when ironed != 0, the
 * raw slopes of the revenue curve otherwise, so that a caller can see
 * whether and where d is irregular. In currency units. MK_EPARAM when d is
 * not discrete, MK_ERANGE when a value does not fit an mk_rational,
 * MK_ENOMEM; out is untouched on failure. O(k).
 */
int mk_myerson_virtual_values(const mk_distribution *d, int ironed, mk_rational *out, mk_ctx *ctx);

/**
 * The optimal reserve price of d, in currency units: the smallest value in
 * the support whose ironed virtual value is >= 0, i.e. phi^{-1}(0) when
 * that lies in the support, else the support's lower end. It is the
 * revenue-maximising posted price for one bidder: max(LO, HI/2) for
 * uniform:LO:HI, M for exponential:M. MK_ERANGE as above. O(k) or O(1).
 */
int mk_myerson_reserve(const mk_distribution *d, mk_rational *out, mk_ctx *ctx);

/**
 * The exact expected revenue, in currency units, of the optimal auction
 * for n independent bidders, bidder i's value drawn from *dists[i] (the
 * same pointer may be repeated; distributions may differ in scale). It is
 * E[max(0, max_i phibar_i(v_i))] = integral over t >= 0 of
 * (1 - prod_i Pr[phibar_i(v_i) <= t]) dt, computed piece by piece between
 * the points where some factor has a kink or a jump, with polynomials in
 * exact rationals (Myerson 1981, lemma 3, with ironing as in Hartline ch.
 * 3). Uniform and discrete distributions, mixed freely, symmetric or not;
 * values are continuous for a uniform (a sampled grid differs by O(grid
 * step)). n == 0 gives 0.
 *
 * Errors: MK_EPARAM for an exponential distribution (its revenue involves
 * e and is not rational), MK_ERANGE when the answer does not fit an
 * mk_rational (use mk_myerson_revenue_text), MK_ENOMEM. Cost: O(B n^2)
 * big-rational operations for B breakpoints, O(B n) when the bidders are
 * identical (one binomial expansion).
 */
int mk_myerson_revenue(const mk_distribution *const *dists, size_t n, mk_rational *out,
                       mk_ctx *ctx);

/**
 * As mk_myerson_revenue, written exactly as "num/den" (or "num" when the
 * revenue is whole) in a string that the caller frees with free(). Never
 * MK_ERANGE: GMP integers have no size limit.
 */
int mk_myerson_revenue_text(const mk_distribution *const *dists, size_t n, char **out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
