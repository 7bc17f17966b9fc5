/*
 * Tests of the clr.fund round reader (src/io/clrfund.c) and funding.clrfund
 * (src/mechanisms/funding/clrfund.c). Known answers: a small round worked
 * by hand below, and clr.fund round 9 (Arbitrum One) from
 * ../shared/data/funding/SOURCES.md: every project's allocatedAmount to the
 * wei, alpha = 1035658168562862201, and a 38,540 wei rounding shortfall
 * (skipped when the shared data is absent).
 */
#include "funding_fixture.h"

#include <stdlib.h>

#define ROUND9 "clrfund_round9_arbitrum_0x806F08B7DD31fE0267e8c70C4bF8C4BfbBddE760.json"

/* Runs funding.clrfund on JSON text; r->result holds result_json. */
static int run_round(const char *text, size_t len, funding_run *r, mk_ctx *ctx)
{
    memset(r, 0, sizeof *r);
    r->data = (mk_dataset)MK_DATASET_INIT;
    r->outcome = (mk_outcome)MK_OUTCOME_INIT;
    mk_input in = {"round.json", text, len, "json"};
    int rc = mk_funding_clrfund.read(&in, NULL, &r->data, ctx);
    if (rc == 0)
        rc = funding_prepare(&mk_funding_clrfund, r->data.scale, NULL, &r->inst, ctx);
    if (rc == 0)
        rc = mk_funding_clrfund.run(r->inst, &r->data.reports, &r->outcome, ctx);
    if (rc == 0) {
        r->result = json_object();
        rc = mk_funding_clrfund.result_json(r->inst, &r->data.reports, &r->outcome, r->result, ctx);
    }
    return rc;
}

static const char *project_field(const funding_run *r, size_t j, const char *key)
{
    const json_t *p = json_array_get(json_object_get(r->result, "projects"), j);
    return json_string_value(json_object_get(p, key));
}

/* Three projects, token with 0 decimals, factor 1, pool 1:
 *   option 0: v = 3, s = 5 (credits 4 and 1: sqrt 4 + sqrt 1 = 3)
 *   option 1: v = 2, s = 4 (one voter, 4 credits)
 *   option 2: v = 2, s = 2 (two voters, 1 credit each)
 *   option 3: unused, 0 and 0
 * S = 11, Q = 9 + 4 + 4 = 17, budget = 1 + 11 = 12,
 * alpha = floor(1 * 10^18 / (17 - 11)) = 166666666666666666,
 * allocated = floor((alpha (v^2 - s) + 10^18 s) / 10^18):
 *   option 0: floor(4 alpha / 10^18 + 5) = floor(5.666...) = 5
 *   option 1: floor(0 + 4) = 4
 *   option 2: floor(2 alpha / 10^18 + 2) = floor(2.333...) = 2
 * total 11: 1 unit of the budget is unspent. */
static const char small_round[] =
    "{\"round\": {\"nativeTokenDecimals\": 0, \"voiceCreditFactor\": \"1\", \"totalSpent\": "
    "\"11\", \"matchingPoolSize\": \"1\"},"
    " \"projects\": [{\"name\": \"b\", \"state\": \"Accepted\", \"recipientIndex\": 1},"
    " {\"name\": \"a\", \"state\": \"Accepted\", \"recipientIndex\": 0},"
    " {\"name\": \"a\", \"state\": \"Removed\", \"recipientIndex\": 2}],"
    " \"tally\": {\"results\": {\"tally\": [\"3\", \"2\", \"2\", \"0\"]},"
    " \"totalVoiceCreditsPerVoteOption\": {\"tally\": [\"5\", \"4\", \"2\", \"0\"]}}}";

