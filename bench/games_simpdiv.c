/*
 * bench/games_simpdiv: figures for the README (no target was set in the
 * issue): one equilibrium by simplicial subdivision (mechkit/simpdiv.h)
 * of seeded random games (payoffs 0..99) of shapes 10x10, 3x3x3 and 3^4:
 * the median and worst time over 20 games, how many answers are exact,
 * the worst exact regret of the others, how many reached the tolerance
 * (the rest ran out of pivots), and the most pivots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechkit/rng.h"
#include "mechkit/simpdiv.h"

#define GAMES 20

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static mk_game *random_game(size_t n, const size_t *counts, uint64_t seed)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_new(&g, n, counts, &ctx) != 0)
        exit(1);
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    for (size_t c = 0; c < g->n_profiles * n; c++)
        g->payoff[c] = (mk_rational){mk_rng_range(&rng, 0, 99), 1};
    return g;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* "a/b" or "a" as a double. */
static double value(const char *text)
{
    const char *slash = strchr(text, '/');
    return slash == NULL ? strtod(text, NULL) : strtod(text, NULL) / strtod(slash + 1, NULL);
}

static void bench(const char *name, size_t n, const size_t *counts)
{
    double times[GAMES], worst_regret = 0.0;
    int exact = 0, converged = 0;
    uint64_t most_pivots = 0;
    for (uint64_t seed = 1; seed <= GAMES; seed++) {
        mk_game *g = random_game(n, counts, seed);
        mk_simpdiv s = MK_SIMPDIV_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        double t0 = now();
        if (mk_game_solve_simpdiv(g, 0.0, &s, &ctx) != 0) {
            fprintf(stderr, "simpdiv failed on %s seed %llu: %s\n", name, (unsigned long long)seed,
                    ctx.message);
            exit(1);
        }
        times[seed - 1] = now() - t0;
        exact += s.exact;
        converged += s.exact || s.converged;
        if (value(s.max_regret) > worst_regret)
            worst_regret = value(s.max_regret);
        if (s.pivots > most_pivots)
            most_pivots = s.pivots;
        mk_simpdiv_free(&s);
        mk_game_free(g);
    }
    qsort(times, GAMES, sizeof *times, by_value);
    printf("simpdiv %-8s %d games: median %.4f s, worst %.4f s; %d exact, worst regret of the "
           "others %.2g; %d within the tolerance; most pivots %llu\n",
           name, GAMES, times[GAMES / 2], times[GAMES - 1], exact, worst_regret, converged,
           (unsigned long long)most_pivots);
}

int main(void)
{
    size_t two[] = {10, 10}, three[] = {3, 3, 3}, four[] = {3, 3, 3, 3};
    bench("10x10", 2, two);
    bench("3x3x3", 3, three);
    bench("3^4", 4, four);
    return 0;
}
