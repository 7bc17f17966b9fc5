/*
 * mechkit/correlated.h - correlated equilibria of normal-form games
 * (Aumann 1974): a distribution over pure profiles from which no player,
 * told only its own recommended strategy, gains by playing another.
 *
 * mk_game_solve_correlated finds one that maximises a chosen objective
 * (the sum of payoffs, or one player's payoff) by an exact linear program:
 * maximise sum_s p(s) w(s) subject to, for every player i and strategies
 * a != a', sum over profiles s with s_i = a of p(s) (u_i(a', s_-i) -
 * u_i(s)) <= 0, p >= 0 and sum_s p(s) = 1. Solved exactly in GMP
 * rationals with Bland's rule; the answer is a vertex, so its
 * probabilities are exact fractions.
 */
#ifndef MECHKIT_CORRELATED_H
#define MECHKIT_CORRELATED_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The objective that is the sum of every player's payoff. */
#define MK_CORRELATED_WELFARE ((size_t)-1)

/** Most pure profiles of a game solved this way (a dense exact tableau). */
#define MK_CORRELATED_MAX_PROFILES 1024

typedef struct mk_correlated {
    size_t n_profiles;  /**< the game's */
    char **probability; /**< n_profiles fractions ("1/2", "0"), by profile index */
    size_t n_players;
    char **payoff; /**< each player's expected payoff, a fraction */
    char *value;   /**< the objective at the optimum, a fraction */
} mk_correlated;

/* clang-format off */
#define MK_CORRELATED_INIT {0, NULL, 0, NULL, NULL}
/* clang-format on */

/**
 * A correlated equilibrium of g maximising objective: a player index
 * (< n_players) for that player's expected payoff, or
 * MK_CORRELATED_WELFARE for their sum. Writes out (free it with
 * mk_correlated_free) only on success. Errors: MK_EPARAM for a bad
 * objective, MK_ELIMIT past MK_CORRELATED_MAX_PROFILES, MK_ENOMEM.
 */
int mk_game_solve_correlated(const mk_game *g, size_t objective, mk_correlated *out, mk_ctx *ctx);

/** Frees what c owns and resets it. */
void mk_correlated_free(mk_correlated *c);

#ifdef __cplusplus
}
#endif
#endif
