/*
 * Tests of funding.qf (src/mechanisms/funding/qf.c, funding.c) and the
 * shared split. Every expected value is worked by hand in the comments
 * from the rule of Buterin, Hitzig and Weyl (2018): ideal match of a
 * project = (sum_i w_i sqrt(c_i))^2 - sum_i c_i, scaled to the pool by
 * largest remainder.
 */
#include "funding_fixture.h"

/* Four contributors, two projects (the shape of Gitcoin's linearQF doc
 * example; the numbers here are our own):
 *   p1: 1, 4, 1, 9  -> (1 + 2 + 1 + 3)^2 - 15 = 49 - 15 = 34
 *   p2: 1, 1, 1, 1  -> (1 + 1 + 1 + 1)^2 - 4 = 16 - 4 = 12 */
static const char round_csv[] = "contributor,project,amount\n"
                                "alice,p1,1\nbob,p1,4\ncarol,p1,1\ndave,p1,9\n"
                                "alice,p2,1\nbob,p2,1\ncarol,p2,1\ndave,p2,1\n";

static void test_scaled_to_pool(void **state)
{
    (void)state;
    /* pool 100: p1 100*34/46 = 73.91, p2 100*12/46 = 26.09; floors 73 + 26
     * = 99, the one unit left goes to the larger remainder (p1: .91). */
    static const char *const kv[] = {"pool=100", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, round_csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "34");
    assert_string_equal(funding_get(&r, "p2", "ideal_match"), "12");
    assert_string_equal(funding_get(&r, "p1", "match"), "74");
    assert_string_equal(funding_get(&r, "p2", "match"), "26");
    assert_string_equal(funding_get(&r, "p1", "total"), "15");
    assert_string_equal(funding_get(&r, "p1", "contributors"), "4");
    assert_string_equal(r.unspent, "0");
    /* each contributor pays its contributions: alice 1 + 1 */
    assert_int_equal(r.outcome.payment[0], 2);
    /* alice's utility, her pro-rata share of the matches she funds:
     * floor(1 * 74 / 15) + floor(1 * 26 / 4) = 4 + 6 = 10 */
    assert_int_equal(r.outcome.column[0], 10);
    mk_rational u;
    assert_int_equal(mk_funding_qf.utility(r.inst, &r.data.reports, 0, &r.outcome, &u, NULL), 0);
    assert_int_equal(u.num, 10);
    assert_int_equal(u.den, 1);
    funding_run_free(&mk_funding_qf, &r);
}

/* The published example of Gitcoin's linear QF (grants-stack
 * packages/api/docs/linearQF.md, "QF calculation example", used as the
 * test of gitcoinco/pluralistic.js, src/test/linear.test.ts): sums of
 * roots 7, 8, 14; ideals 49 - 15 = 34, 64 - 10 = 54, 196 - 34 = 162 (250
 * in all); matches of a pool of 100: 13.6, 21.6 and 64.8. */
