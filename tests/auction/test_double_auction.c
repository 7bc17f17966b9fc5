/* Tests of src/mechanisms/auction/double_auction.c and
 * double_auction_price.c (auction.mcafee, auction.k_double), driven only
 * through the mk_mechanism interface. Markets are written as a string of
 * sides ("BSBS": buyer, seller, ...) and one amount per trader. */
/* cmocka needs these headers first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <stdlib.h>
#include <string.h>

#include "mechkit/auction.h"
#include "mechkit/bids.h"
#include "mechkit/money.h"

#define WIDTH (MK_BID_FIRST + 1)

/* Prepares mech with scale, seed and optional k and ties (NULL: default). */
static mk_instance *make(const mk_mechanism *mech, int scale, const char *k, const char *ties,
                         uint64_t seed)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    if (k != NULL)
        assert_int_equal(mk_params_set(&params, "k", k, &ctx), 0);
    if (ties != NULL)
        assert_int_equal(mk_params_set(&params, "ties", ties, &ctx), 0);
    mk_setting setting = {scale, 4, WIDTH, seed, NULL, 0};
    mk_instance *inst = NULL;
    int rc = mk_mechanism_prepare(mech, &params, &setting, &inst, &ctx);
    if (rc != 0)
        fail_msg("prepare %s: %s", mech->name, ctx.message);
    mk_params_free(&params);
    return inst;
}

/* Prepares mech with one parameter key=value and returns the error code
 * (0 on success, the instance freed), the message in ctx. */
static int try_prepare(const mk_mechanism *mech, const char *key, const char *value, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    assert_int_equal(mk_params_set(&params, key, value, ctx), 0);
    mk_setting setting = {2, 4, WIDTH, 1, NULL, 0};
    mk_instance *inst = NULL;
    int rc = mk_mechanism_prepare(mech, &params, &setting, &inst, ctx);
    if (rc == 0)
        mech->free(inst);
    mk_params_free(&params);
    return rc;
}

/* A market: sides[i] is 'B' or 'S', amounts[i] the bid or ask. */
static void market(mk_profile *p, const char *sides, const int64_t *amounts)
{
    mk_ctx ctx = MK_CTX_INIT;
    size_t n = strlen(sides);
    assert_int_equal(mk_profile_resize(p, n, WIDTH, &ctx), 0);
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(p, i);
        row[MK_BID_SIDE] = sides[i] == 'S' ? MK_SIDE_SELL : MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = amounts[i];
    }
}

static void run_ok(const mk_mechanism *mech, mk_instance *inst, const mk_profile *reports,
                   mk_outcome *out)
{
    mk_ctx ctx = MK_CTX_INIT;
    int rc = mech->run(inst, reports, out, &ctx);
    if (rc != 0)
        fail_msg("run %s: %s", mech->name, ctx.message);
}

static int64_t fact(const mk_outcome *o, const char *name)
{
    const mk_fact *f = mk_outcome_fact(o, name);
    if (f == NULL)
        fail_msg("no fact '%s'", name);
    return f->value;
}

static int64_t revenue(const mk_outcome *o)
{
    mk_ctx ctx = MK_CTX_INIT;
    int64_t r;
    assert_int_equal(mk_outcome_revenue(o, &r, &ctx), 0);
    return r;
}

/* Checks allocation and payment of every trader. */
static void expect(const mk_outcome *o, const int64_t *allocation, const int64_t *payment, size_t n)
{
    assert_int_equal(o->n, n);
    for (size_t i = 0; i < n; i++) {
        if (o->allocation[i] != allocation[i] || o->payment[i] != payment[i])
            fail_msg("trader %zu: allocation %lld payment %lld, expected %lld and %lld", i,
                     (long long)o->allocation[i], (long long)o->payment[i],
                     (long long)allocation[i], (long long)payment[i]);
    }
}

static mk_rational utility(const mk_mechanism *mech, mk_instance *inst, const mk_profile *types,
                           size_t who, const mk_outcome *o)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational u;
    int rc = mech->utility(inst, types, who, o, &u, &ctx);
    if (rc != 0)
        fail_msg("utility: %s", ctx.message);
    return u;
}

/* The brief's example market, sides interleaved: buyers 10, 8, 6, 3 and
 * sellers 2, 4, 7, 9 (times `unit` minor units). */
static const char EXAMPLE_SIDES[] = "BSBSBSBS";
static void example(mk_profile *p, int64_t unit)
{
    const int64_t a[] = {10 * unit, 2 * unit, 8 * unit, 4 * unit,
                         6 * unit,  7 * unit, 3 * unit, 9 * unit};
    market(p, EXAMPLE_SIDES, a);
}

/* Worked by hand (McAfee 1992 rule): b = 10,8,6,3, s = 2,4,7,9; k = 2
 * (8 >= 4, 6 < 7); p0 = (6 + 7) / 2 = 6.5, exact at scale 1; 4 <= 6.5 <= 8,
 * so both efficient pairs trade at 6.5 and the budget balances. */
