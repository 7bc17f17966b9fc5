/* The mechanism-interface functions that every auction on the bid layout
 * of bids.h shares: utility, truthful report, sampling and deviations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auction_internal.h"
#include "mechkit/money.h"

/* Value at the input scale of receiving `units` units (or, for a seller,
 * of giving up its unit: minus its cost). */
static int allocation_value(const int64_t *row, size_t width, int64_t units, int64_t *out,
                            mk_ctx *ctx)
{
    if (units < 0) {
        *out = -row[MK_BID_FIRST];
        return MK_OK;
    }
    int64_t sum = 0;
    size_t have = mk_bids_count(row, width);
    if ((uint64_t)units > have)
        return mk_error(ctx, MK_EINTERNAL, "allocated %lld units to a bidder of %zu",
                        (long long)units, have);
    for (int64_t k = 0; k < units; k++)
        if (mk_checked_add(sum, row[MK_BID_FIRST + k], &sum) != 0)
            return mk_error(ctx, MK_ERANGE, "value of an allocation overflows");
    *out = sum;
    return MK_OK;
}

int mk_auction_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                       const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    const mk_auction_base *b = (const mk_auction_base *)inst;
    int64_t value, utility, den;
    int rc = allocation_value(mk_profile_row(types, who), types->width, outcome->allocation[who],
                              &value, ctx);
    if (rc != 0)
        return rc;
    if (mk_money_rescale(value, b->scale, outcome->payment_scale, &value) != 0 ||
        mk_checked_sub(value, outcome->payment[who], &utility) != 0 ||
        mk_pow10(outcome->payment_scale, &den) != 0 || mk_rational_make(utility, den, u) != 0)
        return mk_error(ctx, MK_ERANGE, "utility of participant %zu overflows", who);
    return MK_OK;
}

static int cmp_desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

int mk_auction_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types,
                      mk_ctx *ctx)
{
    const mk_auction_base *b = (const mk_auction_base *)inst;
    size_t units = b->sample_units > 0 ? b->sample_units : 1;
    int rc = mk_profile_resize(types, n, MK_BID_FIRST + units, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(types, i);
        row[MK_BID_SIDE] = b->sample_sides && i % 2 == 1 ? MK_SIDE_SELL : MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        for (size_t k = 0; k < units; k++)
            row[MK_BID_FIRST + k] = mk_distribution_sample(&b->values, rng);
        qsort(row + MK_BID_FIRST, units, sizeof *row, cmp_desc);
    }
    return MK_OK;
}

/* The row where the next candidate is built: row out->n of the caller's
 * memory, so that no scratch is allocated; NULL when the set is full (then
 * it is no longer exhaustive). */
static int64_t *next_row(mk_deviation_set *out, const int64_t *truth)
{
    if (out->n == out->max) {
        out->exhaustive = 0;
        return NULL;
    }
    int64_t *row = out->rows + out->n * out->width;
    memcpy(row, truth, out->width * sizeof *row);
    return row;
}

/* Keeps the candidate built in next_row unless it is already in the set. */
static void keep_row(mk_deviation_set *out)
{
    const int64_t *row = out->rows + out->n * out->width;
    for (size_t i = 0; i < out->n; i++)
        if (memcmp(out->rows + i * out->width, row, out->width * sizeof *row) == 0)
            return;
    out->n++;
}

/* The report `truth` with every marginal bid capped at `cap` (>= 0): the
 * same demand, shaded down to a critical point. */
static void add_capped(mk_deviation_set *out, const int64_t *truth, size_t count, int64_t cap)
{
    int64_t *row;
    if (cap < 0 || (row = next_row(out, truth)) == NULL)
        return;
    for (size_t k = 0; k < count; k++)
        if (row[MK_BID_FIRST + k] > cap)
            row[MK_BID_FIRST + k] = cap;
    /* A single bid may also be raised to the cap: overbidding. */
    if (count == 1)
        row[MK_BID_FIRST] = cap;
    keep_row(out);
}

