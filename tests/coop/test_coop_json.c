/*
 * Tests of the simple-game reader (src/io/coop_json.c) and of the checks
 * of mk_simple_game_new (src/coop/simple_game.c): the contract of
 * mechkit/coop.h, and a clear message and code for each kind of bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/coop.h"

static mk_simple_game *read_ok(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    int rc = mk_simple_game_read_json(&g, "game.json", text, strlen(text), &ctx);
    if (rc != 0)
        fail_msg("rc %d: %s", rc, ctx.message);
    return g;
}

/* Reading text fails with code and a message holding fragment; the output
 * is untouched. */
static void expect_error(const char *text, int code, const char *fragment)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *untouched = (mk_simple_game *)&ctx, *g = untouched;
    int rc = mk_simple_game_read_json(&g, "game.json", text, strlen(text), &ctx);
    if (rc != code || strstr(ctx.message, fragment) == NULL ||
        strncmp(ctx.message, "game.json", 9) != 0)
        fail_msg("rc %d (want %d), message '%s' (want 'game.json...%s...')", rc, code, ctx.message,
                 fragment);
    assert_ptr_equal(g, untouched);
}

#define UN_PLAYERS                                                                                 \
    "[{\"name\": \"China\", \"weight\": 7}, {\"name\": \"France\", \"weight\": 7},"                \
    " {\"name\": \"Russia\", \"weight\": 7}, {\"name\": \"UK\", \"weight\": 7},"                   \
    " {\"name\": \"US\", \"weight\": 7}, {\"name\": \"n1\", \"weight\": 1},"                       \
    " {\"name\": \"n2\", \"weight\": 1}, {\"name\": \"n3\", \"weight\": 1},"                       \
    " {\"name\": \"n4\", \"weight\": 1}, {\"name\": \"n5\", \"weight\": 1},"                       \
    " {\"name\": \"n6\", \"weight\": 1}, {\"name\": \"n7\", \"weight\": 1},"                       \
    " {\"name\": \"n8\", \"weight\": 1}, {\"name\": \"n9\", \"weight\": 1},"                       \
    " {\"name\": \"n10\", \"weight\": 1}]"

static void test_weighted(void **state)
{
    (void)state;
    mk_simple_game *g =
        read_ok("{\"type\": \"weighted\", \"quota\": 39, \"players\": " UN_PLAYERS "}");
    assert_int_equal(g->n, 15);
    assert_int_equal(g->n_games, 1);
    assert_int_equal(g->quota[0], 39);
    assert_int_equal(g->total[0], 45);
    assert_string_equal(g->names[3], "UK");
    assert_int_equal(g->weight[14], 1);
    assert_null(g->title);
    mk_simple_game_free(g);
}

/* The annotated layout of ../shared/data/coop/: no type, a title, a
 * total, a rule and the known answers. */
static void test_annotated(void **state)
{
    (void)state;
    mk_simple_game *g = read_ok(
        "{\"name\": \"EEC 1958\", \"quota\": 12, \"total_weight\": 17, \"players\": ["
        "{\"name\": \"France\", \"weight\": 4}, {\"name\": \"Germany\", \"weight\": 4},"
        "{\"name\": \"Italy\", \"weight\": 4}, {\"name\": \"Belgium\", \"weight\": 2},"
        "{\"name\": \"Netherlands\", \"weight\": 2}, {\"name\": \"Luxembourg\", \"weight\": 1}],"
        "\"rule\": \"weight >= quota\", \"notes\": \"...\", \"shapley_shubik\": {},"
        "\"banzhaf_swings\": {}, \"banzhaf_normalized\": {}, \"banzhaf_total_swings\": 42}");
    assert_string_equal(g->title, "EEC 1958");
    assert_int_equal(g->total[0], 17);
    mk_simple_game_free(g);
}

static void test_multiple(void **state)
{
    (void)state;
    /* The second game lists the players in another order. */
    mk_simple_game *g = read_ok(
        "{\"type\": \"multiple_weighted\", \"games\": ["
        "{\"quota\": 2, \"players\": [{\"name\": \"A\", \"weight\": 1},"
        " {\"name\": \"B\", \"weight\": 1}, {\"name\": \"C\", \"weight\": 1}]},"
        "{\"type\": \"weighted\", \"quota\": 65, \"players\": [{\"name\": \"C\", \"weight\": 10},"
        " {\"name\": \"A\", \"weight\": 60}, {\"name\": \"B\", \"weight\": 30}]}]}");
    assert_int_equal(g->n, 3);
    assert_int_equal(g->n_games, 2);
    assert_int_equal(g->quota[1], 65);
    assert_int_equal(g->weight[3], 60); /* A in game 2 */
    assert_int_equal(g->weight[5], 10); /* C in game 2 */
    unsigned char ab[] = {1, 1, 0}, bc[] = {0, 1, 1};
    assert_int_equal(mk_simple_game_wins(g, ab), 1);
    assert_int_equal(mk_simple_game_wins(g, bc), 0);
    mk_simple_game_free(g);
}