static void test_mcafee_all_trade_at_p0(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 1, NULL, NULL, 0);
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    example(&r, 10);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {1, -1, 1, -1, 0, 0, 0, 0};
    const int64_t pay[] = {65, -65, 65, -65, 0, 0, 0, 0};
    expect(&o, alloc, pay, 8);
    assert_int_equal(o.payment_scale, 1);
    assert_int_equal(fact(&o, "trades"), 2);
    assert_int_equal(fact(&o, "efficient_trades"), 2);
    assert_int_equal(fact(&o, "buyer_price"), 65);
    assert_int_equal(fact(&o, "seller_price"), 65);
    assert_int_equal(fact(&o, "surplus"), 0);
    assert_int_equal(revenue(&o), 0);
    /* Utilities: buyer 10 gets 10 - 6.5 = 3.5 = 7/2; seller 2 gets
     * 6.5 - 2 = 4.5 = 9/2; buyer 6 does not trade: 0. */
    mk_rational u = utility(&mk_auction_mcafee, inst, &r, 0, &o);
    assert_int_equal(u.num, 7);
    assert_int_equal(u.den, 2);
    u = utility(&mk_auction_mcafee, inst, &r, 1, &o);
    assert_int_equal(u.num, 9);
    assert_int_equal(u.den, 2);
    u = utility(&mk_auction_mcafee, inst, &r, 4, &o);
    assert_int_equal(u.num, 0);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_mcafee.free(inst);
}

/* Worked by hand: the same market at scale 0, where p0 = 13 / 2 = 6.5 is
 * half a minor unit: rounded to nearest, ties to even, it is 6; 4 <= 6 <= 8
 * so both pairs trade at 6. And b = 10,8,7, s = 2,4,8: k = 2 (8 >= 4,
 * 7 < 8); p0 = 15 / 2 = 7.5 rounds to 8 (even); 4 <= 8 <= 8: both trade at
 * 8 and buyer 8 is left with utility 0. */
static void test_mcafee_half_unit_rounds_half_even(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, NULL, 0);
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    example(&r, 1);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {1, -1, 1, -1, 0, 0, 0, 0};
    const int64_t pay[] = {6, -6, 6, -6, 0, 0, 0, 0};
    expect(&o, alloc, pay, 8);
    assert_int_equal(fact(&o, "trades"), 2);
    assert_int_equal(fact(&o, "surplus"), 0);

    const int64_t a2[] = {10, 8, 7, 2, 4, 8};
    market(&r, "BBBSSS", a2);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc2[] = {1, 1, 0, -1, -1, 0};
    const int64_t pay2[] = {8, 8, 0, -8, -8, 0};
    expect(&o, alloc2, pay2, 6);
    assert_int_equal(utility(&mk_auction_mcafee, inst, &r, 1, &o).num, 0);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_mcafee.free(inst);
}

/* Worked by hand, trade reduction because p0 > b_k: b = 10,9,6,5,
 * s = 1,3,5,9; k = 3 (6 >= 5, 5 < 9); p0 = (5 + 9) / 2 = 7 > b_3 = 6, so
 * only the top 2 pairs trade: buyers 10 and 9 pay b_3 = 6, sellers 1 and 3
 * receive s_3 = 5; the mechanism keeps (3 - 1)(6 - 5) = 2. */
static void test_mcafee_trade_reduction_high_p0(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, NULL, 0);
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    const int64_t a[] = {5, 9, 1, 10, 6, 3, 5, 9};
    market(&r, "BBSBBSSS", a);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {0, 1, -1, 1, 0, -1, 0, 0};
    const int64_t pay[] = {0, 6, -5, 6, 0, -5, 0, 0};
    expect(&o, alloc, pay, 8);
    assert_int_equal(fact(&o, "trades"), 2);
    assert_int_equal(fact(&o, "efficient_trades"), 3);
    assert_int_equal(fact(&o, "buyer_price"), 6);
    assert_int_equal(fact(&o, "seller_price"), 5);
    assert_int_equal(fact(&o, "surplus"), 2);
    assert_int_equal(revenue(&o), 2);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_mcafee.free(inst);
}

/* Worked by hand, trade reduction because p0 < s_k: b = 10,8,1,
 * s = 2,6,9; k = 2 (8 >= 6, 1 < 9); p0 = (1 + 9) / 2 = 5 < s_2 = 6: one
 * trade, buyer 10 pays 8, seller 2 receives 6, surplus 1 * (8 - 6) = 2.
 * And when a side has no (k+1)-th trader there is no p0: b = 10,8,
 * s = 2,4,7; k = 2 (8 >= 4) and no b_3: one trade, buyer 10 pays 8, seller 2
 * receives 4, surplus 4. */
