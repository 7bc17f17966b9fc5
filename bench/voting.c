/*
 * bench/voting: the speed of the voting rules on a seeded impartial-culture
 * profile of 20 candidates x 100,000 ballots, and on the largest real
 * election of shared/data/elections (San Francisco 2011, when
 * MECHKIT_SHARED_DATA points there).
 *
 * Targets (issue 5): read and build the pairwise matrix <= 0.2 s; IRV with
 * full round detail <= 0.1 s; every Condorcet-family rule except Kemeny
 * <= 0.05 s after the matrix. Each figure is the best of REPEAT runs
 * through the mechanism interface (a run builds its own matrix, so the
 * Condorcet figures include it; the matrix alone is timed too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechkit/rng.h"
#include "mechkit/voting.h"

enum { CANDIDATES = 20, BALLOTS = 100000, REPEAT = 5 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Best time of REPEAT runs of mech on p; exits on error (a benchmark). */
static double time_rule(const mk_mechanism *mech, const mk_profile *p)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, p->n, p->width, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_outcome out = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    double best = 1e9;
    if (mk_mechanism_prepare(mech, &params, &setting, &inst, &ctx) != 0) {
        fprintf(stderr, "%s: %s\n", mech->name, ctx.message);
        exit(1);
    }
    for (int r = 0; r < REPEAT; r++) {
        double t0 = now();
        if (mech->run(inst, p, &out, &ctx) != 0) {
            fprintf(stderr, "%s: %s\n", mech->name, ctx.message);
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    mech->free(inst);
    mk_outcome_free(&out);
    mk_params_free(&params);
    return best;
}

static void time_all(const char *what, const mk_profile *p)
{
    static const mk_mechanism *const rules[] = {
        &mk_voting_plurality, &mk_voting_borda,        &mk_voting_copeland,  &mk_voting_minimax,
        &mk_voting_schulze,   &mk_voting_ranked_pairs, &mk_voting_irv,       &mk_voting_condorcet,
        &mk_voting_llull,     &mk_voting_black,        &mk_voting_two_round, &mk_voting_baldwin,
        &mk_voting_nanson,
    };
    int64_t *pw = malloc(p->width * p->width * sizeof *pw);
    double best = 1e9;
    for (int r = 0; r < REPEAT && pw != NULL; r++) {
        double t0 = now();
        if (mk_voting_pairwise(p, pw, NULL) != 0)
            exit(1);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    free(pw);
    printf("%s: %zu rows (distinct ballots), %zu candidates\n", what, p->n, p->width);
    printf("  %-22s %8.4f s\n", "pairwise matrix", best);
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        printf("  %-22s %8.4f s\n", rules[i]->name, time_rule(rules[i], p));
}

static void impartial_culture(void)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 0, CANDIDATES, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_profile p = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, 2026);
    double t0 = now();
    if (mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, &ctx) != 0 ||
        mk_voting_irv.sample(inst, &rng, BALLOTS, &p, &ctx) != 0) {
        fprintf(stderr, "sampling: %s\n", ctx.message);
        exit(1);
    }
    printf("impartial culture, seed 2026: drawn in %.4f s\n", now() - t0);
    time_all("impartial culture", &p);
    mk_voting_irv.free(inst);
    mk_profile_free(&p);
}

static void real_election(void)
{
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    if (dir == NULL) {
        printf("San Francisco 2011: skipped (set MECHKIT_SHARED_DATA)\n");
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/elections/00021-00000011.toi", dir);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("San Francisco 2011: skipped (no %s)\n", path);
        return;
    }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    mk_input in = {path, buf, len, NULL};
    mk_dataset d = MK_DATASET_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    double t0 = now();
    if (mk_voting_read(&in, NULL, &d, &ctx) != 0) {
        fprintf(stderr, "%s\n", ctx.message);
        exit(1);
    }
    printf("San Francisco 2011 (194,530 ballots): read in %.4f s\n", now() - t0);
    time_all("San Francisco 2011", &d.reports);
    mk_dataset_free(&d);
}

int main(void)
{
    impartial_culture();
    real_election();
    return 0;
}
