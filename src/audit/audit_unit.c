/*
 * The auditor's hot loop: one seeded unit at a time, on one thread's own
 * instance and scratch. Per unit: draw (or take) the types, run the
 * truthful reports, then for every participant run every candidate
 * misreport with the others truthful. The truthful reports are copied into
 * the scratch profile once per unit; each candidate overwrites only the
 * liar's row, which is restored after its last candidate. Nothing here
 * allocates once the scratch has grown to the largest profile.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

int audit_worker_init(audit_worker *w, audit_job *job, mk_params *params, const mk_setting *setting,
                      mk_ctx *ctx)
{
    memset(w, 0, sizeof *w);
    w->job = job;
    w->types = (mk_profile)MK_PROFILE_INIT;
    w->truth = (mk_profile)MK_PROFILE_INIT;
    w->scratch = (mk_profile)MK_PROFILE_INIT;
    w->split_reports = (mk_profile)MK_PROFILE_INIT;
    w->split_types = (mk_profile)MK_PROFILE_INIT;
    w->truth_out = (mk_outcome)MK_OUTCOME_INIT;
    w->lie_out = (mk_outcome)MK_OUTCOME_INIT;
    w->ctx = (mk_ctx)MK_CTX_INIT;
    audit_acc_init(&w->acc);
    return mk_mechanism_prepare(job->mech, params, setting, &w->inst, ctx);
}

void audit_worker_free(audit_worker *w)
{
    if (w->inst != NULL)
        w->job->mech->free(w->inst);
    w->inst = NULL;
    mk_profile_free(&w->types);
    mk_profile_free(&w->truth);
    mk_profile_free(&w->scratch);
    mk_profile_free(&w->split_reports);
    mk_profile_free(&w->split_types);
    mk_outcome_free(&w->truth_out);
    mk_outcome_free(&w->lie_out);
    audit_pairs_free(w);
    audit_blocs_free(w);
    audit_local_free(w);
    audit_monotonicity_free(w);
    free(w->dev.rows);
    w->dev.rows = NULL;
    audit_acc_clear(&w->acc);
}

/* Sizes the candidate rows for reports of `width` cells (grows once). */
static int reserve_deviations(audit_worker *w, size_t width, mk_ctx *ctx)
{
    size_t cells;
    if (width == 0 || __builtin_mul_overflow(width, w->job->max_deviations, &cells) ||
        cells > SIZE_MAX / sizeof(int64_t))
        return mk_error(ctx, MK_ERANGE, "%zu candidate reports of %zu cells are too many",
                        w->job->max_deviations, width);
    if (cells > w->dev_capacity) {
        int64_t *rows = realloc(w->dev.rows, cells * sizeof *rows);
        if (rows == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidate reports",
                            w->job->max_deviations);
        w->dev.rows = rows;
        w->dev_capacity = cells;
    }
    w->dev.width = width;
    w->dev.max = w->job->max_deviations;
    return MK_OK;
}

/* The types of unit: drawn from rng, or the job's own profile. */
static int unit_types(audit_worker *w, mk_rng *rng, const mk_profile **types, mk_ctx *ctx)
{
    const audit_job *job = w->job;
    if (job->types != NULL) {
        *types = job->types;
        return MK_OK;
    }
    *types = &w->types;
    return job->mech->sample(w->inst, rng, job->participants, &w->types, ctx);
}

/* Truthful reports of types into w->truth and their outcome into out. */
static int run_truth(audit_worker *w, const mk_profile *types, mk_outcome *out, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = m->truthful(w->inst, types, &w->truth, ctx);
    if (rc != 0)
        return rc;
    if (w->truth.n != types->n)
        return mk_error(ctx, MK_EINTERNAL, "%s: truthful() gave %zu reports for %zu types", m->name,
                        w->truth.n, types->n);
    return m->run(w->inst, &w->truth, out, ctx);
}

