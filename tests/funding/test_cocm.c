/*
 * Tests of funding.cocm (src/mechanisms/funding/cocm.c). Every expected
 * value is worked by hand in the comments from the two definitions:
 *   match = sum over groups g != h of sqrt(S[g][h] S[h][g]),
 *   S[g][h] = sum over i in g of w_ig K(i, h),
 * groups being the projects each contributor funds; paper (Miller, Weyl
 * and Erichsen 2022): w = 1/T_i, K = sqrt(c_i) (every active group is
 * connected); gitcoin (Gitcoin's calculator, markov + harsh): w by amount,
 * K = (1 - k) c_i with k the two-step walk from i to h, 1 in i's groups.
 */
#include "funding_fixture.h"

/* paper. a gives X 4; b gives X 9 and Y 1 (T_b = 2).
 *   X: s_X = sqrt(4)/1 + sqrt(9)/2 = 3.5, s_Y = sqrt(9)/2 = 1.5,
 *      match 2 sqrt(3.5 * 1.5) = 2 sqrt(5.25) = 4.58257...
 *   Y: s_X = s_Y = sqrt(1)/2, match 2 sqrt(1/4) = 1 (b alone gets a match:
 *      its root is split between two groups, which the paper pairs).
 * Pool 100: X 100 * 4.58257 / 5.58257 = 82.0871 -> 82.08 + 0.71 of a
 * cent, Y 17.9129 -> 17.91 + 0.29; the cent left goes to X. */
static const char paper_csv[] = "contributor,project,amount\na,X,4.00\nb,X,9.00\nb,Y,1.00\n";

static void test_paper_hand_case(void **state)
{
    (void)state;
    static const char *const kv[] = {"pool=100", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_cocm, paper_csv, kv, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "4.58");
    assert_string_equal(funding_get(&r, "Y", "ideal_match"), "1.00");
    assert_string_equal(funding_get(&r, "X", "match"), "82.09");
    assert_string_equal(funding_get(&r, "Y", "match"), "17.91");
    assert_string_equal(funding_get(&r, "X", "contributors"), "2");
    assert_string_equal(r.unspent, "0.00");
    funding_run_free(&mk_funding_cocm, &r);
}

/* K mixes c and sqrt(c): amounts enter in whole units whatever the
 * decimals written, so the same round written with 4 places gives the same
 * ideals (4.5825, 1.0000) and the same shares of the pool. */
static void test_paper_independent_of_decimals(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\na,X,4.0000\nb,X,9.0000\nb,Y,1.0000\n";
    static const char *const kv[] = {"pool=100", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_cocm, csv, kv, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "4.5825");
    assert_string_equal(funding_get(&r, "Y", "ideal_match"), "1.0000");
    /* 100 * 4.58257569 / 5.58257569 = 82.087121... */
    assert_string_equal(funding_get(&r, "X", "match"), "82.0871");
    assert_string_equal(funding_get(&r, "Y", "match"), "17.9129");
    funding_run_free(&mk_funding_cocm, &r);
}

/* gitcoin. a gives X and Y 1 each, b gives X and Z 1 each.
 *   w (rows by amount): a: X 1/2, Y 1/2; b: X 1/2, Z 1/2.
 *   u (columns by amount): X: a 1/2, b 1/2; Y: a 1; Z: b 1.
 *   PJP[X] = (X 1/2, Y 1/4, Z 1/4), PJP[Y] = w_a, PJP[Z] = w_b.
 *   k(a, Z) = 1/2 PJP[X][Z] + 1/2 PJP[Y][Z] = 1/8; k(b, Y) = 1/8;
 *   k = 1 in one's own groups, so K(i, own group) = 0.
 *   X: S[Y][Z] = w_aY (1 - 1/8) 1 = 7/16 = S[Z][Y]; pairs with X itself
 *      are 0 (every funder of X is in X); match 2 * 7/16 = 0.875.
 *   Y, Z: one funder, in both active groups: 0. */
static const char gitcoin_csv[] =
    "contributor,project,amount\na,X,1.000\na,Y,1.000\nb,X,1.000\nb,Z,1.000\n";

