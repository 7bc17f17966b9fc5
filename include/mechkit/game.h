/*
 * mechkit/game.h - finite normal-form (strategic) games with exact payoffs.
 *
 * A game has n >= 1 players; player i has n_strategies[i] >= 1 pure
 * strategies. A pure-strategy profile is numbered as in Gambit's .nfg
 * payoff list, the first player's strategy varying fastest:
 *
 *     index(s) = s[0] * stride[0] + s[1] * stride[1] + ... ,
 *     stride[0] = 1, stride[i + 1] = stride[i] * n_strategies[i].
 *
 * Payoffs are exact rationals with int64 parts (mechkit/rational.h), stored
 * profile by profile: the payoff of player i at profile k is
 * payoff[k * n_players + i]. Why int64 rationals and not GMP: every payoff
 * fits in 16 bytes without allocation, comparisons (all that pure
 * equilibria and dominance need) are exact and branch-free in 128 bits, and
 * the public API stays free of GMP. A payoff that does not fit (a numerator
 * or a denominator beyond 2^63 in lowest terms) is refused by the readers
 * with MK_ERANGE, never rounded. Solvers that pivot (Lemke-Howson, vertex
 * enumeration) promote to GMP internally.
 *
 * The struct is plain data that callers read directly; change it only
 * through the functions below, which keep the invariants (strides, names,
 * ownership). Everything a game points to is owned by it.
 */
#ifndef MECHKIT_GAME_H
#define MECHKIT_GAME_H

#include <stddef.h>

#include "error.h"
#include "rational.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most payoff cells (profiles times players) a game may hold: 2^27
 *  cells are 2 GiB of payoffs. Checked before anything is allocated. */
#define MK_GAME_MAX_CELLS ((size_t)1 << 27)

typedef struct mk_game {
    size_t n_players;
    size_t *n_strategies;   /**< n_players counts, each >= 1 */
    size_t *stride;         /**< n_players strides (see above) */
    size_t n_profiles;      /**< product of n_strategies */
    char *title;            /**< never NULL; "" when none */
    char *comment;          /**< never NULL; "" when none */
    char **player_names;    /**< n_players names, never NULL; "" when none */
    char ***strategy_names; /**< NULL when strategies are unnamed (counts
                                 only), else strategy_names[i][s], never NULL */
    mk_rational *payoff;    /**< n_profiles * n_players payoffs, all 0 at first;
                                 each normalised (den > 0, lowest terms) */
} mk_game;

/**
 * Creates a game with n_players players, player i having n_strategies[i]
 * strategies, every payoff 0, empty title, comment and player names, and
 * unnamed strategies. Free it with mk_game_free.
 * Errors: MK_EINPUT when n_players is 0 or a count is 0; MK_ELIMIT when the
 * number of payoff cells overflows or exceeds MK_GAME_MAX_CELLS; MK_ENOMEM.
 * *out is written only on success.
 */
int mk_game_new(mk_game **out, size_t n_players, const size_t *n_strategies, mk_ctx *ctx);

/** Frees g and everything it owns. mk_game_free(NULL) is a no-op. */
void mk_game_free(mk_game *g);

/** Replaces the title, the comment, or the name of player i (< n_players)
 *  by a copy of text. MK_ENOMEM (g unchanged). */
int mk_game_set_title(mk_game *g, const char *text, mk_ctx *ctx);
int mk_game_set_comment(mk_game *g, const char *text, mk_ctx *ctx);
int mk_game_set_player_name(mk_game *g, size_t i, const char *text, mk_ctx *ctx);

/** Names strategy s of player i (copies text). The first call gives every
 *  strategy of every player the name "" first, so a game is either wholly
 *  named or wholly unnamed. MK_ENOMEM (g unchanged). */
int mk_game_set_strategy_name(mk_game *g, size_t i, size_t s, const char *text, mk_ctx *ctx);

/** The name of strategy s of player i, or NULL when strategies are unnamed
 *  (callers then show the 1-based number s + 1). */
const char *mk_game_strategy_name(const mk_game *g, size_t i, size_t s);

/** Payoff of player i at profile index k (no bounds check). O(1). */
static inline mk_rational mk_game_payoff(const mk_game *g, size_t k, size_t i)
{
    return g->payoff[k * g->n_players + i];
}

/** Index of the profile where player i plays strategy[i] (each
 *  < n_strategies[i]; not checked). O(n_players). */
size_t mk_game_profile_index(const mk_game *g, const size_t *strategy);

/** The strategies (n_players entries) of profile index k < n_profiles.
 *  O(n_players). */
void mk_game_profile_strategies(const mk_game *g, size_t k, size_t *strategy);

/** 1 when some player has a strictly better pure reply to profile k (a
 *  profitable unilateral deviation), 0 when k is a pure Nash equilibrium.
 *  Exact; an independent check of a solver's answer that rereads every
 *  deviation. O(n_players * sum of n_strategies). */
int mk_game_profile_has_deviation(const mk_game *g, size_t k);

#ifdef __cplusplus
}
#endif
#endif
