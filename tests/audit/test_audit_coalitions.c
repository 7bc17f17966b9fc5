/*
 * mk_audit_run's coalitions of 3 and 4 (local search) on hand-made
 * auction profiles whose best rings can be worked out by hand, on sampled
 * profiles, and the same report whatever the number of threads.
 *
 * Bidding rings (Graham and Marshall 1987, "Collusive bidder behavior at
 * single-object second-price and English auctions", JPE 95): the members
 * who would lose bid nothing, so the member who wins pays less. Profile:
 * values a 100, b 90, c 80, d 10 (ties to the lowest index).
 */
#include "support/auction_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/audit.h"
#include "mechkit/auction.h"

static const char *const labels[] = {"a", "b", "c", "d", "e"};

static mk_rational q(int64_t num)
{
    return (mk_rational){num, 1};
}

/* Audits the single profile of the given values with coalitions up to k. */
static void audit_values(const mk_mechanism *m, const int64_t *values, size_t n, size_t k,
                         mk_audit_report *r)
{
    mk_profile types = MK_PROFILE_INIT;
    fixture_single_bids(&types, n, values);
    types.labels = labels;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.max_coalition = k;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, n, 0, 0, NULL, 0};
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_audit_run(m, &params, &setting, &types, &o, r, &ctx) != 0)
        fail_msg("%s: %s", m->name, ctx.message);
    mk_params_free(&params);
    /* The examples borrow the labels only, not the profile. */
    mk_profile_free(&types);
}

static void gains_by_size(const mk_audit_report *r, size_t size, int64_t every, int64_t total)
{
    assert_true(mk_rational_cmp(r->coalition_by_size[size].max_gain, q(every)) == 0);
    assert_true(mk_rational_cmp(r->coalition_by_size[size].collusion_max_gain, q(total)) == 0);
}

/* Second price: the ring {a, b, c} gains the fall of a's price from 90
 * (b's bid) to 10 (d's): 80; with d too, the price falls to 0: 90. The
 * pair {a, b} only brings it to 80: 10. No member but the winner gains,
 * so no coalition makes every member gain strictly. */
static void second_price_ring(void **state)
{
    (void)state;
    const int64_t values[] = {100, 90, 80, 10};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_values(&mk_auction_second_price, values, 4, 3, &r);
    assert_true(r.coalition_checked);
    assert_int_equal(r.coalition_size, 3);
    assert_int_equal(r.coalition_profitable, 0);
    assert_false(r.coalition_worst.present);
    gains_by_size(&r, 2, 0, 10);
    gains_by_size(&r, 3, 0, 80);
    assert_true(mk_rational_cmp(r.collusion_max_gain, q(80)) == 0);
    const mk_audit_example *e = &r.collusion_worst;
    assert_int_equal(e->members, 3);
    assert_int_equal(e->member[0], 0);
    assert_int_equal(e->member[1], 1);
    assert_int_equal(e->member[2], 2);
    assert_int_equal(e->who, 0);
    assert_int_equal(e->partner, 1);
    assert_int_equal(e->outcome.payment[0], 90);
    assert_int_equal(e->lie_outcome.allocation[0], 1);
    assert_int_equal(e->lie_outcome.payment[0], 10);
    assert_true(mk_rational_cmp(e->gain, q(80)) == 0);
    /* The losers bid below 10; d, not a member, bids its value. */
    assert_true(mk_profile_row(&e->lie, 1)[MK_BID_FIRST] <= 10);
    assert_true(mk_profile_row(&e->lie, 2)[MK_BID_FIRST] <= 10);
    assert_int_equal(mk_profile_row(&e->lie, 3)[MK_BID_FIRST], 10);
    mk_rational sum = q(0), lie_sum = q(0);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(mk_rational_add(sum, e->member_truth_utility[k], &sum), 0);
        assert_int_equal(mk_rational_add(lie_sum, e->member_lie_utility_all[k], &lie_sum), 0);
    }
    assert_true(mk_rational_cmp(sum, e->utility) == 0 && mk_rational_cmp(sum, q(10)) == 0);
    assert_true(mk_rational_cmp(lie_sum, e->lie_utility) == 0);
    assert_true(mk_rational_cmp(e->member_utility[1], e->member_truth_utility[1]) == 0);
    mk_audit_report_free(&r);

    audit_values(&mk_auction_second_price, values, 4, 4, &r);
    gains_by_size(&r, 4, 0, 90);
    assert_int_equal(r.collusion_worst.members, 4);
    assert_int_equal(r.coalition_profitable, 0);
    mk_audit_report_free(&r);
}

/* First price: truthful, a pays its value (utility 0). The ring {a, b, c}
 * has b and c bid nothing and a match d's 10 (a wins the tie): 90. The
 * pair {a, b}: a matches c's 80: 20. All four: a wins at 0: 100. */
static void first_price_ring(void **state)
{
    (void)state;
    const int64_t values[] = {100, 90, 80, 10};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_values(&mk_auction_first_price, values, 4, 4, &r);
    gains_by_size(&r, 2, 0, 20);
    gains_by_size(&r, 3, 0, 90);
    gains_by_size(&r, 4, 0, 100);
    assert_int_equal(r.coalition_profitable, 0);
    mk_audit_report_free(&r);
    audit_values(&mk_auction_first_price, values, 4, 3, &r);
    const mk_audit_example *e = &r.collusion_worst;
    assert_int_equal(e->members, 3);
    assert_int_equal(mk_profile_row(&e->lie, 0)[MK_BID_FIRST], 10);
    assert_int_equal(e->lie_outcome.payment[0], 10);
    mk_audit_report_free(&r);
}

