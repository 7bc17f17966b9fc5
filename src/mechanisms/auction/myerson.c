/*
 * auction.myerson: Myerson's (1981) revenue-optimal single-item auction for
 * independent private values, each bidder's value drawn from a known
 * distribution (parameter dist for all, or dists one per bidder).
 *
 * Allocation: the bidder whose bid has the highest ironed virtual value
 * wins, provided that value is >= 0 (see myerson_vv.c for the virtual
 * values; a bid below a uniform's LO has none and loses; a bid off a
 * discrete distribution's support is bad input). Equal virtual values go to
 * the bidder with the better tie priority (the one listed first, or a
 * seeded lottery with ties=random, as in every auction of the family).
 *
 * Payment: the winner pays its threshold bid, the smallest bid on the
 * input's grid (a whole number of minor units) at which it would still
 * win, others' bids fixed: the real threshold phi^{-1}(max(0, best other
 * virtual value)) rounded UP to the minor unit (one unit more when that
 * real threshold is on the grid and loses the tie there), never below a
 * uniform's LO; for a discrete distribution the first support point that
 * still wins. Because the grid threshold is itself a winning bid, the
 * winner never pays more than its bid (IR), and because the allocation is
 * monotone in the bid and the payment does not depend on it, truthful
 * bidding is dominant on the grid (DSIC), exactly as for real-valued bids
 * (Myerson 1981, lemma 2). O(n) comparisons of rationals per run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "mechkit/myerson.h"
#include "myerson_internal.h"

/* Most distributions in dists: far more bidders than an exact Myerson
 * auction is ever run with, small enough to parse at once. */
#define MYERSON_MAX_DISTS 100000

static const mk_param_spec myerson_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    {"dist", MK_PARAM_TEXT, "uniform:0:100", NULL,
     "every bidder's value distribution: uniform:LO:HI, exponential:MEAN or "
     "discrete:V1@P1,V2@P2,... (probabilities as decimals or fractions summing to 1)"},
    {"dists", MK_PARAM_TEXT, NULL, NULL,
     "one distribution per bidder in input order, separated by ';' (overrides dist)"},
    {NULL, 0, NULL, NULL, NULL},
};

int mk_myerson_check_count(const mk_myerson *a, size_t n, mk_ctx *ctx)
{
    if (a->per_bidder && a->ndist != n)
        return mk_error(ctx, MK_EINPUT,
                        "parameter 'dists' gives %zu distributions but there are %zu bidders",
                        a->ndist, n);
    return MK_OK;
}

/* Parses the ';'-separated list in text into a->dist. */
static int parse_dists(mk_myerson *a, const char *text, mk_ctx *ctx)
{
    size_t count = 1;
    for (const char *s = text; *s != '\0'; s++)
        count += *s == ';';
    if (count > MYERSON_MAX_DISTS)
        return mk_error(ctx, MK_ELIMIT, "parameter 'dists': more than %d distributions",
                        MYERSON_MAX_DISTS);
    a->dist = calloc(count, sizeof *a->dist);
    char *copy = malloc(strlen(text) + 1);
    if (a->dist == NULL || copy == NULL) {
        free(copy);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu distributions", count);
    }
    strcpy(copy, text);
    char *item = copy;
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        char *end = strchr(item, ';');
        if (end != NULL)
            *end = '\0';
        rc = mk_distribution_parse(item, a->base.scale, &a->dist[i], ctx);
        if (rc != 0)
            mk_error_prefix(ctx, "parameter 'dists', bidder %zu", i + 1);
        else
            a->ndist = i + 1;
        item = end != NULL ? end + 1 : item;
    }
    free(copy);
    return rc;
}

