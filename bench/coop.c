/*
 * bench/coop: exact power indices of weighted voting games.
 *
 * Targets (issue "Cooperative games"): Shapley-Shubik and Banzhaf of 1,000
 * players with integer weights up to 1,000, exact, <= 1 s; the US
 * Electoral College (51 players), both indices, <= 10 ms.
 *
 * Banzhaf of the 1,000-player game: one row of ~250,000 counts of up to
 * 1,000 bits, built in groups of 16 players swept through the cache
 * (src/coop/limb_row.c); shown on every online processor and on one.
 *
 * Shapley-Shubik of the same game is refused: it needs the counts by
 * coalition size as well, ~700 sizes x ~250,000 weights, some 8.5e7
 * nonzero cells of up to 1,000 bits (about 9 GB) and ~4 x 10^11 limb
 * additions (O(n^2 q) as in Uno 2012; the formal power series of
 * Kakimura and Terai 2025 need O(n q log q) operations on numbers of
 * 1,000 bits, still ~5 x 10^9). The message is printed, and smaller games
 * show how its time grows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechkit/coop.h"
#include "mechkit/power.h"
#include "mechkit/rng.h"

static double clock_seconds(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Wall-clock and processor time (of every thread) of a run, in seconds.
 * On a shared machine the processor time is the steadier figure. */
typedef struct timing {
    double wall, cpu;
} timing;

/* 1990 apportionment, alphabetical by state (U.S. Information Agency,
 * "Electoral Voting Strength of States, 1996"); quota 270 of 538. */
static const int64_t electoral_college[51] = {
    9, 3, 8, 6, 54, 8, 8,  3,  3, 25, 13, 4, 4,  22, 12, 7, 6,  8,  9, 4, 10, 12, 18, 10, 7, 11,
    3, 5, 4, 4, 15, 5, 33, 14, 3, 21, 8,  7, 23, 4,  8,  3, 11, 32, 5, 3, 13, 11, 5,  11, 3};

/* A game of n players with names "p1".. and weights w; quota: majority of
 * the total weight. NULL (and a message) on failure. */
static mk_simple_game *make_game(size_t n, const int64_t *w)
{
    enum { NAME = 24 };
    char *text = malloc(n * NAME);
    const char **names = malloc(n * sizeof *names);
    mk_simple_game *g = NULL;
    if (text == NULL || names == NULL) {
        fprintf(stderr, "coop: out of memory\n");
        goto done;
    }
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        names[i] = text + i * NAME;
        snprintf(text + i * NAME, NAME, "p%zu", i + 1);
        total += w[i];
    }
    int64_t quota = total / 2 + 1;
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_simple_game_new(&g, n, 1, names, w, &quota, &ctx) != 0)
        fprintf(stderr, "coop: %s\n", ctx.message);
done:
    free(names);
    free(text);
    return g;
}

/* The fastest of `repeat` runs of the indices asked for; wall < 0 when
 * mechkit refuses (the message is printed). */
static timing time_power(const mk_simple_game *g, unsigned indices, unsigned threads, int repeat)
{
    mk_power_options opt = MK_POWER_OPTIONS_INIT;
    opt.indices = indices;
    opt.threads = threads;
    timing best = {-1, -1};
    for (int r = 0; r < repeat; r++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_power *p = NULL;
        double w0 = clock_seconds(CLOCK_MONOTONIC), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        int rc = mk_power_compute(g, &opt, &p, &ctx);
        timing t = {clock_seconds(CLOCK_MONOTONIC) - w0,
                    clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0};
        mk_power_free(p);
        if (rc != 0) {
            printf("    refused: %s\n", ctx.message);
            return (timing){-1, -1};
        }
        if (best.wall < 0 || t.wall < best.wall)
            best.wall = t.wall;
        if (best.cpu < 0 || t.cpu < best.cpu)
            best.cpu = t.cpu;
    }
    return best;
}

