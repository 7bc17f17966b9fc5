/*
 * mk_audit_run: checks the options and the mechanism, prepares one worker
 * per thread, hands out seeded units, merges the workers' exact
 * statistics, and rebuilds the worst cases by replaying their units.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_internal.h"

static int check_options(const mk_mechanism *mech, const mk_profile *types,
                         const mk_audit_options *o, mk_ctx *ctx)
{
    if (o == NULL || o->version != MK_AUDIT_OPTIONS_VERSION)
        return mk_error(ctx, MK_EPARAM, "audit options of version %u; this mechkit knows %u",
                        o != NULL ? o->version : 0u, (unsigned)MK_AUDIT_OPTIONS_VERSION);
    if (o->budget < 1 || o->budget > (size_t)INT64_MAX)
        return mk_error(ctx, MK_EPARAM, "audit budget %zu: at least 1 profile", o->budget);
    if (o->participants < 1 || o->participants > MK_AUDIT_PARTICIPANTS_MAX)
        return mk_error(ctx, MK_EPARAM, "%zu participants per profile: from 1 to %d",
                        o->participants, MK_AUDIT_PARTICIPANTS_MAX);
    if (o->max_deviations < 1 || o->max_deviations > MK_AUDIT_DEVIATIONS_MAX)
        return mk_error(ctx, MK_EPARAM, "%zu candidate reports per participant: from 1 to %d",
                        o->max_deviations, MK_AUDIT_DEVIATIONS_MAX);
    if (o->max_identities > MK_AUDIT_IDENTITIES_MAX)
        return mk_error(ctx, MK_EPARAM, "splits into %zu identities: at most %d", o->max_identities,
                        MK_AUDIT_IDENTITIES_MAX);
    if (o->max_coalition > MK_AUDIT_COALITION_MAX)
        return mk_error(ctx, MK_EPARAM,
                        "coalitions of %zu: mechkit audit searches coalitions of at most %d "
                        "participants",
                        o->max_coalition, MK_AUDIT_COALITION_MAX);
    if (o->threads > MK_AUDIT_THREADS_MAX)
        return mk_error(ctx, MK_EPARAM, "%zu threads: at most %d", o->threads,
                        MK_AUDIT_THREADS_MAX);
    if (mech->truthful == NULL || mech->utility == NULL)
        return mk_error(ctx, MK_EPARAM,
                        "%s defines no types (no truthful report or utility), so there is "
                        "nothing to audit",
                        mech->name);
    if (types == NULL && mech->sample == NULL)
        return mk_error(ctx, MK_EPARAM,
                        "%s has no type distribution to sample from; give a profile to audit",
                        mech->name);
    return MK_OK;
}

/* Monotonicity needs item outcomes and favour(); blocs also the
 * coalition search switched on. */
static int favours_items(const mk_mechanism *mech)
{
    return mech->favour != NULL && (mech->flags & MK_MECH_ITEM_OUTCOME) != 0;
}

static int blocs_searched(const mk_mechanism *mech, const mk_audit_options *opts)
{
    return favours_items(mech) && opts->max_coalition >= 2;
}

static size_t thread_count(const mk_audit_options *o, size_t units)
{
    size_t threads = o->threads;
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online > 0 ? (size_t)online : 1;
    }
    if (threads > MK_AUDIT_THREADS_MAX)
        threads = MK_AUDIT_THREADS_MAX;
    return threads < units ? threads : units;
}

/* Runs the job on every worker: workers 1.. on their own threads, worker
 * 0 on the caller's. */