/* Revenue statistics of one truthful outcome. */
static int account_revenue(audit_worker *w, uint64_t unit, mk_ctx *ctx)
{
    audit_acc *a = &w->acc;
    mk_rational revenue;
    int rc = mk_outcome_revenue_rational(&w->truth_out, &revenue, ctx);
    if (rc != 0)
        return rc;
    if (w->truth_out.payment_scale > a->scale)
        a->scale = w->truth_out.payment_scale;
    a->revenue_negative += revenue.num < 0;
    a->revenue_nonzero += revenue.num != 0;
    audit_acc_add(a, a->revenue_sum, revenue);
    audit_pick_offer(&a->revenue_min, revenue, -1, unit, 0, 0);
    audit_pick_offer(&a->revenue_max, revenue, 1, unit, 0, 0);
    return MK_OK;
}

/* Every candidate misreport of `who`; raises *regret to the largest gain.
 * *best is who's best report: 1 + its candidate of the largest gain (the
 * first on ties), or 0 when none gains. */
static int search_participant(audit_worker *w, const mk_profile *types, size_t who,
                              mk_rational honest, mk_rng *rng, uint64_t unit, mk_rational *regret,
                              size_t *best)
{
    mk_rational best_gain = {0, 1};
    *best = 0;
    const mk_mechanism *m = w->job->mech;
    mk_ctx *ctx = &w->ctx;
    mk_deviation_set *dev = &w->dev;
    dev->n = 0;
    dev->exhaustive = 0;
    int rc = m->deviations(w->inst, types, who, rng, dev, ctx);
    if (rc != 0)
        return mk_error_prefix(ctx, "candidate reports of participant %zu", who + 1);
    if (dev->n > dev->max)
        return mk_error(ctx, MK_EINTERNAL, "%s: deviations() wrote %zu rows into room for %zu",
                        m->name, dev->n, dev->max);
    w->acc.exhaustive &= dev->exhaustive != 0;
    size_t width = w->scratch.width;
    int64_t *row = mk_profile_row(&w->scratch, who);
    for (size_t d = 0; d < dev->n && rc == 0; d++) {
        memcpy(row, dev->rows + d * width, width * sizeof *row);
        mk_rational u, gain;
        rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
        w->acc.runs++;
        if (rc == 0)
            rc = m->utility(w->inst, types, who, &w->lie_out, &u, ctx);
        if (rc == 0 && mk_rational_sub(u, honest, &gain) != 0)
            rc = mk_error(ctx, MK_ERANGE, "a gain from lying overflows");
        if (rc != 0)
            return mk_error_prefix(ctx, "participant %zu, candidate report %zu", who + 1, d + 1);
        if (gain.num > 0 && mk_rational_cmp(gain, *regret) > 0)
            *regret = gain;
        if (gain.num > 0)
            audit_pick_offer(&w->acc.worst, gain, 1, unit, who, d);
        if (mk_rational_cmp(gain, best_gain) > 0) {
            best_gain = gain;
            *best = d + 1;
        }
    }
    memcpy(row, mk_profile_row(&w->truth, who), width * sizeof *row);
    if (!dev->exhaustive && *best > 0)
        return audit_local_search(w, types, who, honest, unit, dev->rows + (*best - 1) * width,
                                  best_gain, regret, SIZE_MAX, NULL, ctx);
    return MK_OK;
}

/* The first pass's best candidate of who in w->dev (as search_participant
 * chooses it: the first of the largest gain above 0), for a replay; *best
 * is 1 + its index, 0 when none gains. */
