/*
 * The JSON and text writers of `mechkit audit` (src/cli/audit_json.c,
 * audit_text.c and audit_save.c, compiled in here) on reports that the auction family
 * cannot produce through the command line: a sybil split that pays and a
 * claim that fails, both from toy mechanisms defined below.
 */
#include "support/auction_fixture.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/audit_json.c"
#include "cli/audit_save.c"
#include "cli/cli_json.c"
#include "cli/audit_text.c"
#include "mechkit/auction.h"

/* Second-price, but every participant is paid 1 to take part and the
 * winner pays its own bid plus one more: claims DSIC and IR, fails both, and
 * a split into identities bidding zero collects the subsidy k - 1 times. */
static int toy_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    int rc = mk_auction_second_price.run(inst, reports, out, ctx);
    for (size_t i = 0; rc == 0 && i < out->n; i++) {
        if (out->allocation[i] > 0)
            out->payment[i] = mk_profile_row(reports, i)[MK_BID_FIRST] + 2;
        out->payment[i] -= 1;
    }
    return rc;
}

static int toy_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                     mk_profile *out, mk_ctx *ctx)
{
    (void)inst;
    (void)who;
    size_t n = reports->n, width = reports->width;
    int rc = mk_profile_resize(out, n + k - 1, width, ctx);
    if (rc != 0)
        return rc;
    memcpy(out->cells, reports->cells, n * width * sizeof *out->cells);
    for (size_t i = n; i < n + k - 1; i++) {
        int64_t *row = mk_profile_row(out, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = 0;
    }
    return MK_OK;
}

typedef struct written {
    char *text;
    size_t len;
} written;

/* Audits the toy on 30 profiles and writes the report as JSON or text. */
static written write_toy(int json)
{
    mk_mechanism toy = mk_auction_second_price;
    toy.name = "test.toy";
    toy.run = toy_run;
    toy.split = toy_split;
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 30;
    mk_setting setting = {0, o.participants, 0, 0, NULL, 0};
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    if (mk_audit_run(&toy, &params, &setting, NULL, &o, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    audit_view v = {
        .mech = &toy, .params = &params, .opts = &o, .report = &r, .types_source = "sampled"};
    written w = {NULL, 0};
    FILE *out = open_memstream(&w.text, &w.len);
    assert_non_null(out);
    assert_int_equal(json ? audit_write_json(&v, out) : audit_write_text(&v, out), 0);
    fclose(out);
    mk_audit_report_free(&r);
    mk_params_free(&params);
    return w;
}

static const char *text_at(const json_t *doc, const char *path)
{
    const json_t *v = doc;
    char key[64];
    for (const char *p = path; v != NULL && *p != '\0';) {
        size_t len = strcspn(p, ".");
        snprintf(key, sizeof key, "%.*s", (int)len, p);
        v = json_object_get(v, key);
        p += len + (p[len] == '.');
    }
    if (!json_is_string(v))
        fail_msg("%s is not a string", path);
    return json_string_value(v);
}

static void json_report_of_a_sybil_and_failed_claims(void **state)
{
    (void)state;
    written w = write_toy(1);
    json_error_t error;
    json_t *doc = json_loadb(w.text, w.len, 0, &error);
    if (doc == NULL)
        fail_msg("not JSON: %s", error.text);
    assert_string_equal(text_at(doc, "command"), "audit");
    assert_true(json_is_null(json_object_get(doc, "input")));
    const json_t *result = json_object_get(doc, "result");
    const json_t *sybil = json_object_get(result, "sybil");
    assert_true(json_is_true(json_object_get(sybil, "checked")));
    assert_true(json_is_true(json_object_get(sybil, "found")));
    assert_string_equal(text_at(sybil, "max_gain"), "2");
    const json_t *worst = json_object_get(sybil, "worst");
    assert_int_equal(json_integer_value(json_object_get(worst, "identities")), 3);
    /* Identities 2 and 3 of participant "1" are "1#2" and "1#3". */
    const json_t *split = json_object_get(worst, "split");
    assert_int_equal(json_object_size(split), 3);
    assert_non_null(json_object_get(split, "1#3"));
    assert_string_equal(text_at(worst, "deviating_outcome.payments.1#2"), "-1");
    assert_string_equal(text_at(worst, "gain"), "2");
    assert_non_null(strstr(text_at(worst, "split_text"), " + 0 + 0"));
    /* Both claims fail, each with its counterexample. */
    const json_t *claims = json_object_get(result, "claims");
    size_t i;
    const json_t *c;
    size_t failed = 0;
    json_array_foreach(claims, i, c)
    {
        if (json_is_false(json_object_get(c, "holds"))) {
            failed++;
            assert_true(json_is_object(json_object_get(c, "counterexample")));
        }
    }
    assert_int_equal(failed, 2);
    const json_t *dsic = json_array_get(claims, 0);
    assert_string_equal(text_at(dsic, "claim"), "dsic");
    assert_non_null(json_object_get(json_object_get(dsic, "counterexample"), "deviating"));
    /* The losers of the toy both gain by bidding together... nothing more:
     * the pair search runs and says so either way. */
    const json_t *coalition = json_object_get(result, "coalition");
    assert_true(json_is_true(json_object_get(coalition, "checked")));
    assert_non_null(json_object_get(coalition, "with_side_payments"));
    json_decref(doc);
    free(w.text);
}

static void text_report_of_a_sybil_and_failed_claims(void **state)
{
    (void)state;
    written w = write_toy(0);
    assert_non_null(strstr(w.text, "sybil splits (each participant, truthful, as 2 to 3"));
    assert_non_null(strstr(w.text, "(identity 3)"));
    assert_non_null(strstr(w.text, "utility 1 truthful, 3 as 3 identities: gain 2"));
    assert_non_null(strstr(w.text, "dsic                   FAILS"));
    assert_non_null(strstr(w.text, "ir                     FAILS"));
    assert_non_null(strstr(w.text, "coalitions of two"));
    free(w.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_report_of_a_sybil_and_failed_claims),
        cmocka_unit_test(text_report_of_a_sybil_and_failed_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
