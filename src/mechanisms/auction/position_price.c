/*
 * Ranking and prices of the position auctions (see position.c for the
 * rules and their sources). Every amount is exact: scores are 128-bit
 * products, and the only divisions are by a quality score, rounded up as
 * documented at each.
 */
#include "mechkit/money.h"
#include "position_internal.h"

/* Is a ranked below b? Lower score, or an equal score and a later priority
 * (ties: mk_auction_set_priorities). The order is total. */
static int worse(const position_key *a, const position_key *b)
{
    if (a->score != b->score)
        return a->score < b->score;
    return a->priority > b->priority;
}

/* Max-heap on `worse`: the root is the worst key kept. */
static void sift_down(position_key *heap, size_t n, size_t i)
{
    for (;;) {
        size_t top = i, l = 2 * i + 1, r = l + 1;
        if (l < n && worse(&heap[l], &heap[top]))
            top = l;
        if (r < n && worse(&heap[r], &heap[top]))
            top = r;
        if (top == i)
            return;
        position_key t = heap[i];
        heap[i] = heap[top];
        heap[top] = t;
        i = top;
    }
}

void position_rank(position_auction *a, const mk_profile *r, size_t *ranked)
{
    const mk_auction_base *b = &a->base;
    size_t accepted = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        /* The reserve is per click and applies to the bid itself, not to the
         * quality-weighted score: a floor on what a click may cost. */
        if (row[MK_BID_FIRST] < b->reserve)
            continue;
        a->keys[accepted++] = (position_key){(position_i128)row[MK_BID_QUALITY] * row[MK_BID_FIRST],
                                             b->priority[i], i};
    }
    /* The best K + 1 in place: a heap of the best m seen so far, then a
     * heapsort of it, which leaves it best first. No allocation (qsort may
     * allocate), O(n log K). */
    size_t m = a->positions + 1 < accepted ? a->positions + 1 : accepted;
    position_key *heap = a->keys;
    for (size_t i = m / 2; i-- > 0;)
        sift_down(heap, m, i);
    for (size_t i = m; i < accepted && m > 0; i++) {
        if (worse(&heap[0], &a->keys[i])) {
            heap[0] = a->keys[i];
            sift_down(heap, m, 0);
        }
    }
    for (size_t end = m; end > 1; end--) {
        position_key t = heap[0];
        heap[0] = heap[end - 1];
        heap[end - 1] = t;
        sift_down(heap, end - 1, 0);
    }
    *ranked = m;
}

/* ceil(a / b) for a >= 0, b > 0. */
static position_i128 ceil_div(position_i128 a, position_i128 b)
{
    return a / b + (a % b != 0);
}

static int too_large(const mk_profile *r, size_t who, mk_ctx *ctx)
{
    char name[96];
    return mk_error(ctx, MK_ERANGE,
                    "the payment of %s overflows 64 bits; use fewer decimals in "
                    "'ctr' or in the bids",
                    mk_auction_bidder_name(r, who, name, sizeof name));
}

/*
 * GSP (Edelman, Ostrovsky and Schwarz 2007; Varian 2007 for quality
 * scores): the bidder ranked j pays per click the smallest grid bid
 * that keeps its rank, ceil(q_{j+1} b_{j+1} / q_j), and at least the
 * reserve; the reserve alone when no accepted bidder is ranked below it.
 * As in the second-price auction, the price is the bid that ties the next
 * score; a tie at that bid might be lost on priority. The total per period
 * is ctr_j times the price: exact at payment scale.
 */
static int gsp_price(position_auction *a, const mk_profile *r, size_t j, size_t ranked, mk_ctx *ctx)
{
    const position_key *k = a->keys;
    position_i128 q = mk_profile_row(r, k[j].who)[MK_BID_QUALITY];
    position_i128 next = j + 1 < ranked ? ceil_div(k[j + 1].score, q) : 0;
    /* next <= bid_j because score_{j+1} <= score_j = q * bid_j: fits int64. */
    int64_t price = next > a->base.reserve ? (int64_t)next : a->base.reserve;
    a->price[j] = price;
    if (mk_checked_mul(a->ctr[j], price, &a->total[j]) != 0)
        return too_large(r, k[j].who, ctx);
    return MK_OK;
}

/*
 * VCG for positions (Varian 2007; with quality weights, the laddered
 * auction of Aggarwal, Goel and Motwani 2006): the bidder ranked j pays,
 * per period, what its presence costs the others in quality-weighted
 * clicks, divided by its own quality. Without it, each bidder ranked
 * k > j moves up one place, so (1-based, ctr_{K+1} = 0, the score of a
 * missing bidder 0, r the reserve)
 *
 *   total_j = sum_{k=j+1}^{K+1} (ctr_{k-1} - ctr_k) * max(r, q_k b_k / q_j)
 *
 * which is also Myerson's payment for the step function position(bid):
 * each jump in clicks times the bid at which it happens; the reserve is
 * the lowest such bid. O(K) per position.
 *
 * Rounding: the sum is formed exactly over the common denominator q_j and
 * rounded UP once to the payment scale, so an exact VCG payment (e.g. any
 * profile with equal qualities) is charged exactly. Rounding the total
 * once keeps each step between two positions, total_j - total_{j+1}, in
 * [dctr (g - 1), dctr g] with g the smallest grid bid that reaches the
 * higher position, which is exactly what makes truth-telling optimal for
 * values and bids in whole minor units: DSIC holds exactly on the grid.
 * IR: total_j <= ctr_j b_j, an integer, so its ceiling is too.
 */
static int vcg_price(position_auction *a, const mk_profile *r, size_t j, size_t ranked, mk_ctx *ctx)
{
    const position_key *k = a->keys;
    size_t who = k[j].who, K = a->positions;
    position_i128 q = mk_profile_row(r, who)[MK_BID_QUALITY];
    position_i128 floor_score = (position_i128)a->base.reserve * q; /* r * q_j */
    position_i128 sum = 0, term;
    size_t last = ranked < K + 1 ? ranked : K + 1;
    for (size_t i = j + 1; i < last; i++) {
        position_i128 s = k[i].score > floor_score ? k[i].score : floor_score;
        if (__builtin_mul_overflow((position_i128)(a->ctr[i - 1] - a->ctr[i]), s, &term) ||
            __builtin_add_overflow(sum, term, &sum))
            return too_large(r, who, ctx);
    }
    /* Ranks ranked..K are empty: their steps telescope to ctr[ranked-1]. */
    if (ranked <= K &&
        (__builtin_mul_overflow((position_i128)a->ctr[ranked - 1], floor_score, &term) ||
         __builtin_add_overflow(sum, term, &sum)))
        return too_large(r, who, ctx);
    position_i128 total = ceil_div(sum, q);
    if (total > INT64_MAX)
        return too_large(r, who, ctx);
    a->total[j] = (int64_t)total;
    /* Price per click for the outcome's column: total / ctr_j at the input
     * scale, rounded up when it is not a whole minor unit (the total is
     * what is charged; it is exact as above). <= bid_j. */
    a->price[j] = (int64_t)ceil_div(total, a->ctr[j]);
    return MK_OK;
}

int position_prices(position_auction *a, const mk_profile *r, size_t ranked, mk_ctx *ctx)
{
    size_t filled = ranked < a->positions ? ranked : a->positions;
    for (size_t j = 0; j < filled; j++) {
        int rc = a->rule == POSITION_GSP ? gsp_price(a, r, j, ranked, ctx)
                                         : vcg_price(a, r, j, ranked, ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}
