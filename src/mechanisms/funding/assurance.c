/*
 * funding.assurance: dominant assurance contracts (Tabarrok, "The private
 * provision of public goods via dominant assurance contracts", Public
 * Choice 96, 1998). An entrepreneur offers, for each project, a contract:
 * if the pledges reach the threshold (the cost of producing the good) the
 * good is produced and every pledger pays its pledge; if not, every pledge
 * is refunded and every pledger also receives a refund bonus from the
 * entrepreneur. The bonus is what makes pledging dominant for a pledger
 * who values the good above its pledge: if the contract succeeds it gets
 * the good, if it fails it is paid for having pledged.
 *
 * Here each project of the contributions file is one contract with the
 * same threshold; pledges are the contributions (several of one
 * contributor to one project summed). A contract succeeds when its pledges
 * total at least the threshold (exactly the threshold succeeds). The
 * bonus is a fixed amount per pledger and contract (bonus=) or a share of
 * the pledge (bonus_share=, floor(share * pledge) in minor units), not
 * both.
 *
 * Outcome: a participant's allocation is the number of its contracts that
 * succeeded; its payment is what it pays for them less the bonuses it
 * receives from the failed ones (negative: it is paid); the column "bonus"
 * holds the bonuses. Facts: contracts funded, pledges collected, bonuses
 * paid, and the entrepreneur's net: collected minus the threshold (the
 * production cost) of each funded contract, minus the bonuses.
 *
 * For the auditor: a type has the layout of a report, its amounts being
 * the contributor's values for the projects; the truthful report pledges
 * the value; utility is quasi-linear, the values of the funded projects
 * minus the payment. Pledging the value is not dominant (pledging less, or
 * nothing when others reach the threshold anyway, can pay), which is what
 * the auditor shows. Split: k identities of one pledger each receive a
 * fixed bonus (a sybil gains (k - 1) bonus from a failed contract) but
 * only their shares of a proportional one.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mechkit/money.h"

typedef struct assurance {
    mk_funding_base base; /* first: the shared reader, format_report cast to it */
    int64_t threshold, bonus, bonus_ppm;
    /* per project, for the last run */
    unsigned char *funded;
    int64_t *bonus_paid;
    size_t cap;
} assurance;