static void test_mcafee_trade_reduction_low_p0_and_no_p0(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, NULL, 0);
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    const int64_t a[] = {10, 8, 1, 2, 6, 9};
    market(&r, "BBBSSS", a);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {1, 0, 0, -1, 0, 0};
    const int64_t pay[] = {8, 0, 0, -6, 0, 0};
    expect(&o, alloc, pay, 6);
    assert_int_equal(fact(&o, "surplus"), 2);

    const int64_t a2[] = {2, 10, 4, 8, 7};
    market(&r, "SBSBS", a2);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc2[] = {-1, 1, 0, 0, 0};
    const int64_t pay2[] = {-4, 8, 0, 0, 0};
    expect(&o, alloc2, pay2, 5);
    assert_int_equal(fact(&o, "trades"), 1);
    assert_int_equal(fact(&o, "efficient_trades"), 2);
    assert_int_equal(fact(&o, "surplus"), 4);
    /* One efficient pair and nobody else: k = 1, no p0, k - 1 = 0 trades. */
    const int64_t a3[] = {10, 2};
    market(&r, "BS", a3);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t zero[] = {0, 0};
    expect(&o, zero, zero, 2);
    assert_int_equal(fact(&o, "trades"), 0);
    assert_int_equal(fact(&o, "efficient_trades"), 1);
    assert_null(mk_outcome_fact(&o, "buyer_price"));
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_mcafee.free(inst);
}

/* Degenerate markets, worked by hand: every bid below every ask (k = 0);
 * only buyers; only sellers; one trader; nobody. No trade, no payment. */
static void test_no_trade(void **state)
{
    (void)state;
    const mk_mechanism *mechs[] = {&mk_auction_mcafee, &mk_auction_k_double};
    static const char *const sides[] = {"BBSS", "BBB", "SS", "B", "S", ""};
    const int64_t a[] = {3, 2, 5, 6};
    const int64_t zero[4] = {0, 0, 0, 0};
    for (size_t m = 0; m < 2; m++) {
        mk_instance *inst = make(mechs[m], 0, NULL, NULL, 0);
        mk_profile r = MK_PROFILE_INIT;
        mk_outcome o = MK_OUTCOME_INIT;
        for (size_t s = 0; s < sizeof sides / sizeof sides[0]; s++) {
            market(&r, sides[s], a);
            run_ok(mechs[m], inst, &r, &o);
            expect(&o, zero, zero, strlen(sides[s]));
            assert_int_equal(fact(&o, "trades"), 0);
            assert_null(mk_outcome_fact(&o, "price"));
            assert_null(mk_outcome_fact(&o, "buyer_price"));
            assert_int_equal(revenue(&o), 0);
        }
        mk_outcome_free(&o);
        mk_profile_free(&r);
        mechs[m]->free(inst);
    }
}

/* Worked by hand (RSW 1994 clearing interval): b = 10,8,6,3, s = 2,4,7,9,
 * k* = 2; L = max(s_2, b_3) = max(4, 6) = 6, H = min(b_2, s_3) = min(8, 7)
 * = 7. k = 0.5: p = 6.5, exact at scale 1 (65); at scale 0 it rounds to 6
 * (half to even). k = 0.25: 6.25 -> 6; k = 0.75: 6.75 -> 7; k = 0: 6;
 * k = 1: 7. */
static void test_k_double_example(void **state)
{
    (void)state;
    static const struct {
        const char *k;
        int scale;
        int64_t price;
    } cases[] = {{"0.5", 1, 65}, {"0.5", 0, 6}, {"0.25", 0, 6},  {"0.75", 0, 7},
                 {"0", 0, 6},    {"1", 0, 7},   {"1.000", 0, 7}, {"0.25", 2, 625}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        mk_instance *inst = make(&mk_auction_k_double, cases[c].scale, cases[c].k, NULL, 0);
        mk_profile r = MK_PROFILE_INIT;
        mk_outcome o = MK_OUTCOME_INIT;
        int64_t unit;
        assert_int_equal(mk_pow10(cases[c].scale, &unit), 0);
        example(&r, unit);
        run_ok(&mk_auction_k_double, inst, &r, &o);
        int64_t p = cases[c].price;
        const int64_t alloc[] = {1, -1, 1, -1, 0, 0, 0, 0};
        const int64_t pay[] = {p, -p, p, -p, 0, 0, 0, 0};
        expect(&o, alloc, pay, 8);
        assert_int_equal(fact(&o, "trades"), 2);
        assert_int_equal(fact(&o, "price"), p);
        assert_int_equal(fact(&o, "price_low"), 6 * unit);
        assert_int_equal(fact(&o, "price_high"), 7 * unit);
        assert_int_equal(revenue(&o), 0);
        mk_outcome_free(&o);
        mk_profile_free(&r);
        mk_auction_k_double.free(inst);
    }
}

