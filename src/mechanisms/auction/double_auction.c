/*
 * Double auctions: buyers and sellers of one unit each (one bid or ask per
 * trader, side in cell MK_BID_SIDE). Buyers are ranked by bid, highest
 * first, and sellers by ask, lowest first, ties by priority (the trader
 * listed first, or a seeded lottery when ties=random), so that b_1 >= b_2
 * >= ... and s_1 <= s_2 <= ... are the ranked reports. The efficient number
 * of trades k is the largest index with b_k >= s_k (b_i - s_i falls with i,
 * so it is the length of the prefix that clears).
 *
 * Outcome: allocation +1 for a buyer who buys, -1 for a seller who sells,
 * 0 otherwise; payment positive for a buyer (pays), negative for a seller
 * (is paid), at the input scale. The sum of payments is what the mechanism
 * keeps. The pricing rules are in double_auction_price.c. O(n log n).
 */
#include <stdio.h>
#include <stdlib.h>

#include "auction_internal.h"
#include "double_auction_internal.h"
#include "mechkit/auction.h"
#include "mechkit/money.h"

static const mk_param_spec mcafee_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec k_double_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    {"k", MK_PARAM_DECIMAL, "0.5", NULL,
     "price in the market-clearing interval: 0 its lowest point, 1 its highest"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    double_auction *a = (double_auction *)inst;
    if (a == NULL)
        return;
    mk_auction_base_free(&a->base);
    free(a->who);
    free(a->amount);
    free(a->buyers);
    free(a);
}

