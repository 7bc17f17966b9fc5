/*
 * funding_bench.h - seeded synthetic funding rounds of the shape of real
 * Gitcoin rounds, shared by the funding benchmarks (bench/funding.c,
 * bench/cocm.c), and the timing of one rule on one. Contributors are drawn uniformly; projects with
 * a skew toward the first (index = floor(P u^3), u uniform: a few popular projects, a long tail);
 * amounts are heavy-tailed: $1-$10 times a power of two up to 2^11, in cents.
 */
#ifndef MECHKIT_BENCH_FUNDING_BENCH_H
#define MECHKIT_BENCH_FUNDING_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/funding.h"
#include "mechkit/rng.h"

/* A round of about `contributions` contributions (duplicates of one
 * contributor to one project are dropped) in the layout of funding.h. */
static inline void synthetic_round(mk_profile *p, size_t contributions, size_t contributors,
                                   size_t projects, uint64_t seed)
{
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    size_t *count = calloc(contributors, sizeof *count), k = 0;
    if (count == NULL)
        exit(1);
    for (size_t c = 0; c < contributions; c++)
        count[mk_rng_below(&rng, contributors)]++;
    for (size_t i = 0; i < contributors; i++)
        k = count[i] > k ? count[i] : k;
    if (mk_profile_resize(p, contributors, MK_FUNDING_FIRST + 2 * k, NULL) != 0)
        exit(1);
    for (size_t i = 0; i < contributors; i++) {
        int64_t *row = mk_profile_row(p, i);
        row[MK_FUNDING_WEIGHT] = MK_FUNDING_WEIGHT_ONE;
        row[MK_FUNDING_LIMBS] = 1;
        int64_t m = 0;
        for (size_t c = 0; c < count[i]; c++) {
            double u = mk_rng_uniform(&rng);
            int64_t q = (int64_t)((double)projects * u * u * u);
            int64_t at = m; /* insertion into the sorted pairs; skip a repeat */
            while (at > 0 && row[MK_FUNDING_FIRST + 2 * (at - 1)] > q)
                at--;
            if (at > 0 && row[MK_FUNDING_FIRST + 2 * (at - 1)] == q)
                continue;
            memmove(row + MK_FUNDING_FIRST + 2 * (at + 1), row + MK_FUNDING_FIRST + 2 * at,
                    (size_t)(m - at) * 2 * sizeof *row);
            row[MK_FUNDING_FIRST + 2 * at] = q;
            row[MK_FUNDING_FIRST + 2 * at + 1] = (100 + mk_rng_range(&rng, 0, 900))
                                                 << mk_rng_below(&rng, 12); /* cents */
            m++;
        }
        row[MK_FUNDING_COUNT] = m;
    }
    free(count);
}

/* Seconds of the best of `repeat` runs of mech on p. */
static inline double time_rule(const mk_mechanism *mech, const char *const *kv, const mk_profile *p,
                               int repeat)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    for (size_t i = 0; kv[i] != NULL; i++)
        mk_params_set_arg(&params, kv[i], &ctx);
    mk_setting setting = {2, p->n, p->width, 0, NULL, 0};
    mk_instance *inst = NULL;
    if (mk_mechanism_prepare(mech, &params, &setting, &inst, &ctx) != 0) {
        fprintf(stderr, "%s: %s\n", mech->name, ctx.message);
        exit(1);
    }
    mk_outcome out = MK_OUTCOME_INIT;
    double best = 1e9;
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        if (mech->run(inst, p, &out, &ctx) != 0) {
            fprintf(stderr, "%s: %s\n", mech->name, ctx.message);
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    mk_outcome_free(&out);
    mech->free(inst);
    mk_params_free(&params);
    return best;
}

#endif
