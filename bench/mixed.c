/*
 * bench/mixed: the speed of Lemke-Howson from all labels and of the
 * enumeration of all extreme equilibria (mechkit/mixed.h) on seeded random
 * games with integer payoffs 0..99 (and, for enummixed, highly degenerate
 * ones with payoffs 0..2).
 *
 * Targets (issue "Games"): Lemke-Howson from all labels on random 20x20
 * games in under 50 ms (Gambit's lcp took 2.8-9.5 s). For enummixed the
 * issue's target is random 15x15 games at 5x the speed of lrsnash (which
 * took 4.35 s on one). When lrsnash (Debian package lrslib) is on the
 * PATH it solves the same games, its time is printed alongside, and the
 * equilibrium sets are compared: a mismatch exits 1.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_games.h"
#include "bench_clock.h"
#include "mechkit/mixed.h"
#include "mechkit/rng.h"

/* The m x n game of payoffs 0..top drawn from seed. */
static mk_game *random_bimatrix(size_t m, size_t n, uint64_t seed, int64_t top)
{
    size_t dims[2] = {m, n};
    return random_game(2, dims, seed, top);
}

static void time_lcp(size_t m, size_t n, int games)
{
    double total = 0, worst = 0;
    size_t found = 0;
    for (int s = 0; s < games; s++) {
        mk_game *g = random_bimatrix(m, n, 1000 + (uint64_t)s, 99);
        mk_ctx ctx = MK_CTX_INIT;
        mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
        double t0 = now();
        if (mk_game_solve_lcp(g, &e, &ctx) != 0) {
            fprintf(stderr, "bench: %s\n", ctx.message);
            exit(1);
        }
        double t = now() - t0;
        total += t;
        worst = t > worst ? t : worst;
        found += e.n;
        mk_mixed_equilibria_free(&e);
        mk_game_free(g);
    }
    printf("lcp, all %zu labels   %zux%zu, %d games: mean %.4f s, worst %.4f s, %.1f "
           "equilibria/game\n",
           m + n, m, n, games, total / games, worst, (double)found / games);
}

/* Equilibrium k as one line "x1 x2 ... | y1 y2 ...". */
static void key(const mk_mixed_equilibria *e, size_t m, size_t k, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t s = 0; s < e->width; s++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s",
                 s == 0   ? ""
                 : s == m ? " | "
                          : " ",
                 e->prob[k * e->width + s]);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs lrsnash on g; its equilibria (sorted keys) into keys, the time into
 * *secs. Returns the count, or -1 when lrsnash is not available. lrsnash
 * prints blocks of lines "2 y... payoff" followed by lines "1 x...
 * payoff", separated by blank lines; every (x, y) of a block is an
 * extreme equilibrium (a block is a clique). */
static long run_lrsnash(const mk_game *g, char **keys, size_t cap, double *secs)
{
    size_t m = g->n_strategies[0], n = g->n_strategies[1];
    char path[] = "/tmp/mechkit-bench-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "%zu %zu\n", m, n);
    for (size_t p = 0; p < 2; p++) {
        fprintf(f, "\n");
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < n; j++)
                fprintf(f, "%lld%c", (long long)mk_game_payoff(g, i + j * m, p).num,
                        j + 1 < n ? ' ' : '\n');
    }
    fclose(f);
    /* The player 2 strategies of the current block (a degenerate game's
     * clique can hold hundreds). */
    enum { MAX_BLOCK = 4096, Y_LEN = 2048 };
    char cmd[128], line[8192], (*ys)[Y_LEN] = malloc(MAX_BLOCK * sizeof *ys);
    size_t ny = 0;
    if (ys == NULL)
        return -1;
    int after_x = 0;
    snprintf(cmd, sizeof cmd, "lrsnash %s 2>/dev/null", path);
    double t0 = now();
    FILE *out = popen(cmd, "r");
    long count = 0;
    while (out != NULL && fgets(line, sizeof line, out) != NULL) {
        char *tok[128] = {NULL};
        size_t nt = 0;
        for (char *t = strtok(line, " \t\n"); t != NULL && nt < 128; t = strtok(NULL, " \t\n"))
            tok[nt++] = t;
        if (nt == n + 2 && strcmp(tok[0], "2") == 0) {
            if (after_x)
                ny = 0;
            after_x = 0;
            if (ny == MAX_BLOCK)
                continue;
            char *y = ys[ny++];
            y[0] = '\0';
            for (size_t s = 1; s <= n; s++)
                snprintf(y + strlen(y), Y_LEN - strlen(y), "%s%s", s > 1 ? " " : "", tok[s]);
        } else if (nt == m + 2 && strcmp(tok[0], "1") == 0) {
            after_x = 1;
            char xs[4096] = "", k[8200];
            for (size_t s = 1; s <= m; s++)
                snprintf(xs + strlen(xs), sizeof xs - strlen(xs), "%s%s", s > 1 ? " " : "", tok[s]);
            for (size_t b = 0; b < ny && (size_t)count < cap; b++) {
                snprintf(k, sizeof k, "%.4095s | %.2047s", xs, ys[b]);
                keys[count++] = strdup(k);
            }
        } else if (nt == 0) {
            ny = 0;
            after_x = 0;
        }
    }
    int status = out == NULL ? -1 : pclose(out);
    *secs = now() - t0;
    free(ys);
    unlink(path);
    if (status != 0)
        return -1;
    qsort(keys, (size_t)count, sizeof *keys, cmp_str);
    return count;
}

