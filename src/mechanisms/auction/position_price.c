/*
 * Ranking and prices of the position auctions (see position.c for the
 * rules and their sources). Every payment is exact: scores and sums are
 * 128-bit products and sums, and the only divisions are by a power of ten
 * that is known to divide (the quality places, see position_prices) or,
 * for the price per click, by a quality score, rounded up as documented
 * at each.
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
                    "'ctr', the bids or the quality scores",
                    mk_auction_bidder_name(r, who, name, sizeof name));
}

/* A quality score that does not fit the run's quality places: a bug in
 * the caller's choice of qp, not bad input. */
static int quality_unfit(const mk_profile *r, size_t who, int64_t unit, mk_ctx *ctx)
{
    char name[96];
    int places = MK_QUALITY_SCALE;
    for (int64_t u = unit; u > 1; u /= 10)
        places--;
    return mk_error(ctx, MK_EINTERNAL,
                    "the quality score of %s needs more than the %d decimal places chosen "
                    "for this run: its payment would not be exact",
                    mk_auction_bidder_name(r, who, name, sizeof name), places);
}

/*
 * GSP (Edelman, Ostrovsky and Schwarz 2007; Varian 2007 for quality
 * scores): the bidder ranked j pays per click the smallest grid bid
 * that keeps its rank, ceil(q_{j+1} b_{j+1} / q_j), and at least the
 * reserve; the reserve alone when no accepted bidder is ranked below it.
 * As in the second-price auction, the price is the bid that ties the next
 * score; a tie at that bid might be lost on priority. In the separable
 * model the bidder receives q_j ctr_j clicks, so the total per period is
 * q_j * ctr_j * price: exact at the payment scale, as q_j / unit is a whole
 * number at qp places (unit = 10^(MK_QUALITY_SCALE - qp)).
 */
static int gsp_price(position_auction *a, const mk_profile *r, size_t j, size_t ranked,
                     int64_t unit, mk_ctx *ctx)
{
    const position_key *k = a->keys;
    size_t who = k[j].who;
    position_i128 q = mk_profile_row(r, who)[MK_BID_QUALITY];
    position_i128 next = j + 1 < ranked ? ceil_div(k[j + 1].score, q) : 0;
    /* next <= bid_j because score_{j+1} <= score_j = q * bid_j: fits int64. */
    int64_t price = next > a->base.reserve ? (int64_t)next : a->base.reserve;
    if (q % unit != 0)
        return quality_unfit(r, who, unit, ctx);
    /* (q / unit) * ctr_j < 2^126; times the price it may not fit. */
    position_i128 total;
    if (__builtin_mul_overflow((q / unit) * a->ctr[j], (position_i128)price, &total) ||
        total > INT64_MAX)
        return too_large(r, who, ctx);
    a->price[j] = price;
    a->total[j] = (int64_t)total;
    return MK_OK;
}

/*
 * VCG for positions in the separable model (Varian 2007, section 6;
 * Aggarwal, Goel and Motwani 2006, the laddered auction): the bidder
 * ranked j pays, per period, what its presence costs the others in
 * quality-weighted clicks at their reported values. Without it, each
 * bidder ranked s + 1 > j moves up one place and gains (ctr_s - ctr_{s+1})
 * q_{s+1} b_{s+1} = (ctr_s - ctr_{s+1}) score_{s+1}. A reserve r per
 * click puts a floor q_j r under each step, as j needs a bid of at least
 * r to hold any position. So (1-based, ctr_{K+1} = 0, the score of a
 * missing bidder 0)
 *
 *   total_j = sum_{s=j}^{K} (ctr_s - ctr_{s+1}) * max(q_j r, score_{s+1})
 *
 * which is also Myerson's payment for the step function clicks(bid) =
 * q_j ctr_{position(bid)}: each jump q_j (ctr_s - ctr_{s+1}) in clicks
 * times the bid max(r, score_{s+1} / q_j) at which it happens. O(K) per
 * position.
 *
 * Exactness: no division and no rounding. The sum is at scale
 * MK_QUALITY_SCALE + ctr scale + input scale; every term is a multiple of
 * unit = 10^(MK_QUALITY_SCALE - qp) (each score and q_j r carries a
 * quality score, which fits qp places), so dividing by unit converts it to
 * the payment scale exactly. Being Myerson's payment exactly, truth-telling
 * is optimal for every value, on the bid grid or not: DSIC holds exactly.
 * IR: total_j <= ctr_j score_j = q_j ctr_j b_j, the value of its clicks
 * at the bid.
 */
static int vcg_price(position_auction *a, const mk_profile *r, size_t j, size_t ranked,
                     int64_t unit, mk_ctx *ctx)
{
    const position_key *k = a->keys;
    size_t who = k[j].who, K = a->positions;
    position_i128 q = mk_profile_row(r, who)[MK_BID_QUALITY];
    position_i128 floor_score = (position_i128)a->base.reserve * q; /* q_j r */
    position_i128 sum = 0, term;
    size_t last = ranked < K + 1 ? ranked : K + 1;
    /* 0-based: the bidder at index i (position i + 1) moves up to i. */
    for (size_t i = j + 1; i < last; i++) {
        position_i128 s = k[i].score > floor_score ? k[i].score : floor_score;
        if (__builtin_mul_overflow((position_i128)(a->ctr[i - 1] - a->ctr[i]), s, &term) ||
            __builtin_add_overflow(sum, term, &sum))
            return too_large(r, who, ctx);
    }
    /* Ranks ranked..K are empty (score 0, so each step costs q_j r): their
     * steps telescope to ctr[ranked-1] * q_j r. */
    if (ranked <= K &&
        (__builtin_mul_overflow((position_i128)a->ctr[ranked - 1], floor_score, &term) ||
         __builtin_add_overflow(sum, term, &sum)))
        return too_large(r, who, ctx);
    if (sum % unit != 0 || q % unit != 0)
        return quality_unfit(r, who, unit, ctx);
    position_i128 total = sum / unit;
    if (total > INT64_MAX)
        return too_large(r, who, ctx);
    a->total[j] = (int64_t)total;
    /* Price per click for the outcome's column, display only (the total is
     * what is charged): total / (q_j ctr_j) at the input scale, rounded up
     * to the bid grid when it is not a whole minor unit. <= bid_j by IR,
     * so it fits int64. */
    a->price[j] = (int64_t)ceil_div(total, (q / unit) * a->ctr[j]);
    return MK_OK;
}

int position_prices(position_auction *a, const mk_profile *r, size_t ranked, int qp, mk_ctx *ctx)
{
    int64_t unit;
    if (qp < 0 || qp > MK_QUALITY_SCALE || mk_pow10(MK_QUALITY_SCALE - qp, &unit) != 0)
        return mk_error(ctx, MK_EINTERNAL, "%d quality places; expected 0 to %d", qp,
                        MK_QUALITY_SCALE);
    size_t filled = ranked < a->positions ? ranked : a->positions;
    for (size_t j = 0; j < filled; j++) {
        int rc = a->rule == POSITION_GSP ? gsp_price(a, r, j, ranked, unit, ctx)
                                         : vcg_price(a, r, j, ranked, unit, ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}
