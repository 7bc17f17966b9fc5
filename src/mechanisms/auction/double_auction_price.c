/*
 * Pricing rules of the double auctions on a ranked book (see
 * double_auction.c): b_1 >= b_2 >= ... the buyers' bids, s_1 <= s_2 <= ...
 * the sellers' asks, k the efficient number of trades (b_k >= s_k, and
 * b_{k+1} < s_{k+1} where both exist).
 *
 * Rounding: a price that falls between two minor units is rounded to the
 * nearer one, a tie to the even one (6.5 -> 6, 7.5 -> 8 at scale 0). Every
 * buyer who trades pays the same buyer price and every seller who trades
 * receives the same seller price, and as many buyers as sellers trade, so
 * rounding never creates or loses a minor unit between the two sides.
 */
#include <string.h>

#include "double_auction_internal.h"
#include "mechkit/money.h"

__extension__ typedef unsigned __int128 u128;

/* num / den rounded to the nearest integer, ties to even. den > 0 and the
 * caller guarantees that the result fits int64. */
static int64_t round_half_even(u128 num, uint64_t den)
{
    u128 q = num / den, r = num % den;
    if (2 * r > den || (2 * r == den && (q & 1) != 0))
        q++;
    return (int64_t)q;
}

/* The first `trades` ranked buyers buy at buyer_price and the first
 * `trades` ranked sellers sell at seller_price. */
static void settle(const mk_double_book *book, size_t trades, int64_t buyer_price,
                   int64_t seller_price, mk_outcome *out)
{
    for (size_t i = 0; i < trades; i++) {
        out->allocation[book->buyers[i]] = 1;
        out->payment[book->buyers[i]] = buyer_price;
        out->allocation[book->sellers[i]] = -1;
        out->payment[book->sellers[i]] = -seller_price;
    }
}

/*
 * McAfee (1992), "A dominant strategy double auction", Journal of Economic
 * Theory 56(2):434-450: with p0 = (b_{k+1} + s_{k+1}) / 2, if
 * s_k <= p0 <= b_k all k efficient pairs trade at p0 (budget balanced);
 * otherwise the k-th pair is excluded and the top k-1 buyers pay b_k while
 * the top k-1 sellers receive s_k (trade reduction: the mechanism keeps
 * (k-1)(b_k - s_k) >= 0).
 *
 * Half a minor unit: p0 is rounded to the nearest minor unit, ties to even.
 * Since b_{k+1} < s_{k+1} are whole minor units, the rounded p0 stays in
 * [b_{k+1}, s_{k+1}] and still depends only on the (k+1)-th pair, which are
 * the two facts McAfee's proof of dominant-strategy truthfulness
 * uses: a trader who trades cannot move the price, and one who does not
 * trade would have to pay at least its bid (receive at most its ask) to
 * trade. So rounding keeps DSIC (tests/auction/test_double_auction.c checks
 * it exhaustively on small markets) and keeps the k trades budget balanced.
 *
 * Where the (k+1)-th buyer or seller does not exist (one side has exactly k
 * traders) there is no p0 and the trade-reduction branch applies, as in
 * Segal-Halevi's implementation of McAfee's protocol (github.com/erelsgl/
 * auctions, mcafee_protocol.py, which pads the missing side with a value
 * out of range).
 *
 * Facts: trades, efficient_trades (k), buyer_price and seller_price (when
 * some trade) and surplus (the sum of payments: what the mechanism keeps).
 */
int mk_double_clear_mcafee(const mk_double_book *book, mk_outcome *out, int scale, mk_ctx *ctx)
{
    size_t k = book->k, trades = 0;
    int64_t buyer_price = 0, seller_price = 0;
    if (k > 0) {
        int64_t b_k = mk_double_bid(book, k - 1), s_k = mk_double_ask(book, k - 1);
        int have_p0 = k < book->nb && k < book->ns;
        int64_t p0 = 0;
        if (have_p0)
            p0 = round_half_even((u128)mk_double_bid(book, k) + (u128)mk_double_ask(book, k), 2);
        if (have_p0 && s_k <= p0 && p0 <= b_k) {
            trades = k;
            buyer_price = seller_price = p0;
        } else {
            trades = k - 1;
            buyer_price = b_k;
            seller_price = s_k;
        }
    }
    /* buyer_price >= seller_price >= 0, so the difference cannot overflow;
     * the product can. */
    int64_t surplus;
    if (mk_checked_mul((int64_t)trades, buyer_price - seller_price, &surplus) != 0)
        return mk_error(ctx, MK_ERANGE, "the surplus of %zu trades overflows 64 bits", trades);
    settle(book, trades, buyer_price, seller_price, out);
    int rc = mk_outcome_add_fact(out, "trades", (int64_t)trades, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "efficient_trades", (int64_t)k, MK_FACT_COUNT, ctx);
    if (rc == 0 && trades > 0)
        rc = mk_outcome_add_fact(out, "buyer_price", buyer_price, scale, ctx);
    if (rc == 0 && trades > 0)
        rc = mk_outcome_add_fact(out, "seller_price", seller_price, scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "surplus", surplus, scale, ctx);
    return rc;
}