/* Worked by hand: one buyer (10) and one seller (4) is the Chatterjee and
 * Samuelson (1983) bilateral k-double auction, p = k b + (1-k) s: k = 0.5
 * gives 7, k = 0.25 gives 5.5 -> 6 (half to even). Unequal sides: b = 9,
 * s = 1,3,5: k* = 1, L = s_1 = 1 (no b_2), H = min(9, s_2 = 3) = 3; k = 0.5:
 * p = 2. The seller asking 3 does not trade although 3 <= 9: at p = 2 it
 * would not want to. */
static void test_k_double_bilateral_and_unequal_sides(void **state)
{
    (void)state;
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    const int64_t a[] = {4, 10};
    market(&r, "SB", a);
    mk_instance *inst = make(&mk_auction_k_double, 0, "0.5", NULL, 0);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    const int64_t alloc[] = {-1, 1};
    const int64_t pay[] = {-7, 7};
    expect(&o, alloc, pay, 2);
    mk_auction_k_double.free(inst);
    inst = make(&mk_auction_k_double, 0, "0.25", NULL, 0);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    assert_int_equal(fact(&o, "price"), 6);
    mk_auction_k_double.free(inst);

    inst = make(&mk_auction_k_double, 0, NULL, NULL, 0); /* default k = 0.5 */
    const int64_t a2[] = {5, 3, 9, 1};
    market(&r, "SSBS", a2);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    const int64_t alloc2[] = {0, 0, 1, -1};
    const int64_t pay2[] = {0, 0, 2, -2};
    expect(&o, alloc2, pay2, 4);
    assert_int_equal(fact(&o, "price_low"), 1);
    assert_int_equal(fact(&o, "price_high"), 3);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_k_double.free(inst);
}

/* Amounts near INT64_MAX: the midpoint and the weighted price are computed
 * in 128 bits. Worked by hand with M = 2^63 - 1 (odd):
 * McAfee, b = M, M-1, s = 0, M: k = 1 (M-1 < M); p0 = (2M - 1) / 2 =
 * M - 1/2, a tie between M - 1 (even) and M: M - 1; 0 <= M-1 <= M: trade.
 * k-double, b = M, s = 0, k = 0.5: p = M / 2 = 2^62 - 1/2, a tie between
 * 2^62 - 1 (odd) and 2^62 (even): 2^62.
 * McAfee, b = M, M, M, s = 0, 0, 0: trade reduction keeps 2 M: MK_ERANGE. */
static void test_large_amounts(void **state)
{
    (void)state;
    const int64_t M = INT64_MAX;
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, NULL, 0);
    const int64_t a[] = {M, M - 1, 0, M};
    market(&r, "BBSS", a);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {1, 0, -1, 0};
    const int64_t pay[] = {M - 1, 0, -(M - 1), 0};
    expect(&o, alloc, pay, 4);

    const int64_t a3[] = {M, M, M, 0, 0, 0};
    market(&r, "BBBSSS", a3);
    assert_int_equal(mk_auction_mcafee.run(inst, &r, &o, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "surplus"));
    mk_auction_mcafee.free(inst);

    inst = make(&mk_auction_k_double, 0, "0.5", NULL, 0);
    const int64_t a2[] = {M, 0};
    market(&r, "BS", a2);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    assert_int_equal(fact(&o, "price"), INT64_C(1) << 62);
    assert_int_equal(revenue(&o), 0);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_k_double.free(inst);
}

/* Utility with types that differ from the reports (mk_auction_utility):
 * in the example market at scale 1 (price 6.5), a buyer whose value is 12
 * but who bid 10 gets 12 - 6.5 = 5.5 = 11/2; a seller whose cost is 3 but
 * who asked 2 gets 6.5 - 3 = 3.5 = 7/2. */
static void test_utility_with_types(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 1, NULL, NULL, 0);
    mk_profile r = MK_PROFILE_INIT, t = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    example(&r, 10);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    assert_int_equal(mk_profile_copy(&t, &r, &ctx), 0);
    mk_profile_row(&t, 0)[MK_BID_FIRST] = 120;
    mk_profile_row(&t, 1)[MK_BID_FIRST] = 30;
    mk_rational u = utility(&mk_auction_mcafee, inst, &t, 0, &o);
    assert_int_equal(u.num, 11);
    assert_int_equal(u.den, 2);
    u = utility(&mk_auction_mcafee, inst, &t, 1, &o);
    assert_int_equal(u.num, 7);
    assert_int_equal(u.den, 2);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_profile_free(&t);
    mk_auction_mcafee.free(inst);
}

/* All ties, worked by hand: three buyers and three sellers all at 5.
 * McAfee: k = 3, no 4th pair, trade reduction: 2 trades at 5 and 5. With
 * ties=lowest the first two buyers and sellers listed trade; with
 * ties=random a seeded lottery picks them, the same for every run with the
 * same seed, and some seed picks a different pair than the listing order.
 * k-double: k* = 3, L = H = 5, all trade at 5. */