static int first_best(audit_worker *w, const mk_profile *types, size_t who, mk_rational honest,
                      size_t *best, mk_rational *best_gain, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t width = w->dev.width;
    int64_t *row = mk_profile_row(&w->scratch, who);
    *best = 0;
    *best_gain = (mk_rational){0, 1};
    int rc = MK_OK;
    for (size_t d = 0; d < w->dev.n && rc == 0; d++) {
        mk_rational u, gain;
        memcpy(row, w->dev.rows + d * width, width * sizeof *row);
        rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
        if (rc == 0)
            rc = m->utility(w->inst, types, who, &w->lie_out, &u, ctx);
        if (rc == 0 && mk_rational_sub(u, honest, &gain) != 0)
            rc = mk_error(ctx, MK_ERANGE, "a gain from lying overflows");
        if (rc == 0 && mk_rational_cmp(gain, *best_gain) > 0) {
            *best_gain = gain;
            *best = d + 1;
        }
    }
    memcpy(row, mk_profile_row(&w->truth, who), width * sizeof *row);
    return rc;
}

/* The sum of the utilities of who's k identities (rows who and
 * n..n+k-2 of the split types) under o. */
static int group_utility(const audit_worker *w, const mk_profile *split_types, size_t n, size_t who,
                         size_t k, const mk_outcome *o, mk_rational *out, mk_ctx *ctx)
{
    mk_rational sum = {0, 1};
    for (size_t j = 0; j < k; j++) {
        mk_rational u;
        int rc = w->job->mech->utility(w->inst, split_types, j == 0 ? who : n + j - 1, o, &u, ctx);
        if (rc != 0)
            return rc;
        if (mk_rational_add(sum, u, &sum) != 0)
            return mk_error(ctx, MK_ERANGE, "the utility of a split overflows");
    }
    *out = sum;
    return MK_OK;
}

/* who, reporting truthfully, as k identities: split reports and types
 * (Yokoo, Sakurai and Matsubara 2004: the identities' values are the
 * split of who's type), run, and the group's utility. */
static int run_split(audit_worker *w, const mk_profile *types, const mk_profile *truth, size_t who,
                     size_t k, mk_profile *reports, mk_outcome *o, mk_rational *group, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = m->split(w->inst, truth, who, k, reports, ctx);
    if (rc == 0)
        rc = m->split(w->inst, types, who, k, &w->split_types, ctx);
    if (rc != 0)
        return rc;
    if (reports->n != types->n + k - 1 || w->split_types.n != reports->n)
        return mk_error(ctx, MK_EINTERNAL, "%s: split() of %zu into %zu identities gave %zu rows",
                        m->name, types->n, k, reports->n);
    rc = m->run(w->inst, reports, o, ctx);
    if (rc == 0)
        rc = group_utility(w, &w->split_types, types->n, who, k, o, group, ctx);
    return rc;
}

/* Every split of who into 2..max_identities; gained[k] = 1 when one pays. */
static int sybil_participant(audit_worker *w, const mk_profile *types, size_t who,
                             mk_rational honest, uint64_t unit, int *gained)
{
    mk_ctx *ctx = &w->ctx;
    audit_acc *a = &w->acc;
    for (size_t k = 2; k <= w->job->max_identities; k++) {
        mk_rational group, gain;
        int rc =
            run_split(w, types, &w->truth, who, k, &w->split_reports, &w->lie_out, &group, ctx);
        a->runs++;
        if (rc == 0 && mk_rational_sub(group, honest, &gain) != 0)
            rc = mk_error(ctx, MK_ERANGE, "the gain of a split overflows");
        if (rc != 0)
            return mk_error_prefix(ctx, "participant %zu as %zu identities", who + 1, k);
        if (gain.num > 0) {
            gained[k] = 1;
            audit_pick_offer(&a->sybil_worst, gain, 1, unit, who, k);
            audit_pick_offer(&a->sybil_k[k], gain, 1, unit, who, 0);
        }
    }
    return MK_OK;
}

/* Profiles where some split (of some size) paid. */
static void count_sybils(audit_acc *a, const int *gained, size_t max_identities)
{
    int any = 0;
    for (size_t k = 2; k <= max_identities; k++) {
        a->sybil_profitable_k[k] += gained[k] != 0;
        any |= gained[k];
    }
    a->sybil_profitable += any != 0;
}

