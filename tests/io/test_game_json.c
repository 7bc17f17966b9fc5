/*
 * Tests of the JSON game reader and writer (src/io/game_json.c): both
 * payoff shapes (nested, flat in Gambit's order), names and counts, exact
 * payoffs, the round trip through the writer and through .nfg, and bad
 * input with the path of the value at fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/game_json.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"

static mk_game *read_ok(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_json(text, strlen(text), "g.json", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    assert_non_null(g);
    return g;
}

/* Reading text fails with code and exactly this message; *out untouched. */
static void expect_error(const char *text, int code, const char *message)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *sentinel = (mk_game *)&ctx, *g = sentinel;
    int rc = mk_game_read_json(text, strlen(text), "g.json", &g, &ctx);
    if (rc != code || strcmp(ctx.message, message) != 0)
        fail_msg("input <<%s>>: rc %d '%s', expected %d '%s'", text, rc, ctx.message, code,
                 message);
    assert_ptr_equal(g, sentinel);
}

/* Every payoff as "num/den" or "num", profile by profile, joined by ' '. */
static void expect_payoffs(const mk_game *g, const char *want)
{
    char got[1024] = "";
    for (size_t c = 0; c < g->n_profiles * g->n_players; c++) {
        mk_rational v = g->payoff[c];
        size_t len = strlen(got);
        if (v.den == 1)
            snprintf(got + len, sizeof got - len, "%s%lld", c ? " " : "", (long long)v.num);
        else
            snprintf(got + len, sizeof got - len, "%s%lld/%lld", c ? " " : "", (long long)v.num,
                     (long long)v.den);
    }
    if (strcmp(got, want) != 0)
        fail_msg("payoffs '%s', expected '%s'", got, want);
}

/* The Prisoner's Dilemma (T=5, R=3, P=1, S=0), nested: rows are the first
 * player's strategies. In Gambit's order (first player fastest) the
 * payoffs are (C,C) 3 3, (D,C) 5 0, (C,D) 0 5, (D,D) 1 1. */
static const char *const pd_nested =
    "{\"title\": \"PD\", \"comment\": \"c\", \"players\": [\"Row\", \"Column\"],"
    " \"strategies\": [[\"C\", \"D\"], [\"C\", \"D\"]],"
    " \"payoffs\": [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]}";

static void test_nested_with_names(void **state)
{
    (void)state;
    mk_game *g = read_ok(pd_nested);
    assert_int_equal(g->n_players, 2);
    assert_string_equal(g->title, "PD");
    assert_string_equal(g->comment, "c");
    assert_string_equal(g->player_names[1], "Column");
    assert_string_equal(mk_game_strategy_name(g, 0, 1), "D");
    expect_payoffs(g, "3 3 5 0 0 5 1 1");
    mk_game_free(g);
}

static void test_flat_with_counts(void **state)
{
    (void)state;
    mk_game *g = read_ok("{\"strategies\": [2, 2],"
                         " \"payoffs\": [[3, 5, 0, 1], [3, 0, 5, 1]]}");
    assert_null(g->strategy_names);
    assert_string_equal(g->title, "");
    assert_string_equal(g->player_names[0], "");
    expect_payoffs(g, "3 3 5 0 0 5 1 1");
    mk_game_free(g);
}

/* Three players, nested three deep: payoffs[i][s1][s2][s3]. */
static void test_three_players(void **state)
{
    (void)state;
    mk_game *g = read_ok("{\"strategies\": [2, 1, 2], \"payoffs\": ["
                         " [[[1, 2]], [[3, 4]]],"
                         " [[[5, 6]], [[7, 8]]],"
                         " [[[0, 0]], [[0, \"-1/2\"]]]]}");
    /* Profiles in Gambit's order: (1,1,1) (2,1,1) (1,1,2) (2,1,2). */
    expect_payoffs(g, "1 5 0 3 7 0 2 6 0 4 8 -1/2");
    mk_game_free(g);
}

