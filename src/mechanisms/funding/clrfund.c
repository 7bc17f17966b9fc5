/*
 * funding.clrfund: clr.fund's capital-constrained quadratic funding, as
 * its FundingRound contract computes it at the end of a round (clrfund/
 * monorepo, contracts/contracts/FundingRound.sol, calcAlpha and
 * getAllocatedAmount; formula checked against every project of round 9 in
 * ../shared/data/funding/SOURCES.md). In integer arithmetic, with v the
 * option's quadratic vote total (sum of square roots of credits), s its
 * spent voice credits, F the voice credit factor (token units per credit),
 * S the round's total spent credits and Q the sum of v^2 over all options:
 *
 *   P      = 10^18 (alpha's precision)
 *   budget = matchingPoolSize + S F
 *   alpha  = floor((budget - S F) P / (F (Q - S)))
 *   allocated(v, s) = floor((alpha F v^2 + P F s - alpha F s) / P)
 *
 * i.e. each project gets its contributions s F plus alpha times its QF
 * ideal (v^2 - s) F. Floors leave a few token units of the budget
 * unpaid: that is the result's unspent. The input is a round's aggregate
 * tally (mk_clrfund_read), not individual contributions, so there is no
 * contributor to split: split and deviations are not offered here (they
 * are in funding.qf on contributions). Amounts exceed int64 (wei), so the
 * outcome carries no payments or facts; result_json holds the figures as
 * decimal strings.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"

typedef struct clrfund {
    int scale;
    size_t n, cap;
    mpz_t *alloc; /* per vote option, for the last run */
    mpz_t pool, budget, alpha, q, spent, unspent, t1, t2;
} clrfund;

static const mk_param_spec clrfund_params[] = {
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    clrfund *a = (clrfund *)inst;
    if (a == NULL)
        return;
    for (size_t i = 0; i < a->cap; i++)
        mpz_clear(a->alloc[i]);
    free(a->alloc);
    mpz_clears(a->pool, a->budget, a->alpha, a->q, a->spent, a->unspent, a->t1, a->t2, NULL);
    free(a);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    (void)params;
    clrfund *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.clrfund");
    mpz_inits(a->pool, a->budget, a->alpha, a->q, a->spent, a->unspent, a->t1, a->t2, NULL);
    a->scale = setting->scale;
    *out = (mk_instance *)a;
    return MK_OK;
}

static int reserve(clrfund *a, size_t n, mk_ctx *ctx)
{
    if (n <= a->cap)
        return MK_OK;
    mpz_t *grown = realloc(a->alloc, n * sizeof *grown);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu vote options", n);
    for (size_t i = a->cap; i < n; i++)
        mpz_init(grown[i]);
    a->alloc = grown;
    a->cap = n;
    return MK_OK;
}

