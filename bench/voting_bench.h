/*
 * voting_bench.h - the benchmark's impartial-culture election, shared by
 * bench/voting.c (which reads it back and counts it) and
 * bench/voting_profile.c (which writes it to a file for a peer library):
 * every voter a uniformly random complete ranking drawn by the voting
 * rules' sampler from a seed, identical ballots merged into one line with
 * their count (as PrefLib requires), the lines in the lexicographic order
 * of the ballots' rank rows, so that the same arguments give the same
 * bytes.
 */
#ifndef MECHKIT_BENCH_VOTING_BENCH_H
#define MECHKIT_BENCH_VOTING_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/preflib.h"
#include "mechkit/rng.h"
#include "mechkit/voting.h"

static size_t voting_bench_width; /* qsort's comparison has no context argument */

static inline int voting_bench_compare_rows(const void *a, const void *b)
{
    return memcmp(a, b, voting_bench_width * sizeof(int64_t));
}

/* Sorts the rows of p and merges equal ones into one row whose weight is
 * their number. */
static inline int voting_bench_merge(mk_profile *p, mk_ctx *ctx)
{
    voting_bench_width = p->width;
    qsort(p->cells, p->n, p->width * sizeof(int64_t), voting_bench_compare_rows);
    if (mk_profile_weigh(p, ctx) != 0)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (kept > 0 &&
            voting_bench_compare_rows(mk_profile_row(p, kept - 1), mk_profile_row(p, i)) == 0) {
            p->weight[kept - 1]++;
            continue;
        }
        memmove(mk_profile_row(p, kept), mk_profile_row(p, i), p->width * sizeof(int64_t));
        p->weight[kept++] = 1;
    }
    p->n = kept;
    return 0;
}

/* The PrefLib .soc text of `ballots` voters over m candidates (named c1,
 * c2, ...) drawn from seed, in *text (the caller frees it) of *len bytes;
 * 0, or -1 with the reason in ctx. */
static inline int voting_bench_text(size_t m, size_t ballots, uint64_t seed, char **text,
                                    size_t *len, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 0, m, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_profile p = MK_PROFILE_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    char **names = calloc(m, sizeof *names);
    int rc = names == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : 0;
    for (size_t j = 0; rc == 0 && j < m; j++) {
        if ((names[j] = malloc(24)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory");
        else
            snprintf(names[j], 24, "c%zu", j + 1);
    }
    if (rc == 0)
        rc = mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, ctx);
    if (rc == 0)
        rc = mk_voting_irv.sample(inst, &rng, ballots, &p, ctx);
    if (rc == 0)
        rc = voting_bench_merge(&p, ctx);
    char title[96];
    snprintf(title, sizeof title, "impartial culture, %zu candidates, %zu ballots, seed %llu", m,
             ballots, (unsigned long long)seed);
    mk_ballots b = {m, names, title, "soc", p, 0};
    if (rc == 0)
        rc = mk_preflib_write(&b, text, len, ctx);
    if (inst != NULL)
        mk_voting_irv.free(inst);
    for (size_t j = 0; names != NULL && j < m; j++)
        free(names[j]);
    free(names);
    mk_profile_free(&p);
    mk_params_free(&params);
    return rc == 0 ? 0 : -1;
}

#endif
