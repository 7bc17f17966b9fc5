/*
 * bench/audit_voting: mechkit audit on an election (issue 7): IRV with 6
 * candidates and 1,000 ballots drawn from impartial culture (seeded),
 * identical ballots merged into ballot types (weighted rows). The audit
 * searches the blocs of everyone preferring a loser to the winner
 * (compromise, bury, both) and monotonicity (voters of one type, and
 * first-choice groups, raising the winner); then also, exhaustively, every
 * ballot type's voters moving together to each of the 720 rankings (the
 * unilateral search: a row is a bloc of one ballot type). Pairs of ballot
 * types are skipped past MK_AUDIT_COALITION_PARTICIPANTS_MAX rows. Prints
 * the time of each and the runs of the rule it made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/audit.h"
#include "mechkit/voting.h"

enum { CANDIDATES = 6, BALLOTS = 1000 };

static int by_row(const void *a, const void *b)
{
    return memcmp(a, b, CANDIDATES * sizeof(int64_t));
}

/* Draws BALLOTS impartial-culture ballots and merges identical ones into
 * weighted rows of out. */
static int ballot_types(const mk_mechanism *m, mk_instance *inst, mk_profile *out, mk_ctx *ctx)
{
    mk_rng rng;
    mk_rng_seed(&rng, 2026);
    mk_profile drawn = MK_PROFILE_INIT;
    int rc = m->sample(inst, &rng, BALLOTS, &drawn, ctx);
    if (rc == 0) {
        qsort(drawn.cells, drawn.n, CANDIDATES * sizeof(int64_t), by_row);
        size_t types = 0;
        for (size_t i = 0; i < drawn.n; i++)
            types += i == 0 || by_row(mk_profile_row(&drawn, i), mk_profile_row(&drawn, i - 1));
        rc = mk_profile_resize(out, types, CANDIDATES, ctx);
        if (rc == 0)
            rc = mk_profile_weigh(out, ctx);
        for (size_t i = 0, t = 0; rc == 0 && i < drawn.n; i++) {
            if (i > 0 && !by_row(mk_profile_row(&drawn, i), mk_profile_row(&drawn, i - 1))) {
                out->weight[t - 1]++;
                continue;
            }
            memcpy(mk_profile_row(out, t), mk_profile_row(&drawn, i), CANDIDATES * sizeof(int64_t));
            out->weight[t++] = 1;
        }
    }
    mk_profile_free(&drawn);
    return rc;
}

static int audit(const mk_mechanism *m, const mk_profile *types, size_t deviations,
                 size_t coalition, const char *what)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.max_deviations = deviations;
    o.max_coalition = coalition;
    mk_setting setting = {0, types->n, CANDIDATES, 0, NULL, 0};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    double t0 = now();
    int rc = mk_audit_run(m, &params, &setting, types, &o, &r, &ctx);
    double seconds = now() - t0;
    if (rc != 0)
        fprintf(stderr, "bench/audit_voting: %s\n", ctx.message);
    else
        printf("  %-58s %8.3f s  %9llu runs  lie %s, bloc %s, monotone %s\n", what, seconds,
               (unsigned long long)r.runs, r.profitable > 0 ? "found" : "none",
               r.bloc_profitable > 0 ? "found" : "none",
               r.monotonicity_failures > 0 ? "no" : "yes");
    mk_audit_report_free(&r);
    mk_params_free(&params);
    return rc;
}

int main(void)
{
    const mk_mechanism *irv = &mk_voting_irv;
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, BALLOTS, CANDIDATES, 0, NULL, 0};
    mk_instance *inst = NULL;
    mk_profile types = MK_PROFILE_INIT;
    int rc = mk_params_set(&params, "candidates", "6", &ctx);
    if (rc == 0)
        rc = mk_mechanism_prepare(irv, &params, &setting, &inst, &ctx);
    if (rc == 0)
        rc = ballot_types(irv, inst, &types, &ctx);
    if (rc != 0) {
        fprintf(stderr, "bench/audit_voting: %s\n", ctx.message);
        return 1;
    }
    printf("audit voting.irv: %d candidates, %d impartial-culture ballots in %zu ballot types "
           "(seed 2026)\n",
           CANDIDATES, BALLOTS, types.n);
    rc = audit(irv, &types, 1, 2, "blocs and monotonicity (1 candidate ranking per type)") ||
         audit(irv, &types, 720, 2, "and each ballot type to all 720 rankings (exhaustive)");
    irv->free(inst);
    mk_profile_free(&types);
    mk_params_free(&params);
    return rc != 0;
}
