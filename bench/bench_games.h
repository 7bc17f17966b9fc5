/*
 * bench_games.h - seeded random normal-form games for the game
 * benchmarks: every payoff an integer drawn uniformly from 0..top.
 */
#ifndef MECHKIT_BENCH_GAMES_H
#define MECHKIT_BENCH_GAMES_H

#include <stdint.h>
#include <stdlib.h>

#include "mechkit/game.h"
#include "mechkit/rng.h"

static inline mk_game *random_game(size_t n, const size_t *counts, uint64_t seed, int64_t top)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_new(&g, n, counts, &ctx) != 0)
        exit(1);
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    for (size_t c = 0; c < g->n_profiles * n; c++)
        g->payoff[c] = (mk_rational){mk_rng_range(&rng, 0, top), 1};
    return g;
}

#endif
