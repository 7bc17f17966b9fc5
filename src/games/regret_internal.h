/*
 * regret_internal.h - the exact profile check of mechkit/regret.h on GMP
 * rationals, for the solvers that already hold their answer as mpq_t.
 * Private to mechkit.
 */
#ifndef MECHKIT_GAMES_REGRET_INTERNAL_H
#define MECHKIT_GAMES_REGRET_INTERNAL_H

#include <gmp.h>

#include "mechkit/game.h"

/* For the profile p (one entry per strategy, player after player, each
 * player's entries >= 0 summing to 1; not checked here), writes into
 * payoff[i] each player's expected payoff, into best[i] the most a pure
 * strategy of player i earns against the others, and into best_reply[i]
 * (may be NULL) the lowest such strategy. payoff and best hold n_players
 * initialised values. The profile is a Nash equilibrium exactly when
 * payoff[i] == best[i] for every i. MK_ENOMEM. */
int mk_regret_mpq(const mk_game *g, mpq_t *p, mpq_t *payoff, mpq_t *best, size_t *best_reply,
                  mk_ctx *ctx);

/* u[s] = player i's expected payoff from each pure strategy s against the
 * others' mixed strategies in p (as above); u holds n_strategies[i]
 * initialised values. MK_ENOMEM. */
int mk_regret_deviations_mpq(const mk_game *g, mpq_t *p, size_t i, mpq_t *u, mk_ctx *ctx);

/* q as a new string, "num/den" or "num" (free it), or NULL. */
char *mk_mpq_text(const mpq_t q);

#endif
