/*
 * lp_exact.h - a small exact linear program solver, private to mechkit:
 * maximise c.x subject to A x <= b and x >= 0. When b >= 0 the slack
 * basis is feasible and one phase of the simplex method suffices; when
 * some b is negative, a first phase finds a feasible basis (or proves
 * there is none) with one artificial variable x0, maximising -x0 subject
 * to A x - x0 <= b (Cormen, Leiserson, Rivest and Stein, Introduction to
 * Algorithms, 3rd ed., section 29.5, "Initialize-Simplex").
 * Exact in GMP rationals; Bland's rule (lowest index enters and leaves)
 * so that degenerate programs never cycle (Bland 1977). Dense tableau:
 * for the small programs of game theory (correlated equilibria,
 * dominance by mixed strategies), not for large ones.
 */
#ifndef MECHKIT_GAMES_LP_EXACT_H
#define MECHKIT_GAMES_LP_EXACT_H

#include <gmp.h>
#include <stddef.h>

#include "mechkit/error.h"

/* A program of `rows` constraints over `cols` variables: a (rows * cols,
 * row-major), b (rows) and c (cols), all initialised by lp_exact_new and
 * owned. */
typedef struct lp_exact {
    size_t rows, cols;
    mpq_t *a, *b, *c;
} lp_exact;

int lp_exact_new(lp_exact *lp, size_t rows, size_t cols, mk_ctx *ctx);
void lp_exact_free(lp_exact *lp);

/* What lp_exact_maximize returns, besides 0 and errors, when no x >= 0
 * satisfies A x <= b (possible only when some b is negative). */
#define LP_EXACT_INFEASIBLE 1

/* Solves lp: x (cols, initialised by the caller) gets an optimal vertex and
 * value the optimum; returns 0, or LP_EXACT_INFEASIBLE (x and value
 * untouched). MK_ERANGE when the program is unbounded, MK_ENOMEM.
 * O(pivots * rows * (rows + cols)). */
int lp_exact_maximize(const lp_exact *lp, mpq_t *x, mpq_t value, mk_ctx *ctx);

#endif
