/*
 * Shared pieces of the two-player solvers (lcp.c, enummixed.c): the game
 * as positive integer matrices, and the exact check and collection of
 * equilibria into an mk_mixed_equilibria (mechkit/mixed.h).
 */
#ifndef MECHKIT_BIMATRIX_INTERNAL_H
#define MECHKIT_BIMATRIX_INTERNAL_H

#include <gmp.h>

#include "mechkit/mixed.h"

/* A two-player game: A[i][j] = a[i * n + j] is player 1's payoff when 1
 * plays i and 2 plays j, B likewise for player 2. a, b are the payoffs
 * scaled to integers and shifted to be >= 1 (a positive affine change per
 * player, which keeps equilibria: von Stengel 2002, section 2); g is
 * the game itself (not owned), used only to verify and report. */
typedef struct mk_bimatrix {
    size_t m, n;
    mpz_t *a, *b;
    const mk_game *g;
} mk_bimatrix;

/* Builds bm from g, which must outlive it. MK_EINPUT when g has not two
 * players; MK_ENOMEM. */
int mk_bimatrix_init(mk_bimatrix *bm, const mk_game *g, mk_ctx *ctx);
void mk_bimatrix_clear(mk_bimatrix *bm);

/* Normalises x (m entries) and y (n entries, each >= 0, not all 0) to sum
 * 1, checks exactly that (x, y) is a Nash equilibrium of the original
 * game (mk_regret_mpq, the check of mechkit/regret.h), and appends it to out unless an equal one is
 * there already (then *index is that one's). vx, vy are the extreme-strategy numbers stored when
 * out->vertex is in use. *index receives the equilibrium's index. MK_EINTERNAL when the check
 * fails; MK_ENOMEM. */
int mk_bimatrix_add(const mk_bimatrix *bm, mpq_t *x, mpq_t *y, size_t vx, size_t vy,
                    mk_mixed_equilibria *out, size_t *index, mk_ctx *ctx);

#endif