static void test_gitcoin_linear_qf_example(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\n"
                              "s1,project_1,1\ns2,project_1,4\ns3,project_1,1\ns4,project_1,9\n"
                              "s1,project_2,1\ns2,project_2,1\ns3,project_2,1\ns4,project_2,1\n"
                              "s5,project_2,1\ns6,project_2,1\ns7,project_2,4\n"
                              "s1,project_3,1\ns2,project_3,9\ns3,project_3,1\ns4,project_3,9\n"
                              "s5,project_3,1\ns6,project_3,9\ns7,project_3,4\n";
    static const char *const kv[] = {"pool=100.0", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, kv, &r);
    assert_string_equal(funding_get(&r, "project_1", "ideal_match"), "34.0");
    assert_string_equal(funding_get(&r, "project_2", "ideal_match"), "54.0");
    assert_string_equal(funding_get(&r, "project_3", "ideal_match"), "162.0");
    assert_string_equal(funding_get(&r, "project_1", "match"), "13.6");
    assert_string_equal(funding_get(&r, "project_2", "match"), "21.6");
    assert_string_equal(funding_get(&r, "project_3", "match"), "64.8");
    assert_string_equal(funding_get(&r, "project_3", "total"), "34.0");
    funding_run_free(&mk_funding_qf, &r);
    /* Integer roots of whole units (as pluralistic computes on base
     * units): all amounts are squares, so the same ideals; a pool of 1000
     * gives 136, 216, 648. (At scale 1 the floor roots of 10, 40, 90
     * tenths would differ: floor roots depend on the unit.) */
    static const char *const floor_kv[] = {"pool=1000", "sqrt=floor", NULL};
    funding_run_csv(&mk_funding_qf, csv, floor_kv, &r);
    assert_string_equal(funding_get(&r, "project_1", "ideal_match"), "34");
    assert_string_equal(funding_get(&r, "project_1", "match"), "136");
    assert_string_equal(funding_get(&r, "project_2", "match"), "216");
    assert_string_equal(funding_get(&r, "project_3", "match"), "648");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_below_pool_unspent(void **state)
{
    (void)state;
    /* ideals total 46 <= 100: paid as they are, 54 unspent. */
    static const char *const kv[] = {"pool=100", "below_pool=unspent", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, round_csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "match"), "34");
    assert_string_equal(funding_get(&r, "p2", "match"), "12");
    assert_string_equal(r.unspent, "54");
    funding_run_free(&mk_funding_qf, &r);
    /* ideals total 46 > 40: scaled as usual, 40*34/46 = 29.57 -> 30,
     * 40*12/46 = 10.43 -> 10. */
    static const char *const kv2[] = {"pool=40", "below_pool=unspent", NULL};
    funding_run_csv(&mk_funding_qf, round_csv, kv2, &r);
    assert_string_equal(funding_get(&r, "p1", "match"), "30");
    assert_string_equal(funding_get(&r, "p2", "match"), "10");
    assert_string_equal(r.unspent, "0");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_cap(void **state)
{
    (void)state;
    /* cap 0.6 of 100 = 60: p1's share 73.91 exceeds it, so p1 gets 60 and
     * p2, the only one left, the other 40. */
    static const char *const kv[] = {"pool=100", "cap=0.6", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, round_csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "match"), "60");
    assert_string_equal(funding_get(&r, "p2", "match"), "40");
    assert_string_equal(r.unspent, "0");
    funding_run_free(&mk_funding_qf, &r);
    /* cap 0.25 = 25: p1 capped at 25; then p2 alone would get 75 > 25,
     * capped too; 50 is left with no project to take it. */
    static const char *const kv2[] = {"pool=100", "cap=0.25", NULL};
    funding_run_csv(&mk_funding_qf, round_csv, kv2, &r);
    assert_string_equal(funding_get(&r, "p1", "match"), "25");
    assert_string_equal(funding_get(&r, "p2", "match"), "25");
    assert_string_equal(r.unspent, "50");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_cap_redistributes_in_rounds(void **state)
{
    (void)state;
    /* Three projects with ideals 60, 30, 10 (one contributor each gives
     * c with (sqrt c + ...) -- built as two contributors of equal c: ideal
     * (2 sqrt c)^2 - 2c = 2c, so c = 30, 15, 5). Pool 100, cap 0.35:
     * round 1 shares 60, 30, 10: p1 capped at 35; round 2: 65 over 30:10 =
     * 48.75, 16.25: p2 capped at 35; round 3: p3 gets the last 30. */
    static const char csv[] = "contributor,project,amount\n"
                              "a,p1,30\nb,p1,30\na,p2,15\nb,p2,15\na,p3,5\nb,p3,5\n";
    static const char *const kv[] = {"pool=100", "cap=0.35", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "60");
    assert_string_equal(funding_get(&r, "p1", "match"), "35");
    assert_string_equal(funding_get(&r, "p2", "match"), "35");
    assert_string_equal(funding_get(&r, "p3", "match"), "30");
    assert_string_equal(r.unspent, "0");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_min_contribution(void **state)
{
    (void)state;
    /* min 2: p1 keeps bob 4 and dave 9: (2 + 3)^2 - 13 = 12; p2 keeps
     * nothing (ideal 0, no counted contributors) but its total stays 4. */
    static const char *const kv[] = {"pool=100", "min_contribution=2", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, round_csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "12");
    assert_string_equal(funding_get(&r, "p1", "contributors"), "2");
    assert_string_equal(funding_get(&r, "p1", "match"), "100");
    assert_string_equal(funding_get(&r, "p2", "contributors"), "0");
    assert_string_equal(funding_get(&r, "p2", "total"), "4");
    assert_string_equal(funding_get(&r, "p2", "match"), "0");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_sqrt_modes(void **state)
{
    (void)state;
    /* Two contributions of 2: exact (sqrt 2 + sqrt 2)^2 - 4 = 8 - 4 = 4
     * (irrational roots, integer ideal: the fixed point must not show
     * 3); floor: (1 + 1)^2 - 4 = 0. */
    static const char csv[] = "contributor,project,amount\nx,p,2\ny,p,2\n";
    static const char *const exact[] = {"pool=100", "below_pool=unspent", NULL};
    static const char *const floor_kv[] = {"pool=100", "below_pool=unspent", "sqrt=floor", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, exact, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "4");
    assert_string_equal(funding_get(&r, "p", "match"), "4");
    assert_string_equal(r.unspent, "96");
    funding_run_free(&mk_funding_qf, &r);
    funding_run_csv(&mk_funding_qf, csv, floor_kv, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "0");
    assert_string_equal(r.unspent, "100");
    funding_run_free(&mk_funding_qf, &r);
    /* floor with perfect squares in cents: 1.00 and 4.00 are 100 and 400
     * cents, roots 10 and 20: (30)^2 - 500 = 400 cents = 4.00. */
    static const char cents[] = "contributor,project,amount\nx,p,1.00\ny,p,4.00\n";
    funding_run_csv(&mk_funding_qf, cents, floor_kv, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "4.00");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_weights(void **state)
{
    (void)state;
    /* weight 0.5 halves a root: (0.5*2 + 1*2)^2 - 8 = 9 - 8 = 1 (x gives
     * 4, y gives 4). A lone contributor of weight 2: (2*3)^2 - 9 = 27. */
    static const char csv[] = "contributor,project,amount,weight\n"
                              "x,p,4,0.5\ny,p,4,1\nz,q,9,2\n";
    static const char *const kv[] = {"pool=1000", "below_pool=unspent", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "1");
    assert_string_equal(funding_get(&r, "q", "ideal_match"), "27");
    assert_string_equal(r.unspent, "972");
    funding_run_free(&mk_funding_qf, &r);
}

static void test_rounding_ties(void **state)
{
    (void)state;
    /* Three projects with equal ideals (2 each: two contributors of 1)
     * and pool 100: 33 each, the one unit left to the lowest index. */
    static const char csv[] = "contributor,project,amount\n"
                              "a,p1,1\nb,p1,1\na,p2,1\nb,p2,1\na,p3,1\nb,p3,1\n";
    static const char *const kv[] = {"pool=100", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "match"), "34");
    assert_string_equal(funding_get(&r, "p2", "match"), "33");
    assert_string_equal(funding_get(&r, "p3", "match"), "33");
    funding_run_free(&mk_funding_qf, &r);
}

/* Buterin, Hitzig and Weyl (2018), section 5 (collusion and fraud): one
 * contributor giving c alone gets no match; split into k identities of
 * c/k each, the ideal is (k sqrt(c/k))^2 - c = (k - 1) c. */
static void test_sybil_split(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\nsolo,p,900\n";
    static const char *const kv[] = {"pool=10000", "below_pool=unspent", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "0");
    mk_profile split = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    for (size_t k = 2; k <= 4; k++) {
        assert_int_equal(mk_funding_qf.split(r.inst, &r.data.reports, 0, k, &split, &ctx), 0);
        assert_int_equal(split.n, k);
        funding_run_profile(&mk_funding_qf, &r, &split);
        char want[32];
        snprintf(want, sizeof want, "%zu", (k - 1) * 900); /* 900, 1800, 2700 */
        assert_string_equal(funding_get(&r, "p", "ideal_match"), want);
        assert_string_equal(funding_get(&r, "p", "match"), want);
    }
    /* 901 over 2: 451 + 450, the extra unit to the first identity. */
    mk_profile_free(&split);
    funding_run_free(&mk_funding_qf, &r);
}

static void test_bad_parameters(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const no_pool[] = {NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, no_pool, &inst, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "pool"));
    static const char *const cap0[] = {"pool=1", "cap=0", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, cap0, &inst, &ctx), MK_EPARAM);
    static const char *const cap2[] = {"pool=1", "cap=1.5", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, cap2, &inst, &ctx), MK_EPARAM);
    static const char *const neg[] = {"pool=-5", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, neg, &inst, &ctx), MK_EPARAM);
    static const char *const sq[] = {"pool=5", "sqrt=round", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, sq, &inst, &ctx), MK_EPARAM);
}