/* Payoffs 0..top: 99 as in the issue, 2 for highly degenerate games. */
static int time_enummixed(size_t m, size_t n, int games, int64_t top)
{
    double total = 0, total_lrs = 0, worst = 0;
    size_t found = 0;
    int compared = 0, mismatches = 0;
    for (int s = 0; s < games; s++) {
        mk_game *g = random_bimatrix(m, n, 2000 + (uint64_t)s, top);
        mk_ctx ctx = MK_CTX_INIT;
        mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
        double t0 = now();
        if (mk_game_solve_enummixed(g, &e, &ctx) != 0) {
            fprintf(stderr, "bench: %s\n", ctx.message);
            exit(1);
        }
        double t = now() - t0;
        total += t;
        worst = t > worst ? t : worst;
        found += e.n;
        size_t nm = e.n;
        char **mine = calloc(nm + 1, sizeof *mine), **theirs = calloc(nm + 1, sizeof *theirs);
        if (mine == NULL || theirs == NULL)
            exit(1);
        for (size_t k = 0; k < nm; k++) {
            char buf[8192];
            key(&e, m, k, buf, sizeof buf);
            mine[k] = strdup(buf);
        }
        qsort(mine, nm, sizeof *mine, cmp_str);
        double secs;
        /* Room for one more than ours, so that an extra one shows. */
        long nl = run_lrsnash(g, theirs, nm + 1, &secs);
        if (nl >= 0) {
            compared++;
            total_lrs += secs;
            int same = (size_t)nl == nm;
            for (size_t k = 0; same && k < nm; k++)
                same = strcmp(mine[k], theirs[k]) == 0;
            mismatches += !same;
        }
        for (size_t k = 0; k <= nm; k++) {
            free(mine[k]);
            free(theirs[k]);
        }
        free(mine);
        free(theirs);
        mk_mixed_equilibria_free(&e);
        mk_game_free(g);
    }
    printf("enummixed 0-%-3lld       %zux%zu, %d games: mean %.4f s, worst %.4f s, %.1f "
           "equilibria/game",
           (long long)top, m, n, games, total / games, worst, (double)found / games);
    if (compared > 0)
        printf("; lrsnash mean %.4f s (%.1fx), %d/%d sets identical", total_lrs / compared,
               total_lrs / total, compared - mismatches, compared);
    else
        printf("; lrsnash not found");
    printf("\n");
    return mismatches;
}

int main(void)
{
    time_lcp(10, 10, 20);
    time_lcp(20, 20, 20);
    time_lcp(30, 30, 5);
    int bad = time_enummixed(6, 6, 10, 99);
    bad += time_enummixed(8, 8, 5, 99);
    bad += time_enummixed(10, 10, 3, 99);
    bad += time_enummixed(12, 12, 3, 99);
    bad += time_enummixed(15, 15, 5, 99);
    bad += time_enummixed(15, 15, 3, 2);
    return bad == 0 ? 0 : 1;
}
