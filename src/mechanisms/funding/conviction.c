/*
 * funding.conviction: conviction voting (Zargham's design as implemented
 * by 1Hive Gardens and the Commons Stack; "Conviction Voting: a novel
 * continuous decision making alternative to governance", 2019). Voters
 * stake tokens on proposals; each proposal's conviction grows toward its
 * stake and decays by alpha per block:
 *     y_0 = 0 at the first block of the input,  y_{t+1} = alpha y_t + s_t,
 * where s_t is the total stake on the proposal during block t (after that
 * block's changes), so a constant stake S gives y_t = S (1 - alpha^t) /
 * (1 - alpha). A proposal requesting r from funds R passes at the first
 * block t at which
 *     y_t >= rho S / ((1 - alpha) (beta - r / R)^2),
 * S being the token supply (-p supply=, else the total staked on every
 * open proposal during the previous block, as 1Hive's effective supply
 * falls back to), and never when r / R >= beta or S is 0. A proposal
 * that passes is paid r (R falls by r for the later proposals) and its
 * stakes are freed; later changes to it are ignored. In one block, proposals are checked in
 * order of first appearance, each with the funds left by the previous.
 *
 * Arithmetic: alpha, beta and rho are exact decimals (fractions). The
 * conviction is kept in fixed point, integers of 2^-64 minor units (GMP),
 * each block's alpha y rounded down, so it is low by less than
 * 1 / (1 - alpha) units of 2^-64 minor units (exact when alpha's
 * denominator divides every step, e.g. alpha = 0.5); the threshold is
 * compared exactly (y >= ceil(threshold 2^64)). Blocks are stepped one by
 * one from the first block of the input to the last (or -p until=), at
 * most MK_CONVICTION_MAX_BLOCKS of them.
 *
 * Output: per proposal its voters, stake (at its pass or at the end),
 * match (r when it passed), the block it passed at, its conviction and
 * threshold then (rounded down to the scale); unspent: the funds left.
 * A voter's allocation is the number of proposals it staked on that
 * passed, and its utility for the auditor that number (no money moves to
 * or from voters). Split: k identities each holding a k-th of the voter's
 * stake at every block (floor((S + j) / k) for identity j, so no stake
 * goes negative); conviction is linear in stake, so a split changes
 * nothing but rounding.
 */
#include <stdlib.h>
#include <string.h>

#include "conviction_internal.h"
#include "mechkit/money.h"

