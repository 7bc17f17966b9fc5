/*
 * Multi-unit auctions of `units` identical units with downward-sloping
 * marginal bids (Krishna, Auction Theory, 2nd ed., ch. 12): uniform-price,
 * pay-as-bid (discriminatory) and multi-unit Vickrey (Vickrey 1961).
 *
 * Each bidder submits non-increasing marginal bids for its 1st, 2nd, ...
 * unit (at most `units` of them). Bids below the reserve are not accepted.
 * The `units` highest accepted bids win; equal bids go by the bidders'
 * priority (the bidder listed first, or a lottery with ties=random). A
 * bidder wins a prefix of its bids: allocation[i] is the number of units it
 * wins. The rules differ in what winners pay (multi_unit_run.c):
 *
 *   uniform_price     units won * one clearing price: the highest losing
 *                     bid (default) or the lowest winning bid, never below
 *                     the reserve. Not DSIC with multi-unit demand: a
 *                     bidder gains by demand reduction (Ausubel and Cramton
 *                     2002), so it claims only IR.
 *   pay_as_bid        the sum of its winning bids. Claims only IR.
 *   multiunit_vickrey for its j-th unit, the j-th highest of the others'
 *                     bids that it displaced, at least the reserve: the VCG
 *                     payment, so truthful bidding is dominant.
 */
#include <stdlib.h>
#include <string.h>

#include "mechkit/auction.h"
#include "mechkit/money.h"
#include "multi_unit_internal.h"

/* clang-format off */
#define MULTI_UNIT_PARAMS                                                                     \
    {"units", MK_PARAM_INT, NULL, NULL, "(required) number of identical units offered"},      \
    {"reserve", MK_PARAM_MONEY, "0", NULL,                                                    \
     "bids below it are not accepted, and it is a floor on every price"}
/* clang-format on */

static const mk_param_spec uniform_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    MULTI_UNIT_PARAMS,
    {"price", MK_PARAM_CHOICE, "highest_losing", "highest_losing|lowest_winning",
     "clearing price: the highest losing bid (default; then a bidder who wants one unit "
     "cannot set its own price, so bidding its value is dominant for it, as in Vickrey) or "
     "the lowest winning bid"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec multi_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    MULTI_UNIT_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    mk_multi_unit *a = (mk_multi_unit *)inst;
    if (a == NULL)
        return;
    mk_multi_unit_free_workspace(a);
    mk_auction_base_free(&a->base);
    free(a);
}

