/*
 * bench/stv: the speed of the STV counts on a seeded impartial-culture
 * profile of 20 candidates x 100,000 ballots (10 seats), and on the
 * largest STV election of shared/data/elections (Dublin North 2002, 4
 * seats, when MECHKIT_SHARED_DATA points there).
 *
 * Target (issue 5): Meek STV, 10 seats, <= 1 s. Each figure is the best of
 * REPEAT runs through the mechanism interface, from the ballot profile to
 * the full stage-by-stage record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/rng.h"
#include "mechkit/stv.h"

enum { CANDIDATES = 20, BALLOTS = 100000, SEATS = 10, REPEAT = 3 };

/* Best time of REPEAT counts of rule on p for `seats`; exits on error. */
static double time_rule(const mk_mechanism *rule, const mk_profile *p, const char *seats,
                        const mk_outcome **winners, mk_outcome *out)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, p->n, p->width, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_ctx ctx = MK_CTX_INIT;
    double best = 1e9;
    if (mk_params_set(&params, "seats", seats, &ctx) != 0 ||
        mk_mechanism_prepare(rule, &params, &setting, &inst, &ctx) != 0) {
        fprintf(stderr, "%s: %s\n", rule->name, ctx.message);
        exit(1);
    }
    for (int r = 0; r < REPEAT; r++) {
        double t0 = now();
        if (rule->run(inst, p, out, &ctx) != 0) {
            fprintf(stderr, "%s: %s\n", rule->name, ctx.message);
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    *winners = out;
    rule->free(inst);
    mk_params_free(&params);
    return best;
}

static void time_all(const char *what, const mk_profile *p, const char *seats)
{
    static const mk_mechanism *const rules[] = {&mk_voting_stv_meek, &mk_voting_stv_scottish,
                                                &mk_voting_stv_gregory};
    printf("%s: %zu rows (distinct ballots), %zu candidates, %s seats\n", what, p->n, p->width,
           seats);
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        mk_outcome out = MK_OUTCOME_INIT;
        const mk_outcome *w;
        double t = time_rule(rules[i], p, seats, &w, &out);
        printf("  %-22s %8.4f s  elected:", rules[i]->name, t);
        for (size_t j = 0; j < w->n; j++)
            if (w->allocation[j])
                printf(" %zu", j + 1);
        printf("\n");
        mk_outcome_free(&out);
    }
}

static void impartial_culture(void)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 0, CANDIDATES, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_profile p = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, 2026); /* the profile of bench/voting */
    if (mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, &ctx) != 0 ||
        mk_voting_irv.sample(inst, &rng, BALLOTS, &p, &ctx) != 0) {
        fprintf(stderr, "sampling: %s\n", ctx.message);
        exit(1);
    }
    time_all("impartial culture, seed 2026", &p, "10");
    mk_voting_irv.free(inst);
    mk_profile_free(&p);
}

static void real_election(void)
{
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/elections/00001-00000001.soi", dir != NULL ? dir : ".");
    FILE *f = dir != NULL ? fopen(path, "rb") : NULL;
    if (f == NULL) {
        printf("Dublin North 2002: skipped (set MECHKIT_SHARED_DATA)\n");
        return;
    }
    static char buf[4 << 20];
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
    printf("Dublin North 2002 (43,942 ballots): read in %.4f s\n", now() - t0);
    time_all("Dublin North 2002", &d.reports, "4");
    mk_dataset_free(&d);
}

int main(void)
{
    impartial_culture();
    real_election();
    return 0;
}
