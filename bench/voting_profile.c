/*
 * bench/voting_profile: writes the benchmark's impartial-culture election
 * as a PrefLib .soc file, so that mechkit and a peer library (see
 * bench/voting_peers.sh) read the same bytes.
 *
 *   voting_profile OUT.soc [CANDIDATES [BALLOTS [SEED]]]
 *
 * Defaults 20 candidates, 100,000 ballots, seed 2026: the profile that
 * bench/voting and bench/stv draw (the voting rules' sampler, every voter
 * a uniformly random complete ranking). Identical ballots are merged into
 * one line with their count, as PrefLib requires; the lines are in the
 * lexicographic order of the ballots' rank rows, so the file is the same
 * bytes for the same arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/preflib.h"
#include "mechkit/rng.h"
#include "mechkit/voting.h"

enum { DEFAULT_CANDIDATES = 20, DEFAULT_BALLOTS = 100000, DEFAULT_SEED = 2026 };

static size_t row_width; /* qsort's comparison has no context argument */

static int compare_rows(const void *a, const void *b)
{
    return memcmp(a, b, row_width * sizeof(int64_t));
}

/* Sorts the rows of p and merges equal ones into one row whose weight is
 * their number. */
static int merge_identical(mk_profile *p, mk_ctx *ctx)
{
    row_width = p->width;
    qsort(p->cells, p->n, p->width * sizeof(int64_t), compare_rows);
    if (mk_profile_weigh(p, ctx) != 0)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (kept > 0 && compare_rows(mk_profile_row(p, kept - 1), mk_profile_row(p, i)) == 0) {
            p->weight[kept - 1]++;
            continue;
        }
        memmove(mk_profile_row(p, kept), mk_profile_row(p, i), p->width * sizeof(int64_t));
        p->weight[kept++] = 1;
    }
    p->n = kept;
    return 0;
}

static unsigned long argument(int argc, char **argv, int i, unsigned long fallback)
{
    if (argc <= i)
        return fallback;
    char *end;
    unsigned long v = strtoul(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || v == 0) {
        fprintf(stderr, "voting_profile: '%s' is not a positive integer\n", argv[i]);
        exit(2);
    }
    return v;
}

/* Draws the profile and writes it; returns the exit status. */
static int write_profile(const char *path, size_t m, size_t ballots, uint64_t seed)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 0, m, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_profile p = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    char **names = calloc(m, sizeof *names);
    char *text = NULL;
    size_t len = 0;
    int rc = names == NULL ? mk_error(&ctx, MK_ENOMEM, "out of memory") : 0;
    for (size_t j = 0; rc == 0 && j < m; j++) {
        if ((names[j] = malloc(24)) == NULL)
            rc = mk_error(&ctx, MK_ENOMEM, "out of memory");
        else
            snprintf(names[j], 24, "c%zu", j + 1);
    }
    if (rc == 0)
        rc = mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, &ctx);
    if (rc == 0)
        rc = mk_voting_irv.sample(inst, &rng, ballots, &p, &ctx);
    if (rc == 0)
        rc = merge_identical(&p, &ctx);
    char title[96];
    snprintf(title, sizeof title, "impartial culture, %zu candidates, %zu ballots, seed %llu", m,
             ballots, (unsigned long long)seed);
    mk_ballots b = {m, names, title, "soc", p, 0};
    if (rc == 0)
        rc = mk_preflib_write(&b, &text, &len, &ctx);
    FILE *f = rc == 0 ? fopen(path, "wb") : NULL;
    if (rc == 0 && (f == NULL || fwrite(text, 1, len, f) != len || fclose(f) != 0)) {
        fprintf(stderr, "voting_profile: cannot write %s\n", path);
        rc = -1;
    } else if (rc != 0) {
        fprintf(stderr, "voting_profile: %s\n", ctx.message);
    }
    if (inst != NULL)
        mk_voting_irv.free(inst);
    for (size_t j = 0; names != NULL && j < m; j++)
        free(names[j]);
    free(names);
    free(text);
    mk_profile_free(&p);
    mk_params_free(&params);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 5) {
        fprintf(stderr, "usage: voting_profile OUT.soc [CANDIDATES [BALLOTS [SEED]]]\n");
        return 2;
    }
    size_t m = argument(argc, argv, 2, DEFAULT_CANDIDATES);
    size_t ballots = argument(argc, argv, 3, DEFAULT_BALLOTS);
    uint64_t seed = argument(argc, argv, 4, DEFAULT_SEED);
    return write_profile(argv[1], m, ballots, seed);
}
