/* One round of a simulation: types, reports by kind, the run, revenue,
 * welfare, regret and the mw agents' learning. */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

int sim_trial_utility(mk_sim *sim, size_t who, mk_rational *u, mk_ctx *ctx)
{
    int rc = sim->mech->run(sim->inst, &sim->scratch, &sim->trial, ctx);
    if (rc == 0)
        rc = sim->mech->utility(sim->inst, &sim->types, who, &sim->trial, u, ctx);
    return rc;
}

/* Welfare of o for this round's types: the sum of every agent's utility
 * plus the revenue (payments are transfers, so this is the value of the
 * allocation). Utilities are written into u (n entries). */
static int welfare_of(mk_sim *sim, const mk_outcome *o, mk_rational *u, mk_rational *out,
                      mk_ctx *ctx)
{
    if (o->n != sim->n && !(sim->mech->flags & MK_MECH_ITEM_OUTCOME))
        return mk_error(ctx, MK_EINTERNAL, "%s: run() gave an outcome for %zu of %zu agents",
                        sim->mech->name, o->n, sim->n);
    mk_rational sum;
    int rc = mk_outcome_revenue_rational(o, &sum, ctx);
    for (size_t i = 0; i < sim->n && rc == 0; i++) {
        rc = sim->mech->utility(sim->inst, &sim->types, i, o, &u[i], ctx);
        if (rc == 0 && mk_rational_add(sum, u[i], &sum) != 0)
            rc = mk_error(ctx, MK_ERANGE, "welfare overflows");
    }
    if (rc == 0)
        *out = sum;
    return rc;
}

/* Candidate reports of who into sim->dev: deviations() given a profile in
 * which the others' rows are `others` (their reports) and who's row is its
 * type, so that the mechanism's critical points are the others' reports.
 * When reports and types differ in shape the types themselves are given. */
int sim_candidates(mk_sim *sim, const mk_profile *others, size_t who, mk_rng *rng, mk_ctx *ctx)
{
    sim->dev.n = 0;
    if (sim->mech->deviations == NULL)
        return MK_OK;
    const mk_profile *view = &sim->types;
    if (others->width == sim->types.width) {
        int rc = mk_profile_copy(&sim->view, others, ctx);
        if (rc != 0)
            return rc;
        memcpy(mk_profile_row(&sim->view, who), mk_profile_row(&sim->types, who),
               others->width * sizeof(int64_t));
        view = &sim->view;
    }
    int rc = sim->mech->deviations(sim->inst, view, who, rng, &sim->dev, ctx);
    if (rc == 0 && sim->dev.n > sim->dev.max)
        rc = mk_error(ctx, MK_EINTERNAL, "%s: deviations() wrote %zu rows into room for %zu",
                      sim->mech->name, sim->dev.n, sim->dev.max);
    return rc;
}

