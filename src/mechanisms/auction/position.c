/*
 * Position (sponsored-search) auctions: K positions with click-through
 * rates ctr_1 >= ... >= ctr_K > 0 (clicks per period), one bid per click
 * from each advertiser and an optional quality score q (MK_QUALITY_ONE by
 * default).
 *
 * Click model: separable (Varian 2007, "Position Auctions", IJIO 25(6);
 * Edelman, Ostrovsky and Schwarz 2007, "Internet Advertising and the
 * Generalized Second-Price Auction", AER 97(1); Aggarwal, Goel and Motwani
 * 2006, "Truthful Auctions for Pricing Search Keywords", EC'06): advertiser
 * i in position j receives q_i * ctr_j clicks per period. The quality score
 * is the advertiser's own click factor, and it is public: only the bid is
 * private.
 *
 * Allocation: bidders whose bid is below the reserve (per click, applied
 * to the bid itself, not to the score) are not ranked; the others are
 * ranked by score q * b, highest first, equal scores by priority
 * (mk_auction_set_priorities: the bidder listed first, or a seeded lottery
 * with ties=random). The top min(K, ranked) get positions 1, 2, ...;
 * allocation is the 1-based position, 0 for none.
 *
 * Prices (position_price.c): GSP charges per click the smallest bid that
 * keeps the rank, q_{j+1} b_{j+1} / q_j rounded up to the bid grid, at
 * least the reserve, for each of its q_j ctr_j clicks. VCG charges the
 * externality in quality-weighted clicks,
 * sum_{s=j}^{K} (ctr_s - ctr_{s+1}) max(q_j r, score_{s+1}) with r the
 * reserve, formed exactly with no rounding at all.
 *
 * Payments are the TOTAL expected payment per period, exact, at
 * payment_scale = input scale + ctr scale + qp, where qp is the number of
 * decimal places the profile's quality scores need (0 when all are whole,
 * e.g. all 1, so that without quality scores payments are at input scale
 * + ctr scale). The price per click is the outcome's column
 * "price_per_click" at the input scale: for GSP the price charged; for VCG
 * total / (q_j ctr_j) rounded up to the bid grid, for display only.
 * Utility is q_i ctr_j value - payment. Fact: "positions", the number
 * filled.
 *
 * "Efficient" is efficient in welfare sum q_i ctr_j v_i, the expected
 * value of the clicks received: truthful bids rank by q_i v_i and the
 * rates are non-increasing, so the ranking maximises it among bidders
 * that clear the reserve (Varian 2007).
 */
#include <stdlib.h>

#include "mechkit/auction.h"
#include "mechkit/money.h"
#include "position_internal.h"

static const mk_param_spec position_params[] = {
    MK_AUCTION_COMMON_PARAMS,
    {"ctr", MK_PARAM_LIST, NULL, NULL,
     "(required) click-through rate of each position, best first, non-increasing and > 0 "
     "(e.g. ctr=200,100); a bidder of quality q in position j gets q * ctr_j clicks"},
    {"reserve", MK_PARAM_MONEY, "0", NULL,
     "lowest accepted bid per click, applied to the bid, not the score (and lowest price per "
     "click)"},
    {NULL, 0, NULL, NULL, NULL},
};