/* The truthful outcome's welfare against the best one's. */
static int account_efficiency(audit_worker *w, const mk_profile *types, mk_rational welfare,
                              uint64_t unit, mk_ctx *ctx)
{
    audit_acc *a = &w->acc;
    mk_rational best, loss;
    int rc = w->job->mech->best_welfare(w->inst, types, &best, ctx);
    if (rc != 0)
        return mk_error_prefix(ctx, "the best welfare");
    if (mk_rational_sub(best, welfare, &loss) != 0)
        return mk_error(ctx, MK_ERANGE, "the welfare lost overflows");
    if (loss.num < 0)
        return mk_error(ctx, MK_EINTERNAL,
                        "%s: best_welfare() is below the welfare of an outcome it chose",
                        w->job->mech->name);
    if (loss.num > 0) {
        a->inefficient++;
        audit_pick_offer(&a->efficiency_worst, loss, 1, unit, 0, 0);
    }
    if (best.num > 0) {
        mpq_set_si(a->term, (long)welfare.num, (unsigned long)welfare.den);
        mpq_set_si(a->ratio, (long)best.num, (unsigned long)best.den);
        mpq_div(a->ratio, a->term, a->ratio);
        mpq_add(a->efficiency_sum, a->efficiency_sum, a->ratio);
        a->efficiency_profiles++;
    }
    return MK_OK;
}

/* The participants of one unit: IR on the truthful outcome, then lies. */
static int audit_participants(audit_worker *w, const mk_profile *types, mk_rng *rng, uint64_t unit)
{
    const mk_mechanism *m = w->job->mech;
    mk_ctx *ctx = &w->ctx;
    audit_acc *a = &w->acc;
    int search = m->deviations != NULL && types->n > 0;
    int sybil = m->split != NULL && w->job->max_identities >= 2;
    int gained[MK_AUDIT_IDENTITIES_MAX + 1] = {0};
    int pairs = w->job->max_coalition >= 2 && search && types->n >= 2;
    if (pairs && types->n > MK_AUDIT_COALITION_PARTICIPANTS_MAX) {
        a->coalition_skipped++;
        pairs = 0;
    }
    int rc = search ? mk_profile_copy(&w->scratch, &w->truth, ctx) : 0;
    if (rc == 0 && search)
        rc = reserve_deviations(w, w->truth.width, ctx);
    if (rc == 0 && search)
        rc = audit_local_reserve(w, types, ctx);
    if (rc == 0 && pairs)
        rc = audit_pairs_reserve(w, types->n, w->truth.width, ctx);
    if (rc == 0 && w->job->blocs)
        rc = audit_blocs_reserve(w, types->n, ctx);
    mk_rational regret = {0, 1}, welfare = {0, 1};
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&w->truth_out, &welfare, ctx);
    for (size_t who = 0; who < types->n && rc == 0; who++) {
        mk_rational honest;
        rc = m->utility(w->inst, types, who, &w->truth_out, &honest, ctx);
        if (rc == 0 && mk_rational_add(welfare, honest, &welfare) != 0)
            rc = mk_error(ctx, MK_ERANGE, "the welfare overflows");
        if (rc != 0)
            break;
        if (w->job->blocs)
            w->bloc_honest[who] = honest;
        if (honest.num < 0) {
            a->ir_violations++;
            audit_pick_offer(&a->ir, honest, -1, unit, who, 0);
        }
        size_t best = 0;
        if (search)
            rc = search_participant(w, types, who, honest, rng, unit, &regret, &best);
        if (rc == 0 && pairs)
            audit_pairs_keep(w, who, honest, best);
        if (rc == 0 && sybil)
            rc = sybil_participant(w, types, who, honest, unit, gained);
    }
    if (rc == 0 && pairs)
        rc = audit_pairs_search(w, types, rng, unit);
    if (rc == 0 && m->best_welfare != NULL)
        rc = account_efficiency(w, types, welfare, unit, ctx);
    if (rc != 0)
        return rc;
    a->participants += types->n;
    a->profitable += regret.num > 0;
    if (regret.num > 0)
        audit_acc_add(a, a->regret_sum, regret);
    count_sybils(a, gained, sybil ? w->job->max_identities : 0);
    return MK_OK;
}