static void test_syntax_and_structure(void **state)
{
    (void)state;
    expect_error("", MK_EINPUT, "line 1");
    expect_error("{\"quota\": 3,", MK_EINPUT, "line 1, column");
    expect_error("[1, 2]", MK_EINPUT, "expected a game (a JSON object), got a list");
    expect_error("{\"type\": \"airport\"}", MK_EINPUT, "unknown game type 'airport'");
    expect_error("{\"type\": 3}", MK_EINPUT, "type: expected a string");
    expect_error("{\"quota\": 1, \"quota\": 2, \"players\": []}", MK_EINPUT, "duplicate");
    expect_error("{\"qouta\": 1, \"players\": []}", MK_EINPUT, "unknown key 'qouta'");
    expect_error("{\"players\": [{\"name\": \"a\", \"weight\": 1}]}", MK_EINPUT, "missing 'quota'");
    expect_error("{\"quota\": 1}", MK_EINPUT, "missing 'players'");
    expect_error("{\"quota\": 1, \"players\": []}", MK_EINPUT, "an empty list");
    expect_error("{\"quota\": 1, \"players\": {}}", MK_EINPUT, "got an object");
    expect_error("{\"quota\": 1, \"players\": [3]}", MK_EINPUT, "players[1]: expected an object");
}

static void test_bad_numbers(void **state)
{
    (void)state;
    expect_error("{\"quota\": 1.5, \"players\": [{\"name\": \"a\", \"weight\": 2}]}", MK_EINPUT,
                 "quota: 1.5 has a fraction");
    expect_error("{\"quota\": \"2\", \"players\": [{\"name\": \"a\", \"weight\": 2}]}", MK_EINPUT,
                 "quota: expected an integer, got a string");
    expect_error("{\"quota\": 0, \"players\": [{\"name\": \"a\", \"weight\": 2}]}", MK_ERANGE,
                 "quota: 0 is below 1");
    expect_error("{\"quota\": -3, \"players\": [{\"name\": \"a\", \"weight\": 2}]}", MK_ERANGE,
                 "quota: -3 is below 1");
    expect_error("{\"quota\": 5, \"players\": [{\"name\": \"a\", \"weight\": 2},"
                 " {\"name\": \"b\", \"weight\": 2}]}",
                 MK_ERANGE, "quota 5 is above the total weight 4");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": 2},"
                 " {\"name\": \"b\", \"weight\": -7}]}",
                 MK_ERANGE, "players[2] ('b'): weight: -7 is below 0");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": 2.0}]}", MK_EINPUT,
                 "players[1] ('a'): weight: 2 has a fraction");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\"}]}", MK_EINPUT,
                 "players[1] ('a'): missing 'weight'");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": "
                 "9223372036854775807}, {\"name\": \"b\", \"weight\": 1}]}",
                 MK_ERANGE, "total weight exceeds");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": "
                 "99999999999999999999}]}",
                 MK_EINPUT, "line 1");
    expect_error("{\"quota\": 1, \"total_weight\": 5, \"players\": [{\"name\": \"a\", "
                 "\"weight\": 2}]}",
                 MK_EINPUT, "total_weight is 5 but the weights add up to 2");
}

static void test_bad_names(void **state)
{
    (void)state;
    expect_error("{\"quota\": 1, \"players\": [{\"weight\": 1}]}", MK_EINPUT,
                 "players[1]: missing 'name'");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": 7, \"weight\": 1}]}", MK_EINPUT,
                 "players[1]: name: expected a string, got an integer");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"\", \"weight\": 1}]}", MK_EINPUT,
                 "players[1]: name: empty");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\\u0000b\", \"weight\": 1}]}",
                 MK_EINPUT, "is not allowed"); /* jansson refuses NUL itself */
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": 1},"
                 " {\"name\": \"b\", \"weight\": 1}, {\"name\": \"a\", \"weight\": 1}]}",
                 MK_EINPUT, "players[3]: 'a' is already players[1]");
    expect_error("{\"quota\": 1, \"players\": [{\"name\": \"a\", \"wieght\": 1}]}", MK_EINPUT,
                 "players[1]: unknown key 'wieght'");
}

