/*
 * Tests of funding.conviction (src/mechanisms/funding/conviction.c). The
 * expected values are worked by hand from the rule: y_0 = 0, y_{t+1} =
 * alpha y_t + s_t, pass when y_t >= rho S / ((1 - alpha)(beta - r/R)^2),
 * and from the closed form for a constant stake: y_t = S (1 - alpha^t) /
 * (1 - alpha).
 */
#include "funding_fixture.h"

/* Reads and runs csv and fills r->result (conviction has no "unspent" for
 * funding_run_profile to check). */
static void run_csv(const char *csv, const char *const *kv, funding_run *r)
{
    mk_ctx ctx = MK_CTX_INIT;
    const mk_mechanism *m = &mk_funding_conviction;
    funding_read_prepare(m, csv, kv, r);
    if (m->run(r->inst, &r->data.reports, &r->outcome, &ctx) != 0)
        fail_msg("run: %s", ctx.message);
    r->result = json_object();
    assert_int_equal(m->result_json(r->inst, &r->data.reports, &r->outcome, r->result, &ctx), 0);
}

static const json_t *proposal(const funding_run *r, size_t q)
{
    return json_array_get(json_object_get(r->result, "projects"), q);
}

static const char *text(const funding_run *r, size_t q, const char *key)
{
    return json_string_value(json_object_get(proposal(r, q), key));
}

static long long block(const funding_run *r, size_t q)
{
    const json_t *b = json_object_get(proposal(r, q), "block");
    return json_is_null(b) ? -1 : (long long)json_integer_value(b);
}

/* alpha 1/2, beta 1/2, rho 0.14, S 10, R 100.
 *   A (r 10, a stakes 10 from block 0): threshold 1.4 / (0.5 * 0.4^2) =
 *     17.5; y = 0, 10, 15, 17.5: passes at block 3. R becomes 90.
 *   B (r 60: 60/100 >= beta): never; c's 8 from block 0 give y_6 =
 *     8 (1 - 2^-6) / (1/2) = 15.75.
 *   C (r 20, b stakes 21 from block 1): threshold at R 100 is
 *     1.4 / (0.5 * 0.3^2) = 31.11 and y_3 = 10.5 + 21 = 31.5 would pass,
 *     but A passes first in block 3 and at R 90 it is
 *     1.4 / (0.5 (0.5 - 2/9)^2) = 36.288; y_4 = 36.75: block 4. */
static const char round_csv[] = "block,voter,proposal,stake,requested\n"
                                "0,a,A,10.00,10.00\n0,c,B,8.00,60.00\n1,b,C,21.00,20.00\n";
static const char *const round_kv[] = {"pool=100",  "alpha=0.5", "beta=0.5", "rho=0.14",
                                       "supply=10", "until=6",   NULL};

static void test_hand_round(void **state)
{
    (void)state;
    funding_run r;
    run_csv(round_csv, round_kv, &r);
    assert_int_equal(block(&r, 0), 3);
    assert_string_equal(text(&r, 0, "conviction"), "17.50");
    assert_string_equal(text(&r, 0, "threshold"), "17.50");
    assert_string_equal(text(&r, 0, "match"), "10.00");
    assert_int_equal(block(&r, 1), -1);
    assert_string_equal(text(&r, 1, "conviction"), "15.75");
    assert_true(json_is_null(json_object_get(proposal(&r, 1), "threshold")));
    assert_string_equal(text(&r, 1, "match"), "0.00");
    assert_int_equal(block(&r, 2), 4);
    assert_string_equal(text(&r, 2, "conviction"), "36.75");
    assert_string_equal(text(&r, 2, "threshold"), "36.28");
    assert_int_equal(mk_outcome_fact(&r.outcome, "unspent")->value, 7000);
    assert_int_equal(mk_outcome_fact(&r.outcome, "passed")->value, 2);
    /* voters a and b each backed one proposal that passed, c none */
    assert_int_equal(r.outcome.allocation[0], 1);
    assert_int_equal(r.outcome.allocation[1], 0);
    assert_int_equal(r.outcome.allocation[2], 1);
    funding_run_free(&mk_funding_conviction, &r);
}

