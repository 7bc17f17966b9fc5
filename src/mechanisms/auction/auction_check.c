/*
 * Checks of report profiles that did not come through the bid reader (a
 * profile built by code, or perturbed by an auditor): the same rules as
 * mk_bids_read, so that every auction can trust its rows.
 */
#include <stdio.h>

#include "auction_internal.h"
#include "mechkit/money.h"

const char *mk_auction_bidder_name(const mk_profile *p, size_t i, char *buf, size_t cap)
{
    if (p->labels != NULL && p->labels[i] != NULL)
        snprintf(buf, cap, "bidder '%.64s'", p->labels[i]);
    else
        snprintf(buf, cap, "bidder %zu", i + 1);
    return buf;
}

static int check_row(const mk_profile *p, size_t i, const mk_bids_options *shape, size_t min_bids,
                     int scale, mk_ctx *ctx)
{
    const int64_t *row = mk_profile_row(p, i);
    char name[96], x[MK_MONEY_FORMAT_MAX], y[MK_MONEY_FORMAT_MAX];
    int64_t side = row[MK_BID_SIDE];
    if (p->weight != NULL && p->weight[i] != 1)
        return mk_error(ctx, MK_EINPUT, "%s has multiplicity %lld; an auction takes one row each",
                        mk_auction_bidder_name(p, i, name, sizeof name), (long long)p->weight[i]);
    if (side != MK_SIDE_BUY && (side != MK_SIDE_SELL || !shape->sides))
        return mk_error(ctx, MK_EINPUT, "%s: side %lld is not allowed here (%s)",
                        mk_auction_bidder_name(p, i, name, sizeof name), (long long)side,
                        shape->sides ? "buy or sell" : "buyers only");
    if (row[MK_BID_QUALITY] <= 0 || (!shape->quality && row[MK_BID_QUALITY] != MK_QUALITY_ONE))
        return mk_error(ctx, MK_EINPUT, "%s: quality score %lld (scale %d) is not allowed here",
                        mk_auction_bidder_name(p, i, name, sizeof name),
                        (long long)row[MK_BID_QUALITY], MK_QUALITY_SCALE);
    size_t count = mk_bids_count(row, p->width);
    if (count < min_bids || count > shape->max_bids)
        return mk_error(ctx, MK_EINPUT, "%s makes %zu bids; from %zu to %zu are allowed here",
                        mk_auction_bidder_name(p, i, name, sizeof name), count, min_bids,
                        shape->max_bids);
    for (size_t k = 0; k < count; k++) {
        int64_t bid = row[MK_BID_FIRST + k];
        if (bid < 0)
            return mk_error(ctx, MK_EINPUT, "%s: bid %zu is negative (%s)",
                            mk_auction_bidder_name(p, i, name, sizeof name), k + 1,
                            mk_money_format(bid, scale, x));
        if (k > 0 && bid > row[MK_BID_FIRST + k - 1])
            return mk_error(ctx, MK_EINPUT,
                            "%s: marginal bid %zu (%s) exceeds bid %zu (%s); marginal bids "
                            "must be non-increasing",
                            mk_auction_bidder_name(p, i, name, sizeof name), k + 1,
                            mk_money_format(bid, scale, x), k,
                            mk_money_format(row[MK_BID_FIRST + k - 1], scale, y));
    }
    return MK_OK;
}

int mk_auction_check_reports(const mk_profile *p, const mk_bids_options *shape, size_t min_bids,
                             int scale, mk_ctx *ctx)
{
    if (p->n > 0 && p->width < MK_BID_FIRST + 1)
        return mk_error(ctx, MK_EINPUT, "auction reports have %zu cells per row; at least %d",
                        p->width, MK_BID_FIRST + 1);
    for (size_t i = 0; i < p->n; i++) {
        int rc = check_row(p, i, shape, min_bids, scale, ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}