int audit_unit(audit_worker *w, uint64_t unit)
{
    mk_ctx *ctx = &w->ctx;
    mk_rng rng;
    mk_rng_seed_stream(&rng, w->job->seed, unit);
    const mk_profile *types;
    int rc = unit_types(w, &rng, &types, ctx);
    if (rc == 0)
        rc = run_truth(w, types, &w->truth_out, ctx);
    w->acc.runs++;
    if (rc == 0)
        rc = account_revenue(w, unit, ctx);
    if (rc == 0)
        rc = audit_participants(w, types, &rng, unit);
    if (rc == 0 && w->job->blocs)
        rc = audit_blocs_search(w, types, unit);
    if (rc == 0 && w->job->monotonicity)
        rc = audit_monotonicity_search(w, types, unit);
    if (rc != 0)
        return mk_error_prefix(ctx, "audit unit %llu", (unsigned long long)unit);
    w->acc.profiles++;
    return MK_OK;
}

/* Lowers job->failed_unit to unit (an atomic minimum). */
static void note_failure(audit_job *job, uint64_t unit)
{
    uint64_t seen = atomic_load(&job->failed_unit);
    while (unit < seen && !atomic_compare_exchange_weak(&job->failed_unit, &seen, unit))
        ;
}

/* Units are handed out in increasing order, CHUNK at a time. A worker
 * stops at the first unit at or past the lowest failure, so every unit
 * below the final lowest failure is searched: the error reported is the
 * same whatever the number of threads. */
enum { CHUNK = 8 };

void *audit_worker_main(void *arg)
{
    audit_worker *w = arg;
    audit_job *job = w->job;
    w->failed_unit = UINT64_MAX;
    for (;;) {
        size_t start = atomic_fetch_add(&job->next, CHUNK);
        if (start >= job->units)
            break;
        size_t end = job->units - start < CHUNK ? job->units : start + CHUNK;
        for (size_t u = start; u < end; u++) {
            if (u >= atomic_load(&job->failed_unit))
                return NULL;
            int rc = audit_unit(w, u);
            if (rc != 0) {
                w->rc = rc;
                w->failed_unit = u;
                note_failure(job, u);
                return NULL;
            }
        }
    }
    return NULL;
}