/* Constant stake 1000 from block 0, alpha 0.9: y_10 = 1000 (1 - 0.9^10)
 * / 0.1 = 6513.215599 (shown 6513). The threshold rho S / ((1 - alpha)
 * beta^2) with r = 0, S = 1000, beta = 1, rho = 0.65: 6500: y_9 =
 * 6125.795... < 6500 <= y_10, so the proposal passes at block 10. */
static void test_closed_form(void **state)
{
    (void)state;
    static const char csv[] = "block,voter,proposal,stake,requested\n0,v,p,1000,0\n";
    static const char *const watch[] = {"pool=1",  "alpha=0.9", "beta=1",
                                        "rho=100", "until=10",  NULL};
    funding_run r;
    run_csv(csv, watch, &r);
    assert_int_equal(block(&r, 0), -1);
    assert_string_equal(text(&r, 0, "conviction"), "6513");
    funding_run_free(&mk_funding_conviction, &r);
    static const char *const pass[] = {"pool=1",   "alpha=0.9", "beta=1",
                                       "rho=0.65", "until=20",  NULL};
    run_csv(csv, pass, &r);
    assert_int_equal(block(&r, 0), 10);
    assert_string_equal(text(&r, 0, "threshold"), "6500");
    funding_run_free(&mk_funding_conviction, &r);
}

/* Withdrawing: a stakes 10 at block 0 and takes it back at block 2; with
 * alpha 1/2 y = 0, 10, 15, 7.5, 3.75 at block 4. Changes of one block are
 * summed (4 + 6 at block 0). */
static void test_withdrawal(void **state)
{
    (void)state;
    static const char csv[] = "block,voter,proposal,stake,requested\n"
                              "0,a,p,4,1\n0,a,p,6,1\n2,a,p,-10,1\n";
    static const char *const kv[] = {"pool=100",    "alpha=0.5", "rho=1",
                                     "supply=1000", "until=4",   NULL};
    funding_run r;
    run_csv(csv, kv, &r);
    assert_string_equal(text(&r, 0, "conviction"), "3");
    assert_string_equal(text(&r, 0, "total"), "0");
    assert_int_equal(block(&r, 0), -1);
    funding_run_free(&mk_funding_conviction, &r);
}

/* Conviction is linear in stake: one voter as 3 identities passes the
 * same proposals at the same blocks. */
static void test_split(void **state)
{
    (void)state;
    funding_run r;
    run_csv(round_csv, round_kv, &r);
    mk_profile p = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_funding_conviction.split(r.inst, &r.data.reports, 2, 3, &p, &ctx), 0);
    assert_int_equal(p.n, 5);
    /* b (row 3: voters in order a, c, b) has 2100 cents: 700 each */
    assert_int_equal(mk_profile_row(&p, 2)[MK_CONVICTION_FIRST + MK_CONVICTION_DELTA], 700);
    assert_int_equal(mk_profile_row(&p, 4)[MK_CONVICTION_FIRST + MK_CONVICTION_DELTA], 700);
    assert_int_equal(mk_funding_conviction.run(r.inst, &p, &r.outcome, &ctx), 0);
    json_decref(r.result);
    r.result = json_object();
    assert_int_equal(mk_funding_conviction.result_json(r.inst, &p, &r.outcome, r.result, &ctx), 0);
    assert_int_equal(block(&r, 0), 3);
    assert_int_equal(block(&r, 2), 4);
    /* uneven: 10 then -3 over 3 identities: 4, 3, 3 then 3, 2, 2 */
    mk_profile one = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&one, 1, 9, &ctx), 0);
    int64_t row[9] = {2, 0, 0, 10, 5, 1, 0, -3, 5};
    memcpy(mk_profile_row(&one, 0), row, sizeof row);
    assert_int_equal(mk_funding_conviction.split(r.inst, &one, 0, 3, &p, &ctx), 0);
    static const int64_t want[3][2] = {{4, -1}, {3, -1}, {3, -1}};
    for (size_t id = 0; id < 3; id++) {
        const int64_t *x = mk_profile_row(&p, id);
        assert_int_equal(x[1 + 2], want[id][0]);
        assert_int_equal(x[5 + 2], want[id][1]);
    }
    mk_profile_free(&one);
    mk_profile_free(&p);
    funding_run_free(&mk_funding_conviction, &r);
}

