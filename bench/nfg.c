/*
 * bench/nfg: the speed of the Gambit .nfg reader and of pure equilibria.
 *
 * Targets (issue "Games"): a game with 65,536 payoff cells reads in well
 * under 0.1 s (Gambit's reader takes about 7 s on such a file); the pure
 * equilibria of a 10-player game with 4 strategies each (2^20 profiles)
 * in under 0.5 s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/nash.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"

enum { REPEAT = 5 };

/* The .nfg text of a random game: integers 0..99, or fractions k/7 when
 * fractions is set, one profile per line. Caller frees. */
static char *random_nfg(size_t n, const size_t *counts, int fractions, uint64_t seed, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (out == NULL)
        exit(1);
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    fprintf(out, "NFG 1 R \"bench\" {");
    for (size_t i = 0; i < n; i++)
        fprintf(out, " \"P%zu\"", i + 1);
    fprintf(out, " } {");
    size_t profiles = 1;
    for (size_t i = 0; i < n; i++) {
        fprintf(out, " %zu", counts[i]);
        profiles *= counts[i];
    }
    fprintf(out, " }\n\n");
    for (size_t k = 0; k < profiles; k++)
        for (size_t i = 0; i < n; i++) {
            long long v = (long long)mk_rng_range(&rng, 0, 99);
            if (fractions)
                fprintf(out, "%lld/7%c", v, i + 1 < n ? ' ' : '\n');
            else
                fprintf(out, "%lld%c", v, i + 1 < n ? ' ' : '\n');
        }
    fclose(out);
    return buf;
}

/* Best of REPEAT reads of text; returns the game of the last read. */
static mk_game *time_read(const char *what, const char *text, size_t len, size_t cells)
{
    double best = 1e9;
    mk_game *g = NULL;
    for (int r = 0; r < REPEAT; r++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_game_free(g);
        g = NULL;
        double t0 = now();
        if (mk_game_read_nfg(text, len, "bench.nfg", &g, &ctx) != 0) {
            fprintf(stderr, "bench: %s\n", ctx.message);
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    printf("read .nfg      %-34s %9zu cells, %8.1f KiB: %8.4f s (%.0f Mcells/s)\n", what, cells,
           (double)len / 1024, best, (double)cells / best / 1e6);
    return g;
}

static void time_pure(const char *what, const mk_game *g)
{
    double best = 1e9;
    size_t found = 0;
    for (int r = 0; r < REPEAT; r++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
        double t0 = now();
        if (mk_game_solve_pure(g, &e, &ctx) != 0) {
            fprintf(stderr, "bench: %s\n", ctx.message);
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
        found = e.n;
        mk_pure_equilibria_free(&e);
    }
    printf("pure equilibria %-34s %9zu profiles, %zu found: %8.4f s\n", what, g->n_profiles, found,
           best);
}

int main(void)
{
    size_t len;
    size_t two[] = {128, 256};
    char *text = random_nfg(2, two, 0, 1, &len);
    mk_game *g = time_read("128x256, integers 0..99", text, len, 65536);
    time_pure("128x256", g);
    mk_game_free(g);
    free(text);

    text = random_nfg(2, two, 1, 2, &len);
    g = time_read("128x256, fractions k/7", text, len, 65536);
    mk_game_free(g);
    free(text);

    size_t ten[10] = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    text = random_nfg(10, ten, 0, 3, &len);
    g = time_read("10 players x 4 strategies", text, len, ((size_t)1 << 20) * 10);
    time_pure("10 players x 4 strategies", g);
    mk_game_free(g);
    free(text);
    return 0;
}
