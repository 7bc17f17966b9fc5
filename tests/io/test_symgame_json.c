/* The compact JSON form of symmetric games (src/io/symgame_json.c): the
 * 20-player Platonia dilemma in 42 numbers, exact decimal and fraction
 * payoffs, strategy counts instead of names, and bad input: each error
 * names the file and the field. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <string.h>

#include "mechkit/kantian.h"

static int read(const char *text, mk_symgame **g, mk_ctx *ctx)
{
    *g = NULL;
    return mk_symgame_read_json(text, strlen(text), "t.json", g, ctx);
}

static void platonia(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"symmetric\", \"title\": \"Platonia\", \"players\": 20,"
                       " \"strategies\": [\"send\", \"refrain\"], \"payoffs\": ["
                       "[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"
                       "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}";
    mk_symgame *g;
    assert_true(mk_symgame_json_detect(text, strlen(text)));
    assert_int_equal(read(text, &g, NULL), 0);
    assert_int_equal(g->n_players, 20);
    assert_int_equal(g->n_counts, 20);
    assert_string_equal(g->title, "Platonia");
    assert_string_equal(g->strategy_names[1], "refrain");
    assert_int_equal(g->payoff[0].num, 1);
    assert_int_equal(g->payoff[1].num, 0);
    mk_symgame_free(g);
}

static void exact_numbers(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                       " \"payoffs\": [[\"0.25\", \"-7/3\"], [\"-1.5\", 4]]}";
    mk_symgame *g;
    assert_int_equal(read(text, &g, NULL), 0);
    assert_int_equal(g->payoff[0].num, 1);
    assert_int_equal(g->payoff[0].den, 4);
    assert_int_equal(g->payoff[1].num, -7);
    assert_int_equal(g->payoff[1].den, 3);
    assert_int_equal(g->payoff[2].num, -3);
    assert_int_equal(g->payoff[2].den, 2);
    assert_string_equal(g->strategy_names[0], "");
    mk_symgame_free(g);
}

static void expect_error(const char *text, int code, const char *message)
{
    mk_symgame *g;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read(text, &g, &ctx), code);
    assert_null(g);
    if (strstr(ctx.message, message) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, message);
}

static void bad_input(void **state)
{
    (void)state;
    expect_error("", MK_EINPUT, "t.json:1:");
    expect_error("[1, 2]", MK_EINPUT, "t.json: expected a JSON object");
    expect_error("{\"type\": \"table\"}", MK_EINPUT, "type: expected \"symmetric\"");
    expect_error("{\"type\": \"symmetric\", \"players\": 0, \"strategies\": 2, \"payoffs\": []}",
                 MK_EINPUT, "players: expected a count from 1 to 64");
    expect_error("{\"type\": \"symmetric\", \"players\": 65, \"strategies\": 2}", MK_EINPUT,
                 "players: expected a count from 1 to 64");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": []}", MK_EINPUT,
                 "strategies: the list is empty");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": [\"a\", \"a\"],"
                 " \"payoffs\": [[1, 2], [3, 4]]}",
                 MK_EINPUT, "strategies[1]: \"a\" is named twice");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                 " \"payoffs\": [[1, 2]]}",
                 MK_EINPUT, "payoffs: expected a list of 2 lists");
    expect_error("{\"type\": \"symmetric\", \"players\": 3, \"strategies\": 2,"
                 " \"payoffs\": [[1, 2], [3, 4]]}",
                 MK_EINPUT, "payoffs[0]: expected a list of 3 payoffs");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                 " \"payoffs\": [[1, \"x\"], [3, 4]]}",
                 MK_EINPUT, "payoffs[0][1]: \"x\" is not a number");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                 " \"payoffs\": [[1, \"1/0\"], [3, 4]]}",
                 MK_EINPUT, "payoffs[0][1]: \"1/0\" is not a number");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                 " \"payoffs\": [[1, 2.5], [3, 4]]}",
                 MK_EINPUT, "payoffs[0][1]: expected an integer or a string");
    expect_error("{\"type\": \"symmetric\", \"players\": 2, \"strategies\": 2,"
                 " \"payoffs\": [[1, \"99999999999999999999\"], [3, 4]]}",
                 MK_ERANGE, "payoffs[0][1]: \"99999999999999999999\" does not fit");
    expect_error("{\"type\": \"symmetric\", \"players\": 64, \"strategies\": 40}", MK_ELIMIT,
                 "more than");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(platonia),
        cmocka_unit_test(exact_numbers),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
