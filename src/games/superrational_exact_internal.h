/*
 * Exact superrational maximisers inside the simplex (superrational_exact.c):
 * a rational point guessed from a certified enclosure, then proven a strict
 * local maximiser of f(p) = u(p, ..., p) on a neighbourhood of it, exactly.
 * The branch and bound of superrational_simplex.c then only has to show
 * that f stays below f(p) outside the neighbourhoods to prove p a global
 * maximiser.
 */
#ifndef MECHKIT_SUPERRATIONAL_EXACT_INTERNAL_H
#define MECHKIT_SUPERRATIONAL_EXACT_INTERNAL_H

#include <gmp.h>
#include <stddef.h>

#include "bernstein_simplex_internal.h"

/* The largest common denominator of a guessed point. */
#define MK_SUPERRATIONAL_GUESS_DENOMINATOR 1000

/* The rational point of the simplex (k coordinates summing to 1) with the
 * smallest common denominator q <= MK_SUPERRATIONAL_GUESS_DENOMINATOR that
 * lies in the box [lo, hi] and is nearest to centre on the grid of step
 * 1/q (each coordinate rounded), skipping the first skip such points: 1
 * and point set, or 0 when there is none. The doubles only propose:
 * nothing is claimed of the point until mk_superrational_prove_local
 * proves it. */
int mk_superrational_guess(const double *lo, const double *hi, const double *centre, size_t k,
                           size_t skip, mpq_t *point);

/* Groups cells (n sub-simplices of the simplex of R^k, k <=
 * MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES) by
 * nearness (1e-4 in every coordinate, transitively): box g gets the
 * bounding box of group g, lo at box[2 g k ..] and hi at box[(2 g + 1) k ..]
 * (doubles: they only propose candidates; box has room for 2 k max_groups).
 * Returns the number of groups, or max_groups + 1 when there are more. */
size_t mk_superrational_group(mk_bsimplex *const *cells, size_t n, size_t k, size_t max_groups,
                              double *box);

/* The guesses tried in a group of mk_superrational_group. */
#define MK_SUPERRATIONAL_GUESSES 6

/* Guess number guess (< MK_SUPERRATIONAL_GUESSES) of a rational maximiser
 * in the group of box (lo then hi, k each): the simplest points near the
 * box's centre (the first three), then the simplest within 2^-4, 2^-8,
 * 2^-12 of best (the best point known, k coordinates: nearer the
 * maximiser while the box is still wide). 1 and point set, or 0. */
int mk_superrational_propose(const double *box, mpq_t *const best, size_t k, size_t guess,
                             mpq_t *point);

/*
 * Proves p (k rational coordinates, >= 0, summing to 1) the unique
 * maximiser of f over T(p, r) and the simplex, where
 *     T(p, r) = {x : sum x = 1, x_s >= p_s - r / k for every s},
 * a simplex with p at its centroid, for some r = 2^-2 ... 2^-20. root holds
 * the Bernstein coefficients of f (degree n >= 2) on the whole simplex,
 * numbered by c. With y_s = x_s - p_s (s != s0) coordinates around p in
 * the directions e_s - e_s0, s0 in the support, the proof checks exactly
 * (GMP, no floating point):
 *  (a) Karush-Kuhn-Tucker: the partial derivatives g_s of f at p are one
 *      value lambda on the support, and mu_s = lambda - g_s >= 0 off it.
 *      A = the s != s0 with g_s = lambda (the support, and the degenerate
 *      s off it with mu_s = 0), B = the others (mu_s > 0, y_s >= 0);
 *  (b) over T, every Hessian H of f in those directions lies in the
 *      interval matrix whose bounds are the extreme Bernstein coefficients
 *      of the second directional derivatives on T; its A block is negative
 *      definite for all of them (weighted Gershgorin radii and an exact
 *      elimination), and for every s in B,
 *      mu_s > r (sum_{i in A} |H|_is + sum_{i in B} |H|_is / 2).
 * Then for x in T and the simplex, x != p, Taylor's theorem with the
 * Hessian at a point between p and x (T is convex) gives
 *     f(x) - f(p) <= y_A' H_AA y_A / 2 + sum_{s in B} y_s (r (...) - mu_s) < 0,
 * as |y_i| <= r on T and y_s >= 0 off the support. Every s0 of the support
 * is tried (the bounds depend on the basis); r = 2^-20 first (where it
 * fails, the proof gives up), then the largest r that passes from 2^-2 on
 * (the larger T, the less the branch and bound has left to do).
 * Returns 1 with value = f(p) and floor[s] = p_s - r / k when proven, 0
 * when not, MK_ENOMEM. Cost: O(n k^2 count) rational operations per radius.
 */
int mk_superrational_prove_local(const mk_compositions *c, mpq_t *const root, mpq_t *const p,
                                 mpq_t value, mpq_t *floor, mk_ctx *ctx);

#endif
