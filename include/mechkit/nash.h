/*
 * mechkit/nash.h - Nash equilibria of normal-form games (mechkit/game.h).
 *
 * So far: every pure-strategy Nash equilibrium of an n-player game, exact.
 */
#ifndef MECHKIT_NASH_H
#define MECHKIT_NASH_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A list of pure-strategy profiles, by index (mk_game_profile_strategies
 *  turns one into strategies). */
typedef struct mk_pure_equilibria {
    size_t n;
    size_t *profile; /**< n profile indices in increasing order; owned */
} mk_pure_equilibria;

#define MK_PURE_EQUILIBRIA_INIT                                                                    \
    {                                                                                              \
        0, NULL                                                                                    \
    }

/**
 * Finds every pure Nash equilibrium of g: the profiles at which each
 * player's strategy is a best reply to the others'. One pass per player
 * over the payoff table marks best replies (for each profile of the other
 * players, the strategies that reach the maximum of the player's payoff);
 * a profile is an equilibrium when every player marks it. Comparisons are
 * exact (mk_rational_cmp), so ties are best replies too.
 *
 * Profiles come in increasing index order (first player fastest). out is
 * overwritten on success (free it with mk_pure_equilibria_free) and left
 * untouched on failure. Errors: MK_ENOMEM.
 * Cost: O(n_players * n_profiles) time, n_profiles bytes of scratch.
 */
int mk_game_solve_pure(const mk_game *g, mk_pure_equilibria *out, mk_ctx *ctx);

/** Frees what e owns and resets it. NULL is a no-op. */
void mk_pure_equilibria_free(mk_pure_equilibria *e);

#ifdef __cplusplus
}
#endif
#endif
