/*
 * Tests of funding.assurance (src/mechanisms/funding/assurance.c):
 * dominant assurance contracts (Tabarrok 1998). Every expected value is
 * worked by hand from the rule: a contract whose pledges reach the
 * threshold is funded and its pledgers pay; otherwise pledges are
 * refunded and each pledger receives the refund bonus.
 */
#include "funding_fixture.h"

/* Two contracts, threshold 100: park (a 60 + b 50 = 110: funded), pool
 * (a 30 + c 20 = 50: fails). */
static const char round_csv[] = "contributor,project,amount\n"
                                "a,park,60\nb,park,50\na,pool,30\nc,pool,20\n";

/* Reads and runs csv (the rule's outcome facts are its answer; it has no
 * "unspent" for funding_run_profile to check). */
static void run_csv(const char *csv, const char *const *kv, funding_run *r)
{
    mk_ctx ctx = MK_CTX_INIT;
    funding_read_prepare(&mk_funding_assurance, csv, kv, r);
    if (mk_funding_assurance.run(r->inst, &r->data.reports, &r->outcome, &ctx) != 0)
        fail_msg("run: %s", ctx.message);
}

static int64_t fact(const funding_run *r, const char *name)
{
    const mk_fact *f = mk_outcome_fact(&r->outcome, name);
    assert_non_null(f);
    return f->value;
}

/* bonus=5: a pays 60 for park and gets 5 for pool: 55; b pays 50; c is
 * refunded and gets 5: -5. The entrepreneur collects 110 for a good that
 * costs 100 and pays 10 in bonuses: net 0. */
static void test_fixed_bonus(void **state)
{
    (void)state;
    static const char *const kv[] = {"threshold=100", "bonus=5", NULL};
    funding_run r;
    run_csv(round_csv, kv, &r);
    static const int64_t pay[3] = {55, 50, -5}, won[3] = {1, 1, 0}, bonus[3] = {5, 0, 5};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(r.outcome.payment[i], pay[i]);
        assert_int_equal(r.outcome.allocation[i], won[i]);
        assert_int_equal(r.outcome.column[i], bonus[i]);
    }
    assert_int_equal(fact(&r, "funded"), 1);
    assert_int_equal(fact(&r, "collected"), 110);
    assert_int_equal(fact(&r, "bonuses"), 10);
    assert_int_equal(fact(&r, "entrepreneur_net"), 0);
    json_t *result = json_object();
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(
        mk_funding_assurance.result_json(r.inst, &r.data.reports, &r.outcome, result, &ctx), 0);
    const json_t *pool = json_array_get(json_object_get(result, "projects"), 1);
    assert_string_equal(json_string_value(json_object_get(pool, "project")), "pool");
    assert_true(json_is_false(json_object_get(pool, "funded")));
    assert_string_equal(json_string_value(json_object_get(pool, "bonus")), "10");
    assert_string_equal(json_string_value(json_object_get(pool, "total")), "50");
    json_decref(result);
    /* utility with values = pledges: a values park at 60 and pays 55: 5;
     * c gets nothing and is paid 5: 5; b: 50 - 50 = 0 */
    mk_rational u;
    assert_int_equal(mk_funding_assurance.utility(r.inst, &r.data.reports, 0, &r.outcome, &u, &ctx),
                     0);
    assert_int_equal(u.num, 5);
    assert_int_equal(mk_funding_assurance.utility(r.inst, &r.data.reports, 1, &r.outcome, &u, &ctx),
                     0);
    assert_int_equal(u.num, 0);
    assert_int_equal(mk_funding_assurance.utility(r.inst, &r.data.reports, 2, &r.outcome, &u, &ctx),
                     0);
    assert_int_equal(u.num, 5);
    funding_run_free(&mk_funding_assurance, &r);
}

/* bonus_share=0.1: a gets floor(0.1 * 30) = 3, c floor(0.1 * 20) = 2; net
 * 10 - 5 = 5. At 0.15: 4.5 -> 4 and 3 (floors). */