/*
 * k-double auction (Chatterjee and Samuelson 1983, "Bargaining under
 * incomplete information", Operations Research 31(5):835-851, for one
 * buyer and one seller: p = k b + (1-k) s; Rustichini, Satterthwaite and
 * Williams 1994, "Convergence to efficiency in a simple market with
 * incomplete information", Econometrica 62(5):1041-1063, for m buyers and
 * m sellers: with all 2m reports in increasing order r_(1) <= ... <=
 * r_(2m), p = (1-k) r_(m) + k r_(m+1)). [r_(m), r_(m+1)] is the interval of
 * market-clearing prices; with nb buyers and any number of sellers it is
 * [r_(nb), r_(nb+1)], which in ranked-book terms is
 *
 *   L = max(s_k, b_{k+1}),  H = min(b_k, s_{k+1})   (absent terms dropped)
 *
 * (the two agree on every market of up to 4 + 4 traders with reports 0..4,
 * ties included: checked by brute force when this was written), and
 * p = L + k (H - L). All k efficient pairs trade at p; L <= p <= H
 * gives b_k >= p >= s_k, so every trader who trades does so at a price no
 * worse than its report (IR), and no excluded trader would trade at p. We
 * use the clearing interval rather than the marginal pair [s_k, b_k] so
 * that p is a Walrasian price of the reports. With one buyer and one
 * seller both are the Chatterjee-Samuelson price.
 *
 * p is rounded to the nearest minor unit, ties to even; L and H are whole
 * minor units, so it stays in [L, H]. Every buyer who trades pays p and
 * every seller who trades receives p, k of each: payments sum to exactly
 * zero (strong budget balance). Truthful reporting is not dominant: a
 * marginal trader shades its report to move p (Rustichini et al. 1994
 * study the equilibria, in which the shading shrinks as the market grows).
 *
 * Facts: trades, and when some trade price, price_low (L), price_high (H).
 */
int mk_double_clear_k(const mk_double_book *book, int64_t k_num, int64_t k_den, mk_outcome *out,
                      int scale, mk_ctx *ctx)
{
    size_t k = book->k;
    int rc = mk_outcome_add_fact(out, "trades", (int64_t)k, MK_FACT_COUNT, ctx);
    if (rc != 0 || k == 0)
        return rc;
    int64_t low = mk_double_ask(book, k - 1), high = mk_double_bid(book, k - 1);
    if (k < book->nb && mk_double_bid(book, k) > low)
        low = mk_double_bid(book, k);
    if (k < book->ns && mk_double_ask(book, k) < high)
        high = mk_double_ask(book, k);
    /* 0 <= k_num <= k_den <= 10^18 and 0 <= high - low < 2^63: the product
     * fits 128 bits and the rounded quotient is at most high - low. */
    int64_t price = low + round_half_even((u128)k_num * (u128)(high - low), (uint64_t)k_den);
    settle(book, k, price, price, out);
    rc = mk_outcome_add_fact(out, "price", price, scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "price_low", low, scale, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "price_high", high, scale, ctx);
    return rc;
}

int mk_double_parse_k(const mk_params *params, int64_t *k_num, int64_t *k_den, mk_ctx *ctx)
{
    const char *value = mk_params_get(params, "k");
    if (value == NULL)
        return mk_error(ctx, MK_EPARAM, "parameter 'k' is required (-p k=0.5)");
    size_t len = strlen(value);
    if (mk_decimal_places(value, len) < 0)
        return mk_error(ctx, MK_EPARAM, "parameter 'k': '%s' is not a decimal number", value);
    /* Trailing zeros after the point do not count ("0.50000" is 1/2), so
     * that only a k with more than 18 significant decimals is refused. */
    if (memchr(value, '.', len) != NULL) {
        while (value[len - 1] == '0')
            len--;
        if (value[len - 1] == '.')
            len--;
    }
    int places = mk_decimal_places(value, len);
    int64_t num, den;
    mk_ctx quiet = MK_CTX_INIT;
    if (places > MK_SCALE_MAX || mk_pow10(places, &den) != 0 ||
        mk_money_parse(value, len, places, &num, &quiet) != 0 || num < 0 || num > den)
        return mk_error(ctx, MK_EPARAM,
                        "parameter 'k': '%s' is not a decimal from 0 to 1 (with at most %d "
                        "significant decimals)",
                        value, MK_SCALE_MAX);
    *k_num = num;
    *k_den = den;
    return MK_OK;
}