static void test_all_ties(void **state)
{
    (void)state;
    const int64_t a[] = {5, 5, 5, 5, 5, 5};
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    market(&r, "BSBSBS", a);

    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, "lowest", 0);
    run_ok(&mk_auction_mcafee, inst, &r, &o);
    const int64_t alloc[] = {1, -1, 1, -1, 0, 0};
    const int64_t pay[] = {5, -5, 5, -5, 0, 0};
    expect(&o, alloc, pay, 6);
    mk_auction_mcafee.free(inst);

    int differs = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        inst = make(&mk_auction_mcafee, 0, NULL, "random", seed);
        run_ok(&mk_auction_mcafee, inst, &r, &o);
        int64_t first[6];
        memcpy(first, o.allocation, sizeof first);
        int buyers = 0, sellers = 0;
        for (size_t i = 0; i < 6; i++) {
            buyers += o.allocation[i] == 1;
            sellers += o.allocation[i] == -1;
            assert_int_equal(o.payment[i], 5 * o.allocation[i]);
        }
        assert_int_equal(buyers, 2);
        assert_int_equal(sellers, 2);
        run_ok(&mk_auction_mcafee, inst, &r, &o);
        assert_memory_equal(first, o.allocation, sizeof first);
        differs |= memcmp(first, alloc, sizeof first) != 0;
        mk_auction_mcafee.free(inst);
    }
    assert_true(differs);

    inst = make(&mk_auction_k_double, 0, NULL, "random", 3);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    const int64_t alloc_k[] = {1, -1, 1, -1, 1, -1};
    const int64_t pay_k[] = {5, -5, 5, -5, 5, -5};
    expect(&o, alloc_k, pay_k, 6);
    mk_auction_k_double.free(inst);
    mk_outcome_free(&o);
    mk_profile_free(&r);
}

/* k-double with four buyers at 5 and one seller at 1: k* = 1, and the
 * buyer who trades is the first listed (ties=lowest); L = max(1, b_2 = 5)
 * = 5, H = min(5, -) = 5: price 5. */
static void test_k_double_tied_buyers(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_k_double, 0, "0", NULL, 0);
    mk_profile r = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    const int64_t a[] = {1, 5, 5, 5, 5};
    market(&r, "SBBBB", a);
    run_ok(&mk_auction_k_double, inst, &r, &o);
    const int64_t alloc[] = {-1, 1, 0, 0, 0};
    const int64_t pay[] = {-5, 5, 0, 0, 0};
    expect(&o, alloc, pay, 5);
    mk_outcome_free(&o);
    mk_profile_free(&r);
    mk_auction_k_double.free(inst);
}

static void test_parameter_errors(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "1.5", &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "'k'"));
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "-0.1", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "half", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", ".5", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "0.0000000000000000001", &ctx),
                     MK_EPARAM);
    /* Trailing zeros are not significant. */
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "0.50000000000000000000", &ctx), 0);
    assert_int_equal(try_prepare(&mk_auction_k_double, "k", "0.000000000000000001", &ctx), 0);
    /* McAfee has no k; unknown keys and bad common parameters. */
    assert_int_equal(try_prepare(&mk_auction_mcafee, "k", "0.5", &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "unknown parameter"));
    assert_int_equal(try_prepare(&mk_auction_k_double, "kk", "0.5", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_mcafee, "ties", "coin", &ctx), MK_EPARAM);
    assert_int_equal(try_prepare(&mk_auction_mcafee, "values", "uniform:5:1", &ctx), MK_EPARAM);
}

/* Reports that a reader would refuse but code can build: a bad side, a
 * missing or negative bid, two bids, too narrow rows. The error names the
 * trader and the outcome is left as it was. */