/* Candidates: withhold all, double all, only A, only B. */
static void test_deviations(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile types = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&types, 1, 9, &ctx), 0);
    int64_t truth[9] = {2, 0, 0, 10, 5, 1, 1, 6, 9};
    memcpy(mk_profile_row(&types, 0), truth, sizeof truth);
    int64_t rows[8 * 9];
    mk_deviation_set out = {rows, 9, 8, 0, 1};
    assert_int_equal(mk_funding_conviction.deviations(NULL, &types, 0, NULL, &out, &ctx), 0);
    assert_int_equal(out.n, 4);
    static const int64_t want[4][2] = {{0, 0}, {20, 12}, {10, 0}, {0, 6}};
    for (size_t d = 0; d < 4; d++) {
        assert_int_equal(rows[d * 9 + 3], want[d][0]);
        assert_int_equal(rows[d * 9 + 7], want[d][1]);
    }
    mk_profile_free(&types);
}

/* Bad input: the reader names the line and field. */
static void expect_bad(const char *csv, const char *needle)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset d = MK_DATASET_INIT;
    mk_input in = {"bad.csv", csv, strlen(csv), "csv"};
    assert_int_equal(mk_conviction_read(&in, -1, &d, &ctx), MK_EINPUT);
    if (strstr(ctx.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, needle);
    mk_dataset_free(&d);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_bad("", "empty");
    expect_bad("block,voter,proposal,stake\n", "requested");
    expect_bad("block,voter,proposal,stake,requested\n", "only a header");
    expect_bad("block,voter,proposal,stake,requested\nx,a,p,1,1\n", "line 2: field 'block'");
    expect_bad("block,voter,proposal,stake,requested\n1,,p,1,1\n", "line 2: field 'voter'");
    expect_bad("block,voter,proposal,stake,requested\n1,a,p,1e3,1\n", "line 2: field 'stake'");
    expect_bad("block,voter,proposal,stake,requested\n1,a,p,1,5\n2,b,p,1,6\n", "line 3");
    expect_bad("block,voter,proposal,stake,requested\n1,a,p,1,5\n2,a,p,-2,5\n", "negative stake");
    expect_bad("block,voter,proposal,stake,requested\n1,a,p,1\n", "line 2: 4 fields");
    expect_bad("block,voter,proposal,stake,requested\n1,a,p,1,-5\n", "requested");
}

static void test_bad_parameters(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const none[] = {"alpha=0.5", NULL};
    assert_int_equal(funding_prepare(&mk_funding_conviction, 0, none, &inst, &ctx), MK_EPARAM);
    static const char *const a1[] = {"pool=1", "alpha=1", NULL};
    assert_int_equal(funding_prepare(&mk_funding_conviction, 0, a1, &inst, &ctx), MK_EPARAM);
    static const char *const b0[] = {"pool=1", "beta=0", NULL};
    assert_int_equal(funding_prepare(&mk_funding_conviction, 0, b0, &inst, &ctx), MK_EPARAM);
    static const char *const r0[] = {"pool=1", "rho=0", NULL};
    assert_int_equal(funding_prepare(&mk_funding_conviction, 0, r0, &inst, &ctx), MK_EPARAM);
    /* until before the first change */
    static const char csv[] = "block,voter,proposal,stake,requested\n5,a,p,1,1\n";
    static const char *const early[] = {"pool=1", "until=2", NULL};
    assert_int_equal(funding_prepare(&mk_funding_conviction, 0, early, &inst, &ctx), 0);
    mk_dataset d = MK_DATASET_INIT;
    mk_input in = {"t.csv", csv, strlen(csv), "csv"};
    assert_int_equal(mk_conviction_read(&in, -1, &d, &ctx), 0);
    mk_outcome o = MK_OUTCOME_INIT;
    assert_int_equal(mk_funding_conviction.run(inst, &d.reports, &o, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "until"));
    mk_outcome_free(&o);
    mk_dataset_free(&d);
    mk_funding_conviction.free(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_round),     cmocka_unit_test(test_closed_form),
        cmocka_unit_test(test_withdrawal),     cmocka_unit_test(test_split),
        cmocka_unit_test(test_deviations),     cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
