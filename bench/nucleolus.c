/*
 * bench/nucleolus: the nucleolus, pre-nucleolus and least core of
 * explicit games of 15 players (issue "Cooperative games": "Nucleolus of
 * an explicit 15-player game: report the time"), exact.
 *
 * Games (seeded, so every run solves the same ones):
 * - random: every coalition value uniform in 0..1000, but v(N) is 1000 n
 *   (so that imputations exist);
 * - convex: v(S) = |S|^2 * 100 + uniform noise 0..99 (near-convex, a
 *   large core: many ties);
 * - security: the UN Security Council as a 0/1 game (5 vetoes, 9 votes
 *   of 15), very degenerate.
 * Usage: nucleolus [PLAYERS] (default 15, at most 25).
 * Then the core's extreme points of the convex games of 7 and 8 players
 * (n! vertices: 5040, and 40320, past MK_TU_CORE_MAX_RAYS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/nucleolus.h"
#include "mechkit/tu_game.h"

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

static int64_t value(const char *kind, uint64_t set, size_t n, uint64_t *seed)
{
    int members = __builtin_popcountll(set);
    if (kind[0] == 'r')
        return set + 1 == (uint64_t)1 << n ? 1000 * (int64_t)n : (int64_t)(next(seed) % 1001);
    if (kind[0] == 'c')
        return (int64_t)members * members * 100 + (int64_t)(next(seed) % 100);
    /* security: the first five of n are permanent */
    uint64_t permanent = (uint64_t)31;
    return (set & permanent) == permanent && members >= (int)n - 6;
}

static mk_tu_game *make(const char *kind, size_t n, uint64_t seed)
{
    size_t count = (size_t)1 << n;
    mk_rational *v = malloc(count * sizeof *v);
    char names[25][8];
    const char *name_ptr[25];
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "p%zu", i + 1);
        name_ptr[i] = names[i];
    }
    mk_tu_game *g = NULL;
    if (v == NULL)
        return NULL;
    v[0] = (mk_rational){0, 1};
    for (size_t m = 1; m < count; m++)
        v[m] = (mk_rational){value(kind, m, n, &seed), 1};
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_tu_game_new(&g, n, name_ptr, v, &ctx) != 0)
        fprintf(stderr, "nucleolus: %s\n", ctx.message);
    free(v);
    return g;
}

typedef int (*solver)(const mk_tu_game *, int, mk_tu_excess_result **, mk_ctx *);

static int run(const char *kind, const char *what, solver f, const mk_tu_game *g)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_excess_result *r = NULL;
    double t0 = now();
    int rc = f(g, 6, &r, &ctx);
    double t = now() - t0;
    if (rc != 0) {
        fprintf(stderr, "nucleolus: %s %s: %s\n", kind, what, ctx.message);
        return 1;
    }
    printf("%-8s %2zu players  %-13s %8.3f s  %2zu stage(s)  first level %s, p1 gets %s\n", kind,
           g->n, what, t, r->levels, r->levels > 0 ? r->level_decimal[0] : "-",
           r->point->decimal[0]);
    mk_tu_excess_result_free(r);
    return 0;
}

/* The core's extreme points of the convex game of n players: n! of
 * them, past MK_TU_CORE_MAX_RAYS at 8 players (the refusal is printed,
 * with the time it took to decide). */
static int core_vertices(size_t n)
{
    mk_tu_game *g = make("convex", n, 20261123);
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_core *c = NULL;
    if (g == NULL)
        return 1;
    double t0 = now();
    int rc = mk_tu_core_compute(g, 6, &c, &ctx);
    double t = now() - t0;
    if (rc == 0)
        printf("convex   %2zu players  core vertices %8.3f s  %zu extreme points\n", n, t,
               c->n_vertices);
    else
        printf("convex   %2zu players  core vertices %8.3f s  refused: %s\n", n, t, ctx.message);
    mk_tu_core_free(c);
    mk_tu_game_free(g);
    return rc != 0 && rc != MK_ELIMIT;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 15;
    if (n < 6 || n > MK_TU_GAME_MAX_PLAYERS) {
        fprintf(stderr, "usage: nucleolus [PLAYERS, 6..%d]\n", MK_TU_GAME_MAX_PLAYERS);
        return 2;
    }
    const char *kinds[] = {"random", "convex", "security"};
    int failed = 0;
    for (size_t k = 0; k < 3; k++) {
        mk_tu_game *g = make(kinds[k], n, 20261123 + k);
        if (g == NULL)
            return 1;
        failed |= run(kinds[k], "nucleolus", mk_tu_nucleolus, g);
        failed |= run(kinds[k], "prenucleolus", mk_tu_prenucleolus, g);
        failed |= run(kinds[k], "least core", mk_tu_least_core, g);
        mk_tu_game_free(g);
    }
    return failed | core_vertices(7) | core_vertices(8);
}