/* Every row: the layout of mechkit/funding.h, the same round constants. */
static int check(const mk_profile *r, mk_ctx *ctx)
{
    if (r->width != MK_CLRFUND_WIDTH || r->n == 0)
        return mk_error(ctx, MK_EINPUT,
                        "funding.clrfund: expected rows of %d cells (a clr.fund "
                        "round file), got %zu rows of %zu",
                        MK_CLRFUND_WIDTH, r->n, r->width);
    const int64_t *first = mk_profile_row(r, 0);
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        for (int c = MK_CLRFUND_FACTOR; c < MK_CLRFUND_WIDTH; c++)
            if (row[c] != first[c])
                return mk_error(ctx, MK_EINPUT,
                                "funding.clrfund: option %zu: round constant in "
                                "cell %d differs from option 0's",
                                i, c);
        if (row[MK_CLRFUND_VOTES] < 0 || row[MK_CLRFUND_SPENT] < 0)
            return mk_error(ctx, MK_EINPUT, "funding.clrfund: option %zu: negative tally", i);
    }
    if (first[MK_CLRFUND_FACTOR] <= 0 || first[MK_CLRFUND_POOL_HI] < 0 ||
        first[MK_CLRFUND_POOL_LO] < 0 || first[MK_CLRFUND_POOL_LO] >= 1000000000000000000 ||
        first[MK_CLRFUND_TOTAL_SPENT] < 0)
        return mk_error(ctx, MK_EINPUT,
                        "funding.clrfund: bad round constants (voice credit "
                        "factor must be above 0)");
    return MK_OK;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    clrfund *a = (clrfund *)inst;
    int rc = check(reports, ctx);
    if (rc == 0)
        rc = reserve(a, reports->n, ctx);
    if (rc != 0)
        return rc;
    a->n = reports->n;
    const int64_t *k = mk_profile_row(reports, 0);
    long factor = (long)k[MK_CLRFUND_FACTOR];
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, 18);
    mpz_set_si(a->pool, k[MK_CLRFUND_POOL_HI]);
    mpz_mul(a->pool, a->pool, p);
    mpz_add_ui(a->pool, a->pool, (unsigned long)k[MK_CLRFUND_POOL_LO]);
    mpz_set_si(a->spent, k[MK_CLRFUND_TOTAL_SPENT]);
    mpz_mul_si(a->t1, a->spent, factor); /* S F */
    mpz_add(a->budget, a->pool, a->t1);
    mpz_set_ui(a->q, 0);
    for (size_t i = 0; i < a->n; i++) {
        mpz_set_si(a->t2, mk_profile_row(reports, i)[MK_CLRFUND_VOTES]);
        mpz_addmul(a->q, a->t2, a->t2);
    }
    /* alpha = floor((budget - S F) P / (F (Q - S))) */
    mpz_sub(a->t2, a->q, a->spent);
    if (mpz_sgn(a->t2) <= 0) {
        mpz_clear(p);
        return mk_error(ctx, MK_EINPUT,
                        "funding.clrfund: the sum of squared vote totals does not "
                        "exceed the credits spent, so alpha is undefined");
    }
    mpz_mul_si(a->t2, a->t2, factor);
    mpz_sub(a->alpha, a->budget, a->t1);
    mpz_mul(a->alpha, a->alpha, p);
    mpz_fdiv_q(a->alpha, a->alpha, a->t2);
    mpz_set(a->unspent, a->budget);
    for (size_t i = 0; i < a->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        /* floor((alpha F v^2 + P F s - alpha F s) / P) */
        mpz_set_si(a->t1, row[MK_CLRFUND_VOTES]);
        mpz_mul(a->t1, a->t1, a->t1);
        mpz_sub_ui(a->t1, a->t1, (unsigned long)row[MK_CLRFUND_SPENT]);
        mpz_mul(a->t1, a->t1, a->alpha);
        mpz_set_si(a->t2, row[MK_CLRFUND_SPENT]);
        mpz_addmul(a->t1, a->t2, p);
        mpz_mul_si(a->t1, a->t1, factor);
        mpz_fdiv_q(a->alloc[i], a->t1, p);
        mpz_sub(a->unspent, a->unspent, a->alloc[i]);
    }
    mpz_clear(p);
    return mk_outcome_reset(out, reports->n, a->scale, ctx);
}

static json_t *amount(const mpz_t v, int scale)
{
    int negative = mpz_sgn(v) < 0;
    mpz_t abs;
    mpz_init(abs);
    mpz_abs(abs, v);
    char *s = mk_funding_format_mpz(abs, scale);
    mpz_clear(abs);
    json_t *j = s != NULL ? json_sprintf("%s%s", negative ? "-" : "", s) : NULL;
    free(s);
    return j;
}

static json_t *project_json(const clrfund *a, const mk_profile *r, size_t i)
{
    const int64_t *row = mk_profile_row(r, i);
    long factor = (long)row[MK_CLRFUND_FACTOR];
    mpz_t total, ideal, match;
    mpz_inits(total, ideal, match, NULL);
    mpz_set_si(total, row[MK_CLRFUND_SPENT]);
    mpz_mul_si(total, total, factor);
    mpz_set_si(ideal, row[MK_CLRFUND_VOTES]);
    mpz_mul(ideal, ideal, ideal);
    mpz_sub_ui(ideal, ideal, (unsigned long)row[MK_CLRFUND_SPENT]);
    mpz_mul_si(ideal, ideal, factor);
    mpz_sub(match, a->alloc[i], total);
    json_t *o = json_object();
    json_object_set_new(o, "project", json_string(r->labels != NULL ? r->labels[i] : ""));
    json_object_set_new(o, "recipient_index", json_integer((json_int_t)i));
    json_object_set_new(o, "accepted", json_boolean(row[MK_CLRFUND_STATE]));
    json_object_set_new(o, "contributors", json_null()); /* not in a round's tally */
    json_object_set_new(o, "votes", json_integer(row[MK_CLRFUND_VOTES]));
    json_object_set_new(o, "spent_credits", json_integer(row[MK_CLRFUND_SPENT]));
    json_object_set_new(o, "total", amount(total, a->scale));
    json_object_set_new(o, "match", amount(match, a->scale));
    json_object_set_new(o, "ideal_match", amount(ideal, a->scale));
    json_object_set_new(o, "allocated", amount(a->alloc[i], a->scale));
    char *units = mpz_get_str(NULL, 10, a->alloc[i]);
    json_object_set_new(o, "allocated_units", json_string(units != NULL ? units : ""));
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    if (units != NULL)
        free_fn(units, strlen(units) + 1);
    mpz_clears(total, ideal, match, NULL);
    return o;
}