static void test_bad_profiles(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const kv[] = {"pool=10", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf, 0, kv, &inst, &ctx), 0);
    mk_profile p = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    assert_int_equal(mk_profile_resize(&p, 1, 5, &ctx), 0);
    int64_t *row = mk_profile_row(&p, 0);
    row[MK_FUNDING_LIMBS] = 1;
    row[MK_FUNDING_COUNT] = 2; /* more pairs than the width holds */
    assert_int_equal(mk_funding_qf.run(inst, &p, &o, &ctx), MK_EINPUT);
    row[MK_FUNDING_COUNT] = 1;
    row[MK_FUNDING_FIRST] = -1; /* project index */
    assert_int_equal(mk_funding_qf.run(inst, &p, &o, &ctx), MK_EINPUT);
    row[MK_FUNDING_FIRST] = 0;
    row[MK_FUNDING_FIRST + 1] = -3; /* amount */
    assert_int_equal(mk_funding_qf.run(inst, &p, &o, &ctx), MK_EINPUT);
    row[MK_FUNDING_FIRST + 1] = 3;
    row[MK_FUNDING_WEIGHT] = MK_FUNDING_WEIGHT_ONE;
    assert_int_equal(mk_funding_qf.run(inst, &p, &o, &ctx), 0);
    assert_int_equal(o.payment[0], 3);
    mk_outcome_free(&o);
    mk_profile_free(&p);
    mk_funding_qf.free(inst);
}

