/*
 * mechkit/dominance.h - iterated elimination of strictly dominated
 * strategies in normal-form games (mechkit/game.h).
 *
 * Strategy t of player i strictly dominates s when, against every profile
 * of the other players' surviving strategies, t pays i strictly more than
 * s. Elimination goes in rounds: each round removes, for every player at
 * once, every surviving strategy that some surviving strategy strictly
 * dominates, until a round removes nothing. For strict dominance the
 * strategies that survive do not depend on the order of elimination
 * (Gilboa, Kalai and Zemel 1990), so rounds are only a way to report it.
 *
 * So far only domination by pure strategies; domination by mixed
 * strategies (an LP) and weak dominance are to come.
 */
#ifndef MECHKIT_DOMINANCE_H
#define MECHKIT_DOMINANCE_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One strategy removed: in which round (1-based), whose, which, and the
 *  strategy that dominated it (surviving at the start of that round). All
 *  indices 0-based. */
typedef struct mk_elimination {
    size_t round;
    size_t player;
    size_t strategy;
    size_t dominated_by;
} mk_elimination;

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

/** Frees what d owns and resets it. NULL is a no-op. */
void mk_dominance_free(mk_dominance *d);

#ifdef __cplusplus
}
#endif
#endif
