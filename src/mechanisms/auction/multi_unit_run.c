/*
 * The run of the multi-unit auctions (multi_unit.c describes the rules).
 *
 * Every accepted marginal bid (>= reserve) is a (bidder, amount) pair. The
 * `units` highest pairs win, ties by the bidder's priority
 * (mk_auction_set_priorities). Because a bidder's marginal bids are
 * non-increasing, its winning pairs are a prefix of its bids, so the
 * allocation is a count per bidder. Only the best `depth` pairs are ranked,
 * with a heap (mk_auction_top): units + 1 for the uniform price (the
 * highest losing bid), 2 * units for Vickrey (see vickrey_payments). Cost:
 * O(N log units) for N accepted bids, plus O(n) over bidders; no heap
 * allocation once the workspace has grown to the largest profile.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "multi_unit_internal.h"

/* Bids at or above the reserve are accepted. */
static int accepted_bid(const mk_multi_unit *a, int64_t bid)
{
    return bid >= a->base.reserve;
}

/* The accepted bids of row i: those at or above the reserve, a prefix of
 * its non-increasing bids. */
static size_t count_accepted(const mk_multi_unit *a, const mk_profile *reports, size_t i)
{
    const int64_t *row = mk_profile_row(reports, i);
    size_t count = mk_bids_count(row, reports->width), ok = 0;
    while (ok < count && accepted_bid(a, row[MK_BID_FIRST + ok]))
        ok++;
    return ok;
}

/* The capacity to grow to for count entries: at least double, so that a
 * sequence of growing profiles costs O(log) reallocations. */
static size_t grown_capacity(size_t capacity, size_t count)
{
    size_t want = capacity <= SIZE_MAX / 2 ? 2 * capacity : SIZE_MAX;
    if (want < count)
        want = count;
    return want > 0 ? want : 1;
}

/* Resizes *array to count elements of size bytes; keeps it on failure. */
static int resize(void **array, size_t count, size_t size, mk_ctx *ctx)
{
    size_t bytes;
    if (mk_checked_size_mul(count, size, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "auction workspace of %zu entries is too large", count);
    void *grown = realloc(*array, bytes);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an auction of %zu bids", count);
    *array = grown;
    return MK_OK;
}

/* Sizes the workspace for n bidders, m accepted bids and `ranked` pairs in
 * the heap; allocates nothing once it has seen the largest profile. */
static int reserve_workspace(mk_multi_unit *a, size_t n, size_t m, size_t ranked, mk_ctx *ctx)
{
    int rc;
    if (m > a->bid_capacity || a->bidder == NULL) {
        size_t want = grown_capacity(a->bid_capacity, m);
        if ((rc = resize((void **)&a->bidder, want, sizeof *a->bidder, ctx)) != 0 ||
            (rc = resize((void **)&a->amount, want, sizeof *a->amount, ctx)) != 0)
            return rc;
        a->bid_capacity = want;
    }
    if (n > a->seen_capacity || a->seen == NULL) {
        size_t want = grown_capacity(a->seen_capacity, n);
        if ((rc = resize((void **)&a->seen, want, sizeof *a->seen, ctx)) != 0)
            return rc;
        a->seen_capacity = want;
    }
    return mk_auction_base_reserve(&a->base, n, ranked, ctx);
}

/* The uniform price: every winner pays units won * one clearing price.
 * highest_losing: the (units+1)-th highest accepted bid, or the reserve
 * when every accepted bid wins (Krishna, Auction Theory, ch. 12); with it
 * a bidder that wants one unit cannot affect its own price, so bidding its
 * value is dominant, as in Vickrey's auction. lowest_winning: the lowest
 * winning bid, or the reserve when nothing is sold. Accepted bids are >=
 * the reserve, so the price is never below it. */
static int uniform_payments(const mk_multi_unit *a, size_t ranked, size_t sold, mk_outcome *out,
                            mk_ctx *ctx)
{
    int64_t price = a->base.reserve;
    if (!a->lowest_winning && ranked > a->units)
        price = a->amount[a->units];
    else if (a->lowest_winning && sold > 0)
        price = a->amount[sold - 1];
    for (size_t i = 0; i < out->n; i++)
        if (out->allocation[i] > 0 &&
            mk_checked_mul(out->allocation[i], price, &out->payment[i]) != 0)
            return mk_error(ctx, MK_ERANGE, "payment of bidder %zu overflows", i);
    return mk_outcome_add_fact(out, "clearing_price", price, a->base.scale, ctx);
}

/* Pay-as-bid (discriminatory): each winner pays the sum of its winning
 * marginal bids (Krishna, Auction Theory, ch. 12). */
static int pay_as_bid_payments(const mk_multi_unit *a, size_t sold, mk_outcome *out, mk_ctx *ctx)
{
    for (size_t p = 0; p < sold; p++) {
        size_t w = a->base.order[p];
        if (mk_checked_add(out->payment[w], a->amount[p], &out->payment[w]) != 0)
            return mk_error(ctx, MK_ERANGE, "payment of bidder %zu overflows", w);
    }
    return MK_OK;
}

/*
 * Multi-unit Vickrey (Vickrey 1961; Krishna, Auction Theory, ch. 12): a
 * winner of k units pays, for its j-th unit, the j-th highest of the other
 * bidders' bids that it displaced, i.e. the (units - k + j)-th highest bid
 * among the others'; a displaced amount missing (too few other bids) is
 * the reserve, which acts as the seller's bid for every unit. This is the
 * VCG payment: the others' best welfare without the winner minus their
 * welfare with it.
 *
 * In the ranked list G, the winner holds k of the first `units` places and
 * the others hold the rest, which are the others' best units - k bids; so
 * the displaced bids are the first k bids of others in G[units..]. Since a
 * bidder makes at most `units` bids, they lie within G[0 .. 2 * units).
 * The walk for one winner passes its own bids there and k others', so all
 * winners together take O(units).
 */
static int vickrey_payments(const mk_multi_unit *a, size_t ranked, mk_outcome *out, mk_ctx *ctx)
{
    const size_t *order = a->base.order;
    for (size_t i = 0; i < out->n; i++) {
        int64_t k = out->allocation[i], found = 0, pay = 0;
        for (size_t q = a->units; q < ranked && found < k; q++) {
            if (order[q] == i)
                continue;
            if (mk_checked_add(pay, a->amount[q], &pay) != 0)
                return mk_error(ctx, MK_ERANGE, "payment of bidder %zu overflows", i);
            found++;
        }
        int64_t floor_part;
        if (mk_checked_mul(k - found, a->base.reserve, &floor_part) != 0 ||
            mk_checked_add(pay, floor_part, &pay) != 0)
            return mk_error(ctx, MK_ERANGE, "payment of bidder %zu overflows", i);
        out->payment[i] = pay;
    }
    return MK_OK;
}

/* Lists the accepted (bidder, bid) pairs, in row order. */
static void gather(mk_multi_unit *a, const mk_profile *reports)
{
    size_t m = 0;
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        size_t count = reports->width > MK_BID_FIRST ? mk_bids_count(row, reports->width) : 0;
        for (size_t k = 0; k < count && accepted_bid(a, row[MK_BID_FIRST + k]); k++) {
            a->bidder[m] = i;
            a->amount[m] = row[MK_BID_FIRST + k];
            m++;
        }
    }
}