static void test_input_errors(void **state)
{
    (void)state;
    const mk_mechanism *mechs[] = {&mk_auction_mcafee, &mk_auction_k_double};
    for (size_t m = 0; m < 2; m++) {
        mk_instance *inst = make(mechs[m], 0, NULL, NULL, 0);
        mk_profile r = MK_PROFILE_INIT;
        mk_outcome o = MK_OUTCOME_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        const int64_t a[] = {10, 2, 8};
        market(&r, "BSB", a);
        run_ok(mechs[m], inst, &r, &o);
        size_t n_facts = o.n_facts;

        mk_profile_row(&r, 2)[MK_BID_SIDE] = 2;
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        assert_non_null(strstr(ctx.message, "bidder 3"));
        assert_non_null(strstr(ctx.message, "side"));
        static const char *const labels[] = {"ann", "bob", "cy"};
        r.labels = labels;
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        assert_non_null(strstr(ctx.message, "'cy'"));
        r.labels = NULL;
        mk_profile_row(&r, 2)[MK_BID_SIDE] = MK_SIDE_BUY;

        mk_profile_row(&r, 1)[MK_BID_FIRST] = MK_BID_NONE;
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        assert_non_null(strstr(ctx.message, "bidder 2 makes 0 bids"));
        mk_profile_row(&r, 1)[MK_BID_FIRST] = -5;
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        /* The outcome of the last good run is untouched. */
        assert_int_equal(o.n, 3);
        assert_int_equal(o.n_facts, n_facts);

        /* Two bids in a row of width 4. */
        assert_int_equal(mk_profile_resize(&r, 2, WIDTH + 1, &ctx), 0);
        for (size_t i = 0; i < 2; i++) {
            int64_t *row = mk_profile_row(&r, i);
            row[MK_BID_SIDE] = i == 0 ? MK_SIDE_BUY : MK_SIDE_SELL;
            row[MK_BID_QUALITY] = MK_QUALITY_ONE;
            row[MK_BID_FIRST] = 10;
            row[MK_BID_FIRST + 1] = i == 0 ? 9 : MK_BID_NONE;
        }
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        assert_non_null(strstr(ctx.message, "2 bids"));
        /* Rows too narrow for a bid. */
        assert_int_equal(mk_profile_resize(&r, 2, MK_BID_FIRST, &ctx), 0);
        assert_int_equal(mechs[m]->run(inst, &r, &o, &ctx), MK_EINPUT);
        mk_outcome_free(&o);
        mk_profile_free(&r);
        mechs[m]->free(inst);
    }
}

/* Best gain of participant who over the candidates of mech->deviations,
 * the others truthful; 0 when none gains. Asserts that the set is
 * exhaustive when `exhaustive`. */
static mk_rational best_gain(const mk_mechanism *mech, mk_instance *inst, const mk_profile *types,
                             size_t who, mk_rng *rng)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    assert_int_equal(mech->truthful(inst, types, &reports, &ctx), 0);
    run_ok(mech, inst, &reports, &o);
    mk_rational truth = utility(mech, inst, types, who, &o), best = {0, 1};
    size_t max = 256;
    int64_t *rows = calloc(max * types->width, sizeof *rows);
    assert_non_null(rows);
    mk_deviation_set dev = {rows, types->width, max, 0, 0};
    assert_int_equal(mech->deviations(inst, types, who, rng, &dev, &ctx), 0);
    assert_true(dev.n > 0);
    assert_true(dev.exhaustive);
    int64_t *row = mk_profile_row(&reports, who);
    for (size_t d = 0; d < dev.n; d++) {
        memcpy(row, rows + d * types->width, types->width * sizeof *row);
        run_ok(mech, inst, &reports, &o);
        mk_rational u = utility(mech, inst, types, who, &o), gain;
        assert_int_equal(mk_rational_sub(u, truth, &gain), 0);
        if (mk_rational_cmp(gain, best) > 0)
            best = gain;
    }
    free(rows);
    mk_outcome_free(&o);
    mk_profile_free(&reports);
    return best;
}

/* McAfee claims DSIC, IR and weak budget balance: on seeded sampled
 * markets (mech->sample draws buyers and sellers in turn), no candidate
 * misreport of any trader beats the truth, truthful utility is >= 0 and
 * revenue >= 0. Values on a coarse grid (0..20 at scale 0) so that ties and
 * half-unit midpoints are common. */
static void test_mcafee_dsic_sampled(void **state)
{
    (void)state;
    static const char *const ties[] = {"lowest", "random"};
    const mk_rational zero = {0, 1};
    for (size_t t = 0; t < 2; t++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_params params = MK_PARAMS_INIT;
        assert_int_equal(mk_params_set(&params, "ties", ties[t], &ctx), 0);
        assert_int_equal(mk_params_set(&params, "values", "uniform:0:20", &ctx), 0);
        mk_setting setting = {0, 8, WIDTH, 99, NULL, 0};
        mk_instance *inst;
        assert_int_equal(mk_mechanism_prepare(&mk_auction_mcafee, &params, &setting, &inst, &ctx),
                         0);
        mk_rng rng;
        mk_rng_seed(&rng, 2024 + t);
        mk_profile types = MK_PROFILE_INIT;
        mk_outcome o = MK_OUTCOME_INIT;
        size_t trades = 0, reduced = 0;
        for (size_t trial = 0; trial < 60; trial++) {
            size_t n = 2 + trial % 9;
            assert_int_equal(mk_auction_mcafee.sample(inst, &rng, n, &types, &ctx), 0);
            assert_int_equal(mk_profile_row(&types, 1)[MK_BID_SIDE], MK_SIDE_SELL);
            run_ok(&mk_auction_mcafee, inst, &types, &o);
            assert_true(revenue(&o) >= 0);
            trades += (size_t)fact(&o, "trades");
            reduced += fact(&o, "trades") < fact(&o, "efficient_trades");
            for (size_t who = 0; who < n; who++) {
                assert_true(
                    mk_rational_cmp(utility(&mk_auction_mcafee, inst, &types, who, &o), zero) >= 0);
                mk_rational gain = best_gain(&mk_auction_mcafee, inst, &types, who, &rng);
                if (mk_rational_cmp(gain, zero) > 0)
                    fail_msg("trial %zu: trader %zu gains %lld/%lld by misreporting", trial, who,
                             (long long)gain.num, (long long)gain.den);
            }
        }
        /* The samples exercise both branches. */
        assert_true(trades > 0);
        assert_true(reduced > 0);
        mk_outcome_free(&o);
        mk_profile_free(&types);
        mk_params_free(&params);
        mk_auction_mcafee.free(inst);
    }
}

