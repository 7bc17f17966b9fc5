/*
 * bench/games_formats: figures for the README (no target was set in the
 * issue): the JSON game reader on a 256x256 game, iterated elimination by
 * mixed strategies (one exact LP per strategy) on random 20x20 games, and
 * enumpoly on random 2x2x2 and 3x3x3 games (payoffs 0..99, seeded).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_games.h"
#include "bench_clock.h"
#include "mechkit/dominance.h"
#include "mechkit/enumpoly.h"
#include "mechkit/game_json.h"
#include "mechkit/rng.h"

static void bench_json(void)
{
    size_t counts[2] = {256, 256}, len = 0;
    mk_game *g = random_game(2, counts, 1, 99);
    char *text = NULL;
    FILE *out = open_memstream(&text, &len);
    mk_ctx ctx = MK_CTX_INIT;
    if (out == NULL || mk_game_write_json(g, out, &ctx) != 0)
        exit(1);
    fclose(out);
    double best = 1e9;
    for (int r = 0; r < 5; r++) {
        mk_game *back = NULL;
        double t0 = now();
        if (mk_game_read_json(text, len, "bench.json", &back, &ctx) != 0)
            exit(1);
        double t = now() - t0;
        best = t < best ? t : best;
        mk_game_free(back);
    }
    printf("JSON reader          256x256 (65,536 profiles, %zu bytes): best of 5 %.4f s\n", len,
           best);
    free(text);
    mk_game_free(g);
}

static void bench_dominance(void)
{
    size_t counts[2] = {20, 20}, removed = 0;
    mk_dominance_options opt = MK_DOMINANCE_OPTIONS_INIT;
    opt.by = MK_DOMINANCE_BY_MIXED;
    double total = 0, worst = 0;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        mk_game *g = random_game(2, counts, seed, 99);
        mk_dominance d = MK_DOMINANCE_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        double t0 = now();
        if (mk_game_eliminate(g, &opt, &d, &ctx) != 0)
            exit(1);
        double t = now() - t0;
        total += t;
        worst = t > worst ? t : worst;
        removed += d.n;
        mk_dominance_free(&d);
        mk_game_free(g);
    }
    printf("dominance by mixed   20x20, 5 games: mean %.4f s, worst %.4f s, %.1f removed/game\n",
           total / 5, worst, (double)removed / 5);
}

static void bench_enumpoly(size_t m, int games)
{
    size_t counts[3] = {m, m, m}, found = 0, enclosed = 0, unresolved = 0;
    double total = 0, worst = 0;
    for (int k = 0; k < games; k++) {
        mk_game *g = random_game(3, counts, 100 + (uint64_t)k, 99);
        mk_enumpoly e = MK_ENUMPOLY_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        double t0 = now();
        if (mk_game_solve_enumpoly(g, &e, &ctx) != 0)
            exit(1);
        double t = now() - t0;
        total += t;
        worst = t > worst ? t : worst;
        found += e.n;
        for (size_t q = 0; q < e.n; q++)
            enclosed += !e.exact[q];
        unresolved += e.unresolved > 0;
        mk_enumpoly_free(&e);
        mk_game_free(g);
    }
    printf("enumpoly             %zux%zux%zu, %d games: mean %.4f s, worst %.4f s, %.1f "
           "equilibria/game (%zu irrational, enclosed), %zu games incomplete\n",
           m, m, m, games, total / games, worst, (double)found / games, enclosed, unresolved);
}

int main(void)
{
    bench_json();
    bench_dominance();
    bench_enumpoly(2, 20);
    bench_enumpoly(3, 5);
    return 0;
}