static void test_split_remainder(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile p = MK_PROFILE_INIT, out = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&p, 1, 5, &ctx), 0);
    int64_t *row = mk_profile_row(&p, 0);
    row[MK_FUNDING_COUNT] = 1;
    row[MK_FUNDING_WEIGHT] = MK_FUNDING_WEIGHT_ONE;
    row[MK_FUNDING_LIMBS] = 1;
    row[MK_FUNDING_FIRST + 1] = 901;
    assert_int_equal(mk_funding_qf.split(NULL, &p, 0, 2, &out, &ctx), 0);
    assert_int_equal(mk_profile_row(&out, 0)[MK_FUNDING_FIRST + 1], 451);
    assert_int_equal(mk_profile_row(&out, 1)[MK_FUNDING_FIRST + 1], 450);
    assert_int_equal(mk_funding_qf.split(NULL, &p, 1, 2, &out, &ctx), MK_EPARAM);
    mk_profile_free(&p);
    mk_profile_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scaled_to_pool),
        cmocka_unit_test(test_gitcoin_linear_qf_example),
        cmocka_unit_test(test_below_pool_unspent),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_cap_redistributes_in_rounds),
        cmocka_unit_test(test_min_contribution),
        cmocka_unit_test(test_sqrt_modes),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_rounding_ties),
        cmocka_unit_test(test_sybil_split),
        cmocka_unit_test(test_bad_parameters),
        cmocka_unit_test(test_bad_profiles),
        cmocka_unit_test(test_split_remainder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