/* McAfee DSIC, exhaustively on small markets at scale 0 (where half-unit
 * midpoints are rounded): every market of up to 3 buyers and 3 sellers
 * with values 0..3, every trader, every report 0..5. */
static void test_mcafee_dsic_exhaustive_small(void **state)
{
    (void)state;
    mk_instance *inst = make(&mk_auction_mcafee, 0, NULL, NULL, 0);
    mk_profile types = MK_PROFILE_INIT, reports = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT, lie = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    char sides[7];
    size_t markets = 0;
    for (size_t nb = 0; nb <= 3; nb++) {
        for (size_t ns = 0; ns <= 3; ns++) {
            size_t n = nb + ns, total = 1;
            for (size_t i = 0; i < n; i++) {
                sides[i] = i < nb ? 'B' : 'S';
                total *= 4;
            }
            sides[n] = '\0';
            for (size_t code = 0; code < total; code++) {
                int64_t a[6];
                for (size_t i = 0, c = code; i < n; i++, c /= 4)
                    a[i] = (int64_t)(c % 4);
                market(&types, sides, a);
                assert_int_equal(mk_profile_copy(&reports, &types, &ctx), 0);
                run_ok(&mk_auction_mcafee, inst, &reports, &o);
                markets++;
                for (size_t who = 0; who < n; who++) {
                    mk_rational truth = utility(&mk_auction_mcafee, inst, &types, who, &o);
                    for (int64_t x = 0; x <= 5; x++) {
                        mk_profile_row(&reports, who)[MK_BID_FIRST] = x;
                        run_ok(&mk_auction_mcafee, inst, &reports, &lie);
                        mk_rational u = utility(&mk_auction_mcafee, inst, &types, who, &lie);
                        if (mk_rational_cmp(u, truth) > 0)
                            fail_msg("market %s code %zu: trader %zu gains by reporting %lld",
                                     sides, code, who, (long long)x);
                    }
                    mk_profile_row(&reports, who)[MK_BID_FIRST] = a[who];
                }
            }
        }
    }
    /* sum over nb, ns <= 3 of 4^(nb + ns) */
    assert_int_equal(markets, 1 + 2 * 4 + 3 * 16 + 4 * 64 + 3 * 256 + 2 * 1024 + 4096);
    mk_outcome_free(&o);
    mk_outcome_free(&lie);
    mk_profile_free(&types);
    mk_profile_free(&reports);
    mk_auction_mcafee.free(inst);
}

/* The k-double auction is not DSIC. Worked by hand: one buyer of value 10
 * and one seller of cost 2 with k = 0.5 trade at 6 (buyer utility 4); a
 * buyer who reports 2 trades at 2 (utility 8). In the example market at
 * scale 1 (p = 6.5) the buyer of value 8 who reports 6.1 makes
 * H = min(6.1, 7) = 6.1 and p = (6 + 6.1) / 2 = 6.05, rounded half to even
 * to 6.0: utility 2 instead of 1.5. mech->deviations finds a gain in
 * both. */
static void test_k_double_profitable_deviation(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    mk_profile types = MK_PROFILE_INIT, reports = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    const mk_rational zero = {0, 1};

    mk_instance *inst = make(&mk_auction_k_double, 0, "0.5", NULL, 0);
    const int64_t a[] = {10, 2};
    market(&types, "BS", a);
    assert_int_equal(mk_profile_copy(&reports, &types, &ctx), 0);
    mk_profile_row(&reports, 0)[MK_BID_FIRST] = 2;
    run_ok(&mk_auction_k_double, inst, &reports, &o);
    assert_int_equal(utility(&mk_auction_k_double, inst, &types, 0, &o).num, 8);
    mk_rational gain = best_gain(&mk_auction_k_double, inst, &types, 0, &rng);
    assert_int_equal(gain.num, 4); /* 8 - 4 */
    assert_int_equal(gain.den, 1);
    mk_auction_k_double.free(inst);

    inst = make(&mk_auction_k_double, 1, "0.5", NULL, 0);
    example(&types, 10);
    assert_int_equal(mk_profile_copy(&reports, &types, &ctx), 0);
    run_ok(&mk_auction_k_double, inst, &reports, &o);
    mk_rational truth = utility(&mk_auction_k_double, inst, &types, 2, &o);
    assert_int_equal(truth.num, 3); /* 8 - 6.5 = 3/2 */
    assert_int_equal(truth.den, 2);
    mk_profile_row(&reports, 2)[MK_BID_FIRST] = 61;
    run_ok(&mk_auction_k_double, inst, &reports, &o);
    assert_int_equal(fact(&o, "price"), 60);
    mk_rational lie = utility(&mk_auction_k_double, inst, &types, 2, &o);
    assert_int_equal(lie.num, 2);
    assert_int_equal(lie.den, 1);
    gain = best_gain(&mk_auction_k_double, inst, &types, 2, &rng);
    assert_true(mk_rational_cmp(gain, zero) > 0);
    mk_outcome_free(&o);
    mk_profile_free(&types);
    mk_profile_free(&reports);
    mk_auction_k_double.free(inst);
}

