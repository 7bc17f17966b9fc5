/*
 * What the two superrational solvers (superrational.c: two strategies, n
 * players; superrational_quadratic.c: two players, k strategies) share:
 * the exact payoff polynomial pieces and the construction of results.
 */
#ifndef MECHKIT_SUPERRATIONAL_INTERNAL_H
#define MECHKIT_SUPERRATIONAL_INTERNAL_H

#include <gmp.h>

#include "mechkit/kantian.h"

/* q = r (exact). */
void mk_mpq_from_rational(mpq_t q, mk_rational r);

/* A string of q as an exact decimal with places digits after the point,
 * rounded down (up != 0: up); q * 10^places need not be an integer.
 * Allocated with malloc; NULL when out of memory. */
char *mk_mpq_decimal(const mpq_t q, unsigned places, int up);

/* A string of q as a reduced fraction ("3/4", "1"); malloc'd or NULL. */
char *mk_mpq_fraction(const mpq_t q);

/* Appends an exact choice (k probabilities p, value v) to out. */
int mk_superrational_add_exact(mk_superrational *out, mpq_t *p, const mpq_t v, mk_ctx *ctx);

/* Appends a certified two-strategy choice: x = prob of strategy 1 in
 * [xlo, xhi], value in [vlo, vhi] (decimal bounds already). */
int mk_superrational_add_bounds(mk_superrational *out, const mpq_t xlo, const mpq_t xhi,
                                const mpq_t vlo, const mpq_t vhi, mk_ctx *ctx);

/* Appends a certified choice of any number of strategies: every maximiser
 * lies in the box [lo, hi] (decimal bounds rounded outwards, 15 places),
 * the maximum value in [vlo, vhi] (12 places), point (15 places, rounded
 * down) a strategy paying at least vlo. */
int mk_superrational_add_enclosure(mk_superrational *out, mpq_t *point, mpq_t *lo, mpq_t *hi,
                                   const mpq_t vlo, const mpq_t vhi, mk_ctx *ctx);

/* Checks r against g independently (superrational_check.c): MK_EINTERNAL
 * when an exact payoff is not what the table gives or a choice pays less
 * than a pure strategy played by all. */
int mk_superrational_check(const mk_symgame *g, const mk_superrational *r, mk_ctx *ctx);

/* More than two players and strategies (superrational_simplex.c): exact
 * pieces on the edges, branch and bound over the simplex. */
int mk_superrational_simplex(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx);

/* Two players, k <= 12 strategies (superrational_quadratic.c). */
int mk_superrational_quadratic(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx);

#endif