static int parse_params(mk_myerson *a, const mk_params *params, mk_ctx *ctx)
{
    if (mk_params_given(params, "dists")) {
        a->per_bidder = 1;
        return parse_dists(a, mk_params_get(params, "dists"), ctx);
    }
    a->dist = calloc(1, sizeof *a->dist);
    if (a->dist == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a distribution");
    int rc = mk_distribution_parse(mk_params_get(params, "dist"), a->base.scale, a->dist, ctx);
    if (rc != 0)
        return mk_error_prefix(ctx, "parameter 'dist'");
    a->ndist = 1;
    return MK_OK;
}

/* Virtual values of every distribution, and the reserve when symmetric. */
static int prepare_values(mk_myerson *a, mk_ctx *ctx)
{
    a->vv = calloc(a->ndist, sizeof *a->vv);
    if (a->vv == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu distributions", a->ndist);
    a->symmetric = 1;
    for (size_t i = 0; i < a->ndist; i++) {
        int rc = mk_myerson_vv_init(&a->vv[i], &a->dist[i], ctx);
        if (rc != 0)
            return rc;
        a->symmetric &= mk_myerson_dist_equal(&a->dist[0], &a->dist[i]);
    }
    if (a->symmetric &&
        mk_myerson_vv_threshold(&a->vv[0], a->zero, 0, a->scratch, &a->reserve) != 0)
        return mk_error(ctx, MK_ERANGE, "the reserve of the distribution exceeds 64 bits");
    return MK_OK;
}

static void free_instance(mk_instance *inst)
{
    mk_myerson *a = (mk_myerson *)inst;
    if (a == NULL)
        return;
    for (size_t i = 0; a->vv != NULL && i < a->ndist; i++)
        mk_myerson_vv_clear(&a->vv[i]);
    for (size_t i = 0; a->dist != NULL && i < a->ndist; i++)
        mk_distribution_free(&a->dist[i]);
    for (size_t i = 0; i < a->capacity; i++)
        mpq_clear(a->phi[i]);
    free(a->phi);
    free(a->vv);
    free(a->dist);
    mpq_clear(a->zero);
    mpz_clear(a->scratch);
    mk_auction_base_free(&a->base);
    free(a);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    mk_myerson *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction");
    mpq_init(a->zero);
    mpz_init(a->scratch);
    int rc = mk_auction_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = parse_params(a, params, ctx);
    if (rc == 0)
        rc = prepare_values(a, ctx);
    if (rc == 0 && setting->n > 0)
        rc = mk_myerson_check_count(a, setting->n, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    a->sample_values = mk_params_given(params, "values");
    a->base.reserve = a->symmetric ? a->reserve : 0;
    a->base.exhaustive = 1;
    *out = (mk_instance *)a;
    return MK_OK;
}

/* Grows the per-bidder virtual values to n (once per larger profile). */
static int reserve_phi(mk_myerson *a, size_t n, mk_ctx *ctx)
{
    if (n <= a->capacity)
        return MK_OK;
    if (n > SIZE_MAX / sizeof *a->phi)
        return mk_error(ctx, MK_ERANGE, "auction of %zu bidders is too large", n);
    mpq_t *grown = realloc(a->phi, n * sizeof *grown);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu bidders", n);
    a->phi = grown;
    for (; a->capacity < n; a->capacity++)
        mpq_init(a->phi[a->capacity]);
    return MK_OK;
}

/* Does bidder i beat bidder j: a higher virtual value, then priority? */
static int beats(const mk_myerson *a, size_t i, size_t j)
{
    int c = mpq_cmp(a->phi[i], a->phi[j]);
    return c > 0 || (c == 0 && a->base.priority[i] < a->base.priority[j]);
}

static int off_grid(const mk_profile *reports, size_t i, int64_t bid, int scale, mk_ctx *ctx)
{
    char amount[MK_MONEY_FORMAT_MAX];
    mk_money_format(bid, scale, amount);
    if (reports->labels != NULL && reports->labels[i] != NULL)
        return mk_error(ctx, MK_EINPUT,
                        "bidder '%s': bid %s is not a support point of its distribution",
                        reports->labels[i], amount);
    return mk_error(ctx, MK_EINPUT, "bidder %zu: bid %s is not a support point of its distribution",
                    i + 1, amount);
}

/* Ranks every bid; *best and *second become the top two bidders with a
 * nonnegative virtual value (SIZE_MAX when there are fewer). */
static int rank_bids(mk_myerson *a, const mk_profile *reports, size_t *best, size_t *second,
                     mk_ctx *ctx)
{
    *best = *second = SIZE_MAX;
    for (size_t i = 0; i < reports->n; i++) {
        int64_t bid = mk_profile_row(reports, i)[MK_BID_FIRST];
        int status = mk_myerson_vv_at(mk_myerson_vv_of(a, i), bid, a->phi[i]);
        if (status == MK_MYERSON_OFF_GRID)
            return off_grid(reports, i, bid, a->base.scale, ctx);
        if (status != MK_MYERSON_RANKED || mpq_sgn(a->phi[i]) < 0)
            continue;
        if (*best == SIZE_MAX || beats(a, i, *best)) {
            *second = *best;
            *best = i;
        } else if (*second == SIZE_MAX || beats(a, i, *second)) {
            *second = i;
        }
    }
    return MK_OK;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    mk_myerson *a = (mk_myerson *)inst;
    size_t n = reports->n, best, second;
    mk_bids_options shape = MK_BIDS_OPTIONS_INIT;
    int rc = mk_myerson_check_count(a, n, ctx);
    if (rc == 0)
        rc = mk_auction_check_reports(reports, &shape, 1, a->base.scale, ctx);
    if (rc == 0)
        rc = mk_auction_base_reserve(&a->base, n, 0, ctx);
    if (rc == 0)
        rc = reserve_phi(a, n, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, n, a->base.scale, ctx);
    if (rc != 0)
        return rc;
    mk_auction_set_priorities(&a->base, n);
    if ((rc = rank_bids(a, reports, &best, &second, ctx)) != 0)
        return rc;
    if (a->symmetric &&
        (rc = mk_outcome_add_fact(out, "reserve", a->reserve, a->base.scale, ctx)) != 0)
        return rc;
    if (best == SIZE_MAX)
        return MK_OK;
    /* The winner must keep beating the runner-up (or, alone, reach 0): at
     * an equal virtual value it still wins only if it has the priority. */
    mpq_srcptr level = second != SIZE_MAX ? a->phi[second] : a->zero;
    int strict = second != SIZE_MAX && a->base.priority[best] > a->base.priority[second];
    int64_t price, bid = mk_profile_row(reports, best)[MK_BID_FIRST];
    if (mk_myerson_vv_threshold(mk_myerson_vv_of(a, best), level, strict, a->scratch, &price) !=
            0 ||
        price > bid)
        return mk_error(ctx, MK_EINTERNAL, "threshold of bidder %zu above its winning bid",
                        best + 1);
    out->allocation[best] = 1;
    out->payment[best] = price;
    return mk_outcome_add_fact(out, "price", price, a->base.scale, ctx);
}

#define MYERSON_INPUT_HELP                                                                         \
    "Bid file, CSV or JSON, as for auction.second_price: CSV header bidder,amount[,value]; "       \
    "one row per bidder. A bid under a discrete distribution must be one of its support "          \
    "points. sample() draws each bidder's value from its own distribution (dist or dists), "       \
    "or from values when that is given."

const mk_mechanism mk_auction_myerson = {
    .name = "auction.myerson",
    .summary = "single item (Myerson 1981); the highest nonnegative ironed virtual value "
               "wins and pays its threshold bid",
    .input_help = MYERSON_INPUT_HELP,
    .params = myerson_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB,
    .read = mk_auction_read_single,
    .prepare = prepare,
    .run = run,
    .utility = mk_auction_utility,
    .truthful = mk_truthful_copy,
    .sample = mk_myerson_sample,
    .deviations = mk_myerson_deviations,
    .split = NULL,
    .shade = mk_auction_shade,
    .format_report = mk_auction_format_report,
    .write_input = mk_auction_write_input,
    .best_welfare = mk_auction_best_welfare_single,
    .free = free_instance,
};