static const mk_param_spec conviction_params[] = {
    {"pool", MK_PARAM_MONEY, NULL, NULL, "funds R the proposals draw on (required)"},
    {"alpha", MK_PARAM_DECIMAL, "0.9999599", NULL,
     "decay per block, 0 < alpha < 1 (the default, 1Hive's, halves conviction in about 17,300 "
     "blocks)"},
    {"beta", MK_PARAM_DECIMAL, "0.2", NULL, "largest share of the funds one proposal may request"},
    {"rho", MK_PARAM_DECIMAL, "0.0025", NULL, "weight of the threshold"},
    {"supply", MK_PARAM_MONEY, "0", NULL,
     "token supply S in the threshold (0: the total staked during the previous block)"},
    {"until", MK_PARAM_INT, "-1", NULL, "last block simulated (-1: the last block of the input)"},
    {"scale", MK_PARAM_INT, NULL, NULL, "decimal places of amounts (default: inferred)"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_projects(conviction *a)
{
    for (size_t q = 0; q < a->cap; q++) {
        mpz_clear(a->y[q]);
        mpz_clear(a->threshold[q]);
    }
    free(a->y);
    free(a->threshold);
    free(a->requested);
    free(a->stake);
    free(a->passed_at);
    free(a->voters);
    a->y = a->threshold = NULL;
    a->requested = a->stake = a->passed_at = a->voters = NULL;
    a->cap = 0;
}

static void free_instance(mk_instance *inst)
{
    conviction *a = (conviction *)inst;
    if (a == NULL)
        return;
    free_projects(a);
    mk_funding_base_free(&a->base);
    free(a->events);
    mpz_clears(a->t1, a->t2, NULL);
    free(a);
}

static int get_decimal(const mk_params *params, const char *name, decimal *out, mk_ctx *ctx)
{
    int64_t v;
    size_t count;
    int scale;
    int rc = mk_params_get_list(params, name, 0, &v, 1, &count, &scale, ctx);
    if (rc == 0 && mk_pow10(scale, &out->den) != 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter '%s': too many decimals", name);
    out->num = v;
    return rc;
}

static int read_params(conviction *a, const mk_params *params, mk_ctx *ctx)
{
    int scale = a->base.scale;
    int rc = mk_params_get_money(params, "pool", scale, &a->pool, ctx);
    if (rc == 0 && a->pool <= 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'pool' must be above 0");
    if (rc == 0)
        rc = get_decimal(params, "alpha", &a->alpha, ctx);
    if (rc == 0 && (a->alpha.num <= 0 || a->alpha.num >= a->alpha.den))
        rc = mk_error(ctx, MK_EPARAM, "parameter 'alpha' must be above 0 and below 1");
    if (rc == 0)
        rc = get_decimal(params, "beta", &a->beta, ctx);
    if (rc == 0 && (a->beta.num <= 0 || a->beta.num > a->beta.den))
        rc = mk_error(ctx, MK_EPARAM, "parameter 'beta' must be above 0 and at most 1");
    if (rc == 0)
        rc = get_decimal(params, "rho", &a->rho, ctx);
    if (rc == 0 && a->rho.num <= 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'rho' must be above 0");
    if (rc == 0)
        rc = mk_params_get_money(params, "supply", scale, &a->supply, ctx);
    if (rc == 0 && a->supply < 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'supply' must be 0 or more");
    if (rc == 0)
        rc = mk_params_get_int(params, "until", -1, INT64_MAX, &a->until, ctx);
    return rc;
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    conviction *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.conviction");
    mpz_inits(a->t1, a->t2, NULL);
    mk_funding_base_setup(&a->base, setting);
    int rc = read_params(a, params, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    *out = (mk_instance *)a;
    return MK_OK;
}

static int read_input(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    int64_t scale = -1;
    int rc = mk_params_given(params, "scale")
                 ? mk_params_get_int(params, "scale", 0, MK_SCALE_MAX, &scale, ctx)
                 : MK_OK;
    if (rc == 0)
        rc = mk_conviction_read(in, (int)scale, out, ctx);
    int places = mk_params_money_places(params);
    if (rc == 0 && scale < 0 && out->scale < places) /* pool=12.50 on whole stakes */
        rc = mk_conviction_read(in, places, out, ctx);
    return rc;
}

static int reserve(conviction *a, size_t p, size_t events, mk_ctx *ctx)
{
    if (events > a->cap_events || a->events == NULL) {
        event *e = realloc(a->events, (events ? events : 1) * sizeof *e);
        if (e == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu stake changes", events);
        a->events = e;
        a->cap_events = events;
    }
    if (p <= a->cap && a->y != NULL)
        return MK_OK;
    free_projects(a);
    size_t n = p ? p : 1;
    a->requested = calloc(n, sizeof *a->requested);
    a->stake = calloc(n, sizeof *a->stake);
    a->passed_at = calloc(n, sizeof *a->passed_at);
    a->voters = calloc(n, sizeof *a->voters);
    a->y = calloc(n, sizeof *a->y);
    a->threshold = calloc(n, sizeof *a->threshold);
    if (!a->requested || !a->stake || !a->passed_at || !a->voters || !a->y || !a->threshold) {
        free_projects(a);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu proposals", p);
    }
    for (size_t q = 0; q < n; q++) {
        mpz_init(a->y[q]);
        mpz_init(a->threshold[q]);
    }
    a->cap = n;
    return MK_OK;
}

static int by_block(const void *pa, const void *pb)
{
    const event *a = pa, *b = pb;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    if (a->proposal != b->proposal)
        return a->proposal < b->proposal ? -1 : 1;
    return a->voter < b->voter ? -1 : (a->voter > b->voter);
}

/* Checks the layout, collects the events in block order and each
 * proposal's request and voters. */
static int gather(conviction *a, const mk_profile *r, size_t *n_events, mk_ctx *ctx)
{
    size_t p = a->base.n_items, count = 0;
    if (r->width < MK_CONVICTION_FIRST || (r->width - MK_CONVICTION_FIRST) % 4 != 0)
        return mk_error(ctx, MK_EINPUT, "conviction: rows of %zu cells", r->width);
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        if (row[MK_CONVICTION_COUNT] < 0 ||
            (size_t)row[MK_CONVICTION_COUNT] > (r->width - MK_CONVICTION_FIRST) / 4)
            return mk_error(ctx, MK_EINPUT, "conviction: row %zu: %lld changes", i + 1,
                            (long long)row[MK_CONVICTION_COUNT]);
        for (int64_t j = 0; j < row[MK_CONVICTION_COUNT]; j++) {
            const int64_t *c = row + MK_CONVICTION_FIRST + 4 * j;
            if (c[MK_CONVICTION_PROPOSAL] < 0 ||
                c[MK_CONVICTION_PROPOSAL] >= MK_FUNDING_MAX_PROJECTS ||
                c[MK_CONVICTION_BLOCK] < 0 || c[MK_CONVICTION_REQUESTED] < 0)
                return mk_error(ctx, MK_EINPUT, "conviction: row %zu, change %lld is malformed",
                                i + 1, (long long)j + 1);
            if ((size_t)c[MK_CONVICTION_PROPOSAL] >= p)
                p = (size_t)c[MK_CONVICTION_PROPOSAL] + 1;
            count++;
        }
    }
    int rc = reserve(a, p, count, ctx);
    if (rc != 0)
        return rc;
    a->base.n_projects = p;
    for (size_t q = 0; q < p; q++) {
        a->requested[q] = -1;
        a->stake[q] = a->voters[q] = 0;
        a->passed_at[q] = -1;
        mpz_set_ui(a->y[q], 0);
    }
    size_t e = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        for (int64_t j = 0; j < row[MK_CONVICTION_COUNT]; j++) {
            const int64_t *c = row + MK_CONVICTION_FIRST + 4 * j;
            size_t q = (size_t)c[MK_CONVICTION_PROPOSAL];
            if (a->requested[q] >= 0 && a->requested[q] != c[MK_CONVICTION_REQUESTED])
                return mk_error(ctx, MK_EINPUT,
                                "conviction: proposal %zu has two requested "
                                "amounts",
                                q + 1);
            a->requested[q] = c[MK_CONVICTION_REQUESTED];
            a->events[e++] = (event){c[MK_CONVICTION_BLOCK], c[MK_CONVICTION_DELTA], i, q};
        }
    }
    qsort(a->events, e, sizeof *a->events, by_block);
    *n_events = e;
    return MK_OK;
}

/* threshold[q] = ceil(rho S 2^64 / ((1 - alpha) (beta - r/R)^2)), with
 * beta - r/R = (bn R - bd r) / (bd R); -1 (never) when that is <= 0. */
static void set_threshold(conviction *a, size_t q, int64_t supply)
{
    mpz_t *t = &a->threshold[q];
    mpz_set_si(a->t1, a->beta.num);
    mpz_mul_si(a->t1, a->t1, a->funds);
    mpz_set_si(a->t2, a->beta.den);
    mpz_mul_si(a->t2, a->t2, a->requested[q] > 0 ? a->requested[q] : 0);
    mpz_sub(a->t1, a->t1, a->t2); /* D = bn R - bd r */
    if (a->funds <= 0 || supply <= 0 || mpz_sgn(a->t1) <= 0) {
        mpz_set_si(*t, -1);
        return;
    }
    mpz_mul(a->t1, a->t1, a->t1);
    mpz_mul_si(a->t1, a->t1, a->rho.den);
    mpz_mul_si(a->t1, a->t1, a->alpha.den - a->alpha.num); /* denominator */
    mpz_set_si(*t, a->rho.num);
    mpz_mul_si(*t, *t, supply);
    mpz_mul_2exp(*t, *t, CONVICTION_FRACTION_BITS);
    mpz_mul_si(*t, *t, a->alpha.den);
    mpz_mul_si(*t, *t, a->beta.den);
    mpz_mul_si(*t, *t, a->beta.den);
    mpz_mul_si(*t, *t, a->funds);
    mpz_mul_si(*t, *t, a->funds);
    mpz_cdiv_q(*t, *t, a->t1);
}

static void set_thresholds(conviction *a, int64_t staked)
{
    int64_t supply = a->supply > 0 ? a->supply : staked;
    for (size_t q = 0; q < a->base.n_projects; q++)
        if (a->passed_at[q] < 0)
            set_threshold(a, q, supply);
}

/* Proposals whose conviction reaches the threshold at block t pass. */
static void check_passes(conviction *a, int64_t t, int64_t *staked)
{
    for (size_t q = 0; q < a->base.n_projects; q++) {
        if (a->passed_at[q] >= 0 || mpz_sgn(a->y[q]) <= 0 || mpz_sgn(a->threshold[q]) < 0 ||
            mpz_cmp(a->y[q], a->threshold[q]) < 0)
            continue;
        a->passed_at[q] = t;
        a->funds -= a->requested[q];
        *staked -= a->stake[q];
        set_thresholds(a, *staked); /* R (and S) changed for the others */
    }
}

/* Steps every block from the first change to the last (or until). */
static int simulate(conviction *a, size_t n_events, mk_ctx *ctx)
{
    if (n_events == 0)
        return MK_OK;
    int64_t first = a->events[0].block;
    int64_t last = a->until >= 0 ? a->until : a->events[n_events - 1].block;
    if (last < first)
        return mk_error(ctx, MK_EPARAM,
                        "parameter 'until': block %lld is before the first "
                        "change (block %lld)",
                        (long long)last, (long long)first);
    if (last - first >= MK_CONVICTION_MAX_BLOCKS)
        return mk_error(ctx, MK_ELIMIT, "conviction: %lld blocks to simulate, at most %d",
                        (long long)(last - first + 1), MK_CONVICTION_MAX_BLOCKS);
    int64_t staked = 0;
    size_t e = 0;
    set_thresholds(a, staked);
    for (int64_t t = first; t <= last; t++) {
        check_passes(a, t, &staked);
        int changed = 0;
        for (; e < n_events && a->events[e].block == t; e++) {
            size_t q = a->events[e].proposal;
            if (a->passed_at[q] >= 0)
                continue;
            if (mk_checked_add(a->stake[q], a->events[e].delta, &a->stake[q]) != 0 ||
                mk_checked_add(staked, a->events[e].delta, &staked) != 0)
                return mk_error(ctx, MK_ERANGE, "conviction: the stakes overflow at block %lld",
                                (long long)t);
            if (a->stake[q] < 0)
                return mk_error(ctx, MK_EINPUT,
                                "conviction: the stake on proposal %zu falls below 0 at block %lld",
                                q + 1, (long long)t);
            changed = 1;
        }
        if (changed && a->supply == 0)
            set_thresholds(a, staked);
        if (t == last)
            break; /* y at `last` is the one reported */
        for (size_t q = 0; q < a->base.n_projects; q++) {
            if (a->passed_at[q] >= 0)
                continue;
            mpz_mul_si(a->y[q], a->y[q], a->alpha.num);
            mpz_fdiv_q_ui(a->y[q], a->y[q], (unsigned long)a->alpha.den);
            mpz_set_si(a->t1, a->stake[q]);
            mpz_mul_2exp(a->t1, a->t1, CONVICTION_FRACTION_BITS);
            mpz_add(a->y[q], a->y[q], a->t1);
        }
    }
    return MK_OK;
}

/* allocation: the proposals each voter staked on that passed; voters per
 * proposal. */
static void settle(conviction *a, const mk_profile *r, mk_outcome *out)
{
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        for (int64_t j = 0; j < row[MK_CONVICTION_COUNT]; j++) {
            const int64_t *c = row + MK_CONVICTION_FIRST + 4 * j;
            size_t q = (size_t)c[MK_CONVICTION_PROPOSAL];
            int seen = 0; /* an earlier change of this voter to q */
            for (int64_t k = 0; k < j && !seen; k++)
                seen = row[MK_CONVICTION_FIRST + 4 * k + MK_CONVICTION_PROPOSAL] == (int64_t)q;
            if (seen || c[MK_CONVICTION_DELTA] <= 0)
                continue;
            a->voters[q]++;
            out->allocation[i] += a->passed_at[q] >= 0;
        }
    }
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    conviction *a = (conviction *)inst;
    size_t n_events = 0;
    a->funds = a->pool;
    int rc = gather(a, reports, &n_events, ctx);
    if (rc == 0)
        rc = simulate(a, n_events, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, reports->n, a->base.scale, ctx);
    if (rc != 0)
        return rc;
    settle(a, reports, out);
    int64_t passed = 0;
    for (size_t q = 0; q < a->base.n_projects; q++)
        passed += a->passed_at[q] >= 0;
    rc = mk_outcome_add_fact(out, "passed", passed, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "pool", a->pool, a->base.scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "paid", a->pool - a->funds, a->base.scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "unspent", a->funds, a->base.scale, ctx);
    return rc;
}

/* The number of supported proposals that passed. */
static int utility(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    (void)inst;
    (void)types;
    if (who >= outcome->n || mk_rational_make(outcome->allocation[who], 1, u) != 0)
        return mk_error(ctx, MK_EINTERNAL, "conviction utility: no participant %zu", who + 1);
    return MK_OK;
}

const mk_mechanism mk_funding_conviction = {
    .name = "funding.conviction",
    .summary = "conviction voting (1Hive, Commons Stack): stake accrues conviction; a proposal "
               "passes at rho S / ((1 - alpha)(beta - r/R)^2)",
    .input_help = "Stake changes, CSV: block,voter,proposal,stake,requested; one row per change of "
                  "a voter's stake on a proposal (stake may be negative: a withdrawal; a voter's "
                  "stake never goes below 0), requested the proposal's requested amount, the same "
                  "on all of its rows.",
    .params = conviction_params,
    .claims = 0,
    .flags = MK_MECH_COLLECTIVE,
    .read = read_input,
    .prepare = prepare,
    .run = run,
    .utility = utility,
    .truthful = mk_truthful_copy,
    .deviations = mk_conviction_deviations,
    .split = mk_conviction_split,
    .result_json = mk_conviction_result_json,
    .result_text = mk_conviction_result_text,
    .format_report = mk_conviction_format_report,
    .free = free_instance,
};
