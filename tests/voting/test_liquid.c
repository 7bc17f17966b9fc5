/*
 * Liquid democracy (src/mechanisms/voting/liquid.c and its reader
 * src/io/liquid_csv.c): chains, cycles, self-delegation, delegation to an
 * abstainer, a direct vote overriding a delegation, the two policies, and
 * bad input. Expected weights are counted by hand beside each case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include "voting_fixture.h"

#include <jansson.h>
#include <string.h>

#include "mechkit/liquid.h"

typedef voting_csv_run run;

/* Reads and runs; returns the first error code (message in ctx). */
static int run_csv(const char *csv, const char *const *kv, run *r, mk_ctx *ctx)
{
    return voting_csv_run_text(&mk_voting_liquid, "d.csv", csv, kv, r, ctx);
}

static void run_free(run *r)
{
    voting_csv_run_free(&mk_voting_liquid, r);
}

static json_int_t get(const run *r, const char *object, const char *key)
{
    json_t *o = json_object_get(json_object_get(r->result, object), key);
    if (o == NULL)
        fail_msg("%s.%s is missing", object, key);
    return json_integer_value(o);
}

/* examples/liquid_delegations.csv: ada votes Park and carries ada, bob,
 * cyd (via bob) and lea (via cyd, bob): 4, a chain of 3 delegations; dan
 * votes Library for dan and eve; kim delegates to ada but also votes
 * Library, which overrides the delegation; fay and gus delegate to each
 * other and jon to himself: 3 lost in cycles; hal delegates to ivy, who
 * neither votes nor delegates: 1 lost, 1 abstained. */
static const char example[] = "voter,delegate,vote\n"
                              "ada,,Park\nbob,ada,\ncyd,bob,\ndan,,Library\neve,dan,\n"
                              "fay,gus,\ngus,fay,\nhal,ivy,\nivy,,\njon,jon,\nkim,ada,Library\n"
                              "lea,cyd,\n";

static void chains_cycles_abstainers(void **state)
{
    (void)state;
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_csv(example, NULL, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_int_equal(get(&r, "weights", "ada"), 4);
    assert_int_equal(get(&r, "weights", "dan"), 2);
    assert_int_equal(get(&r, "weights", "kim"), 1);
    assert_int_equal(get(&r, "tally", "Park"), 4);
    assert_int_equal(get(&r, "tally", "Library"), 3);
    assert_int_equal(get(&r, "lost", "cycles"), 3);
    assert_int_equal(get(&r, "lost", "abstainers"), 1);
    assert_int_equal(json_integer_value(json_object_get(r.result, "abstained")), 1);
    assert_int_equal(json_integer_value(json_object_get(r.result, "longest_chain")), 3);
    assert_string_equal(json_string_value(json_array_get(json_object_get(r.result, "winners"), 0)),
                        "Park");
    assert_int_equal(json_object_size(json_object_get(r.result, "weights")), 3);
    run_free(&r);
}

/* A long chain in reverse file order (each voter delegates to the one
 * listed after it): 200 voters, all carried by the last. */
static void long_chain(void **state)
{
    (void)state;
    char csv[8192] = "voter,delegate,vote\n";
    size_t len = strlen(csv);
    for (int i = 0; i < 199; i++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "v%d,v%d,\n", i, i + 1);
    snprintf(csv + len, sizeof csv - len, "v199,,Yes\n");
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_csv(csv, NULL, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_int_equal(get(&r, "weights", "v199"), 200);
    assert_int_equal(json_integer_value(json_object_get(r.result, "longest_chain")), 199);
    run_free(&r);
}

static void policies(void **state)
{
    (void)state;
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    static const char *const cycles[] = {"cycles=error", NULL};
    assert_int_equal(run_csv(example, cycles, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "delegations loop: fay -> gus -> fay"));
    run_free(&r);
    assert_int_equal(run_csv("voter,delegate,vote\nme,me,\nyou,,A\n", cycles, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "delegations loop: me -> me"));
    run_free(&r);
    static const char *const abst[] = {"abstainers=error", NULL};
    assert_int_equal(run_csv(example, abst, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "voter hal delegates to ivy, who neither votes"));
    run_free(&r);
}

static void bad(const char *csv, const char *want)
{
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_not_equal(run_csv(csv, NULL, &r, &ctx), 0);
    if (strstr(ctx.message, want) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, want);
    run_free(&r);
}

static void bad_input(void **state)
{
    (void)state;
    bad("voter,delegate,vote\na,,X\nb,zed,\n",
        "d.csv:3: column 2 ('delegate'): 'zed' is not a voter of the file");
    bad("voter,delegate,vote\na,,X\na,,Y\n",
        "d.csv:3: voter 'a' is listed twice (first on line 2)");
    bad("voter,vote\na,X\n", "the header lacks the column 'delegate'");
    bad("voter,delegate,vote,weight\n", "column 4: unknown column 'weight'");
    bad("voter,delegate,vote\na,\n", "d.csv:2: 2 cells, but the header has 3 columns");
    bad("voter,delegate,vote\n,,X\n", "d.csv:2: column 1 ('voter'): empty voter id");
    bad("voter,delegate,vote\na,,\n", "d.csv: nobody votes for a candidate");
    bad("voter,delegate,vote\n", "d.csv: no voters after the header");
    bad("", "d.csv: empty input");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chains_cycles_abstainers),
        cmocka_unit_test(long_chain),
        cmocka_unit_test(policies),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
