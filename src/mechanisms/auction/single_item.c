/*
 * Single-item sealed-bid auctions: first-price, second-price (Vickrey 1961)
 * and all-pay, each with an optional reserve price. Bids below the reserve
 * are not accepted. The highest accepted bid wins (ties: see
 * mk_auction_set_priorities). In the first-price auction the winner pays
 * its bid; in the second-price auction it pays the highest other accepted
 * bid or the reserve, whichever is higher; in the all-pay auction every
 * accepted bidder pays its bid. One pass over the bids: O(n).
 */
#include <stdlib.h>

#include "auction_internal.h"
#include "mechkit/auction.h"

typedef enum single_rule { FIRST_PRICE, SECOND_PRICE, ALL_PAY } single_rule;

typedef struct single_item {
    mk_auction_base base; /* first: the shared functions cast to it */
    single_rule rule;
} single_item;

static const mk_param_spec single_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    {"reserve", MK_PARAM_MONEY, "0", NULL, "lowest accepted bid (and lowest price)"},
    {NULL, 0, NULL, NULL, NULL},
};

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   single_rule rule, mk_ctx *ctx)
{
    single_item *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction");
    int rc = mk_auction_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = mk_params_get_money(params, "reserve", setting->scale, &a->base.reserve, ctx);
    if (rc != 0) {
        mk_auction_base_free(&a->base);
        free(a);
        return rc;
    }
    a->rule = rule;
    a->base.exhaustive = 1;
    *out = (mk_instance *)a;
    return MK_OK;
}

static int prepare_first(mk_instance **out, const mk_params *params, const mk_setting *setting,
                         mk_ctx *ctx)
{
    return prepare(out, params, setting, FIRST_PRICE, ctx);
}

static int prepare_second(mk_instance **out, const mk_params *params, const mk_setting *setting,
                          mk_ctx *ctx)
{
    return prepare(out, params, setting, SECOND_PRICE, ctx);
}

static int prepare_all_pay(mk_instance **out, const mk_params *params, const mk_setting *setting,
                           mk_ctx *ctx)
{
    return prepare(out, params, setting, ALL_PAY, ctx);
}

/* Does (bid, priority) beat the current best? Higher bid, then lower rank. */
static int beats(int64_t bid, uint64_t rank, int64_t best_bid, uint64_t best_rank)
{
    return bid > best_bid || (bid == best_bid && rank < best_rank);
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    single_item *a = (single_item *)inst;
    mk_auction_base *b = &a->base;
    size_t n = reports->n;
    mk_bids_options shape = MK_BIDS_OPTIONS_INIT;
    int rc = mk_auction_check_reports(reports, &shape, 1, b->scale, ctx);
    if (rc == 0)
        rc = mk_auction_base_reserve(b, n, 0, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, n, b->scale, ctx);
    if (rc != 0)
        return rc;
    mk_auction_set_priorities(b, n);
    /* One pass for the best and second-best accepted bids. */
    size_t winner = SIZE_MAX;
    int64_t best = -1, second = -1;
    for (size_t i = 0; i < n; i++) {
        int64_t bid = mk_profile_row(reports, i)[MK_BID_FIRST];
        if (bid < b->reserve)
            continue;
        if (a->rule == ALL_PAY)
            out->payment[i] = bid;
        if (winner == SIZE_MAX || beats(bid, b->priority[i], best, b->priority[winner])) {
            second = best;
            best = bid;
            winner = i;
        } else if (bid > second) {
            second = bid;
        }
    }
    if (winner == SIZE_MAX)
        return MK_OK;
    out->allocation[winner] = 1;
    if (a->rule == FIRST_PRICE)
        out->payment[winner] = best;
    else if (a->rule == SECOND_PRICE)
        out->payment[winner] = second > b->reserve ? second : b->reserve;
    if (a->rule != ALL_PAY)
        rc = mk_outcome_add_fact(out, "price", out->payment[winner], b->scale, ctx);
    return rc;
}

static void free_instance(mk_instance *inst)
{
    single_item *a = (single_item *)inst;
    if (a == NULL)
        return;
    mk_auction_base_free(&a->base);
    free(a);
}

#define SINGLE_INPUT_HELP                                                                          \
    "Bid file, CSV or JSON. CSV: header bidder,amount[,value]; one row per bidder. "               \
    "JSON: {\"bidders\": [{\"id\": \"a\", \"bid\": \"12.50\", \"value\": \"15\"}]}. "              \
    "Amounts are decimal strings; value (optional) is the bidder's true value, used for "          \
    "utility and welfare."

const mk_mechanism mk_auction_first_price = {
    .name = "auction.first_price",
    .summary = "single item; the highest bid wins and pays its bid",
    .input_help = SINGLE_INPUT_HELP,
    .params = single_params,
    .claims = MK_CLAIM_IR,
    .read = mk_auction_read_single,
    .prepare = prepare_first,
    .run = run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_single,
    .free = free_instance,
};

const mk_mechanism mk_auction_second_price = {
    .name = "auction.second_price",
    .summary = "single item (Vickrey); the highest bid wins and pays the second-highest",
    .input_help = SINGLE_INPUT_HELP,
    .params = single_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB,
    .read = mk_auction_read_single,
    .prepare = prepare_second,
    .run = run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_single,
    .free = free_instance,
};

const mk_mechanism mk_auction_all_pay = {
    .name = "auction.all_pay",
    .summary = "single item; the highest bid wins and every bidder pays its bid",
    .input_help = SINGLE_INPUT_HELP,
    .params = single_params,
    .claims = MK_CLAIM_WEAK_BB,
    .read = mk_auction_read_single,
    .prepare = prepare_all_pay,
    .run = run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_single,
    .free = free_instance,
};
