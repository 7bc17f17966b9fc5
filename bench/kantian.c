/*
 * bench/kantian: the speed of the superrational solver (mechkit/kantian.h)
 * and of replicator dynamics (mechkit/metagame.h). The issue names no
 * target for them; these figures show what sizes are practical:
 *  - Platonia dilemmas with n players (a degree-n polynomial, one rational
 *    critical point 1/n);
 *  - seeded random symmetric games with 2 strategies and n players
 *    (payoffs 0..99 for each own strategy and count of others: a dense
 *    degree-n polynomial whose critical points are mostly irrational);
 *  - seeded random 2-player games with k strategies (2^k - 1 faces);
 *  - 10,000 replicator steps on the Prisoner's Dilemma metagame.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/metagame.h"
#include "mechkit/rng.h"

static void check(int rc, const mk_ctx *ctx)
{
    if (rc != 0) {
        fprintf(stderr, "bench: %s\n", ctx->message);
        exit(1);
    }
}

/* Seconds to solve g; *exact counts exact maximisers. */
static double time_solve(const mk_symgame *g, size_t *exact)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    double t0 = now();
    check(mk_symgame_superrational(g, &r, &ctx), &ctx);
    double t = now() - t0;
    for (size_t j = 0; j < r.n; j++)
        *exact += (size_t)r.choice[j].exact;
    mk_superrational_free(&r);
    return t;
}

static void platonia(size_t n)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_symgame *g = NULL;
    check(mk_symgame_new(&g, n, 2, &ctx), &ctx);
    g->payoff[0] = (mk_rational){1, 1};
    size_t exact = 0;
    double t = time_solve(g, &exact);
    printf("platonia, %2zu players:                    %8.2f ms\n", n, 1e3 * t);
    mk_symgame_free(g);
}

static void random_games(size_t n, size_t k, int games)
{
    double total = 0, worst = 0;
    size_t exact = 0;
    for (int s = 0; s < games; s++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_symgame *g = NULL;
        check(mk_symgame_new(&g, n, k, &ctx), &ctx);
        mk_rng rng;
        mk_rng_seed(&rng, 7000 + (uint64_t)s);
        for (size_t c = 0; c < k * g->n_counts; c++)
            g->payoff[c] = (mk_rational){mk_rng_range(&rng, 0, 99), 1};
        double t = time_solve(g, &exact);
        total += t;
        worst = t > worst ? t : worst;
        mk_symgame_free(g);
    }
    printf("random, %2zu players x %2zu strategies, %d games: mean %8.2f ms, worst %8.2f ms "
           "(%zu exact maximisers)\n",
           n, k, games, 1e3 * total / games, 1e3 * worst, exact);
}

static void replicator(void)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    const size_t dims[2] = {2, 2};
    check(mk_game_new(&g, 2, dims, &ctx), &ctx);
    /* a slowly converging mix: Hawk-Dove, fitness differences small */
    const int64_t a[4] = {99, 102, 100, 101};
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 2; j++) {
            g->payoff[2 * (i + 2 * j)] = (mk_rational){a[i * 2 + j], 1};
            g->payoff[2 * (i + 2 * j) + 1] = (mk_rational){a[j * 2 + i], 1};
        }
    const mk_rational start[2] = {{1, 100}, {99, 100}};
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    double t0 = now();
    check(mk_game_replicator(g, start, 10000, 10000, &p, &ctx), &ctx);
    double t = now() - t0;
    printf("replicator, %zu steps:                   %8.2f ms (%.3f us a step)\n", p.steps, 1e3 * t,
           1e6 * t / (double)p.steps);
    mk_replicator_path_free(&p);
    mk_game_free(g);
}

int main(void)
{
    platonia(20);
    platonia(64);
    random_games(10, 2, 20);
    random_games(20, 2, 20);
    random_games(40, 2, 5);
    random_games(64, 2, 3);
    random_games(2, 8, 20);
    random_games(2, 12, 3);
    replicator();
    return 0;
}