/* format_report text of every row of p, or NULL without format_report. */
static int report_texts(const audit_worker *w, const mk_profile *p, char ***out, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    *out = NULL;
    if (m->format_report == NULL || p->n == 0)
        return MK_OK;
    char **texts = calloc(p->n, sizeof *texts);
    if (texts == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for report texts");
    *out = texts;
    for (size_t i = 0; i < p->n; i++) {
        texts[i] = calloc(1, 256);
        if (texts[i] == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for report texts");
        m->format_report(w->inst, p, i, texts[i], 256);
    }
    return MK_OK;
}

/* The truthful half of an example: types, reports, outcome, utility. */
static int replay_truth(audit_worker *w, const mk_profile *types, size_t who, mk_audit_example *ex,
                        mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = mk_profile_copy(&ex->types, types, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&ex->truth, &w->truth, ctx);
    if (rc == 0)
        rc = m->run(w->inst, &ex->truth, &ex->outcome, ctx);
    if (rc == 0 && who < types->n)
        rc = m->utility(w->inst, types, who, &ex->outcome, &ex->utility, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->outcome, &ex->revenue, ctx);
    if (rc == 0)
        rc = report_texts(w, &ex->truth, &ex->truth_text, ctx);
    if (rc == 0 && m->best_welfare != NULL) {
        ex->has_welfare = 1;
        rc = mk_outcome_revenue_rational(&ex->outcome, &ex->welfare, ctx);
        for (size_t i = 0; i < types->n && rc == 0; i++) {
            mk_rational u;
            rc = m->utility(w->inst, types, i, &ex->outcome, &u, ctx);
            if (rc == 0 && mk_rational_add(ex->welfare, u, &ex->welfare) != 0)
                rc = mk_error(ctx, MK_ERANGE, "the welfare overflows");
        }
        if (rc == 0)
            rc = m->best_welfare(w->inst, types, &ex->best_welfare, ctx);
    }
    return rc;
}

/* The lying half: who's candidate, drawn after the same rng draws as in
 * the search (the candidates of participants 0..who-1 first). */
static int replay_lie(audit_worker *w, const mk_profile *types, mk_rng *rng, size_t who,
                      size_t candidate, mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = reserve_deviations(w, ex->truth.width, ctx);
    for (size_t p = 0; p <= who && rc == 0; p++) {
        w->dev.n = 0;
        w->dev.exhaustive = 0;
        rc = m->deviations(w->inst, types, p, rng, &w->dev, ctx);
    }
    size_t max = w->job->max_deviations, best;
    if (rc == 0 && candidate < max && candidate >= w->dev.n)
        return mk_error(ctx, MK_EINTERNAL,
                        "%s: replaying unit %llu gave other candidates than the search: is "
                        "deviations() deterministic given its rng?",
                        m->name, (unsigned long long)ex->unit);
    if (rc == 0)
        rc = mk_profile_copy(&ex->lie, &ex->truth, ctx);
    if (rc == 0 && candidate < max)
        memcpy(mk_profile_row(&ex->lie, who), w->dev.rows + candidate * w->dev.width,
               w->dev.width * sizeof(int64_t));
    else if (rc == 0) { /* found by local improvement: run its rounds again */
        mk_rational best_gain;
        rc = mk_profile_copy(&w->scratch, &w->truth, ctx);
        if (rc == 0)
            rc = audit_local_reserve(w, types, ctx);
        if (rc == 0)
            rc = first_best(w, types, who, ex->utility, &best, &best_gain, ctx);
        if (rc == 0 && best == 0)
            rc = mk_error(ctx, MK_EINTERNAL, "a local search without a start");
        if (rc == 0)
            rc = audit_local_search(w, types, who, ex->utility, ex->unit,
                                    w->dev.rows + (best - 1) * w->dev.width, best_gain, NULL,
                                    candidate, mk_profile_row(&ex->lie, who), ctx);
    }
    if (rc != 0)
        return rc;
    ex->has_lie = 1;
    ex->candidate = candidate;
    rc = m->run(w->inst, &ex->lie, &ex->lie_outcome, ctx);
    if (rc == 0)
        rc = m->utility(w->inst, types, who, &ex->lie_outcome, &ex->lie_utility, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->lie_outcome, &ex->lie_revenue, ctx);
    if (rc == 0 && mk_rational_sub(ex->lie_utility, ex->utility, &ex->gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "a gain from lying overflows");
    if (rc == 0 && m->format_report != NULL) {
        ex->lie_text = calloc(1, 256);
        if (ex->lie_text == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a report text");
        m->format_report(w->inst, &ex->lie, who, ex->lie_text, 256);
    }
    return rc;
}

/* The split half: who as k identities; lie_text joins the identities'
 * reports with " + ". */
static int replay_split(audit_worker *w, const mk_profile *types, size_t who, size_t k,
                        mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    ex->has_lie = 1;
    ex->identities = k;
    int rc =
        run_split(w, types, &ex->truth, who, k, &ex->lie, &ex->lie_outcome, &ex->lie_utility, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->lie_outcome, &ex->lie_revenue, ctx);
    if (rc == 0 && mk_rational_sub(ex->lie_utility, ex->utility, &ex->gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a split overflows");
    if (rc != 0 || m->format_report == NULL)
        return rc;
    size_t cap = 256 * k;
    ex->lie_text = calloc(1, cap);
    if (ex->lie_text == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a report text");
    for (size_t j = 0, used = 0; j < k && used < cap; j++) {
        char one[256];
        m->format_report(w->inst, &ex->lie, j == 0 ? who : types->n + j - 1, one, sizeof one);
        used += (size_t)snprintf(ex->lie_text + used, cap - used, "%s%s", j > 0 ? " + " : "", one);
    }
    return MK_OK;
}

/* The coalition half: every member's report in the joint lie. */
static int replay_group(audit_worker *w, const mk_profile *types, mk_rng *rng,
                        const audit_group_pick *g, mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = reserve_deviations(w, ex->truth.width, ctx);
    if (rc == 0)
        rc = audit_replay_group(w, types, rng, g, ex, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->lie_outcome, &ex->lie_revenue, ctx);
    if (rc != 0 || m->format_report == NULL)
        return rc;
    ex->member_text = calloc(g->size, sizeof *ex->member_text);
    if (ex->member_text == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a report text");
    for (size_t k = 0; k < g->size; k++) {
        ex->member_text[k] = calloc(1, 256);
        if (ex->member_text[k] == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a report text");
        m->format_report(w->inst, &ex->lie, g->member[k], ex->member_text[k], 256);
    }
    ex->lie_text = strdup(ex->member_text[0]);
    ex->partner_text = strdup(ex->member_text[1]);
    if (ex->lie_text == NULL || ex->partner_text == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a report text");
    return MK_OK;
}

int audit_replay(audit_worker *w, uint64_t unit, size_t who, audit_case c, mk_audit_example *ex,
                 mk_ctx *ctx)
{
    mk_rng rng;
    mk_rng_seed_stream(&rng, w->job->seed, unit);
    const mk_profile *types;
    ex->present = 1;
    ex->unit = unit;
    ex->utility = ex->revenue = (mk_rational){0, 1};
    ex->lie_utility = ex->lie_revenue = ex->gain = (mk_rational){0, 1};
    ex->who = who;
    int rc = unit_types(w, &rng, &types, ctx);
    if (rc == 0)
        rc = run_truth(w, types, &w->truth_out, ctx);
    if (rc == 0)
        rc = replay_truth(w, types, who, ex, ctx);
    if (rc == 0 && c.candidate != SIZE_MAX)
        rc = replay_lie(w, types, &rng, who, c.candidate, ex, ctx);
    else if (rc == 0 && c.identities >= 2)
        rc = replay_split(w, types, who, c.identities, ex, ctx);
    else if (rc == 0 && c.group != NULL)
        rc = replay_group(w, types, &rng, c.group, ex, ctx);
    else if (rc == 0 && c.bloc_target != SIZE_MAX)
        rc = audit_replay_bloc(w, types, c.bloc_target, c.bloc_kind, ex, ctx);
    else if (rc == 0 && c.raised > 0)
        rc = audit_replay_raise(w, types, who, c.raised, ex, ctx);
    return rc;
}

void audit_example_free(mk_audit_example *ex)
{
    for (size_t i = 0; ex->truth_text != NULL && i < ex->truth.n; i++)
        free(ex->truth_text[i]);
    free(ex->truth_text);
    free(ex->lie_text);
    free(ex->partner_text);
    free(ex->bloc_member);
    for (size_t k = 0; ex->member_text != NULL && k < ex->members; k++)
        free(ex->member_text[k]);
    free(ex->member_text);
    free(ex->member);
    free(ex->member_candidate);
    free(ex->member_truth_utility);
    free(ex->member_lie_utility_all);
    mk_profile_free(&ex->types);
    mk_profile_free(&ex->truth);
    mk_profile_free(&ex->lie);
    mk_outcome_free(&ex->outcome);
    mk_outcome_free(&ex->lie_outcome);
    memset(ex, 0, sizeof *ex);
}