static void test_small_round(void **state)
{
    (void)state;
    funding_run r;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_round(small_round, strlen(small_round), &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_string_equal(json_string_value(json_object_get(r.result, "alpha")),
                        "166666666666666666");
    assert_string_equal(json_string_value(json_object_get(r.result, "unspent")), "1");
    assert_string_equal(json_string_value(json_object_get(r.result, "budget")), "12");
    /* in the file's order: b (option 1), a (option 0), a (option 2) */
    assert_int_equal(json_array_size(json_object_get(r.result, "projects")), 3);
    assert_string_equal(project_field(&r, 0, "project"), "b");
    assert_string_equal(project_field(&r, 0, "allocated"), "4");
    assert_string_equal(project_field(&r, 0, "match"), "0");
    assert_string_equal(project_field(&r, 1, "allocated"), "5");
    assert_string_equal(project_field(&r, 1, "total"), "5");
    assert_string_equal(project_field(&r, 1, "match"), "0");
    assert_string_equal(project_field(&r, 1, "ideal_match"), "4");
    assert_string_equal(project_field(&r, 2, "allocated"), "2");
    funding_run_free(&mk_funding_clrfund, &r);
}

static void bad_round(const char *text, const char *want)
{
    funding_run r;
    mk_ctx ctx = MK_CTX_INIT;
    int rc = run_round(text, strlen(text), &r, &ctx);
    if (rc != MK_EINPUT || strstr(ctx.message, want) == NULL)
        fail_msg("got %d '%s', wanted '%s'", rc, ctx.message, want);
    funding_run_free(&mk_funding_clrfund, &r);
}

static void test_bad_rounds(void **state)
{
    (void)state;
    char text[1024];
    bad_round("{}", "no object \"round\"");
    bad_round("[", "round.json:");
    static const struct {
        const char *from, *to, *want;
    } edits[] = {
        {"\"matchingPoolSize\": \"1\"", "\"matchingPoolSize\": \"1e3\"",
         "round.matchingPoolSize: expected a decimal string"},
        {"\"matchingPoolSize\": \"1\"",
         "\"matchingPoolSize\": \"1234567890123456789012345678901234567890\"", "past 2^63 * 10^18"},
        {"\"totalSpent\": \"11\"", "\"totalSpent\": \"-11\"", "round.totalSpent"},
        {"\"voiceCreditFactor\": \"1\"", "\"voiceCreditFactor\": \"0\"", "factor must be above 0"},
        {"[\"3\", \"2\", \"2\", \"0\"]", "[\"3\", \"2\", \"2\"]", "has 3 options but"},
        {"[\"3\", \"2\", \"2\", \"0\"]", "[\"3\", \"99999999999999999999\", \"2\", \"0\"]",
         "tally.results.tally[1]: '99999999999999999999' is past 2^63-1"},
        {"\"recipientIndex\": 2", "\"recipientIndex\": 0", "projects[2].recipientIndex: 0 is also"},
        {"\"recipientIndex\": 2", "\"recipientIndex\": 4", "projects[2].recipientIndex"},
        {"\"name\": \"b\"", "\"name\": 5", "projects[0]: needs a string name"},
        /* every option v^2 == s: Q - S = 0 */
        {"[\"3\", \"2\", \"2\", \"0\"]", "[\"1\", \"2\", \"1\", \"0\"]", "alpha is undefined"},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        const char *at = strstr(small_round, edits[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - small_round), small_round, edits[i].to,
                 at + strlen(edits[i].from));
        bad_round(text, edits[i].want);
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            char *grown = realloc(buf, cap);
            assert_non_null(grown);
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* SOURCES.md, round 9: all 82 allocatedAmount values reproduced to the wei. */
static void test_round9(void **state)
{
    (void)state;
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    char path[1024];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/funding/" ROUND9, dir != NULL ? dir : ".");
    char *text = dir != NULL ? slurp(path, &len) : NULL;
    if (text == NULL)
        skip();
    funding_run r;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_round(text, len, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    json_t *doc = json_loadb(text, len, 0, NULL);
    assert_non_null(doc);
    const json_t *projects = json_object_get(doc, "projects");
    assert_int_equal(json_array_size(projects), 82);
    assert_int_equal(json_array_size(json_object_get(r.result, "projects")), 82);
    for (size_t j = 0; j < 82; j++) {
        const char *want =
            json_string_value(json_object_get(json_array_get(projects, j), "allocatedAmount"));
        assert_string_equal(project_field(&r, j, "allocated_units"), want);
    }
    assert_string_equal(json_string_value(json_object_get(r.result, "alpha")),
                        "1035658168562862201");
    /* pool + contributions - sum of allocations = 38,540 wei */
    assert_string_equal(json_string_value(json_object_get(r.result, "unspent")),
                        "0.000000000000038540");
    assert_string_equal(json_string_value(json_object_get(r.result, "pool")),
                        "81356.901109533883438639");
    /* the largest: clr.fund, 23,753.17 DAI */
    int found = 0;
    for (size_t j = 0; j < 82; j++)
        if (strcmp(project_field(&r, j, "project"), "clr.fund") == 0) {
            found = 1;
            assert_memory_equal(project_field(&r, j, "allocated"), "23753.17", 8);
        }
    assert_true(found);
    json_decref(doc);
    free(text);
    funding_run_free(&mk_funding_clrfund, &r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_round),
        cmocka_unit_test(test_bad_rounds),
        cmocka_unit_test(test_round9),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