static int search(audit_worker *w, size_t threads, mk_ctx *ctx)
{
    pthread_t *tid = calloc(threads, sizeof *tid);
    if (tid == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu threads", threads);
    size_t started = 1;
    int rc = MK_OK;
    for (; started < threads; started++) {
        if (pthread_create(&tid[started], NULL, audit_worker_main, &w[started]) != 0) {
            rc = mk_error(ctx, MK_EINTERNAL, "cannot start audit thread %zu", started + 1);
            break;
        }
    }
    /* Even when a thread failed to start, the others share the units. */
    audit_worker_main(&w[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    if (rc != 0)
        return rc;
    /* The error of the lowest failing unit, as one thread would meet it. */
    const audit_worker *failed = NULL;
    for (size_t t = 0; t < threads; t++)
        if (w[t].rc != 0 && (failed == NULL || w[t].failed_unit < failed->failed_unit))
            failed = &w[t];
    if (failed != NULL) {
        *ctx = failed->ctx;
        return failed->rc;
    }
    return MK_OK;
}

static int exact_strings(const mpq_t sum, size_t profiles, int min_places, char **exact,
                         char **decimal, mk_ctx *ctx)
{
    mpq_t mean;
    mpq_init(mean);
    if (profiles > 0) {
        mpq_set_ui(mean, (unsigned long)profiles, 1);
        mpq_div(mean, sum, mean);
    }
    *exact = audit_mpq_format(mean, min_places, -1);
    *decimal = audit_mpq_format(mean, 0, MK_AUDIT_DECIMAL_PLACES);
    mpq_clear(mean);
    if (*exact == NULL || *decimal == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the audit report");
    return MK_OK;
}

/* Replays the picked cases of acc into the report's examples. */
static int replay_examples(audit_worker *w, const audit_acc *a, mk_audit_report *r, mk_ctx *ctx)
{
    int rc = MK_OK;
    audit_case c = AUDIT_CASE_TRUTH;
    if (a->worst.set) {
        c.candidate = a->worst.candidate;
        rc = audit_replay(w, a->worst.unit, a->worst.who, c, &r->worst, ctx);
        c = AUDIT_CASE_TRUTH;
    }
    if (rc == 0 && a->ir.set)
        rc = audit_replay(w, a->ir.unit, a->ir.who, c, &r->ir_worst, ctx);
    if (rc == 0 && a->revenue_min.set)
        rc = audit_replay(w, a->revenue_min.unit, 0, c, &r->revenue_low, ctx);
    if (rc == 0 && a->revenue_max.set)
        rc = audit_replay(w, a->revenue_max.unit, 0, c, &r->revenue_high, ctx);
    if (rc == 0 && a->sybil_worst.set) {
        c.identities = a->sybil_worst.candidate;
        rc = audit_replay(w, a->sybil_worst.unit, a->sybil_worst.who, c, &r->sybil_worst, ctx);
        c = AUDIT_CASE_TRUTH;
    }
    const audit_group_pick *groups[2] = {&a->coalition_worst, &a->collusion_worst};
    mk_audit_example *group_examples[2] = {&r->coalition_worst, &r->collusion_worst};
    for (size_t k = 0; k < 2 && rc == 0; k++)
        if (groups[k]->set) {
            c.group = groups[k];
            rc = audit_replay(w, groups[k]->unit, groups[k]->member[0], c, group_examples[k], ctx);
            c = AUDIT_CASE_TRUTH;
        }
    if (rc == 0 && a->bloc_worst.set) {
        c.bloc_target = a->bloc_worst.who;
        c.bloc_kind = (unsigned)a->bloc_worst.candidate;
        rc = audit_replay(w, a->bloc_worst.unit, 0, c, &r->bloc_worst, ctx);
        c = AUDIT_CASE_TRUTH;
    }
    if (rc == 0 && a->efficiency_worst.set)
        rc = audit_replay(w, a->efficiency_worst.unit, 0, AUDIT_CASE_TRUTH, &r->efficiency_worst,
                          ctx);
    if (rc == 0 && a->monotonicity_worst.set) {
        c.raised = (int64_t)a->monotonicity_worst.candidate;
        rc = audit_replay(w, a->monotonicity_worst.unit, a->monotonicity_worst.who, c,
                          &r->monotonicity_worst, ctx);
    }
    if (rc != 0)
        return mk_error_prefix(ctx, "replaying a counterexample");
    return MK_OK;
}

static void add_claim(mk_audit_report *r, unsigned claim, mk_audit_verdict verdict,
                      const char *reason, const mk_audit_example *example)
{
    if (r->n_claims < MK_AUDIT_CLAIMS_MAX)
        r->claims[r->n_claims++] = (mk_audit_claim){claim, verdict, reason, example};
}

/* The verdict on each claimed property, in bit order. */
static void judge_claims(const mk_mechanism *mech, mk_audit_report *r)
{
    for (unsigned bit = 1; bit != 0; bit <<= 1) {
        if (!(mech->claims & bit))
            continue;
        switch (bit) {
        case MK_CLAIM_DSIC:
            if (!r->unilateral_checked)
                add_claim(r, bit, MK_AUDIT_NOT_CHECKED,
                          "the mechanism proposes no misreports (it has no deviations function)",
                          NULL);
            else if (r->profitable > 0)
                add_claim(r, bit, MK_AUDIT_FAILS, NULL, &r->worst);
            else
                add_claim(r, bit, MK_AUDIT_HOLDS, NULL, NULL);
            break;
        case MK_CLAIM_IR:
            add_claim(r, bit, r->ir_violations > 0 ? MK_AUDIT_FAILS : MK_AUDIT_HOLDS, NULL,
                      r->ir_violations > 0 ? &r->ir_worst : NULL);
            break;
        case MK_CLAIM_WEAK_BB:
            add_claim(r, bit, r->revenue_negative > 0 ? MK_AUDIT_FAILS : MK_AUDIT_HOLDS, NULL,
                      r->revenue_negative > 0 ? &r->revenue_low : NULL);
            break;
        case MK_CLAIM_STRONG_BB:
            add_claim(r, bit, r->revenue_nonzero > 0 ? MK_AUDIT_FAILS : MK_AUDIT_HOLDS, NULL,
                      r->revenue_nonzero == 0   ? NULL
                      : r->revenue_negative > 0 ? &r->revenue_low
                                                : &r->revenue_high);
            break;
        case MK_CLAIM_EFFICIENT:
            if (!r->efficiency_checked)
                add_claim(r, bit, MK_AUDIT_NOT_CHECKED,
                          "the mechanism gives no best welfare to compare with (it has no "
                          "best_welfare function)",
                          NULL);
            else
                add_claim(r, bit, r->inefficient > 0 ? MK_AUDIT_FAILS : MK_AUDIT_HOLDS, NULL,
                          r->inefficient > 0 ? &r->efficiency_worst : NULL);
            break;
        default:
            add_claim(r, bit, MK_AUDIT_NOT_CHECKED,
                      "a claim this version of mechkit audit does not know", NULL);
        }
    }
}

/* Everything but the examples, from the merged accumulator. */
static int fill_report(const mk_mechanism *mech, const mk_audit_options *opts, const audit_acc *a,
                       mk_audit_report *r, mk_ctx *ctx)
{
    r->profiles = a->profiles;
    r->participants = a->participants;
    r->runs = a->runs;
    r->scale = a->scale > 0 ? a->scale : 0;
    r->unilateral_checked = mech->deviations != NULL;
    r->exhaustive = r->unilateral_checked && a->exhaustive;
    r->profitable = a->profitable;
    r->share = a->profiles > 0 ? (double)a->profitable / (double)a->profiles : 0.0;
    mk_audit_wilson(a->profitable, a->profiles, &r->share_lo, &r->share_hi);
    r->max_gain = a->worst.set ? a->worst.value : (mk_rational){0, 1};
    r->sybil_checked = mech->split != NULL && opts->max_identities >= 2;
    r->sybil_profitable = a->sybil_profitable;
    r->sybil_max_gain = a->sybil_worst.set ? a->sybil_worst.value : (mk_rational){0, 1};
    for (size_t k = 0; k <= MK_AUDIT_IDENTITIES_MAX; k++) {
        r->sybil_by_k[k].profitable = a->sybil_profitable_k[k];
        r->sybil_by_k[k].max_gain = a->sybil_k[k].set ? a->sybil_k[k].value : (mk_rational){0, 1};
    }
    r->coalition_checked = mech->deviations != NULL && opts->max_coalition >= 2;
    r->coalition_size = r->coalition_checked ? opts->max_coalition : 0;
    r->coalition_skipped = a->coalition_skipped;
    r->coalition_capped = a->coalition_capped;
    for (size_t s = 0; s <= MK_AUDIT_COALITION_MAX; s++) {
        r->coalition_by_size[s].profitable = a->coalition_profitable_k[s];
        r->coalition_by_size[s].max_gain =
            a->coalition_k[s].set ? a->coalition_k[s].value : (mk_rational){0, 1};
        r->coalition_by_size[s].collusion_profitable = a->collusion_profitable_k[s];
        r->coalition_by_size[s].collusion_max_gain =
            a->collusion_k[s].set ? a->collusion_k[s].value : (mk_rational){0, 1};
    }
    r->coalition_profitable = a->coalition_profitable;
    r->coalition_max_gain = a->coalition_worst.set ? a->coalition_worst.value : (mk_rational){0, 1};
    r->collusion_profitable = a->collusion_profitable;
    r->collusion_max_gain = a->collusion_worst.set ? a->collusion_worst.value : (mk_rational){0, 1};
    r->bloc_checked = blocs_searched(mech, opts);
    r->bloc_profitable = a->bloc_profitable;
    r->bloc_max_gain = a->bloc_worst.set ? a->bloc_worst.value : (mk_rational){0, 1};
    r->efficiency_checked = mech->best_welfare != NULL;
    r->inefficient = a->inefficient;
    r->efficiency_max_loss =
        a->efficiency_worst.set ? a->efficiency_worst.value : (mk_rational){0, 1};
    r->monotonicity_checked = favours_items(mech);
    r->monotonicity_exhaustive = r->monotonicity_checked && !a->monotonicity_sampled;
    r->monotonicity_failures = a->monotonicity_failures;
    r->ir_violations = a->ir_violations;
    r->revenue_min = a->revenue_min.set ? a->revenue_min.value : (mk_rational){0, 1};
    r->revenue_max = a->revenue_max.set ? a->revenue_max.value : (mk_rational){0, 1};
    r->revenue_negative = a->revenue_negative;
    r->revenue_nonzero = a->revenue_nonzero;
    int rc = exact_strings(a->regret_sum, a->profiles, r->scale, &r->mean_regret,
                           &r->mean_regret_decimal, ctx);
    if (rc == 0)
        rc = exact_strings(a->revenue_sum, a->profiles, r->scale, &r->revenue_mean,
                           &r->revenue_mean_decimal, ctx);
    if (rc == 0 && a->efficiency_profiles > 0)
        rc = exact_strings(a->efficiency_sum, a->efficiency_profiles, 0, &r->efficiency_mean,
                           &r->efficiency_mean_decimal, ctx);
    return rc;
}

/* Whether mech has a parameter called name. */
static int has_param(const mk_mechanism *mech, const char *name)
{
    for (const mk_param_spec *s = mech->params; s != NULL && s->name != NULL; s++)
        if (strcmp(s->name, name) == 0)
            return 1;
    return 0;
}

/* The parameters the workers prepare with into *out: params, and
 * threads=1 when several workers run a mechanism that starts threads of
 * its own and the user did not set how many (each run would otherwise
 * start one per processor on top of the workers). */
static int worker_params(const mk_mechanism *mech, const mk_params *params, size_t workers,
                         mk_params *out, mk_ctx *ctx)
{
    int rc = MK_OK, given = 0;
    for (size_t k = 0; rc == 0 && k < params->n; k++) {
        given |= strcmp(params->key[k], "threads") == 0;
        rc = mk_params_set(out, params->key[k], params->value[k], ctx);
    }
    if (rc == 0 && workers > 1 && !given && has_param(mech, "threads"))
        rc = mk_params_set(out, "threads", "1", ctx);
    return rc;
}

int mk_audit_run(const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
                 const mk_profile *types, const mk_audit_options *opts, mk_audit_report *out,
                 mk_ctx *ctx)
{
    int rc = check_options(mech, types, opts, ctx);
    if (rc != 0)
        return rc;
    audit_job job = {mech,
                     types,
                     opts->seed,
                     types != NULL ? 1 : opts->budget,
                     opts->participants,
                     opts->max_deviations,
                     mech->split != NULL ? opts->max_identities : 0,
                     mech->deviations != NULL && opts->max_coalition >= 2 ? opts->max_coalition : 0,
                     blocs_searched(mech, opts),
                     favours_items(mech),
                     0,
                     UINT64_MAX};
    size_t threads = thread_count(opts, job.units), ready = 0;
    mk_params own = MK_PARAMS_INIT;
    audit_worker *w = calloc(threads, sizeof *w);
    if (w == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu audit threads", threads);
    rc = worker_params(mech, params, threads, &own, ctx);
    for (; ready < threads && rc == 0; ready++)
        rc = audit_worker_init(&w[ready], &job, &own, setting, ctx);
    if (rc == 0)
        rc = search(w, threads, ctx);
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_acc total;
    audit_acc_init(&total);
    for (size_t t = 0; rc == 0 && t < threads; t++)
        audit_acc_merge(&total, &w[t].acc);
    if (rc == 0)
        rc = fill_report(mech, opts, &total, &r, ctx);
    if (rc == 0)
        rc = replay_examples(&w[0], &total, &r, ctx);
    audit_acc_clear(&total);
    for (size_t t = 0; t < ready; t++)
        audit_worker_free(&w[t]);
    free(w);
    mk_params_free(&own); /* after the instances, which may borrow its values */
    if (rc != 0) {
        mk_audit_report_free(&r);
        return rc;
    }
    *out = r;
    judge_claims(mech, out); /* the claims point into *out */
    return MK_OK;
}

void mk_audit_report_free(mk_audit_report *report)
{
    if (report == NULL)
        return;
    free(report->mean_regret);
    free(report->mean_regret_decimal);
    free(report->revenue_mean);
    free(report->revenue_mean_decimal);
    audit_example_free(&report->worst);
    audit_example_free(&report->ir_worst);
    audit_example_free(&report->revenue_low);
    audit_example_free(&report->revenue_high);
    audit_example_free(&report->sybil_worst);
    audit_example_free(&report->coalition_worst);
    audit_example_free(&report->bloc_worst);
    audit_example_free(&report->monotonicity_worst);
    audit_example_free(&report->efficiency_worst);
    free(report->efficiency_mean);
    free(report->efficiency_mean_decimal);
    audit_example_free(&report->collusion_worst);
    memset(report, 0, sizeof *report);
}