static const mk_param_spec assurance_params[] = {
    {"threshold", MK_PARAM_MONEY, NULL, NULL,
     "pledges a contract needs to succeed, the good's cost (required), e.g. threshold=1000"},
    {"bonus", MK_PARAM_MONEY, "0", NULL, "refund bonus per pledger of a failed contract"},
    {"bonus_share", MK_PARAM_DECIMAL, "0", NULL,
     "refund bonus as a share of the pledge (0 to 1, at most 6 decimals), instead of bonus"},
    {"scale", MK_PARAM_INT, NULL, NULL, "decimal places of amounts (default: inferred)"},
    {"skip_bad_rows", MK_PARAM_CHOICE, "false", "false|true",
     "skip malformed input rows (counted in input.skipped_rows) instead of stopping"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    assurance *a = (assurance *)inst;
    if (a == NULL)
        return;
    mk_funding_base_free(&a->base);
    free(a->funded);
    free(a->bonus_paid);
    free(a);
}

static int read_params(assurance *a, const mk_params *params, mk_ctx *ctx)
{
    int scale = a->base.scale;
    int rc = mk_params_get_money(params, "threshold", scale, &a->threshold, ctx);
    if (rc == 0 && a->threshold <= 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'threshold' must be above 0");
    if (rc == 0)
        rc = mk_params_get_money(params, "bonus", scale, &a->bonus, ctx);
    if (rc == 0 && a->bonus < 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'bonus' must be 0 or more");
    if (rc == 0)
        rc = mk_funding_get_share(params, "bonus_share", 1, &a->bonus_ppm, ctx);
    if (rc == 0 && a->bonus > 0 && a->bonus_ppm > 0)
        rc = mk_error(ctx, MK_EPARAM, "give either 'bonus' or 'bonus_share', not both");
    return rc;
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    assurance *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.assurance");
    mk_funding_base_setup(&a->base, setting);
    int rc = read_params(a, params, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    *out = (mk_instance *)a;
    return MK_OK;
}

/* The bonus of one pledge of a failed contract. */
static int64_t bonus_of(const assurance *a, int64_t pledge)
{
    if (a->bonus_ppm > 0)
        return (int64_t)((mk_u128)pledge * (mk_u128)a->bonus_ppm / MK_FUNDING_WEIGHT_ONE);
    return a->bonus;
}

static int reserve(assurance *a, size_t p, mk_ctx *ctx)
{
    if (p <= a->cap && a->funded != NULL)
        return MK_OK;
    unsigned char *funded = realloc(a->funded, p ? p : 1);
    if (funded != NULL)
        a->funded = funded;
    int64_t *paid = realloc(a->bonus_paid, (p ? p : 1) * sizeof *paid);
    if (paid != NULL)
        a->bonus_paid = paid;
    if (funded == NULL || paid == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu contracts", p);
    a->cap = p;
    return MK_OK;
}

/* Each pledger's payment, contracts won and bonus; the per-project bonus
 * totals. Every sum is bounded by a project total or a row total that
 * mk_funding_begin and the checks below keep within int64. */
static int settle(assurance *a, const mk_profile *r, mk_outcome *out, mk_ctx *ctx)
{
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        int64_t pays = 0, bonus = 0;
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            size_t q = mk_funding_project_at(row, j);
            int64_t pledge = (int64_t)mk_funding_amount_at(row, j); /* one limb: run checked */
            if (pledge <= 0)
                continue;
            if (a->funded[q]) {
                out->allocation[i]++;
                if (mk_checked_add(pays, pledge, &pays) != 0)
                    return mk_error(ctx, MK_ERANGE, "the pledges of row %zu overflow", i + 1);
                continue;
            }
            int64_t b = bonus_of(a, pledge);
            if (mk_checked_add(bonus, b, &bonus) != 0 ||
                mk_checked_add(a->bonus_paid[q], b, &a->bonus_paid[q]) != 0)
                return mk_error(ctx, MK_ERANGE, "the refund bonuses overflow");
        }
        out->payment[i] = pays - bonus; /* both >= 0: no overflow */
        out->column[i] = bonus;
    }
    return MK_OK;
}

static int add_facts(assurance *a, mk_outcome *out, mk_ctx *ctx)
{
    const mk_funding_base *f = &a->base;
    int64_t funded = 0, collected = 0, bonuses = 0, net = 0;
    for (size_t q = 0; q < f->n_projects; q++) {
        int64_t total = (int64_t)f->total[q]; /* run checked that it fits */
        int64_t gain = a->funded[q] ? total - a->threshold : -a->bonus_paid[q];
        funded += a->funded[q];
        if ((a->funded[q] && mk_checked_add(collected, total, &collected) != 0) ||
            mk_checked_add(bonuses, a->bonus_paid[q], &bonuses) != 0 ||
            mk_checked_add(net, gain, &net) != 0)
            return mk_error(ctx, MK_ERANGE, "the totals of the contracts overflow");
    }
    int rc = mk_outcome_add_fact(out, "funded", funded, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "collected", collected, f->scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "bonuses", bonuses, f->scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "entrepreneur_net", net, f->scale, ctx);
    return rc;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    assurance *a = (assurance *)inst;
    mk_funding_base *f = &a->base;
    int rc = mk_funding_begin(f, reports, ctx);
    if (rc == 0)
        rc = reserve(a, f->n_projects, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, reports->n, f->scale, ctx);
    for (size_t q = 0; rc == 0 && q < f->n_projects; q++)
        if (f->wide || f->total[q] > (mk_u128)INT64_MAX)
            rc = mk_error(ctx, MK_ERANGE,
                          "funding.assurance: pledges past 2^63-1 minor units are not supported "
                          "(its payments and bonuses are 64-bit)");
    if (rc != 0)
        return rc;
    for (size_t q = 0; q < f->n_projects; q++) {
        a->funded[q] = f->total[q] >= (mk_u128)a->threshold;
        a->bonus_paid[q] = 0;
    }
    out->column_name = "bonus";
    out->column_scale = f->scale;
    rc = settle(a, reports, out, ctx);
    if (rc == 0)
        rc = add_facts(a, out, ctx);
    return rc;
}

/* Values of the funded projects minus the payment (bonuses included). */
static int utility(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    const assurance *a = (const assurance *)inst;
    int64_t value = 0, den;
    if (who >= types->n || who >= outcome->n || mk_pow10(a->base.scale, &den) != 0)
        return mk_error(ctx, MK_EINTERNAL, "assurance utility: no participant %zu", who + 1);
    const int64_t *row = mk_profile_row(types, who);
    if (row[MK_FUNDING_LIMBS] != 1)
        return mk_error(ctx, MK_ERANGE, "assurance utility: amounts past 2^63-1 minor units");
    for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
        size_t q = mk_funding_project_at(row, j);
        if (q < a->base.n_projects && a->funded[q] &&
            mk_checked_add(value, (int64_t)mk_funding_amount_at(row, j), &value) != 0)
            return mk_error(ctx, MK_ERANGE, "the values of participant %zu overflow", who + 1);
    }
    int64_t net;
    if (__builtin_sub_overflow(value, outcome->payment[who], &net) ||
        mk_rational_make(net, den, u) != 0)
        return mk_error(ctx, MK_ERANGE, "the utility of participant %zu overflows", who + 1);
    return MK_OK;
}

static int result_json(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)reports;
    (void)outcome;
    const assurance *a = (const assurance *)inst;
    const mk_funding_base *f = &a->base;
    json_t *projects = json_array();
    for (size_t q = 0; projects != NULL && q < f->n_projects; q++) {
        char total[MK_MONEY_FORMAT_MAX], bonus[MK_MONEY_FORMAT_MAX], buf[32];
        json_t *item =
            json_pack("{s:s, s:I, s:s, s:b, s:s, s:s}", "project",
                      mk_funding_project_name(f, q, buf, sizeof buf), "contributors",
                      (json_int_t)f->contributors[q], "total",
                      mk_money_format(f->total[q], f->scale, total), "funded", a->funded[q],
                      "match", mk_money_format(a->bonus_paid[q], f->scale, bonus), "bonus", bonus);
        if (item == NULL || json_array_append_new(projects, item) != 0) {
            json_decref(projects);
            projects = NULL;
        }
    }
    if (projects == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    json_object_set_new((json_t *)result, "projects", projects);
    return MK_OK;
}

static int result_text(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)reports;
    (void)outcome;
    const assurance *a = (const assurance *)inst;
    const mk_funding_base *f = &a->base;
    size_t cap = 96 * (f->n_projects + 1), len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    len += (size_t)snprintf(buf, cap, "%-24s %12s %16s %8s %16s\n", "contract", "pledgers",
                            "pledged", "funded", "bonuses");
    for (size_t q = 0; q < f->n_projects; q++) {
        char total[MK_MONEY_FORMAT_MAX], bonus[MK_MONEY_FORMAT_MAX], name[32];
        const char *project = mk_funding_project_name(f, q, name, sizeof name);
        size_t need = len + strlen(project) + 96;
        if (need > cap) {
            char *grown = realloc(buf, 2 * need);
            if (grown == NULL) {
                free(buf);
                return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
            }
            buf = grown;
            cap = 2 * need;
        }
        len += (size_t)snprintf(
            buf + len, cap - len, "%-24s %12lld %16s %8s %16s\n", project,
            (long long)f->contributors[q], mk_money_format(f->total[q], f->scale, total),
            a->funded[q] ? "yes" : "no", mk_money_format(a->bonus_paid[q], f->scale, bonus));
    }
    *text = buf;
    return MK_OK;
}

const mk_mechanism mk_funding_assurance = {
    .name = "funding.assurance",
    .summary = "dominant assurance contracts (Tabarrok 1998): pledges, a threshold, a refund bonus",
    .input_help = "Pledges as contributions (see 'mechkit describe funding.qf'); each project is "
                  "one contract with the same threshold. A participant's payment is what it pays "
                  "for funded contracts less the bonuses of failed ones.",
    .params = assurance_params,
    .claims = 0,
    .read = mk_funding_read,
    .prepare = prepare,
    .run = run,
    .utility = utility,
    .truthful = mk_truthful_copy,
    .deviations = mk_funding_deviations,
    .split = mk_funding_split,
    .result_json = result_json,
    .result_text = result_text,
    .format_report = mk_funding_format_report,
    .free = free_instance,
};