static int read_params(mk_multi_unit *a, const mk_params *params, const mk_setting *setting,
                       mk_ctx *ctx)
{
    int64_t units;
    int rc = mk_params_get_int(params, "units", 1, MK_MULTI_UNIT_MAX, &units, ctx);
    if (rc != 0)
        return rc;
    a->units = (size_t)units;
    rc = mk_params_get_money(params, "reserve", setting->scale, &a->base.reserve, ctx);
    if (rc != 0 || a->rule != MK_MULTI_UNIFORM)
        return rc;
    int price;
    rc = mk_params_get_choice(params, "price", &price, ctx);
    a->lowest_winning = price == 1;
    return rc;
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_multi_rule rule, mk_ctx *ctx)
{
    mk_multi_unit *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction");
    a->rule = rule;
    int rc = mk_auction_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = read_params(a, params, setting, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    /* Sampled types want several units, so that audits meet demand
     * reduction; the shared deviations are not exhaustive for them. */
    a->base.sample_units = a->units < 3 ? a->units : 3;
    a->base.exhaustive = 0;
    *out = (mk_instance *)a;
    return MK_OK;
}

static int prepare_uniform(mk_instance **out, const mk_params *params, const mk_setting *setting,
                           mk_ctx *ctx)
{
    return prepare(out, params, setting, MK_MULTI_UNIFORM, ctx);
}

static int prepare_pay_as_bid(mk_instance **out, const mk_params *params, const mk_setting *setting,
                              mk_ctx *ctx)
{
    return prepare(out, params, setting, MK_MULTI_PAY_AS_BID, ctx);
}

static int prepare_vickrey(mk_instance **out, const mk_params *params, const mk_setting *setting,
                           mk_ctx *ctx)
{
    return prepare(out, params, setting, MK_MULTI_VICKREY, ctx);
}

/*
 * False-name (sybil) bidding (Yokoo, Sakurai and Matsubara 2004, "The
 * effect of false-name bids in combinatorial auctions"): bidder `who`
 * acting as k identities. Its marginal bids are dealt round-robin: bid t
 * (0-based) goes to identity t mod k, where identity 0 is who's own row
 * and identity j >= 1 is row n + j - 1. So who keeps its first bid (and the
 * (k+1)-th, ...), and when it has at most k bids every other identity is a
 * single-unit bidder; an identity dealt no bid has an empty row. Each
 * identity's bids stay non-increasing, and since all bids still compete in
 * one ranking, the identities together win the same best bids the bidder
 * would. Applying the same split to the types gives each identity the
 * values of its bids, so the group's utility is the sum over identities.
 * The other rows are copied unchanged (labels and weights are dropped).
 */
static int split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                 mk_profile *out, mk_ctx *ctx)
{
    (void)inst;
    size_t n = reports->n, width = reports->width;
    if (width < MK_BID_FIRST)
        return mk_error(ctx, MK_EINTERNAL, "split of rows of %zu cells", width);
    int rc = mk_profile_split_copies(reports, who, k, out, ctx);
    if (rc != 0)
        return rc;
    const int64_t *own = mk_profile_row(reports, who);
    size_t count = mk_bids_count(own, width);
    for (size_t j = 0; j < k; j++)
        for (size_t c = MK_BID_FIRST; c < width; c++)
            mk_profile_identity(out, n, who, j)[c] = MK_BID_NONE;
    for (size_t t = 0; t < count; t++)
        mk_profile_identity(out, n, who, t % k)[MK_BID_FIRST + t / k] = own[MK_BID_FIRST + t];
    return MK_OK;
}

#define MULTI_INPUT_HELP                                                                           \
    "Bid file, CSV or JSON. CSV: header bidder,amount[,value]; one row per marginal unit, "        \
    "a bidder's rows in order, non-increasing, at most `units` of them. JSON: "                    \
    "{\"bidders\": [{\"id\": \"a\", \"bids\": [\"10\", \"8\"], \"values\": [\"11\", "              \
    "\"9\"]}]}. Amounts are decimal strings; values (optional) are the bidder's true "             \
    "marginal values, used for utility and welfare."

const mk_mechanism mk_auction_uniform_price = {
    .name = "auction.uniform_price",
    .summary = "identical units; the highest marginal bids win, all at one clearing price",
    .input_help = MULTI_INPUT_HELP,
    .params = uniform_params,
    .claims = MK_CLAIM_IR,
    .read = mk_auction_read_multi,
    .prepare = prepare_uniform,
    .run = mk_multi_unit_run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_units,
    .split = split,
    .free = free_instance,
};

const mk_mechanism mk_auction_pay_as_bid = {
    .name = "auction.pay_as_bid",
    .summary = "identical units; the highest marginal bids win and each pays its bids",
    .input_help = MULTI_INPUT_HELP,
    .params = multi_params,
    .claims = MK_CLAIM_IR,
    .read = mk_auction_read_multi,
    .prepare = prepare_pay_as_bid,
    .run = mk_multi_unit_run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_units,
    .split = split,
    .free = free_instance,
};

const mk_mechanism mk_auction_multiunit_vickrey = {
    .name = "auction.multiunit_vickrey",
    .summary = "identical units; the highest marginal bids win and pay the bids they displace",
    .input_help = MULTI_INPUT_HELP,
    .params = multi_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB,
    .read = mk_auction_read_multi,
    .prepare = prepare_vickrey,
    .run = mk_multi_unit_run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_units,
    .split = split,
    .free = free_instance,
};
