/*
 * The best welfare of each auction family (mk_mechanism.best_welfare): the
 * value of the efficient allocation for the types, which the auditor
 * compares with the welfare of the mechanism's own outcome.
 *
 *   one or more identical units   the `units` highest marginal values
 *                                 (1 for the single-item auctions)
 *   double auctions               the gains from trade: the highest values
 *                                 matched with the lowest costs while the
 *                                 value exceeds the cost
 *   position auctions             quality * value per click, highest
 *                                 first, matched with the click-through
 *                                 rates, highest first (the separable
 *                                 model's assortative assignment)
 *
 * Exact, in money units: O(m log m) for m marginal values. The single
 * item is one pass without allocation; the others allocate their sort
 * arrays (once per audited profile, never per deviation).
 */
#include <stdlib.h>

#include "auction_internal.h"
#include "mechkit/money.h"
#include "multi_unit_internal.h"
#include "position_internal.h"

__extension__ typedef __int128 welfare_i128;

static int descending(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

/* sum / 10^places into *out; MK_ERANGE when it does not fit. */
static int money_rational(welfare_i128 sum, int places, mk_rational *out, mk_ctx *ctx)
{
    int64_t den;
    if (sum > INT64_MAX || sum < INT64_MIN || mk_pow10(places, &den) != 0 ||
        mk_rational_make((int64_t)sum, den, out) != 0)
        return mk_error(ctx, MK_ERANGE, "the best welfare overflows");
    return MK_OK;
}

/* The values of one side (buyers' marginal values, or sellers' costs)
 * into a new array; *n gets how many. */
static int collect(const mk_profile *types, int side, int64_t **out, size_t *n, mk_ctx *ctx)
{
    size_t cells = types->n * (types->width > MK_BID_FIRST ? types->width - MK_BID_FIRST : 0);
    int64_t *v = malloc((cells > 0 ? cells : 1) * sizeof *v);
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the best welfare");
    *n = 0;
    for (size_t i = 0; i < types->n; i++) {
        const int64_t *row = mk_profile_row(types, i);
        if (row[MK_BID_SIDE] != side)
            continue;
        for (size_t k = 0, m = mk_bids_count(row, types->width); k < m; k++)
            v[(*n)++] = row[MK_BID_FIRST + k];
    }
    *out = v;
    return MK_OK;
}

/* The `units` highest marginal values of buyers. */
static int top_values(const mk_auction_base *b, const mk_profile *types, size_t units,
                      mk_rational *out, mk_ctx *ctx)
{
    int64_t *v;
    size_t n;
    int rc = collect(types, MK_SIDE_BUY, &v, &n, ctx);
    if (rc != 0)
        return rc;
    qsort(v, n, sizeof *v, descending);
    welfare_i128 sum = 0;
    for (size_t k = 0; k < n && k < units && v[k] > 0; k++)
        sum += v[k];
    free(v);
    return money_rational(sum, b->scale, out, ctx);
}

/* One item: the highest value, in one pass and without allocating (the
 * auditor calls this once per profile). */
int mk_auction_best_welfare_single(const mk_instance *inst, const mk_profile *types,
                                   mk_rational *out, mk_ctx *ctx)
{
    int64_t best = 0;
    for (size_t i = 0; i < types->n; i++) {
        const int64_t *row = mk_profile_row(types, i);
        if (row[MK_BID_SIDE] == MK_SIDE_BUY && mk_bids_count(row, types->width) > 0 &&
            row[MK_BID_FIRST] > best)
            best = row[MK_BID_FIRST];
    }
    return money_rational(best, ((const mk_auction_base *)inst)->scale, out, ctx);
}

int mk_auction_best_welfare_units(const mk_instance *inst, const mk_profile *types,
                                  mk_rational *out, mk_ctx *ctx)
{
    const mk_multi_unit *a = (const mk_multi_unit *)inst;
    return top_values(&a->base, types, a->units, out, ctx);
}

static int ascending(const void *a, const void *b)
{
    return -descending(a, b);
}

int mk_auction_best_welfare_double(const mk_instance *inst, const mk_profile *types,
                                   mk_rational *out, mk_ctx *ctx)
{
    const mk_auction_base *b = (const mk_auction_base *)inst;
    int64_t *buy = NULL, *sell = NULL;
    size_t nb = 0, ns = 0;
    int rc = collect(types, MK_SIDE_BUY, &buy, &nb, ctx);
    if (rc == 0)
        rc = collect(types, MK_SIDE_SELL, &sell, &ns, ctx);
    welfare_i128 sum = 0;
    if (rc == 0) {
        qsort(buy, nb, sizeof *buy, descending);
        qsort(sell, ns, sizeof *sell, ascending);
        for (size_t k = 0; k < nb && k < ns && buy[k] > sell[k]; k++)
            sum += (welfare_i128)buy[k] - sell[k];
    }
    free(buy);
    free(sell);
    return rc != 0 ? rc : money_rational(sum, b->scale, out, ctx);
}

static int descending_i128(const void *a, const void *b)
{
    welfare_i128 x = *(const welfare_i128 *)a, y = *(const welfare_i128 *)b;
    return (x < y) - (x > y);
}

int mk_auction_best_welfare_positions(const mk_instance *inst, const mk_profile *types,
                                      mk_rational *out, mk_ctx *ctx)
{
    const position_auction *a = (const position_auction *)inst;
    welfare_i128 *score = malloc((types->n > 0 ? types->n : 1) * sizeof *score);
    if (score == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the best welfare");
    for (size_t i = 0; i < types->n; i++) {
        const int64_t *row = mk_profile_row(types, i);
        int64_t value = mk_bids_count(row, types->width) > 0 ? row[MK_BID_FIRST] : 0;
        score[i] = (welfare_i128)row[MK_BID_QUALITY] * value; /* quality scale + input scale */
    }
    qsort(score, types->n, sizeof *score, descending_i128);
    welfare_i128 sum = 0;
    int overflow = 0;
    for (size_t j = 0; j < types->n && j < a->positions && score[j] > 0; j++)
        overflow |= __builtin_mul_overflow(score[j], (welfare_i128)a->ctr[j], &score[j]) ||
                    __builtin_add_overflow(sum, score[j], &sum);
    free(score);
    if (overflow)
        return mk_error(ctx, MK_ERANGE, "the best welfare overflows");
    /* Trailing zeros off, so that 10^places stays within int64. */
    int places = a->base.scale + a->ctr_scale + MK_QUALITY_SCALE;
    while (places > 0 && sum % 10 == 0) {
        sum /= 10;
        places--;
    }
    return money_rational(sum, places, out, ctx);
}