/* k-double payments sum to exactly zero, whatever the rounding: on sampled
 * markets at scale 0 with k = 0.3 (prices often fall between minor units),
 * revenue is 0, buyers pay exactly what sellers receive, every trader is
 * IR, and as many buyers as sellers trade. The workspace grows from a
 * setting of n = 0. */
static void test_k_double_budget_balance_sampled(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    assert_int_equal(mk_params_set(&params, "k", "0.3", &ctx), 0);
    assert_int_equal(mk_params_set(&params, "values", "uniform:0:9", &ctx), 0);
    mk_setting setting = {0, 0, WIDTH, 1, NULL, 0};
    mk_instance *inst;
    assert_int_equal(mk_mechanism_prepare(&mk_auction_k_double, &params, &setting, &inst, &ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, 77);
    mk_profile types = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    const mk_rational zero = {0, 1};
    size_t rounded = 0;
    for (size_t trial = 0; trial < 200; trial++) {
        size_t n = 1 + trial % 12;
        assert_int_equal(mk_auction_k_double.sample(inst, &rng, n, &types, &ctx), 0);
        run_ok(&mk_auction_k_double, inst, &types, &o);
        assert_int_equal(revenue(&o), 0);
        int64_t paid = 0, received = 0, buyers = 0, sellers = 0;
        for (size_t i = 0; i < n; i++) {
            if (o.allocation[i] == 1) {
                paid += o.payment[i];
                buyers++;
            } else if (o.allocation[i] == -1) {
                received -= o.payment[i];
                sellers++;
            } else {
                assert_int_equal(o.payment[i], 0);
            }
            assert_true(mk_rational_cmp(utility(&mk_auction_k_double, inst, &types, i, &o), zero) >=
                        0);
        }
        assert_int_equal(paid, received);
        assert_int_equal(buyers, sellers);
        assert_int_equal(fact(&o, "trades"), buyers);
        if (buyers > 0) {
            /* 0.3 (H - L) is a whole unit only when H - L is a multiple of 10. */
            int64_t span = fact(&o, "price_high") - fact(&o, "price_low");
            rounded += span % 10 != 0;
        }
    }
    assert_true(rounded > 0);
    mk_outcome_free(&o);
    mk_profile_free(&types);
    mk_params_free(&params);
    mk_auction_k_double.free(inst);
}

static void test_descriptors(void **state)
{
    (void)state;
    assert_string_equal(mk_auction_mcafee.name, "auction.mcafee");
    assert_string_equal(mk_auction_k_double.name, "auction.k_double");
    assert_int_equal(mk_auction_mcafee.claims, MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB);
    assert_true(mk_auction_k_double.claims & MK_CLAIM_STRONG_BB);
    assert_true(mk_auction_k_double.claims & MK_CLAIM_IR);
    assert_false(mk_auction_k_double.claims & MK_CLAIM_DSIC);
    assert_non_null(mk_auction_mcafee.read);
    assert_non_null(mk_auction_k_double.input_help);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mcafee_all_trade_at_p0),
        cmocka_unit_test(test_mcafee_half_unit_rounds_half_even),
        cmocka_unit_test(test_mcafee_trade_reduction_high_p0),
        cmocka_unit_test(test_mcafee_trade_reduction_low_p0_and_no_p0),
        cmocka_unit_test(test_no_trade),
        cmocka_unit_test(test_k_double_example),
        cmocka_unit_test(test_k_double_bilateral_and_unequal_sides),
        cmocka_unit_test(test_large_amounts),
        cmocka_unit_test(test_utility_with_types),
        cmocka_unit_test(test_all_ties),
        cmocka_unit_test(test_k_double_tied_buyers),
        cmocka_unit_test(test_parameter_errors),
        cmocka_unit_test(test_input_errors),
        cmocka_unit_test(test_mcafee_dsic_sampled),
        cmocka_unit_test(test_mcafee_dsic_exhaustive_small),
        cmocka_unit_test(test_k_double_profitable_deviation),
        cmocka_unit_test(test_k_double_budget_balance_sampled),
        cmocka_unit_test(test_descriptors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
