/*
 * mechkit/regret.h - the exact check of a mixed-strategy profile of a
 * normal-form game (mechkit/game.h): each player's expected payoff, the
 * best payoff a pure deviation reaches, and the regret (their difference).
 *
 * A profile is a Nash equilibrium exactly when every regret is 0 (Nash
 * 1951: no pure strategy pays more than the profile, so none in the
 * support pays less than the best). This is the one check that every
 * equilibrium mechkit reports passes before it is printed (the two-player
 * solvers call it on each equilibrium they find; `mechkit solve` calls
 * mk_game_check_equilibrium on what it is about to print), and the one
 * `mechkit solve --verify` runs on a user's profile. Correlated equilibria
 * get the analogous check of their obedience constraints.
 *
 * Probabilities are given as text so that any exact value fits, also
 * fractions beyond 64 bits such as vertex enumeration produces: an
 * integer ("1"), a decimal ("0.25") or a fraction ("2/3"). Arithmetic is
 * exact (GMP inside; no GMP in this header).
 */
#ifndef MECHKIT_REGRET_H
#define MECHKIT_REGRET_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_regret {
    size_t n_players;
    char **payoff;      /**< each player's expected payoff, "num/den" or "num" */
    char **best_payoff; /**< the most a pure deviation of the player reaches */
    char **regret;      /**< best_payoff - payoff, >= 0 */
    size_t *best_reply; /**< the lowest-numbered pure strategy reaching best_payoff */
    int is_nash;        /**< 1 when every regret is 0 */
} mk_regret;

/* clang-format off */
#define MK_REGRET_INIT {0, NULL, NULL, NULL, NULL, 0}
/* clang-format on */

/**
 * Checks the mixed profile prob of g: prob has one string per strategy,
 * player after player (sum of n_strategies entries, the first player's
 * first). Writes out (free it with mk_regret_free) only on success.
 * Errors: MK_EINPUT for a probability that does not parse, is negative,
 * or a player whose probabilities do not sum to 1 (the message names the
 * player and strategy, 1-based); MK_ENOMEM.
 * Cost: for each player i, (product of the other players' support sizes)
 * * n_strategies[i] exact multiply-adds.
 */
int mk_game_regret(const mk_game *g, const char *const *prob, mk_regret *out, mk_ctx *ctx);

/** Frees what r owns and resets it. NULL is a no-op. */
void mk_regret_free(mk_regret *r);

/**
 * The check of a solver's answer: 0 when prob (as for mk_game_regret) is
 * a Nash equilibrium of g and, when payoff is not NULL, payoff[i] is
 * exactly player i's expected payoff written as mk_game_regret writes it.
 * A pure profile (every probability "0" or "1") is checked without GMP.
 * Errors: MK_EINTERNAL naming the player and the better reply, or the
 * wrong payoff (a solver's answer that fails is a bug); MK_ENOMEM.
 */
int mk_game_check_equilibrium(const mk_game *g, const char *const *prob, const char *const *payoff,
                              mk_ctx *ctx);

/**
 * The check of a correlated equilibrium (Aumann 1974): prob gives the
 * probability of every pure profile (n_profiles strings, by profile
 * index), payoff (or NULL) each player's expected payoff. 0 when prob is a
 * distribution under which no player, told a strategy a, gains in
 * expectation by playing another a' instead, and the payoffs are right.
 * Errors: MK_EINTERNAL naming the player and the two strategies, or the
 * wrong payoff (a solver's answer that fails is a bug); MK_ENOMEM.
 * Cost: O(n_profiles * sum of n_strategies) exact operations.
 */
int mk_game_check_correlated(const mk_game *g, const char *const *prob, const char *const *payoff,
                             mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
