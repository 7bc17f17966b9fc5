/*
 * mechkit/dominance.h - iterated elimination of dominated strategies in
 * normal-form games (mechkit/game.h).
 *
 * A (possibly mixed) strategy t of player i strictly dominates s when,
 * against every profile of the other players' surviving strategies, t
 * pays i strictly more than s; t weakly dominates s when it pays at least
 * as much against every such profile and strictly more against one.
 * Checking every pure profile of the others suffices: payoffs are linear
 * in the others' (even correlated) mixtures.
 *
 * Elimination goes in rounds: each round removes, for every player at
 * once, every surviving strategy that is dominated in the game that
 * survived the previous rounds, until a round removes nothing.
 *
 * Order. For strict dominance the strategies that survive do not depend on
 * the order of elimination (Gilboa, Kalai and Zemel 1990; by mixed
 * strategies as well, Osborne and Rubinstein 1994, section 4.2), so rounds
 * are only a way to report it. Weak dominance is order-dependent (ibid.,
 * section 4.3):
 * in the game with rows T = (1,1 0,0), M = (1,1 2,1), B = (0,0 2,1),
 * removing T first leaves (M,R) and (B,R), removing B first leaves (T,L)
 * and (M,L). mechkit uses the order above (all weakly dominated
 * strategies of all players at once in each round, "maximal simultaneous
 * deletion"), which removes T and B in round 1 and leaves M against L and
 * R; the rounds say exactly what was removed when.
 *
 * Domination by mixed strategies is decided by one exact linear program
 * per candidate (mixed dominance takes its dominators among the player's
 * other surviving strategies): maximise e subject to
 * sum_t x_t u(t, b) - e >= u(s, b) for every profile b of the others,
 * sum_t x_t = 1, x >= 0, e >= 0 (strict: s is dominated when e > 0), or
 * maximise sum_b (sum_t x_t u(t, b) - u(s, b)) subject to the same with
 * e = 0 (weak: dominated when feasible with a positive optimum), solved
 * in GMP rationals (Bland's rule). A pure dominator is looked for first;
 * the reported mixture is the LP's optimal vertex, checked exactly again
 * before it is returned.
 */
#ifndef MECHKIT_DOMINANCE_H
#define MECHKIT_DOMINANCE_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** dominated_by of an elimination whose dominator is a mixture. */
#define MK_DOMINATED_BY_MIXTURE ((size_t)-1)

/** One strategy removed: in which round (1-based), whose, which, and the
 *  strategy that dominated it (surviving at the start of that round), or
 *  MK_DOMINATED_BY_MIXTURE and the mixture: mixture[t] is the probability
 *  of the player's strategy t (n_strategies[player] exact fractions such as
 *  "1/2" and "0", owned; NULL for a pure dominator). Indices 0-based. */
typedef struct mk_elimination {
    size_t round;
    size_t player;
    size_t strategy;
    size_t dominated_by;
    char **mixture;
} mk_elimination;

typedef enum mk_dominance_kind { MK_DOMINANCE_STRICT, MK_DOMINANCE_WEAK } mk_dominance_kind;
typedef enum mk_dominance_by { MK_DOMINANCE_BY_PURE, MK_DOMINANCE_BY_MIXED } mk_dominance_by;

/** What to eliminate: strictly or weakly dominated strategies, dominated
 *  by pure strategies only or by mixed ones too. */
typedef struct mk_dominance_options {
    unsigned version; /**< MK_DOMINANCE_OPTIONS_VERSION */
    mk_dominance_kind kind;
    mk_dominance_by by;
} mk_dominance_options;

#define MK_DOMINANCE_OPTIONS_VERSION 1u
/* clang-format off */
#define MK_DOMINANCE_OPTIONS_INIT \
    {MK_DOMINANCE_OPTIONS_VERSION, MK_DOMINANCE_STRICT, MK_DOMINANCE_BY_PURE}
/* clang-format on */

/** Most profiles of the other players a mixed-dominance program may have
 *  (its constraints; the tableau is dense). Above it: MK_ELIMIT. */
#define MK_DOMINANCE_MAX_LP_PROFILES ((size_t)1024)

typedef struct mk_dominance {
    size_t n;             /**< eliminations */
    mk_elimination *step; /**< n eliminations: by round, then player, then
                               strategy; owned */
    size_t rounds;        /**< rounds that removed something */
    size_t *first;        /**< n_players + 1 offsets into alive; owned */
    unsigned char *alive; /**< alive[first[i] + s] is 1 when strategy s of
                               player i survives; owned */
} mk_dominance;

#define MK_DOMINANCE_INIT                                                                          \
    {                                                                                              \
        0, NULL, 0, NULL, NULL                                                                     \
    }

/**
 * Eliminates strictly dominated strategies of g by pure strategies, round
 * by round (see above). Within a round, a strategy dominated by several is
 * reported with the lowest-numbered one. Comparisons are exact.
 * out is overwritten on success (free it with mk_dominance_free) and left
 * untouched on failure. Errors: MK_ENOMEM.
 * Cost: per round and player i, O(m_i^2 * P / m_i) comparisons where m_i
 * is the number of i's surviving strategies and P the surviving profiles;
 * at most sum(n_strategies) rounds.
 */
int mk_game_eliminate_dominated(const mk_game *g, mk_dominance *out, mk_ctx *ctx);

/**
 * Eliminates the strategies of g that opt says (NULL: the defaults, strict
 * by pure), round by round (see above). A strategy dominated by several
 * pure strategies is reported with the lowest-numbered one; by mixed
 * strategies, a pure dominator is preferred to a mixture. Exact.
 * out is overwritten on success (free it with mk_dominance_free) and left
 * untouched on failure. Errors: MK_EPARAM for an unknown version or kind;
 * MK_ELIMIT when a mixed-dominance program would have more than
 * MK_DOMINANCE_MAX_LP_PROFILES constraints; MK_ENOMEM; MK_EINTERNAL when
 * a mixture fails its exact re-check (a bug).
 * Cost: by pure, as mk_game_eliminate_dominated; by mixed, up to two
 * exact programs of P + 2 constraints and m_i variables per surviving
 * strategy per round, P the others' surviving profiles.
 */
int mk_game_eliminate(const mk_game *g, const mk_dominance_options *opt, mk_dominance *out,
                      mk_ctx *ctx);

/** Frees what d owns and resets it. NULL is a no-op. */
void mk_dominance_free(mk_dominance *d);

#ifdef __cplusplus
}
#endif
#endif