int mk_auction_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx)
{
    (void)rng;
    const mk_auction_base *b = (const mk_auction_base *)inst;
    if (out->width != types->width)
        return mk_error(ctx, MK_EINTERNAL, "deviation rows of %zu cells for a profile of %zu",
                        out->width, types->width);
    const int64_t *truth = mk_profile_row(types, who);
    size_t count = mk_bids_count(truth, types->width);
    out->n = 0;
    out->exhaustive = b->exhaustive && count == 1;
    int64_t own = count > 0 ? truth[MK_BID_FIRST] : 0;
    /* Critical points: where the allocation can change for a single-unit
     * bidder (others' bids, one grid step either side, the reserve), plus
     * zero, the truth and fractions of it. */
    add_capped(out, truth, count, own);
    add_capped(out, truth, count, 0);
    add_capped(out, truth, count, own / 2);
    add_capped(out, truth, count, own - own / 4);
    add_capped(out, truth, count, b->reserve);
    add_capped(out, truth, count, b->reserve - 1);
    for (size_t j = 0; j < types->n; j++) {
        if (j == who)
            continue;
        const int64_t *other = mk_profile_row(types, j);
        size_t other_count = mk_bids_count(other, types->width);
        for (size_t k = 0; k < other_count; k++) {
            int64_t v = other[MK_BID_FIRST + k];
            add_capped(out, truth, count, v - 1);
            add_capped(out, truth, count, v);
            if (v < INT64_MAX)
                add_capped(out, truth, count, v + 1);
        }
    }
    /* Demand reduction: bid for fewer units than wanted. */
    for (size_t keep = 0; count > 1 && keep < count; keep++) {
        int64_t *row = next_row(out, truth);
        if (row == NULL)
            break;
        for (size_t k = keep; k < count; k++)
            row[MK_BID_FIRST + k] = MK_BID_NONE;
        if (keep == 0)
            row[MK_BID_FIRST] = 0; /* a bidder keeps at least one (zero) bid */
        keep_row(out);
    }
    return MK_OK;
}

void mk_auction_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                              char *buf, size_t cap)
{
    const mk_auction_base *b = (const mk_auction_base *)inst;
    const int64_t *row = mk_profile_row(reports, i);
    size_t used = 0, count = mk_bids_count(row, reports->width);
    char amount[MK_MONEY_FORMAT_MAX];
    buf[0] = '\0';
    if (row[MK_BID_SIDE] == MK_SIDE_SELL)
        used += (size_t)snprintf(buf, cap, "sell ");
    for (size_t k = 0; k < count && used < cap; k++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", k > 0 ? "/" : "",
                                 mk_money_format(row[MK_BID_FIRST + k], b->scale, amount));
    mk_rational quality;
    char text[MK_RATIONAL_FORMAT_MAX];
    if (row[MK_BID_QUALITY] != MK_QUALITY_ONE && used < cap &&
        mk_rational_from_money(row[MK_BID_QUALITY], MK_QUALITY_SCALE, &quality) == 0)
        snprintf(buf + used, cap - used, " q=%s", mk_rational_format(quality, 0, text));
}

/* Bid shading, e.g. Krishna, "Auction Theory", 2nd ed. 2010, ch. 2: the
 * first-price equilibrium bid is a fraction of the value. 128-bit
 * intermediates: a bid at INT64_MAX shades without overflow. */
int mk_auction_shade(const mk_instance *inst, const int64_t *truth, size_t width, size_t k,
                     size_t grid, int64_t *out, mk_ctx *ctx)
{
    (void)inst;
    __extension__ typedef __int128 i128;
    if (grid == 0 || k == 0 || k > grid)
        return mk_error(ctx, MK_EINTERNAL, "shading factor %zu/%zu is not in (0, 1]", k, grid);
    memcpy(out, truth, width * sizeof *out);
    size_t count = mk_bids_count(truth, width);
    int seller = width > MK_BID_SIDE && truth[MK_BID_SIDE] == MK_SIDE_SELL;
    for (size_t j = 0; j < count; j++) {
        i128 v = truth[MK_BID_FIRST + j];
        i128 shaded = seller ? v + v * (i128)(grid - k) / (i128)grid : v * (i128)k / (i128)grid;
        if (shaded > INT64_MAX || shaded < 0)
            return mk_error(ctx, MK_ERANGE, "a bid of %lld shaded by %zu/%zu overflows",
                            (long long)truth[MK_BID_FIRST + j], k, grid);
        out[MK_BID_FIRST + j] = (int64_t)shaded;
    }
    return MK_OK;
}

/* Double auctions are the only ones whose reports carry sides, and the
 * only ones that sample both. */
int mk_auction_write_input(const mk_instance *inst, const mk_profile *reports,
                           const mk_profile *types, const char *const *labels, size_t n_labels,
                           char **text, const char **extension, mk_ctx *ctx)
{
    *extension = "csv";
    const mk_auction_base *b = (const mk_auction_base *)inst;
    return mk_bids_write_csv(reports, types, b->scale, b->sample_sides, labels, n_labels, text,
                             NULL, ctx);
}