static void test_one_player(void **state)
{
    (void)state;
    mk_game *g = read_ok("{\"strategies\": [3], \"payoffs\": [[1, \"2.5\", \"-7/3\"]]}");
    expect_payoffs(g, "1 5/2 -7/3");
    mk_game_free(g);
}

static void test_exact_numbers(void **state)
{
    (void)state;
    mk_game *g = read_ok("{\"strategies\": [1, 2], \"payoffs\": [[\"0.125\", \"6/4\"],"
                         " [-9223372036854775808, \"9223372036854775807/2\"]]}");
    expect_payoffs(g, "1/8 -9223372036854775808 3/2 9223372036854775807/2");
    mk_game_free(g);
}

/* Writing and reading back gives the same game; so does the way through
 * .nfg, and the JSON written is the nested shape. */
static void test_round_trip(void **state)
{
    (void)state;
    mk_game *g = read_ok(pd_nested);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_game_write_json(g, f, &ctx), MK_OK);
    fclose(f);
    assert_non_null(strstr(buf, "  \"payoffs\": [\n    [[3,0],[5,1]],\n    [[3,5],[0,1]]\n  ]\n"));
    mk_game *back = read_ok(buf);
    expect_payoffs(back, "3 3 5 0 0 5 1 1");
    assert_string_equal(back->comment, "c");
    assert_string_equal(mk_game_strategy_name(back, 1, 0), "C");
    free(buf);
    mk_game_free(back);

    const char *nfg = "NFG 1 R \"t\" { \"a\" \"b\" } { 2 3 }\n1/3 0 2 0 0 1 0 0 5 -2 0 0.5\n";
    mk_game *h = NULL;
    assert_int_equal(mk_game_read_nfg(nfg, strlen(nfg), "t.nfg", &h, &ctx), MK_OK);
    f = open_memstream(&buf, &len);
    assert_int_equal(mk_game_write_json(h, f, &ctx), MK_OK);
    fclose(f);
    back = read_ok(buf);
    expect_payoffs(back, "1/3 0 2 0 0 1 0 0 5 -2 0 1/2");
    assert_null(back->strategy_names);
    free(buf);
    mk_game_free(back);
    mk_game_free(h);
    mk_game_free(g);
}

/* 40 players of one strategy (and one of two): written flat, read back. */
static void test_many_players_flat(void **state)
{
    (void)state;
    size_t counts[41];
    for (size_t i = 0; i < 41; i++)
        counts[i] = i == 40 ? 2 : 1;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    assert_int_equal(mk_game_new(&g, 41, counts, &ctx), MK_OK);
    g->payoff[40] = (mk_rational){7, 3};
    g->payoff[41 + 40] = (mk_rational){-1, 1};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(mk_game_write_json(g, f, &ctx), MK_OK);
    fclose(f);
    assert_null(strstr(buf, "[[")); /* flat: no nesting */
    mk_game *back = read_ok(buf);
    assert_int_equal(back->n_players, 41);
    for (size_t c = 0; c < 82; c++)
        assert_int_equal(mk_rational_cmp(back->payoff[c], g->payoff[c]), 0);
    free(buf);
    mk_game_free(back);
    mk_game_free(g);
}

/* ---- bad input ------------------------------------------------------------------------------ */

static void test_bad_json(void **state)
{
    (void)state;
    expect_error("", MK_EINPUT, "g.json: line 1, column 0: '[' or '{' expected near end of file");
    expect_error("{\"strategies\": [2,", MK_EINPUT,
                 "g.json: line 1, column 18: ']' expected near end of file");
    expect_error("[1]", MK_EINPUT, "g.json: expected a game (a JSON object), got a list");
    expect_error("{\"strategies\": [1], \"payoff\": [[1]]}", MK_EINPUT,
                 "g.json: unknown key 'payoff' (expected title, comment, players, strategies, "
                 "payoffs, or name, notes, description, source)");
    expect_error("{\"payoffs\": [[1]]}", MK_EINPUT,
                 "g.json: missing 'strategies' (a count or a list of names per player)");
    expect_error("{\"strategies\": [1]}", MK_EINPUT,
                 "g.json: missing 'payoffs' (one payoff array per player)");
    expect_error("{\"title\": 3, \"strategies\": [1], \"payoffs\": [[1]]}", MK_EINPUT,
                 "g.json: title: expected a string, got an integer");
}

