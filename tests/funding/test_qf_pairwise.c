/*
 * Tests of funding.qf_pairwise (src/mechanisms/funding/qf_pairwise.c):
 * Buterin (2019), pairwise-bounded QF: k_ij = M / (M + sum_p
 * sqrt(c_ip c_jp)), ideal_q = sum_{i != j} k_ij sqrt(c_iq c_jq). The
 * expected values are worked by hand in the comments.
 */
#include "funding_fixture.h"

static void test_hand_worked(void **state)
{
    (void)state;
    /* a and b give 1 to p1 and 1 to p2; c gives 4 to p2. M = 2.
     *   pair (a,b): roots 1 on p1 and 1 on p2, shared sum 2, k = 2/4 = 1/2
     *   pair (a,c): root sqrt(1*4) = 2 on p2 only, k = 2/(2+2) = 1/2
     *   pair (b,c): the same, k = 1/2
     *   p1 = 2 * (1/2 * 1) = 1
     *   p2 = 2 * (1/2 * 1 + 1/2 * 2 + 1/2 * 2) = 5
     * pool 60: 60 * 1/6 = 10 and 60 * 5/6 = 50. */
    static const char csv[] = "contributor,project,amount\n"
                              "a,p1,1\nb,p1,1\na,p2,1\nb,p2,1\nc,p2,4\n";
    static const char *const kv[] = {"pool=60", "M=2", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf_pairwise, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "1");
    assert_string_equal(funding_get(&r, "p2", "ideal_match"), "5");
    assert_string_equal(funding_get(&r, "p1", "match"), "10");
    assert_string_equal(funding_get(&r, "p2", "match"), "50");
    assert_string_equal(funding_get(&r, "p2", "contributors"), "3");
    assert_string_equal(r.unspent, "0");
    funding_run_free(&mk_funding_qf_pairwise, &r);
}

/* The same round in binary64 arithmetic: every k_ij is 1/2 and every
 * root an integer, so the doubles are exact and so are the results. */
static void test_binary64_hand_worked(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\n"
                              "a,p1,1\nb,p1,1\na,p2,1\nb,p2,1\nc,p2,4\n";
    static const char *const kv[] = {"pool=60", "M=2", "arithmetic=binary64", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf_pairwise, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "1");
    assert_string_equal(funding_get(&r, "p2", "ideal_match"), "5");
    assert_string_equal(funding_get(&r, "p1", "match"), "10");
    assert_string_equal(funding_get(&r, "p2", "match"), "50");
    funding_run_free(&mk_funding_qf_pairwise, &r);
}

/* Exact and binary64 arithmetic agree on the matches of a round with
 * irrational roots (the shape of examples/contributions.csv). */
static void test_arithmetics_agree(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\n"
                              "ana,lib,5.00\nben,lib,5.00\ncai,lib,2.50\ndev,lib,10.00\n"
                              "eve,lib,1.00\nfay,lib,3.00\ngus,garden,200.00\nana,garden,1.00\n"
                              "hal,tool,25.00\nivy,tool,25.00\nhal,docs,20.00\nivy,docs,20.00\n"
                              "cai,docs,2.50\n";
    static const char *const exact[] = {"pool=1000", "M=10", NULL};
    static const char *const fast[] = {"pool=1000", "M=10", "arithmetic=binary64", NULL};
    static const char *const names[] = {"lib", "garden", "tool", "docs"};
    funding_run r1, r2;
    funding_run_csv(&mk_funding_qf_pairwise, csv, exact, &r1);
    funding_run_csv(&mk_funding_qf_pairwise, csv, fast, &r2);
    for (size_t i = 0; i < 4; i++) {
        char want[32];
        snprintf(want, sizeof want, "%s", funding_get(&r1, names[i], "match"));
        assert_string_equal(funding_get(&r2, names[i], "match"), want);
    }
    funding_run_free(&mk_funding_qf_pairwise, &r1);
    funding_run_free(&mk_funding_qf_pairwise, &r2);
}

static void test_large_m_tends_to_qf(void **state)
{
    (void)state;
    /* p1: 1, 4, 1, 9: QF ideal 34 (test_qf.c). With M = 10^6 every
     * pair's shared sum is at most 3 + 1 = 4 (dave and bob: 3 on p1, 1 on
     * p2... at most sqrt(4*9) + 1 = 7), so k_ij > 1 - 7/10^6 and the ideal
     * is below 34 by less than 34 * 7/10^6: shown rounded down it is 33,
     * and scaled to a pool of 1000 against p2 (ideal just below 12) the
     * matches are QF's: 1000 * 34/46 = 739.13 -> 739, 260.87 -> 261. */
    static const char csv[] = "contributor,project,amount\n"
                              "alice,p1,1\nbob,p1,4\ncarol,p1,1\ndave,p1,9\n"
                              "alice,p2,1\nbob,p2,1\ncarol,p2,1\ndave,p2,1\n";
    static const char *const kv[] = {"pool=1000", "M=1000000", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf_pairwise, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p1", "ideal_match"), "33");
    assert_string_equal(funding_get(&r, "p1", "match"), "739");
    assert_string_equal(funding_get(&r, "p2", "match"), "261");
    funding_run_free(&mk_funding_qf_pairwise, &r);
}

/* The sybil attack of test_qf.c: c = 900 split over k identities. Under
 * QF the ideal becomes (k - 1) c. Here each of the k(k-1) ordered pairs
 * has root c/k, shared sum c/k, so k_ij = M / (M + c/k) and the ideal is
 * (k - 1) c M / (M + c/k): with M = 100, k = 3: 1800 * 100/400 = 450;
 * k = 2: 900 * 100/550 = 163.63 (shown 163). The pairwise bound keeps
 * most of the gain away. */
static void test_sybil_split_bounded(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\nsolo,p,900\n";
    static const char *const kv[] = {"pool=10000", "below_pool=unspent", "M=100", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_qf_pairwise, csv, kv, &r);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "0");
    mk_profile split = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_funding_qf_pairwise.split(r.inst, &r.data.reports, 0, 3, &split, &ctx), 0);
    funding_run_profile(&mk_funding_qf_pairwise, &r, &split);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "450");
    assert_string_equal(funding_get(&r, "p", "match"), "450");
    assert_int_equal(mk_funding_qf_pairwise.split(r.inst, &r.data.reports, 0, 2, &split, &ctx), 0);
    funding_run_profile(&mk_funding_qf_pairwise, &r, &split);
    assert_string_equal(funding_get(&r, "p", "ideal_match"), "163");
    mk_profile_free(&split);
    funding_run_free(&mk_funding_qf_pairwise, &r);
}

static void test_bad_parameters(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const no_m[] = {"pool=10", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf_pairwise, 0, no_m, &inst, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "M"));
    static const char *const zero[] = {"pool=10", "M=0", NULL};
    assert_int_equal(funding_prepare(&mk_funding_qf_pairwise, 0, zero, &inst, &ctx), MK_EPARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_worked),         cmocka_unit_test(test_binary64_hand_worked),
        cmocka_unit_test(test_arithmetics_agree),   cmocka_unit_test(test_large_m_tends_to_qf),
        cmocka_unit_test(test_sybil_split_bounded), cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
