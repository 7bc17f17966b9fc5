/*
 * Quadratic voting (src/mechanisms/voting/quadratic.c and its reader
 * src/io/quadratic_csv.c): the integer square root, votes bought with
 * credits or cast directly, budgets, negative votes and bad input. Every
 * expected figure is counted by hand in the comment beside it.
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

#include "mechkit/quadratic.h"

typedef voting_csv_run run;

/* Reads and runs; returns the first error code (message in ctx). */
static int run_csv(const char *csv, const char *const *kv, run *r, mk_ctx *ctx)
{
    return voting_csv_run_text(&mk_voting_quadratic, "q.csv", csv, kv, r, ctx);
}

static void run_free(run *r)
{
    voting_csv_run_free(&mk_voting_quadratic, r);
}

static json_int_t votes_of(const run *r, const char *c)
{
    return json_integer_value(json_object_get(json_object_get(r->result, "votes"), c));
}

static void isqrt_exact(void **state)
{
    (void)state;
    for (int64_t r = 0; r < 3000; r++) {
        assert_int_equal(mk_isqrt(r * r), r);
        if (r > 0)
            assert_int_equal(mk_isqrt(r * r - 1), r - 1);
    }
    assert_int_equal(mk_isqrt(INT64_MAX), 3037000499);
    assert_int_equal(mk_isqrt(INT64_C(1000000000000)), 1000000);
}

/* examples/quadratic_votes.csv: Park 8+5+4, Library 6+10+4, Pool 7+9;
 * 4 credits of cai's 20 on Library and 3 of dee's 19 on Park buy nothing. */
static const char example[] = "voter,candidate,credits\n"
                              "ana,Park,64\nana,Library,36\nben,Library,100\n"
                              "cai,Park,25\ncai,Pool,49\ncai,Library,20\n"
                              "dee,Pool,81\ndee,Park,19\n";

static void credits_buy_square_roots(void **state)
{
    (void)state;
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_csv(example, NULL, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_int_equal(votes_of(&r, "Park"), 17);
    assert_int_equal(votes_of(&r, "Library"), 20);
    assert_int_equal(votes_of(&r, "Pool"), 16);
    assert_int_equal(json_integer_value(json_object_get(r.result, "wasted_credits")), 7);
    assert_string_equal(json_string_value(json_object_get(r.result, "chosen")), "Library");
    run_free(&r);
}

/* Votes cast directly cost votes^2: 10 votes is the whole budget of 100,
 * 11 is over it. */
static void votes_and_budgets(void **state)
{
    (void)state;
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(run_csv("voter,candidate,votes\na,X,10\nb,Y,6\nb,Z,8\n", NULL, &r, &ctx), 0);
    assert_int_equal(votes_of(&r, "X"), 10);
    assert_int_equal(votes_of(&r, "Z"), 8);
    run_free(&r);
    /* b spends 36 + 81 = 117 > 100 */
    assert_int_equal(run_csv("voter,candidate,votes\na,X,10\nb,Y,6\nb,Z,9\n", NULL, &r, &ctx),
                     MK_EINPUT);
    assert_non_null(strstr(ctx.message, "voter b spends 117 credits, over the budget of 100"));
    run_free(&r);
    static const char *const void_kv[] = {"over_budget=void", NULL};
    assert_int_equal(run_csv("voter,candidate,votes\na,X,10\nb,Y,6\nb,Z,9\n", void_kv, &r, &ctx),
                     0);
    assert_int_equal(votes_of(&r, "Z"), 0);
    assert_string_equal(json_string_value(json_array_get(json_object_get(r.result, "voided"), 0)),
                        "b");
    run_free(&r);
    static const char *const budget_kv[] = {"budget=117", NULL};
    assert_int_equal(run_csv("voter,candidate,votes\na,X,10\nb,Y,6\nb,Z,9\n", budget_kv, &r, &ctx),
                     0);
    assert_int_equal(votes_of(&r, "Z"), 9);
    run_free(&r);
}

/* Negative votes cost the same: with negative=yes, 5 votes for X and 4
 * against it from two voters leave X with 1, below Y's 3. */
static void negative_votes(void **state)
{
    (void)state;
    run r;
    mk_ctx ctx = MK_CTX_INIT;
    const char *csv = "voter,candidate,votes\na,X,5\nb,X,-4\nb,Y,3\n";
    assert_int_equal(run_csv(csv, NULL, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "q.csv:3: column 3 ('votes'): a negative amount needs"));
    run_free(&r);
    static const char *const kv[] = {"negative=yes", NULL};
    assert_int_equal(run_csv(csv, kv, &r, &ctx), 0);
    assert_int_equal(votes_of(&r, "X"), 1);
    assert_int_equal(votes_of(&r, "Y"), 3);
    assert_string_equal(json_string_value(json_object_get(r.result, "chosen")), "Y");
    run_free(&r);
    /* -10 credits buy -3 votes (floor of sqrt 10) */
    assert_int_equal(run_csv("voter,candidate,credits\na,X,-10\na,Y,1\n", kv, &r, &ctx), 0);
    assert_int_equal(votes_of(&r, "X"), -3);
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
    bad("voter,candidate,credits\na,X,ten\n", "q.csv:2: column 3 ('credits'): expected an integer");
    bad("voter,candidate,credits\na,X,4\na,X,9\n",
        "q.csv:3: voter 'a' already gave candidate 'X' on line 2");
    bad("voter,candidate,credits,votes\na,X,4,2\n", "exactly one of the columns credits and votes");
    bad("voter,candidate\na,X\n", "exactly one of the columns credits and votes");
    bad("voter,credits\na,4\n", "the header needs columns voter and candidate");
    bad("voter,candidate,credit\n", "column 3: unknown column 'credit'");
    bad("voter,candidate,credits\na,X\n", "q.csv:2: 2 cells, but the header has 3 columns");
    bad("voter,candidate,credits\n,X,4\n", "q.csv:2: column 1 ('voter'): expected a voter id");
    bad("voter,candidate,votes\na,X,1000001\n", "column 3 ('votes'): out of range");
    bad("voter,candidate,credits\n", "q.csv: no votes after the header");
    bad("", "q.csv: empty input");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(isqrt_exact),       cmocka_unit_test(credits_buy_square_roots),
        cmocka_unit_test(votes_and_budgets), cmocka_unit_test(negative_votes),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
