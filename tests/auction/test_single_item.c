/* First-price, second-price and all-pay auctions through the mechanism
 * interface. Answers worked by hand from the rules in Krishna, "Auction
 * Theory" (2nd ed.), ch. 2-3. */
#include "support/auction_fixture.h"

#include <string.h>

#include "mechkit/auction.h"

typedef struct fixture {
    mk_profile bids;
    mk_outcome outcome;
    mk_instance *inst;
    const mk_mechanism *mech;
    mk_ctx ctx;
} fixture;

static fixture f;

static int setup(void **state)
{
    (void)state;
    f = (fixture){MK_PROFILE_INIT, MK_OUTCOME_INIT, NULL, NULL, MK_CTX_INIT};
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (f.inst != NULL)
        f.mech->free(f.inst);
    mk_outcome_free(&f.outcome);
    mk_profile_free(&f.bids);
    return 0;
}

static void run_on(const mk_mechanism *mech, const char *const *kv, uint64_t seed, size_t n,
                   const int64_t *bids)
{
    f.mech = mech;
    fixture_single_bids(&f.bids, n, bids);
    assert_int_equal(fixture_prepare(mech, 2, n, seed, kv, &f.inst, &f.ctx), 0);
    assert_int_equal(mech->run(f.inst, &f.bids, &f.outcome, &f.ctx), 0);
}

static const int64_t five[] = {12000, 13550, 9000, 12800, 6000}; /* examples/bids.csv */

static void second_price_pays_second_bid(void **state)
{
    (void)state;
    run_on(&mk_auction_second_price, NULL, 0, 5, five);
    assert_int_equal(f.outcome.allocation[1], 1);
    assert_int_equal(f.outcome.payment[1], 12800);
    for (size_t i = 0; i < 5; i++)
        if (i != 1)
            assert_int_equal(f.outcome.allocation[i] + f.outcome.payment[i], 0);
    assert_int_equal(mk_outcome_fact(&f.outcome, "price")->value, 12800);
}

static void second_price_reserve_sets_floor(void **state)
{
    (void)state;
    const char *kv[] = {"reserve=130", NULL};
    run_on(&mk_auction_second_price, kv, 0, 5, five);
    assert_int_equal(f.outcome.allocation[1], 1);
    assert_int_equal(f.outcome.payment[1], 13000); /* 128.00 is below the reserve */
}

static void reserve_above_every_bid_sells_nothing(void **state)
{
    (void)state;
    const char *kv[] = {"reserve=200", NULL};
    run_on(&mk_auction_first_price, kv, 0, 5, five);
    int64_t revenue = -1;
    assert_int_equal(mk_outcome_revenue(&f.outcome, &revenue, &f.ctx), 0);
    assert_int_equal(revenue, 0);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(f.outcome.allocation[i], 0);
}

static void first_price_pays_own_bid(void **state)
{
    (void)state;
    run_on(&mk_auction_first_price, NULL, 0, 5, five);
    assert_int_equal(f.outcome.allocation[1], 1);
    assert_int_equal(f.outcome.payment[1], 13550);
}

static void all_pay_charges_every_accepted_bid(void **state)
{
    (void)state;
    const char *kv[] = {"reserve=100", NULL};
    run_on(&mk_auction_all_pay, kv, 0, 5, five);
    assert_int_equal(f.outcome.allocation[1], 1);
    /* 120.00 + 135.50 + 128.00 accepted; 90.00 and 60.00 below the reserve. */
    int64_t revenue;
    assert_int_equal(mk_outcome_revenue(&f.outcome, &revenue, &f.ctx), 0);
    assert_int_equal(revenue, 12000 + 13550 + 12800);
    assert_int_equal(f.outcome.payment[2], 0);
}

static void ties_go_to_the_first_listed(void **state)
{
    (void)state;
    const int64_t tied[] = {500, 700, 700, 700};
    run_on(&mk_auction_second_price, NULL, 0, 4, tied);
    assert_int_equal(f.outcome.allocation[1], 1);
    assert_int_equal(f.outcome.payment[1], 700);
}

