/*
 * bench/games_simpdiv: figures for the README (no target was set in the
 * issue): one equilibrium by simplicial subdivision (mechkit/simpdiv.h)
 * of seeded random games (payoffs 0..99) of shapes 10x10, 15x15, 3x3x3
 * and 3^4: the median and worst time over 20 games, how many answers are
 * exact, the worst exact regret of the others, how many reached the
 * tolerance (the rest ran out of pivots), and the most pivots. Then the
 * 15x15 game tests/games/data/simpdiv_random16_15x15.nfg (read from the
 * working directory, the source tree for scripts/bench), which ran out of
 * pivots before the restarts used cyclic directions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_games.h"
#include "bench_clock.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"
#include "mechkit/simpdiv.h"

#define GAMES 20

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
        mk_game *g = random_game(n, counts, seed, 99);
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

#define SEED16_GAME "tests/games/data/simpdiv_random16_15x15.nfg"

/* The whole file at path into *text (malloc'd, *len bytes); -1 when
 * unreadable. */
static int slurp(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long size = -1;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    *text = size >= 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)size + 1) : NULL;
    *len = *text != NULL ? fread(*text, 1, (size_t)size, f) : 0;
    if (f != NULL)
        fclose(f);
    return *text != NULL && *len == (size_t)size ? 0 : -1;
}

static void bench_seed16(void)
{
    char *text = NULL;
    size_t len = 0;
    if (slurp(SEED16_GAME, &text, &len) != 0) {
        free(text);
        printf("simpdiv 15x15 Random(16): %s not found (run from the source tree)\n", SEED16_GAME);
        return;
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    mk_simpdiv s = MK_SIMPDIV_INIT;
    double t0 = now();
    if (mk_game_read_nfg(text, len, SEED16_GAME, &g, &ctx) != 0 ||
        mk_game_solve_simpdiv(g, 0.0, &s, &ctx) != 0) {
        fprintf(stderr, "simpdiv failed on %s: %s\n", SEED16_GAME, ctx.message);
        exit(1);
    }
    printf("simpdiv 15x15 Random(16): %.4f s; %s, max regret %s; grid 1/%llu; pivots %llu\n",
           now() - t0,
           s.exact       ? "exact"
           : s.converged ? "within the tolerance"
                         : "NOT converged",
           s.max_regret, (unsigned long long)s.grid, (unsigned long long)s.pivots);
    mk_simpdiv_free(&s);
    mk_game_free(g);
    free(text);
}

int main(void)
{
    size_t ten[] = {10, 10}, fifteen[] = {15, 15}, three[] = {3, 3, 3}, four[] = {3, 3, 3, 3};
    bench("10x10", 2, ten);
    bench("15x15", 2, fifteen);
    bench("3x3x3", 3, three);
    bench("3^4", 4, four);
    bench_seed16();
    return 0;
}