/* Grows *array to n elements of size bytes; keeps it on failure. */
static int grow(void **array, size_t n, size_t size, mk_ctx *ctx)
{
    size_t bytes;
    if (mk_checked_size_mul(n > 0 ? n : 1, size, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "double auction of %zu traders is too large", n);
    void *grown = realloc(*array, bytes);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a double auction of %zu traders", n);
    *array = grown;
    return MK_OK;
}

/* Grows the workspace to n traders: no allocation once the largest
 * profile has been seen. */
static int reserve(double_auction *a, size_t n, mk_ctx *ctx)
{
    int rc = mk_auction_base_reserve(&a->base, n, n, ctx);
    if (rc != 0 || (n <= a->capacity && a->who != NULL))
        return rc;
    if ((rc = grow((void **)&a->who, n, sizeof *a->who, ctx)) != 0 ||
        (rc = grow((void **)&a->amount, n, sizeof *a->amount, ctx)) != 0 ||
        (rc = grow((void **)&a->buyers, n, sizeof *a->buyers, ctx)) != 0)
        return rc;
    a->capacity = n;
    return MK_OK;
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   double_rule rule, mk_ctx *ctx)
{
    double_auction *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a double auction");
    a->rule = rule;
    int rc = mk_auction_base_init(&a->base, params, setting, ctx);
    if (rc == 0 && rule == K_DOUBLE)
        rc = mk_double_parse_k(params, &a->k_num, &a->k_den, ctx);
    if (rc == 0)
        rc = reserve(a, setting->n, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    a->base.sample_sides = 1; /* sample() draws buyers and sellers in turn */
    /* One unit per trader: between two of the others' reports a trader's
     * rank is fixed and its utility is monotone in its report (McAfee: it
     * trades at a fixed price once its bid passes p0; k-double: the price
     * is affine in its report), so the shared critical points (the others'
     * reports, one minor unit either side, 0) reach a best response. Checked
     * by brute force against every report 0..7 on all markets of up to 3
     * buyers and 3 sellers with values 0..5, for both rules. */
    a->base.exhaustive = 1;
    *out = (mk_instance *)a;
    return MK_OK;
}

static int prepare_mcafee(mk_instance **out, const mk_params *params, const mk_setting *setting,
                          mk_ctx *ctx)
{
    return prepare(out, params, setting, MCAFEE, ctx);
}

static int prepare_k_double(mk_instance **out, const mk_params *params, const mk_setting *setting,
                            mk_ctx *ctx)
{
    return prepare(out, params, setting, K_DOUBLE, ctx);
}

/* Ranks buyers (bid descending) into a->buyers and sellers (ask ascending)
 * into base.order; ties by priority (mk_auction_sort). */
static void rank_traders(double_auction *a, const mk_profile *r, mk_double_book *book)
{
    for (int side = MK_SIDE_BUY; side <= MK_SIDE_SELL; side++) {
        size_t count = 0;
        for (size_t i = 0; i < r->n; i++) {
            const int64_t *row = mk_profile_row(r, i);
            if (row[MK_BID_SIDE] != side)
                continue;
            a->who[count] = i;
            a->amount[count++] = row[MK_BID_FIRST];
        }
        mk_auction_sort(&a->base, a->who, a->amount, count, side == MK_SIDE_SELL);
        if (side == MK_SIDE_BUY) {
            for (size_t j = 0; j < count; j++)
                a->buyers[j] = a->base.order[j];
            book->nb = count;
        } else {
            book->ns = count;
        }
    }
    book->reports = r;
    book->buyers = a->buyers;
    book->sellers = a->base.order;
    book->k = 0;
    while (book->k < book->nb && book->k < book->ns &&
           mk_double_bid(book, book->k) >= mk_double_ask(book, book->k))
        book->k++;
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    double_auction *a = (double_auction *)inst;
    mk_bids_options shape = MK_BIDS_OPTIONS_INIT;
    shape.sides = 1;
    int rc = mk_auction_check_reports(reports, &shape, 1, a->base.scale, ctx);
    if (rc == 0)
        rc = reserve(a, reports->n, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, reports->n, a->base.scale, ctx);
    if (rc != 0)
        return rc;
    mk_auction_set_priorities(&a->base, reports->n);
    mk_double_book book;
    rank_traders(a, reports, &book);
    if (a->rule == MCAFEE)
        return mk_double_clear_mcafee(&book, out, a->base.scale, ctx);
    return mk_double_clear_k(&book, a->k_num, a->k_den, out, a->base.scale, ctx);
}

#define DOUBLE_INPUT_HELP                                                                          \
    "Bid file, CSV or JSON, one row per trader with a side. CSV: header "                          \
    "bidder,side,amount[,value]; side is buy or sell; amount is a buyer's bid or a "               \
    "seller's ask. JSON: {\"bidders\": [{\"id\": \"a\", \"side\": \"sell\", \"bid\": "             \
    "\"4.50\", \"value\": \"4\"}]}. value (optional) is a buyer's true value or a seller's "       \
    "true cost. Allocation: 1 a buyer who buys, -1 a seller who sells; payment: positive "         \
    "paid by a buyer, negative paid to a seller."

const mk_mechanism mk_auction_mcafee = {
    .name = "auction.mcafee",
    .summary = "double auction (McAfee 1992): all efficient trades at a price from the first "
               "excluded pair, else trade reduction",
    .input_help = DOUBLE_INPUT_HELP,
    .params = mcafee_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB,
    .read = mk_auction_read_double,
    .prepare = prepare_mcafee,
    .run = run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_double,
    .free = free_instance,
};

const mk_mechanism mk_auction_k_double = {
    .name = "auction.k_double",
    .summary = "k-double auction: all efficient trades at one market-clearing price, "
               "budget balanced, not strategy-proof",
    .input_help = DOUBLE_INPUT_HELP,
    .params = k_double_params,
    .claims = MK_CLAIM_IR | MK_CLAIM_STRONG_BB | MK_CLAIM_EFFICIENT,
    .read = mk_auction_read_double,
    .prepare = prepare_k_double,
    .run = run,
    MK_AUCTION_SHARED_FUNCTIONS,
    .best_welfare = mk_auction_best_welfare_double,
    .free = free_instance,
};