static void test_bad_strategies(void **state)
{
    (void)state;
    expect_error("{\"strategies\": [], \"payoffs\": []}", MK_EINPUT,
                 "g.json: strategies: the game has no players");
    expect_error("{\"strategies\": [2, 0], \"payoffs\": [[], []]}", MK_EINPUT,
                 "g.json: strategies[2]: player 2 has 0 strategies; at least 1 is needed");
    expect_error("{\"strategies\": [[\"a\"], []], \"payoffs\": [[], []]}", MK_EINPUT,
                 "g.json: strategies[2]: player 2 has no strategies");
    expect_error("{\"strategies\": [[\"a\"], 2], \"payoffs\": [[], []]}", MK_EINPUT,
                 "g.json: strategies[2]: expected a list of names like the first player's, got "
                 "an integer");
    expect_error("{\"strategies\": [2, [\"a\"]], \"payoffs\": [[], []]}", MK_EINPUT,
                 "g.json: strategies[2]: expected a strategy count like the first player's, got "
                 "a list");
    expect_error("{\"strategies\": [[\"a\", \"b\", \"a\"]], \"payoffs\": [[1, 2, 3]]}", MK_EINPUT,
                 "g.json: strategies[1][3]: 'a' is also strategy 1 of player 1");
    expect_error("{\"strategies\": [[\"a\", 7]], \"payoffs\": [[1, 2]]}", MK_EINPUT,
                 "g.json: strategies[1][2]: expected a strategy name (a string), got an integer");
    /* 2^32 * 2^32 profiles overflow a 64-bit count before anything is
     * allocated; 2^20 * 2^10 * 2 players are past MK_GAME_MAX_CELLS. */
    expect_error("{\"strategies\": [4294967296, 4294967296], \"payoffs\": [[], []]}", MK_EINPUT,
                 "g.json: strategies[2]: the strategy counts multiply to more profiles than can "
                 "be counted");
    expect_error("{\"strategies\": [1048576, 1024], \"payoffs\": [[], []]}", MK_ELIMIT,
                 "g.json: strategies: the game has 2147483648 payoffs, more than 134217728");
    expect_error("{\"players\": [\"a\"], \"strategies\": [1, 1], \"payoffs\": [[1], [1]]}",
                 MK_EINPUT, "g.json: players: 1 names for 2 players (one per entry of strategies)");
}