/* Room for max_deviations candidate rows of the reports' width. */
static int reserve_candidates(mk_sim *sim, size_t width, mk_ctx *ctx)
{
    size_t cells;
    if (mk_checked_size_mul(width, sim->opts.max_deviations, &cells) != 0 ||
        cells > SIZE_MAX / sizeof(int64_t))
        return mk_error(ctx, MK_ERANGE, "%zu candidates of %zu cells are too many",
                        sim->opts.max_deviations, width);
    if (sim->dev.width != width || sim->dev.rows == NULL) {
        int64_t *rows = realloc(sim->dev.rows, (cells > 0 ? cells : 1) * sizeof *rows);
        if (rows == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for candidate reports");
        sim->dev.rows = rows;
    }
    if (sim->totals == NULL) {
        sim->totals = calloc(sim->opts.max_deviations + 1, sizeof *sim->totals);
        if (sim->totals == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for candidate reports");
    }
    sim->dev.width = width;
    sim->dev.max = sim->opts.max_deviations;
    return MK_OK;
}

/* The score of the report in who's row of scratch: who's utility
 * (best_response) or minus the welfare (adversarial). */
static int score_trial(mk_sim *sim, size_t who, int spoil, mk_rational *out, mk_ctx *ctx)
{
    if (!spoil)
        return sim_trial_utility(sim, who, out, ctx);
    mk_rational w;
    int rc = sim->mech->run(sim->inst, &sim->scratch, &sim->trial, ctx);
    if (rc == 0)
        rc = welfare_of(sim, &sim->trial, sim->trial_u, &w, ctx);
    if (rc == 0) {
        out->num = -w.num;
        out->den = w.den;
    }
    return rc;
}

/* best_response (spoil = 0) or adversarial (spoil = 1) report of who
 * against the others' previous reports, written into sim->reports. */
static int respond(mk_sim *sim, size_t who, int spoil, mk_rng *rng, mk_ctx *ctx)
{
    size_t width = sim->reports.width;
    int rc = sim_candidates(sim, &sim->prev, who, rng, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&sim->scratch, &sim->prev, ctx);
    if (rc != 0)
        return rc;
    int64_t *row = mk_profile_row(&sim->scratch, who);
    const int64_t *truth = mk_profile_row(&sim->truth, who);
    memcpy(row, truth, width * sizeof *row);
    mk_rational best;
    rc = score_trial(sim, who, spoil, &best, ctx);
    const int64_t *chosen = truth;
    for (size_t d = 0; d < sim->dev.n && rc == 0; d++) {
        const int64_t *cand = sim->dev.rows + d * width;
        mk_rational s;
        memcpy(row, cand, width * sizeof *row);
        rc = score_trial(sim, who, spoil, &s, ctx);
        if (rc == 0 && mk_rational_cmp(s, best) > 0) {
            best = s;
            chosen = cand;
        }
    }
    if (rc == 0)
        memcpy(mk_profile_row(&sim->reports, who), chosen, width * sizeof *row);
    return rc;
}

/* Every agent's report for this round. */
static int choose_reports(mk_sim *sim, mk_rng *rng, mk_ctx *ctx)
{
    int rc = mk_profile_copy(&sim->reports, &sim->truth, ctx);
    int history = sim->prev.n == sim->n && sim->prev.width == sim->truth.width;
    for (size_t i = 0; i < sim->n && rc == 0; i++) {
        sim->factor[i] = 0;
        switch (sim->kinds[i]) {
        case MK_SIM_MW:
            sim->factor[i] = sim_mw_draw(sim, i, rng);
            rc = sim->mech->shade(sim->inst, mk_profile_row(&sim->truth, i), sim->truth.width,
                                  sim->factor[i], sim->opts.grid, mk_profile_row(&sim->reports, i),
                                  ctx);
            break;
        case MK_SIM_BEST_RESPONSE:
        case MK_SIM_ADVERSARIAL:
            if (history)
                rc = respond(sim, i, sim->kinds[i] == MK_SIM_ADVERSARIAL, rng, ctx);
            break;
        case MK_SIM_FICTITIOUS: rc = sim_fictitious(sim, i, rng, ctx); break;
        case MK_SIM_HONEST: break;
        }
        if (rc != 0)
            return mk_error_prefix(ctx, "agent %zu (%s)", i + 1, mk_sim_kind_name(sim->kinds[i]));
    }
    return rc;
}

/* who's regret: its best utility among its own, its truthful and its
 * candidate reports against the others' reports, minus its utility. */
static int regret_of(mk_sim *sim, size_t who, mk_rng *rng, mk_ctx *ctx)
{
    size_t width = sim->reports.width;
    mk_rational best = sim->utility[who], u;
    int rc = sim_candidates(sim, &sim->reports, who, rng, ctx);
    int64_t *row = mk_profile_row(&sim->scratch, who);
    memcpy(row, mk_profile_row(&sim->truth, who), width * sizeof *row);
    if (rc == 0)
        rc = sim_trial_utility(sim, who, &u, ctx);
    if (rc == 0 && mk_rational_cmp(u, best) > 0)
        best = u;
    for (size_t d = 0; d < sim->dev.n && rc == 0; d++) {
        memcpy(row, sim->dev.rows + d * width, width * sizeof *row);
        rc = sim_trial_utility(sim, who, &u, ctx);
        if (rc == 0 && mk_rational_cmp(u, best) > 0)
            best = u;
    }
    memcpy(row, mk_profile_row(&sim->reports, who), width * sizeof *row);
    if (rc == 0 && mk_rational_sub(best, sim->utility[who], &sim->regret[who]) != 0)
        rc = mk_error(ctx, MK_ERANGE, "a regret overflows");
    return rc;
}

/* Regret of every agent and the mw agents' updates, the reports fixed. */
static int learn(mk_sim *sim, mk_rng *rng, mk_ctx *ctx)
{
    int rc = mk_profile_copy(&sim->scratch, &sim->reports, ctx);
    for (size_t i = 0; i < sim->n && rc == 0; i++) {
        rc = regret_of(sim, i, rng, ctx);
        if (rc == 0 && sim->kinds[i] == MK_SIM_MW)
            rc = sim_mw_update(sim, i, ctx);
        if (rc != 0)
            return mk_error_prefix(ctx, "agent %zu (%s)", i + 1, mk_sim_kind_name(sim->kinds[i]));
    }
    return rc;
}

/* Types and truthful reports of this round, checked for shape. */
static int draw_types(mk_sim *sim, mk_rng *rng, mk_ctx *ctx)
{
    const mk_mechanism *m = sim->mech;
    int rc = m->sample(sim->inst, rng, sim->n, &sim->types, ctx);
    if (rc == 0 && sim->types.n != sim->n)
        rc = mk_error(ctx, MK_EINTERNAL, "%s: sample() drew %zu types for %zu agents", m->name,
                      sim->types.n, sim->n);
    if (rc == 0)
        rc = m->truthful(sim->inst, &sim->types, &sim->truth, ctx);
    if (rc == 0 && sim->truth.n != sim->n)
        rc = mk_error(ctx, MK_EINTERNAL, "%s: truthful() gave %zu reports for %zu types", m->name,
                      sim->truth.n, sim->n);
    if (rc == 0)
        rc = reserve_candidates(sim, sim->truth.width, ctx);
    return rc;
}

static void fill_view(mk_sim *sim, uint64_t round)
{
    mk_sim_round *r = &sim->last;
    r->round = round;
    r->n = sim->n;
    r->kinds = sim->kinds;
    r->types = &sim->types;
    r->reports = &sim->reports;
    r->outcome = &sim->outcome;
    r->utility = sim->utility;
    r->regret = sim->regret;
    r->factor = sim->factor;
    r->grid = sim->opts.grid;
    sim->played = 1;
}

int sim_play_round(mk_sim *sim, mk_ctx *ctx)
{
    uint64_t round = sim->next_round;
    mk_rng rng;
    mk_rng_seed_stream(&rng, sim->opts.seed, round);
    sim->played = 0;
    int rc = draw_types(sim, &rng, ctx);
    if (rc == 0)
        rc = choose_reports(sim, &rng, ctx);
    if (rc == 0)
        rc = sim->mech->run(sim->inst, &sim->reports, &sim->outcome, ctx);
    if (rc == 0)
        rc = welfare_of(sim, &sim->outcome, sim->utility, &sim->last.welfare, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&sim->outcome, &sim->last.revenue, ctx);
    if (rc == 0)
        rc = learn(sim, &rng, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&sim->prev, &sim->reports, ctx);
    if (rc == 0)
        rc = sim_history_append(sim, ctx);
    if (rc != 0)
        return mk_error_prefix(ctx, "round %llu", (unsigned long long)round + 1);
    fill_view(sim, round);
    sim->next_round++;
    return MK_OK;
}