static void test_bonus_share(void **state)
{
    (void)state;
    static const char *const kv[] = {"threshold=100", "bonus_share=0.1", NULL};
    funding_run r;
    run_csv(round_csv, kv, &r);
    assert_int_equal(r.outcome.payment[0], 57);
    assert_int_equal(r.outcome.payment[2], -2);
    assert_int_equal(fact(&r, "bonuses"), 5);
    assert_int_equal(fact(&r, "entrepreneur_net"), 5);
    funding_run_free(&mk_funding_assurance, &r);
    static const char *const kv15[] = {"threshold=100", "bonus_share=0.15", NULL};
    run_csv(round_csv, kv15, &r);
    assert_int_equal(r.outcome.column[0], 4);
    assert_int_equal(r.outcome.column[2], 3);
    funding_run_free(&mk_funding_assurance, &r);
}

/* Exactly the threshold succeeds; one unit less fails (threshold 110 and
 * 111 on park's 110). */
static void test_threshold_edge(void **state)
{
    (void)state;
    static const char *const at[] = {"threshold=110", "bonus=1", NULL};
    funding_run r;
    run_csv(round_csv, at, &r);
    assert_int_equal(fact(&r, "funded"), 1);
    assert_int_equal(r.outcome.payment[1], 50);
    funding_run_free(&mk_funding_assurance, &r);
    static const char *const above[] = {"threshold=111", "bonus=1", NULL};
    run_csv(round_csv, above, &r);
    assert_int_equal(fact(&r, "funded"), 0);
    assert_int_equal(r.outcome.payment[1], -1);
    assert_int_equal(fact(&r, "entrepreneur_net"), -4); /* four pledges, 1 each */
    funding_run_free(&mk_funding_assurance, &r);
}

/* Sybils: c (pool 40, failed) as 4 identities of 10. A fixed bonus of 5
 * pays each identity: 20 instead of 5, a gain of (k - 1) * 5 = 15; a
 * share of 0.1 pays 4 * 1 = 4, as before. */
static void test_sybil_split(void **state)
{
    (void)state;
    static const char csv[] = "contributor,project,amount\nc,pool,40\na,pool,30\n";
    static const char *const fixed[] = {"threshold=100", "bonus=5", NULL};
    static const char *const share[] = {"threshold=100", "bonus_share=0.1", NULL};
    const char *const *kvs[2] = {fixed, share};
    static const int64_t alone[2] = {5, 4}, split[2] = {20, 4};
    for (int v = 0; v < 2; v++) {
        funding_run r;
        run_csv(csv, kvs[v], &r);
        assert_int_equal(r.outcome.column[0], alone[v]);
        mk_profile p = MK_PROFILE_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(mk_funding_assurance.split(r.inst, &r.data.reports, 0, 4, &p, &ctx), 0);
        assert_int_equal(mk_funding_assurance.run(r.inst, &p, &r.outcome, &ctx), 0);
        int64_t got = r.outcome.column[0];
        for (size_t i = 2; i < p.n; i++)
            got += r.outcome.column[i];
        assert_int_equal(got, split[v]);
        mk_profile_free(&p);
        funding_run_free(&mk_funding_assurance, &r);
    }
}

static void test_bad_parameters(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst;
    static const char *const none[] = {"bonus=1", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, none, &inst, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "threshold"));
    static const char *const zero[] = {"threshold=0", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, zero, &inst, &ctx), MK_EPARAM);
    static const char *const both[] = {"threshold=5", "bonus=1", "bonus_share=0.1", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, both, &inst, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "not both"));
    static const char *const big[] = {"threshold=5", "bonus_share=1.5", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, big, &inst, &ctx), MK_EPARAM);
    static const char *const neg[] = {"threshold=5", "bonus=-1", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, neg, &inst, &ctx), MK_EPARAM);
    static const char *const ok[] = {"threshold=5", "bonus_share=1", NULL};
    assert_int_equal(funding_prepare(&mk_funding_assurance, 0, ok, &inst, &ctx), 0);
    mk_funding_assurance.free(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_bonus),    cmocka_unit_test(test_bonus_share),
        cmocka_unit_test(test_threshold_edge), cmocka_unit_test(test_sybil_split),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