static void test_bad_payoffs(void **state)
{
    (void)state;
    expect_error("{\"strategies\": [2, 2], \"payoffs\": [[1, 2, 3, 4]]}", MK_EINPUT,
                 "g.json: payoffs: expected a list of 2 payoff arrays (one per player), got a "
                 "list of another length");
    expect_error("{\"strategies\": [2, 2], \"payoffs\": [[1, 2, 3], [1, 2, 3, 4]]}", MK_EINPUT,
                 "g.json: payoffs[1]: wrong number of payoffs: expected 4 (one per profile, or "
                 "nested lists), found 3");
    expect_error("{\"strategies\": [2, 2], \"payoffs\": [[[1, 2], [3]], [[1, 2], [3, 4]]]}",
                 MK_EINPUT,
                 "g.json: payoffs[1][2]: wrong number of payoffs: expected 2 (one per strategy of "
                 "player 2), found 1");
    expect_error("{\"strategies\": [2, 2], \"payoffs\": [[[1, 2]], [[1, 2], [3, 4]]]}", MK_EINPUT,
                 "g.json: payoffs[1]: wrong number of payoffs: expected 2 (one per strategy of "
                 "player 1), found 1");
    expect_error("{\"strategies\": [2, 2], \"payoffs\": [[[1, 2], 3], [[1, 2], [3, 4]]]}",
                 MK_EINPUT,
                 "g.json: payoffs[1][2]: expected a list of 2 payoffs (one per strategy of "
                 "player 2), got an integer");
    expect_error("{\"strategies\": [2], \"payoffs\": [[1, \"x\"]]}", MK_EINPUT,
                 "g.json: payoffs[1][2]: 'x' is not an exact number (an integer, a decimal such "
                 "as \"2.5\" or a fraction such as \"7/3\")");
    expect_error("{\"strategies\": [2], \"payoffs\": [[1, \"1/0\"]]}", MK_EINPUT,
                 "g.json: payoffs[1][2]: '1/0': the denominator is 0");
    expect_error("{\"strategies\": [2], \"payoffs\": [[1, 0.5]]}", MK_EINPUT,
                 "g.json: payoffs[1][2]: 0.5 is a JSON number with a fraction, which would be "
                 "read as a double; write it as a string (\"0.5\", or a fraction \"7/3\") to keep "
                 "it exact");
    expect_error("{\"strategies\": [2], \"payoffs\": [[1, null]]}", MK_EINPUT,
                 "g.json: payoffs[1][2]: expected a payoff (an integer, or a string such as "
                 "\"2.5\" or \"7/3\"), got null");
    expect_error("{\"strategies\": [1], \"payoffs\": [[\"99999999999999999999\"]]}", MK_ERANGE,
                 "g.json: payoffs[1][1]: '99999999999999999999' is out of range at scale 0 "
                 "(-9223372036854775808 to 9223372036854775807)");
}

/* Random edits of valid games: each read succeeds or fails with a
 * message, never crashes (ASan and UBSan watch), and a game that is read
 * has the shape it claims. */
static void test_mutations(void **state)
{
    (void)state;
    static const char *const bases[] = {
        "{\"strategies\": [[\"C\", \"D\"], [\"C\", \"D\"]], \"payoffs\": [[[3, 0], [5, 1]], "
        "[[3, 5], [0, 1]]]}",
        "{\"strategies\": [2, 1, 2], \"payoffs\": [[1, \"2/3\", 3, 4], [[[5, 6]], [[7, 8]]], "
        "[\"0.5\", 0, -1, 9]]}",
    };
    static const char alphabet[] = "0123456789 []{}\",:./-+\\ae\xC3\xA9";
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    char buf[256];
    for (int round = 0; round < 20000; round++) {
        const char *base = bases[round % 2];
        size_t len = strlen(base);
        memcpy(buf, base, len);
        for (int edits = (int)mk_rng_range(&rng, 1, 3); edits > 0; edits--) {
            size_t at = (size_t)mk_rng_range(&rng, 0, (int64_t)len - 1);
            char c = alphabet[mk_rng_range(&rng, 0, (int64_t)sizeof alphabet - 2)];
            int64_t op = mk_rng_range(&rng, 0, 2);
            if (op == 0) {
                buf[at] = c;
            } else if (op == 1 && len > 1) {
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
            } else if (len + 1 < sizeof buf) {
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = c;
                len++;
            }
        }
        mk_ctx ctx = MK_CTX_INIT;
        mk_game *g = NULL;
        int rc = mk_game_read_json(buf, len, "m.json", &g, &ctx);
        if (rc == 0) {
            assert_true(g->n_players >= 1 && g->n_profiles >= 1);
            mk_game_free(g);
        } else {
            assert_null(g);
            assert_true(strncmp(ctx.message, "m.json: ", 8) == 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_with_names), cmocka_unit_test(test_flat_with_counts),
        cmocka_unit_test(test_three_players),     cmocka_unit_test(test_one_player),
        cmocka_unit_test(test_exact_numbers),     cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_many_players_flat), cmocka_unit_test(test_bad_json),
        cmocka_unit_test(test_bad_strategies),    cmocka_unit_test(test_bad_payoffs),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