/* With ties=random the winner is drawn from the seed: the same seed gives
 * the same winner, and over seeds every tied bidder wins sometimes. */
static void random_ties_follow_the_seed(void **state)
{
    (void)state;
    const int64_t tied[] = {700, 700, 700, 100};
    const char *kv[] = {"ties=random", NULL};
    int wins[4] = {0};
    for (uint64_t seed = 0; seed < 60; seed++) {
        run_on(&mk_auction_second_price, kv, seed, 4, tied);
        size_t winner = 4;
        for (size_t i = 0; i < 4; i++)
            if (f.outcome.allocation[i] == 1)
                winner = i;
        assert_true(winner < 3);
        wins[winner]++;
        assert_int_equal(f.mech->run(f.inst, &f.bids, &f.outcome, &f.ctx), 0);
        assert_int_equal(f.outcome.allocation[winner], 1); /* same seed, same winner */
        f.mech->free(f.inst);
        f.inst = NULL;
    }
    assert_true(wins[0] > 0 && wins[1] > 0 && wins[2] > 0);
}

static void utility_is_value_minus_payment(void **state)
{
    (void)state;
    const int64_t values[] = {15000, 14000, 11000, 16000, 7500};
    run_on(&mk_auction_second_price, NULL, 0, 5, five);
    mk_profile types = MK_PROFILE_INIT;
    fixture_single_bids(&types, 5, values);
    mk_rational u;
    assert_int_equal(f.mech->utility(f.inst, &types, 1, &f.outcome, &u, &f.ctx), 0);
    mk_profile_free(&types);
    assert_int_equal(u.num, 12); /* 140.00 - 128.00, normalised */
    assert_int_equal(u.den, 1);
    fixture_single_bids(&types, 5, values);
    assert_int_equal(f.mech->utility(f.inst, &types, 0, &f.outcome, &u, &f.ctx), 0);
    mk_profile_free(&types);
    assert_int_equal(u.num, 0);
}

static void unknown_parameter_suggests_a_name(void **state)
{
    (void)state;
    const char *kv[] = {"reserv=1", NULL};
    assert_int_equal(fixture_prepare(&mk_auction_second_price, 2, 1, 0, kv, &f.inst, &f.ctx),
                     MK_EPARAM);
    assert_non_null(strstr(f.ctx.message, "did you mean 'reserve'"));
}

static void bad_reserve_is_rejected(void **state)
{
    (void)state;
    const char *too_fine[] = {"reserve=1.005", NULL};
    assert_int_equal(fixture_prepare(&mk_auction_first_price, 2, 1, 0, too_fine, &f.inst, &f.ctx),
                     MK_EPARAM);
    const char *negative[] = {"reserve=-1", NULL};
    assert_int_equal(fixture_prepare(&mk_auction_first_price, 2, 1, 0, negative, &f.inst, &f.ctx),
                     MK_EPARAM);
    const char *ties[] = {"ties=coin", NULL};
    assert_int_equal(fixture_prepare(&mk_auction_first_price, 2, 1, 0, ties, &f.inst, &f.ctx),
                     MK_EPARAM);
}

static void empty_profile_sells_nothing(void **state)
{
    (void)state;
    run_on(&mk_auction_second_price, NULL, 0, 0, five);
    assert_int_equal(f.outcome.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(second_price_pays_second_bid, setup, teardown),
        cmocka_unit_test_setup_teardown(second_price_reserve_sets_floor, setup, teardown),
        cmocka_unit_test_setup_teardown(reserve_above_every_bid_sells_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(first_price_pays_own_bid, setup, teardown),
        cmocka_unit_test_setup_teardown(all_pay_charges_every_accepted_bid, setup, teardown),
        cmocka_unit_test_setup_teardown(ties_go_to_the_first_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(random_ties_follow_the_seed, setup, teardown),
        cmocka_unit_test_setup_teardown(utility_is_value_minus_payment, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_parameter_suggests_a_name, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_reserve_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_profile_sells_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