/* All-pay: everyone pays its bid, so losers who stop bidding all gain.
 * Values a 100, b 90, c 80, d 10, e 5. Pairs: {b, c} save 170. Three:
 * {a, b, c}, a matching d's 10: 90 + 90 + 80 = 260. Four: {a, b, c, d},
 * a matching e's 5: 95 + 90 + 80 + 10 = 275. Every member gains. */
static void all_pay_every_member_gains(void **state)
{
    (void)state;
    const int64_t values[] = {100, 90, 80, 10, 5};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_values(&mk_auction_all_pay, values, 5, 4, &r);
    gains_by_size(&r, 2, 170, 170);
    gains_by_size(&r, 3, 260, 260);
    gains_by_size(&r, 4, 275, 275);
    assert_int_equal(r.coalition_profitable, 1);
    const mk_audit_example *e = &r.coalition_worst;
    assert_int_equal(e->members, 4);
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(e->member[k], k);
        assert_true(mk_rational_cmp(e->member_lie_utility_all[k], e->member_truth_utility[k]) > 0);
    }
    mk_audit_report_free(&r);
}

/* Sampled second-price profiles: rings gain with side payments, never
 * every member; the groups past the cap are counted. Groups grow from the
 * best pairs, so a ring of three gains at least what the best pair does
 * (the ascent's first move can make the pair's joint lie). */
static void second_price_sampled(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 8;
    o.participants = 10;
    o.max_coalition = 3;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 10, 0, 0, NULL, 0};
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_audit_run(&mk_auction_second_price, &params, &setting, NULL, &o, &r, &ctx),
                     0);
    assert_int_equal(r.coalition_profitable, 0);
    print_message("second price, 10 bidders: rings of 2 in %zu, of 3 in %zu of 8 profiles\n",
                  r.coalition_by_size[2].collusion_profitable,
                  r.coalition_by_size[3].collusion_profitable);
    assert_true(r.coalition_by_size[2].collusion_profitable >= 6);
    assert_int_equal(r.coalition_by_size[3].collusion_profitable,
                     r.coalition_by_size[2].collusion_profitable);
    assert_true(r.collusion_profitable >= r.coalition_by_size[3].collusion_profitable);
    /* A ring of three never gains less than the best pair within it. */
    assert_true(mk_rational_cmp(r.coalition_by_size[3].collusion_max_gain,
                                r.coalition_by_size[2].collusion_max_gain) >= 0);
    assert_int_equal(r.coalition_capped, 8); /* C(10, 3) = 120 > 64 groups */
    mk_audit_report_free(&r);
    mk_params_free(&params);
}

static void same_coalitions(const mk_audit_report *a, const mk_audit_report *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->coalition_profitable, b->coalition_profitable);
    assert_int_equal(a->collusion_profitable, b->collusion_profitable);
    for (size_t s = 2; s <= MK_AUDIT_COALITION_MAX; s++) {
        assert_int_equal(a->coalition_by_size[s].collusion_profitable,
                         b->coalition_by_size[s].collusion_profitable);
        assert_true(mk_rational_cmp(a->coalition_by_size[s].collusion_max_gain,
                                    b->coalition_by_size[s].collusion_max_gain) == 0);
    }
    const mk_audit_example *x = &a->collusion_worst, *y = &b->collusion_worst;
    assert_int_equal(x->unit, y->unit);
    assert_int_equal(x->members, y->members);
    assert_memory_equal(x->member, y->member, x->members * sizeof *x->member);
    assert_memory_equal(x->member_candidate, y->member_candidate,
                        x->members * sizeof *x->member_candidate);
    assert_memory_equal(x->lie.cells, y->lie.cells, x->lie.n * x->lie.width * sizeof(int64_t));
}

/* Seeded units (the random starts come from each unit's stream): 1, 2
 * and 3 threads give the same coalitions. */
static void threads_do_not_change_coalitions(void **state)
{
    (void)state;
    mk_audit_report r[3] = {MK_AUDIT_REPORT_INIT, MK_AUDIT_REPORT_INIT, MK_AUDIT_REPORT_INIT};
    for (size_t t = 0; t < 3; t++) {
        mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
        o.budget = 12;
        o.seed = 11;
        o.participants = 5;
        o.max_coalition = 4;
        o.threads = t + 1;
        mk_params params = MK_PARAMS_INIT;
        mk_setting setting = {0, 5, 0, 11, NULL, 0};
        mk_ctx ctx = MK_CTX_INIT;
        if (mk_audit_run(&mk_auction_first_price, &params, &setting, NULL, &o, &r[t], &ctx) != 0)
            fail_msg("%s", ctx.message);
        mk_params_free(&params);
    }
    assert_true(r[0].collusion_worst.members >= 2);
    same_coalitions(&r[0], &r[1]);
    same_coalitions(&r[0], &r[2]);
    for (size_t t = 0; t < 3; t++)
        mk_audit_report_free(&r[t]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_price_ring),
        cmocka_unit_test(first_price_ring),
        cmocka_unit_test(all_pay_every_member_gains),
        cmocka_unit_test(second_price_sampled),
        cmocka_unit_test(threads_do_not_change_coalitions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