/* Ranks the best `ranked` pairs into base.order, rewrites amount[0..ranked)
 * as their amounts (a bidder's p-th ranked pair is its p-th bid: its bids
 * are non-increasing) and counts the units won in the first `units`. */
static void rank(mk_multi_unit *a, const mk_profile *reports, size_t m, size_t ranked,
                 mk_outcome *out)
{
    mk_auction_base *b = &a->base;
    mk_auction_top(b, a->bidder, a->amount, m, ranked, 0);
    memset(a->seen, 0, reports->n * sizeof *a->seen);
    for (size_t p = 0; p < ranked; p++) {
        size_t w = b->order[p];
        a->amount[p] = mk_profile_row(reports, w)[MK_BID_FIRST + a->seen[w]++];
        if (p < a->units)
            out->allocation[w]++;
    }
}

int mk_multi_unit_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    mk_multi_unit *a = (mk_multi_unit *)inst;
    size_t n = reports->n, m = 0;
    mk_bids_options shape = MK_BIDS_OPTIONS_INIT;
    shape.max_bids = a->units;
    int rc = mk_auction_check_reports(reports, &shape, 0, a->base.scale, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++)
        m += count_accepted(a, reports, i); /* <= n * units: the profile holds them */
    /* How many of the best pairs each rule needs: the winners, and the
     * highest losing bid (uniform) or the displaced bids (Vickrey). */
    size_t depth = a->rule == MK_MULTI_VICKREY   ? 2 * a->units
                   : a->rule == MK_MULTI_UNIFORM ? a->units + 1
                                                 : a->units;
    size_t ranked = m < depth ? m : depth;
    size_t sold = ranked < a->units ? ranked : a->units;
    rc = reserve_workspace(a, n, m, ranked, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, n, a->base.scale, ctx);
    if (rc != 0)
        return rc;
    mk_auction_set_priorities(&a->base, n);
    gather(a, reports);
    rank(a, reports, m, ranked, out);
    switch (a->rule) {
    case MK_MULTI_UNIFORM: rc = uniform_payments(a, ranked, sold, out, ctx); break;
    case MK_MULTI_PAY_AS_BID: rc = pay_as_bid_payments(a, sold, out, ctx); break;
    case MK_MULTI_VICKREY: rc = vickrey_payments(a, ranked, out, ctx); break;
    }
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "units_sold", (int64_t)sold, MK_FACT_COUNT, ctx);
    return rc;
}

void mk_multi_unit_free_workspace(mk_multi_unit *a)
{
    free(a->bidder);
    free(a->amount);
    free(a->seen);
    a->bidder = NULL;
    a->amount = NULL;
    a->seen = NULL;
    a->bid_capacity = 0;
    a->seen_capacity = 0;
}
