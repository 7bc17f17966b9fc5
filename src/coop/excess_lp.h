/*
 * excess_lp.h - the exact linear program behind the least core and each
 * stage of the (pre-)nucleolus (Maschler, Peleg and Shapley 1979):
 *
 *   minimise eps  over x in Q^n, eps in Q
 *   subject to  v(S) - x(S) <= eps        for every coalition S in `active`,
 *               x(S) = v(S) - e_S          for every fixed coalition S
 *                                          (the grand coalition first, e = 0),
 *               x_i >= v({i})              for each i, when `imputations`.
 *
 * With 2^n - 2 inequalities over n + 1 free variables, the program is
 * solved through its dual, which has only n + 1 equality rows and one
 * column per coalition:
 *
 *   maximise sum_S y_S v(S) + sum_F z_S (v(S) - e_S) + sum_i w_i v({i})
 *   subject to sum_{S∋i} y_S + sum_{F∋i} z_S + w_i = 0   (each player i)
 *              sum_S y_S = 1,  y, w >= 0, z free,
 *
 * by a revised simplex method in GMP rationals whose basis is only
 * (n + 1) x (n + 1). Columns are never stored: each iteration prices all
 * active coalitions by one Gray-code pass in 128-bit integers over a
 * common denominator (exact; GMP integers when the numbers grow past
 * that). The simplex multipliers of the optimal basis are an optimal
 * (x, eps), and a coalition whose dual weight y_S is positive is tight in
 * every optimal solution (complementary slackness). Dantzig's rule, with
 * Bland's rule (1977) after a run of degenerate pivots so that the method
 * cannot cycle. Two phases: artificial columns find a first basis.
 */
#ifndef MECHKIT_COOP_EXCESS_LP_H
#define MECHKIT_COOP_EXCESS_LP_H

#include <gmp.h>
#include <stdint.h>

#include "mechkit/tu_game.h"

typedef struct excess_lp {
    const mk_tu_game *g;
    const uint64_t *active; /* bitmap over the 2^n coalitions */
    size_t n_fixed;         /* linearly independent, fixed[0] = the grand coalition */
    const uint32_t *fixed;
    mpq_t *fixed_excess;
    int imputations; /* add x_i >= v({i}) */
} excess_lp;

/* Solves lp (at least one active coalition). x (n) and eps, initialised
 * by the caller, get an optimal solution; tight (room for n + 1) gets the
 * coalitions with positive dual weight, *n_tight of them, increasing.
 * MK_EINTERNAL when the program is infeasible (imputations asked for and
 * none exist: callers check that first) or unbounded, MK_ENOMEM. */
int excess_lp_solve(const excess_lp *lp, mpq_t *x, mpq_t eps, uint32_t *tight, size_t *n_tight,
                    mk_ctx *ctx);

/* Bit S of a coalition bitmap. */
static inline int excess_bit(const uint64_t *bits, uint64_t s)
{
    return (int)((bits[s >> 6] >> (s & 63)) & 1);
}

/* The sequence of Maschler, Peleg and Shapley (nucleolus.c): x (n) gets
 * the nucleolus (imputations) or the pre-nucleolus, levels (room for n)
 * the largest excess of each stage, *n_levels of them; with first_only,
 * one stage: the least core. Errors of mk_tu_nucleolus. */
int excess_sequence(const mk_tu_game *g, int imputations, int first_only, mpq_t *x, mpq_t *levels,
                    size_t *n_levels, mk_ctx *ctx);

#endif