static void test_gitcoin_hand_case(void **state)
{
    (void)state;
    static const char *const kv[] = {"pool=100", "variant=gitcoin", "below_pool=unspent", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_cocm, gitcoin_csv, kv, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "0.875");
    assert_string_equal(funding_get(&r, "Y", "ideal_match"), "0.000");
    assert_string_equal(funding_get(&r, "Z", "ideal_match"), "0.000");
    assert_string_equal(funding_get(&r, "X", "match"), "0.875");
    assert_string_equal(r.unspent, "99.125");
    funding_run_free(&mk_funding_cocm, &r);
    /* scaled up to the pool (the default), X takes all of it */
    static const char *const up[] = {"pool=100", "variant=gitcoin", NULL};
    funding_run_csv(&mk_funding_cocm, gitcoin_csv, up, &r);
    assert_string_equal(funding_get(&r, "X", "match"), "100.000");
    funding_run_free(&mk_funding_cocm, &r);
    /* the paper's rule on the same round: X has s_X = 1/2 + 1/2 = 1,
     * s_Y = s_Z = 1/2: (1 + 2 sqrt(1/2))^2 - 2 = 1 + 4 sqrt(1/2) =
     * 3.828427...; Y: s_X = s_Y = 1/2: 1; Z likewise 1. */
    static const char *const paper[] = {"pool=100", "below_pool=unspent", NULL};
    funding_run_csv(&mk_funding_cocm, gitcoin_csv, paper, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "3.828");
    assert_string_equal(funding_get(&r, "Y", "ideal_match"), "1.000");
    assert_string_equal(funding_get(&r, "Z", "ideal_match"), "1.000");
    funding_run_free(&mk_funding_cocm, &r);
}

/* The sum of the ideal matches of a run, in the unit of the last digit. */
static long ideal_total(const funding_run *r)
{
    long total = 0;
    const json_t *projects = json_object_get(r->result, "projects");
    for (size_t i = 0; i < json_array_size(projects); i++) {
        const char *s =
            json_string_value(json_object_get(json_array_get(projects, i), "ideal_match"));
        long v = 0;
        for (; *s; s++)
            if (*s != '.')
                v = 10 * v + (*s - '0');
        total += v;
    }
    return total;
}

/* One identity into k (mk_funding_split) under qf and both cocm variants.
 * ann gives X 4; bob X 1 and Y 1; cy Y 9. ann splits into 4 (X 1 each).
 *   qf: X (2 + 1)^2 - 5 = 4 -> (4 + 1)^2 - 5 = 20: gain 16; Y unchanged.
 *   paper: X s_X = 2 + 1/2, s_Y = 1/2: 2 sqrt(1.25) = 2.236 -> s_X =
 *     4 + 1/2: 2 sqrt(2.25) = 3: gain 0.764; Y unchanged.
 *   gitcoin: X's funders are all in X, and ann's identities only in X:
 *     every pair has a zero side, 0 before and after: gain 0. */
static void split_gain(const mk_mechanism *mech, const char *const *kv, long before, long after)
{
    static const char csv[] =
        "contributor,project,amount\nann,X,4.00\nbob,X,1.00\nbob,Y,1.00\ncy,Y,9.00\n";
    funding_run r;
    funding_run_csv(mech, csv, kv, &r);
    long base = ideal_total(&r);
    mk_profile split = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mech->split(r.inst, &r.data.reports, 0, 4, &split, &ctx), 0);
    funding_run_profile(mech, &r, &split);
    assert_int_equal(ideal_total(&r) - base, after - before);
    mk_profile_free(&split);
    funding_run_free(mech, &r);
}

static void test_sybil_split_gain(void **state)
{
    (void)state;
    static const char *const qf[] = {"pool=100", NULL};
    static const char *const paper[] = {"pool=100", NULL};
    static const char *const gitcoin[] = {"pool=100", "variant=gitcoin", NULL};
    split_gain(&mk_funding_qf, qf, 400, 2000);     /* in cents: 4.00 -> 20.00 */
    split_gain(&mk_funding_cocm, paper, 223, 300); /* 2.23 -> 3.00 */
    split_gain(&mk_funding_cocm, gitcoin, 0, 0);
}

/* Alone on a project, a contributor gets nothing, split or not. */
static void test_alone(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\nsolo,p,900\nx,q,1\ny,q,4\n";
    for (int v = 0; v < 2; v++) {
        const char *kv[] = {"pool=100", v ? "variant=gitcoin" : "variant=paper", NULL};
        funding_run r;
        funding_run_csv(&mk_funding_cocm, csv, kv, &r);
        assert_string_equal(funding_get(&r, "p", "ideal_match"), "0");
        mk_profile split = MK_PROFILE_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(mk_funding_cocm.split(r.inst, &r.data.reports, 0, 3, &split, &ctx), 0);
        funding_run_profile(&mk_funding_cocm, &r, &split);
        assert_string_equal(funding_get(&r, "p", "ideal_match"), "0");
        assert_string_equal(funding_get(&r, "p", "match"), "0");
        mk_profile_free(&split);
        funding_run_free(&mk_funding_cocm, &r);
    }
}