/* Reads and checks `ctr` into a->ctr (K + 1 entries, ctr[K] = 0). */
static int read_ctr(position_auction *a, const mk_params *params, int scale, mk_ctx *ctx)
{
    a->ctr = malloc((POSITION_MAX + 1) * sizeof *a->ctr);
    if (a->ctr == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for click-through rates");
    size_t k;
    int rc = mk_params_get_list(params, "ctr", 0, a->ctr, POSITION_MAX, &k, &a->ctr_scale, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < k; i++) {
        if (a->ctr[i] == 0)
            return mk_error(ctx, MK_EPARAM,
                            "parameter 'ctr': position %zu has click-through rate 0; every "
                            "position needs a positive rate",
                            i + 1);
        if (i > 0 && a->ctr[i] > a->ctr[i - 1])
            return mk_error(ctx, MK_EPARAM,
                            "parameter 'ctr': rates must be non-increasing (best position "
                            "first), but position %zu's rate exceeds position %zu's",
                            i + 1, i);
    }
    if (scale + a->ctr_scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_EPARAM,
                        "parameter 'ctr': %d decimal places with amounts at scale %d make "
                        "payments at scale %d; at most %d",
                        a->ctr_scale, scale, scale + a->ctr_scale, MK_SCALE_MAX);
    a->ctr[k] = 0;
    a->positions = k;
    return MK_OK;
}

/* Grows the ranking workspace to n bidders (amortised). */
static int reserve_keys(position_auction *a, size_t n, mk_ctx *ctx)
{
    if (n <= a->key_capacity && a->keys != NULL)
        return MK_OK;
    size_t cap = n > 2 * a->key_capacity ? n : 2 * a->key_capacity;
    size_t bytes;
    if (mk_checked_size_mul(cap > 0 ? cap : 1, sizeof *a->keys, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "position auction of %zu bidders is too large", n);
    position_key *keys = realloc(a->keys, bytes);
    if (keys == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a position auction of %zu", n);
    a->keys = keys;
    a->key_capacity = cap;
    return MK_OK;
}

static void free_instance(mk_instance *inst)
{
    position_auction *a = (position_auction *)inst;
    if (a == NULL)
        return;
    mk_auction_base_free(&a->base);
    free(a->ctr);
    free(a->price);
    free(a->total);
    free(a->keys);
    free(a);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   position_rule rule, mk_ctx *ctx)
{
    position_auction *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction");
    a->rule = rule;
    int rc = mk_auction_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = mk_params_get_money(params, "reserve", setting->scale, &a->base.reserve, ctx);
    if (rc == 0)
        rc = read_ctr(a, params, setting->scale, ctx);
    if (rc == 0) {
        a->price = calloc(a->positions, sizeof *a->price);
        a->total = calloc(a->positions, sizeof *a->total);
        if (a->price == NULL || a->total == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for %zu positions", a->positions);
    }
    if (rc == 0)
        rc = reserve_keys(a, setting->n, ctx);
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    /* A bidder's outcome changes only where its score crosses another's or
     * its bid crosses the reserve: position_deviations lists them all. */
    a->base.exhaustive = 1;
    *out = (mk_instance *)a;
    return MK_OK;
}

static int prepare_gsp(mk_instance **out, const mk_params *params, const mk_setting *setting,
                       mk_ctx *ctx)
{
    return prepare(out, params, setting, POSITION_GSP, ctx);
}

static int prepare_vcg(mk_instance **out, const mk_params *params, const mk_setting *setting,
                       mk_ctx *ctx)
{
    return prepare(out, params, setting, POSITION_VCG, ctx);
}

/* Decimal places a quality score q > 0 at MK_QUALITY_SCALE needs once its
 * trailing zeros are stripped: 0 for 1 or 2, 1 for 0.5, 6 for 0.000001. */
static int quality_places(int64_t q)
{
    int places = MK_QUALITY_SCALE;
    while (places > 0 && q % 10 == 0) {
        q /= 10;
        places--;
    }
    return places;
}

/*
 * The payment scale of a run: input scale + ctr scale + qp, with qp the
 * most places any quality score of r needs. The fewest places that keep
 * every payment exact (each carries a factor q), and 0 when every quality
 * is whole, so that without quality scores the payments are those of the
 * plain model. MK_ERANGE naming the bidder that needs qp places when the
 * scale would exceed MK_SCALE_MAX. O(n).
 */
static int payment_scale(const position_auction *a, const mk_profile *r, int *qp, mk_ctx *ctx)
{
    size_t finest = 0;
    *qp = 0;
    for (size_t i = 0; i < r->n; i++) {
        int places = quality_places(mk_profile_row(r, i)[MK_BID_QUALITY]);
        if (places > *qp) {
            *qp = places;
            finest = i;
        }
    }
    int scale = a->base.scale + a->ctr_scale + *qp;
    if (scale > MK_SCALE_MAX) {
        char name[96];
        return mk_error(ctx, MK_ERANGE,
                        "the quality score of %s has %d decimal places: with amounts at scale %d "
                        "and 'ctr' at scale %d, payments would be at scale %d; at most %d",
                        mk_auction_bidder_name(r, finest, name, sizeof name), *qp, a->base.scale,
                        a->ctr_scale, scale, MK_SCALE_MAX);
    }
    return MK_OK;
}

/* Checks the reports, ranks and prices into the workspace, and only then
 * writes the outcome, so that a failed run leaves it untouched. O(n log K
 * + K^2) for VCG, O(n log K) for GSP; no allocation once warmed up. */
static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    position_auction *a = (position_auction *)inst;
    mk_auction_base *b = &a->base;
    size_t n = reports->n, ranked;
    int qp;
    mk_bids_options shape = MK_BIDS_OPTIONS_INIT;
    shape.quality = 1;
    int rc = mk_auction_check_reports(reports, &shape, 1, b->scale, ctx);
    if (rc == 0)
        rc = payment_scale(a, reports, &qp, ctx);
    if (rc == 0)
        rc = mk_auction_base_reserve(b, n, 0, ctx);
    if (rc == 0)
        rc = reserve_keys(a, n, ctx);
    if (rc != 0)
        return rc;
    mk_auction_set_priorities(b, n);
    position_rank(a, reports, &ranked);
    if ((rc = position_prices(a, reports, ranked, qp, ctx)) != 0)
        return rc;
    if ((rc = mk_outcome_reset(out, n, b->scale + a->ctr_scale + qp, ctx)) != 0)
        return rc;
    size_t filled = ranked < a->positions ? ranked : a->positions;
    out->column_name = "price_per_click";
    out->column_scale = b->scale;
    for (size_t i = 0; i < n; i++)
        out->column[i] = 0;
    for (size_t j = 0; j < filled; j++) {
        size_t who = a->keys[j].who;
        out->allocation[who] = (int64_t)(j + 1);
        out->payment[who] = a->total[j];
        out->column[who] = a->price[j];
    }
    return mk_outcome_add_fact(out, "positions", (int64_t)filled, MK_FACT_COUNT, ctx);
}

#define POSITION_INPUT_HELP                                                                        \
    "Bid file, CSV or JSON, one bid per click per bidder. CSV: header "                            \
    "bidder,amount[,value][,quality]. JSON: {\"bidders\": [{\"id\": \"a\", \"bid\": \"3\", "       \
    "\"value\": \"4\", \"quality\": \"0.8\"}]}. Quality (default 1) is the bidder's own click "    \
    "factor: in position j it gets quality * ctr_j clicks, and it is ranked by score = "           \
    "quality * bid. Payments are per period and exact (GSP: quality * ctr * price per click), "    \
    "at the input scale plus ctr's decimals plus the decimals the quality scores need (none "      \
    "when every quality is whole); the price per click is rounded up to the bid grid where it "    \
    "is not a whole minor unit (for VCG it is shown, not charged)."

const mk_mechanism mk_auction_gsp = {
    .name = "auction.gsp",
    .summary = "positions by quality * bid; each pays per click the next score / its quality",
    .input_help = POSITION_INPUT_HELP,
    .params = position_params,
    .claims = MK_CLAIM_IR,
    .read = mk_auction_read_position,
    .prepare = prepare_gsp,
    .run = run,
    .utility = position_utility,
    .truthful = mk_truthful_copy,
    .sample = mk_auction_sample,
    .deviations = position_deviations,
    .split = NULL,
    .shade = mk_auction_shade,
    .format_report = mk_auction_format_report,
    .write_input = mk_auction_write_input,
    .best_welfare = mk_auction_best_welfare_positions,
    .free = free_instance,
};

const mk_mechanism mk_auction_vcg_positions = {
    .name = "auction.vcg_positions",
    .summary = "positions by quality * bid; each pays for the clicks it takes from those below",
    .input_help = POSITION_INPUT_HELP,
    .params = position_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB | MK_CLAIM_EFFICIENT,
    .read = mk_auction_read_position,
    .prepare = prepare_vcg,
    .run = run,
    .utility = position_utility,
    .truthful = mk_truthful_copy,
    .sample = mk_auction_sample,
    .deviations = position_deviations,
    .split = NULL,
    .shade = mk_auction_shade,
    .format_report = mk_auction_format_report,
    .write_input = mk_auction_write_input,
    .best_welfare = mk_auction_best_welfare_positions,
    .free = free_instance,
};