static void print_timing(timing t, const char *note)
{
    if (t.wall >= 0)
        printf("%10.3f ms, processor %10.3f ms%s\n", 1e3 * t.wall, 1e3 * t.cpu, note);
}

static void random_game(size_t n, int64_t top, uint64_t seed, const char *indices_name,
                        unsigned indices, unsigned threads, int repeat)
{
    int64_t *w = malloc(n * sizeof *w);
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    for (size_t i = 0; i < n; i++)
        w[i] = mk_rng_range(&rng, 1, top);
    mk_simple_game *g = make_game(n, w);
    free(w);
    if (g == NULL)
        return;
    printf("  %5zu players, weights 1..%-5lld quota %-7lld %-16s", n, (long long)top,
           (long long)g->quota[0], indices_name);
    fflush(stdout);
    print_timing(time_power(g, indices, threads, repeat), threads == 1 ? " (one thread)" : "");
    mk_simple_game_free(g);
}

/* A double majority of 27 members, EU-style: 15 of the 27 members and 65%
 * of the population, populations (in tens of thousands) seeded from 50
 * to 8,500. A multiple weighted game: DP over vectors of weights. */
static void double_majority(unsigned indices, const char *indices_name)
{
    enum { MEMBERS = 27 };
    int64_t w[2 * MEMBERS], quota[2], people = 0;
    char text[MEMBERS][8];
    const char *names[MEMBERS];
    mk_rng rng;
    mk_rng_seed(&rng, 27);
    for (size_t i = 0; i < MEMBERS; i++) {
        snprintf(text[i], sizeof text[i], "m%zu", i + 1);
        names[i] = text[i];
        w[i] = 1;
        people += w[MEMBERS + i] = mk_rng_range(&rng, 50, 8500);
    }
    quota[0] = 15;
    quota[1] = (people * 65 + 99) / 100;
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    if (mk_simple_game_new(&g, MEMBERS, 2, names, w, quota, &ctx) != 0) {
        fprintf(stderr, "coop: %s\n", ctx.message);
        return;
    }
    printf("  double majority, 27 members, quotas 15 and %-7lld %-16s", (long long)quota[1],
           indices_name);
    fflush(stdout);
    print_timing(time_power(g, indices, 0, 1), "");
    mk_simple_game_free(g);
}

int main(void)
{
    printf("coop: exact power indices of weighted voting games (best of several runs,\n"
           "wall-clock and processor time of all threads; the Banzhaf row is split over\n"
           "every online processor unless marked)\n");
    mk_simple_game *ec = make_game(51, electoral_college);
    if (ec == NULL)
        return 1;
    printf("  US Electoral College 1990, 51 players, quota %lld:\n", (long long)ec->quota[0]);
    printf("    both indices ");
    print_timing(time_power(ec, MK_POWER_ALL, 0, 20), "");
    printf("    banzhaf      ");
    print_timing(time_power(ec, MK_POWER_BANZHAF, 0, 20), "");
    printf("    shapley      ");
    print_timing(time_power(ec, MK_POWER_SHAPLEY_SHUBIK, 0, 20), "");
    mk_simple_game_free(ec);

    printf("  random games (seed 1), quota = half the total weight + 1:\n");
    random_game(1000, 1000, 1, "banzhaf", MK_POWER_BANZHAF, 0, 5);
    random_game(1000, 1000, 1, "banzhaf", MK_POWER_BANZHAF, 1, 3);
    random_game(1000, 1000, 1, "shapley_shubik", MK_POWER_SHAPLEY_SHUBIK, 0, 1);
    random_game(100, 100, 1, "both", MK_POWER_ALL, 0, 3);
    random_game(200, 100, 1, "both", MK_POWER_ALL, 0, 1);
    random_game(100, 1000, 1, "both", MK_POWER_ALL, 0, 1);
    random_game(400, 100, 1, "both", MK_POWER_ALL, 0, 1);
    double_majority(MK_POWER_BANZHAF, "banzhaf");
    double_majority(MK_POWER_SHAPLEY_SHUBIK, "shapley_shubik");
    return 0;
}