static void test_bad_multiple(void **state)
{
    (void)state;
    expect_error("{\"type\": \"multiple_weighted\"}", MK_EINPUT, "missing 'games'");
    expect_error("{\"type\": \"multiple_weighted\", \"games\": []}", MK_EINPUT, "empty list");
    expect_error("{\"type\": \"multiple_weighted\", \"games\": [1]}", MK_EINPUT,
                 "games[1]: expected a weighted game");
    expect_error("{\"type\": \"multiple_weighted\", \"quota\": 1, \"games\": []}", MK_EINPUT,
                 "unknown key 'quota'");
    const char *a = "{\"quota\": 1, \"players\": [{\"name\": \"a\", \"weight\": 1},"
                    " {\"name\": \"b\", \"weight\": 1}]}";
    char text[1024];
    snprintf(text, sizeof text,
             "{\"type\": \"multiple_weighted\", \"games\": [%s, {\"quota\": 1, \"players\": "
             "[{\"name\": \"a\", \"weight\": 1}]}]}",
             a);
    expect_error(text, MK_EINPUT, "games[2]: 1 players, but game 1 has 2");
    snprintf(text, sizeof text,
             "{\"type\": \"multiple_weighted\", \"games\": [%s, {\"quota\": 1, \"players\": "
             "[{\"name\": \"a\", \"weight\": 1}, {\"name\": \"c\", \"weight\": 1}]}]}",
             a);
    expect_error(text, MK_EINPUT, "games[2]: players[2]: 'c' is not a player of game 1");
    snprintf(text, sizeof text,
             "{\"type\": \"multiple_weighted\", \"games\": [%s, {\"quota\": 1, \"players\": "
             "[{\"name\": \"a\", \"weight\": 1}, {\"name\": \"a\", \"weight\": 1}]}]}",
             a);
    expect_error(text, MK_EINPUT, "games[2]: players[2]: 'a' is listed twice");
    snprintf(text, sizeof text,
             "{\"type\": \"multiple_weighted\", \"games\": [%s, {\"type\": \"foo\", "
             "\"quota\": 1, \"players\": []}]}",
             a);
    expect_error(text, MK_EINPUT, "games[2]: type: expected \"weighted\"");
    snprintf(text, sizeof text,
             "{\"type\": \"multiple_weighted\", \"games\": [%s, {\"quota\": 3, \"players\": "
             "[{\"name\": \"a\", \"weight\": 1}, {\"name\": \"b\", \"weight\": 1}]}]}",
             a);
    expect_error(text, MK_ERANGE, "game 2: quota 3 is above the total weight 2");
}

/* mk_simple_game_new checks what a program (not only the reader) gives. */
static void test_new_checks(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    const char *names[] = {"x", "y", "x"};
    int64_t w[] = {1, 2, 3}, q = 2, neg[] = {1, -1, 3};
    assert_int_equal(mk_simple_game_new(&g, 3, 1, names, w, &q, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "players 1 and 3 have the same name 'x'"));
    const char *ok[] = {"x", "y", "z"};
    assert_int_equal(mk_simple_game_new(&g, 3, 1, ok, neg, &q, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "player 2: negative weight -1"));
    assert_int_equal(mk_simple_game_new(&g, 0, 1, ok, w, &q, &ctx), MK_EINPUT);
    assert_int_equal(mk_simple_game_new(&g, 3, 0, ok, w, &q, &ctx), MK_EINPUT);
    assert_int_equal(mk_simple_game_new(&g, MK_SIMPLE_GAME_MAX_PLAYERS + 1, 1, ok, w, &q, &ctx),
                     MK_ELIMIT);
    assert_int_equal(mk_simple_game_new(&g, 3, MK_SIMPLE_GAME_MAX_GAMES + 1, ok, w, &q, &ctx),
                     MK_ELIMIT);
    assert_null(g);
    assert_int_equal(mk_simple_game_new(&g, 3, 1, ok, w, &q, &ctx), 0);
    assert_int_equal(mk_simple_game_set_title(g, "t", &ctx), 0);
    assert_string_equal(g->title, "t");
    assert_int_equal(mk_simple_game_set_title(g, NULL, &ctx), 0);
    assert_null(g->title);
    mk_simple_game_free(g);
    mk_simple_game_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weighted),     cmocka_unit_test(test_annotated),
        cmocka_unit_test(test_multiple),     cmocka_unit_test(test_syntax_and_structure),
        cmocka_unit_test(test_bad_numbers),  cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_bad_multiple), cmocka_unit_test(test_new_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