/* Given groups (-p groups=column). X is funded by a (4; groups G1, F),
 * b (9; G2, F) and c (1; G3).
 *   Each alone in its group (G1, G2, G3): nobody is connected across
 *   groups, K = c, S[g][h] = c_g: QF's 2 (6 + 2 + 3) = 22.
 *   paper, a and b sharing F: T = 2 for both; a and b are connected to
 *   G1, F and G2 (each other's groups) but not to G3, c only to G3. S:
 *   G1 -> F, G2: sqrt(4)/2 = 1, G3: 4/2 = 2; F -> G1, G2: 1 + 1.5 = 2.5,
 *   G3: 2 + 4.5 = 6.5; G2 -> G1, F: 1.5, G3: 4.5; G3 -> all: 1. Match
 *   2 (sqrt 2.5 + sqrt 1.5 + sqrt 2 + sqrt 3.75 + sqrt 6.5 + sqrt 4.5) =
 *   21.6548.
 *   gitcoin: w = 1/2 in each own group; PJP[G1] = (G1 1/2, F 1/2),
 *   PJP[F] = (G1 1/4, F 1/2, G2 1/4), PJP[G2] = (F 1/2, G2 1/2), PJP[G3]
 *   = G3; k(a, G2) = 1/2 * 1/4 = 1/8 = k(b, G1), 0 toward G3 and for c.
 *   S[G1][G2] = 1/2 (7/8) 4 = 1.75, S[G2][G1] = 1/2 (7/8) 9 = 3.9375,
 *   pairs with F have a zero side (a and b are in F), G1-G3 2 * 1,
 *   F-G3 6.5 * 1, G2-G3 4.5 * 1: 2 (2.625 + sqrt 2 + sqrt 6.5 +
 *   sqrt 4.5) = 17.4200. */
static void test_given_groups(void **state)
{
    (void)state;
    static const char apart[] = "contributor,project,amount,groups\n"
                                "a,X,4.00,G1\nb,X,9.00,G2\nc,X,1.00,G3\n";
    static const char shared[] = "contributor,project,amount,groups\n"
                                 "a,X,4.00,G1;F\nb,X,9.00,G2;F\nc,X,1.00,G3\n";
    static const char *const paper[] = {"pool=100", "groups=column", NULL};
    static const char *const gitcoin[] = {"pool=100", "groups=column", "variant=gitcoin", NULL};
    funding_run r;
    funding_run_csv(&mk_funding_cocm, apart, paper, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "22.00");
    funding_run_free(&mk_funding_cocm, &r);
    funding_run_csv(&mk_funding_cocm, shared, paper, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "21.65");
    /* a sybil of a keeps a's groups: its identities are connected */
    mk_profile split = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_funding_cocm.split(r.inst, &r.data.reports, 0, 2, &split, &ctx), 0);
    assert_int_equal(mk_profile_row(&split, 3)[split.width - 1], 2);
    mk_profile_free(&split);
    funding_run_free(&mk_funding_cocm, &r);
    funding_run_csv(&mk_funding_cocm, shared, gitcoin, &r);
    assert_string_equal(funding_get(&r, "X", "ideal_match"), "17.42");
    funding_run_free(&mk_funding_cocm, &r);
}

static void test_weights_rejected(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const kv[] = {"pool=10", NULL};
    assert_int_equal(funding_prepare(&mk_funding_cocm, 0, kv, &inst, &ctx), 0);
    mk_profile p = MK_PROFILE_INIT;
    mk_outcome o = MK_OUTCOME_INIT;
    assert_int_equal(mk_profile_resize(&p, 2, 5, &ctx), 0);
    for (size_t i = 0; i < 2; i++) {
        int64_t *row = mk_profile_row(&p, i);
        row[MK_FUNDING_COUNT] = 1;
        row[MK_FUNDING_WEIGHT] = MK_FUNDING_WEIGHT_ONE;
        row[MK_FUNDING_LIMBS] = 1;
        row[MK_FUNDING_FIRST] = 0;
        row[MK_FUNDING_FIRST + 1] = 5;
    }
    assert_int_equal(mk_funding_cocm.run(inst, &p, &o, &ctx), 0);
    mk_profile_row(&p, 1)[MK_FUNDING_WEIGHT] = MK_FUNDING_WEIGHT_ONE / 2;
    assert_int_equal(mk_funding_cocm.run(inst, &p, &o, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "row 2"));
    mk_outcome_free(&o);
    mk_profile_free(&p);
    mk_funding_cocm.free(inst);
    static const char *const bad[] = {"pool=10", "variant=numpy", NULL};
    assert_int_equal(funding_prepare(&mk_funding_cocm, 0, bad, &inst, &ctx), MK_EPARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_hand_case),
        cmocka_unit_test(test_paper_independent_of_decimals),
        cmocka_unit_test(test_gitcoin_hand_case),
        cmocka_unit_test(test_sybil_split_gain),
        cmocka_unit_test(test_alone),
        cmocka_unit_test(test_given_groups),
        cmocka_unit_test(test_weights_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
