/*
 * mechkit/enumpoly.h - every isolated Nash equilibrium of a small
 * n-player game (mechkit/game.h), each one certified.
 *
 * Support enumeration (as in McKelvey and McLennan 1996, section 6, and
 * Gambit's enumpoly): for every profile of supports S_1, ..., S_n, the
 * equilibria whose supports are exactly these solve the polynomial system
 * "every strategy in S_i pays player i the same" in the probabilities of
 * the supports (multilinear in the other players' probabilities), with
 * every support probability positive and no other strategy paying more.
 *
 * Each system is solved by interval branch and prune over the box of
 * probabilities (slightly enlarged, so that roots on its faces are
 * interior): a box is discarded when interval evaluation shows that an
 * equation cannot vanish or that a strategy outside the support surely
 * pays more; the Krawczyk operator (Krawczyk 1969; Moore, Kearfott and
 * Cloud 2009, section 8.4) either proves that a box holds no root,
 * proves that it holds exactly one, or shrinks it; else the box is split
 * in two. Interval arithmetic rounds outwards, so "no root" and "exactly
 * one root" are proofs, not estimates. Every root proven unique is then
 *   - exact: the simplest fractions within its enclosure are tried and,
 *     when they solve the system exactly, the profile is checked to be an
 *     equilibrium in rational arithmetic (mechkit/regret.h); or
 *   - enclosed: the root is irrational (or has a huge denominator); its
 *     probabilities and payoffs are given as certified intervals, and
 *     interval arithmetic proves positive support probabilities and no
 *     better reply outside the support.
 *
 * Completeness: when `unresolved` is 0, every equilibrium of the game is
 * in the result, and every one is isolated (a box that could be neither
 * discarded nor certified would have been counted).
 * Games with continua of equilibria, or equilibria where a player is
 * indifferent to a strategy outside the support, leave unresolved boxes
 * (a box is given up below a width of 1e-9; a support profile after
 * MK_ENUMPOLY_MAX_BOXES boxes or 64 boxes given up); the result then
 * lists what was certified and counts the support profiles given up.
 */
#ifndef MECHKIT_ENUMPOLY_H
#define MECHKIT_ENUMPOLY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most pure profiles of a game for enumpoly: 3x3x3 (or 5x5, 2x2x2x3).
 *  Larger games are refused: the boxes of their larger support systems
 *  take seconds to minutes (two players have enummixed). */
#define MK_ENUMPOLY_MAX_PROFILES 27
/** Most support profiles (product over players of 2^m - 1; 343 for
 *  3x3x3). */
#define MK_ENUMPOLY_MAX_SUPPORTS 100000
/** Most boxes examined for one support profile before giving up. */
#define MK_ENUMPOLY_MAX_BOXES 100000

/**
 * The equilibria. Equilibrium e has width = sum of n_strategies
 * probabilities then n_players payoffs: value[e * (width + n_players) + c].
 * When exact[e] is 1, each value is an exact fraction ("1/2", "0") and
 * lower and upper are NULL for it; when 0, value is the midpoint of the
 * certified enclosure (17 significant digits) and lower/upper[same index]
 * its bounds ("0.70710678118654746"), each a string owned by the result.
 */
typedef struct mk_enumpoly {
    size_t n;
    size_t width;     /**< sum of n_strategies */
    size_t n_players; /**< the game's */
    int *exact;       /**< n flags */
    char **value;     /**< n * (width + n_players) strings */
    char **lower;     /**< same layout; NULL entries for exact equilibria */
    char **upper;
    size_t unresolved;            /**< support profiles where a box (or a root's
                                       verdict) was neither discarded nor certified:
                                       0 means complete */
    uint64_t *unresolved_support; /**< unresolved * n_players support masks (bit s:
                                        strategy s), owned; NULL when none */
    size_t supports;              /**< support profiles examined */
    size_t cap;                   /**< allocated equilibria (internal) */
} mk_enumpoly;

/* clang-format off */
#define MK_ENUMPOLY_INIT {0, 0, 0, NULL, NULL, NULL, NULL, 0, NULL, 0, 0}
/* clang-format on */

/**
 * Every isolated equilibrium of g (see above), ordered by support profile
 * (smaller supports first, in lexicographic order), then by discovery.
 * out is overwritten on success (free it with mk_enumpoly_free) and left
 * untouched on failure. Errors: MK_ELIMIT when g has more than
 * MK_ENUMPOLY_MAX_PROFILES profiles; MK_ENOMEM; MK_EINTERNAL when an
 * exact candidate fails its exact check (a bug).
 */
int mk_game_solve_enumpoly(const mk_game *g, mk_enumpoly *out, mk_ctx *ctx);

/** Frees what e owns and resets it. NULL is a no-op. */
void mk_enumpoly_free(mk_enumpoly *e);

#ifdef __cplusplus
}
#endif
#endif