/* Projects in the order of the file's "projects" list; options that no
 * project holds are left out (their tally is zero in every known round;
 * they still count in Q). */
static int clrfund_json(const mk_instance *inst, const mk_profile *reports,
                        const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)outcome;
    const clrfund *a = (const clrfund *)inst;
    size_t m = 0;
    for (size_t i = 0; i < a->n; i++)
        m += mk_profile_row(reports, i)[MK_CLRFUND_PROJECT] > 0;
    json_t *list = json_array();
    for (size_t j = 1; j <= m; j++)
        for (size_t i = 0; i < a->n; i++)
            if ((size_t)mk_profile_row(reports, i)[MK_CLRFUND_PROJECT] == j)
                json_array_append_new(list, project_json(a, reports, i));
    json_t *res = result;
    mpz_t matched;
    mpz_init(matched);
    mpz_sub(matched, a->pool, a->unspent);
    json_object_set_new(res, "pool", amount(a->pool, a->scale));
    json_object_set_new(res, "budget", amount(a->budget, a->scale));
    char *alpha = mpz_get_str(NULL, 10, a->alpha);
    json_object_set_new(res, "alpha", json_string(alpha != NULL ? alpha : ""));
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    if (alpha != NULL)
        free_fn(alpha, strlen(alpha) + 1);
    json_object_set_new(res, "alpha_precision", json_string("1000000000000000000"));
    json_object_set_new(res, "matched", amount(matched, a->scale));
    json_object_set_new(res, "unspent", amount(a->unspent, a->scale));
    json_object_set_new(res, "projects", list);
    mpz_clear(matched);
    (void)ctx;
    return MK_OK;
}

/* A table: project, option, votes, total, match, allocated. */
static int clrfund_text(const mk_instance *inst, const mk_profile *reports,
                        const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    json_t *result = json_object();
    int rc = clrfund_json(inst, reports, outcome, result, ctx);
    size_t cap = 256, len = 0;
    char *buf = rc == 0 ? malloc(cap) : NULL;
    if (rc == 0 && buf == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    const json_t *list = json_object_get(result, "projects");
    for (size_t j = 0; rc == 0 && j <= json_array_size(list); j++) {
        const json_t *p = json_array_get(list, j > 0 ? j - 1 : 0);
        char line[512];
        if (j == 0)
            snprintf(line, sizeof line,
                     "alpha %s / 10^18; budget %s; unspent %s\n%-28s %6s %8s %28s %28s %28s\n",
                     json_string_value(json_object_get(result, "alpha")),
                     json_string_value(json_object_get(result, "budget")),
                     json_string_value(json_object_get(result, "unspent")), "project", "option",
                     "votes", "total", "match", "allocated");
        else
            snprintf(line, sizeof line, "%-28.28s %6lld %8lld %28s %28s %28s\n",
                     json_string_value(json_object_get(p, "project")),
                     (long long)json_integer_value(json_object_get(p, "recipient_index")),
                     (long long)json_integer_value(json_object_get(p, "votes")),
                     json_string_value(json_object_get(p, "total")),
                     json_string_value(json_object_get(p, "match")),
                     json_string_value(json_object_get(p, "allocated")));
        size_t n = strlen(line);
        if (len + n + 1 > cap) {
            char *grown = realloc(buf, 2 * (len + n + 1));
            if (grown == NULL) {
                rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
                break;
            }
            buf = grown;
            cap = 2 * (len + n + 1);
        }
        memcpy(buf + len, line, n + 1);
        len += n;
    }
    json_decref(result);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    *text = buf;
    return MK_OK;
}

static int read_round(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    (void)params;
    return mk_clrfund_read(in, out, ctx);
}

const mk_mechanism mk_funding_clrfund = {
    .name = "funding.clrfund",
    .summary = "clr.fund's capital-constrained QF (alpha from budget and tally), on a round file",
    .input_help = "A clr.fund round file (JSON with \"round\", \"projects\", \"tally\"), as "
                  "exported for clr.fund's leaderboard; amounts in the token's smallest unit.",
    .params = clrfund_params,
    .claims = 0,
    .flags = MK_MECH_COLLECTIVE,
    .read = read_round,
    .prepare = prepare,
    .run = run,
    .truthful = mk_truthful_copy,
    .result_json = clrfund_json,
    .result_text = clrfund_text,
    .free = free_instance,
};
