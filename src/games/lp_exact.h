/*
 * lp_exact.h - a small exact linear program solver, private to mechkit:
 * maximise c.x subject to A x <= b and x >= 0 with b >= 0, so that the
 * slack basis is feasible and one phase of the simplex method suffices.
 * Exact in GMP rationals; Bland's rule (lowest index enters and leaves)
 * so that degenerate programs never cycle (Bland 1977). Dense tableau:
 * for the small programs of game theory (correlated equilibria), not for
 * large ones.
 */
#ifndef MECHKIT_GAMES_LP_EXACT_H
#define MECHKIT_GAMES_LP_EXACT_H

#include <gmp.h>
#include <stddef.h>

#include "mechkit/error.h"

/* A program of `rows` constraints over `cols` variables: a (rows * cols,
 * row-major), b (rows, each >= 0) and c (cols), all initialised by
 * lp_exact_new and owned. */
typedef struct lp_exact {
    size_t rows, cols;
    mpq_t *a, *b, *c;
} lp_exact;

int lp_exact_new(lp_exact *lp, size_t rows, size_t cols, mk_ctx *ctx);
void lp_exact_free(lp_exact *lp);

/* Solves lp: x (cols, initialised by the caller) gets an optimal vertex and
 * value the optimum. MK_EINPUT when a b is negative, MK_ERANGE when the
 * program is unbounded, MK_ENOMEM. O(pivots * rows * (rows + cols)). */
int lp_exact_maximize(const lp_exact *lp, mpq_t *x, mpq_t value, mk_ctx *ctx);

#endif
