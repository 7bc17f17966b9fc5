/*
 * Tests of the JSON readers of explicit, glove and airport games and
 * bankruptcy problems (src/io/coop_tu_json.c) and of the game kind
 * (mk_coop_json_kind, src/io/coop_json.c): good input read exactly, and
 * bad input refused with a message naming the place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/airport.h"
#include "mechkit/bankruptcy.h"
#include "mechkit/coop.h"
#include "mechkit/tu_game.h"

enum { TU, AIRPORT, BANKRUPTCY };

/* Reads text with the reader of kind; returns the code, and the message
 * in msg. */
static int read_as(int kind, const char *text, char *msg)
{
    mk_ctx ctx = MK_CTX_INIT;
    int rc;
    if (kind == TU) {
        mk_tu_game *g = NULL;
        rc = mk_tu_game_read_json(&g, "g.json", text, strlen(text), &ctx);
        mk_tu_game_free(g);
    } else if (kind == AIRPORT) {
        mk_airport *a = NULL;
        rc = mk_airport_read_json(&a, "g.json", text, strlen(text), &ctx);
        mk_airport_free(a);
    } else {
        mk_bankruptcy *b = NULL;
        rc = mk_bankruptcy_read_json(&b, "g.json", text, strlen(text), &ctx);
        mk_bankruptcy_free(b);
    }
    strcpy(msg, ctx.message);
    return rc;
}

static void expect_error(int kind, const char *text, int code, const char *part)
{
    char msg[MK_ERROR_MESSAGE_MAX];
    int rc = read_as(kind, text, msg);
    if (rc != code || strstr(msg, part) == NULL || strncmp(msg, "g.json", 6) != 0)
        fail_msg("%s: rc %d (want %d), message '%s' (want '%s')", text, rc, code, msg, part);
}

static void test_explicit(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"explicit\", \"name\": \"t\", \"players\": [\"A\", \"B\"],"
                       " \"values\": [0, \"1/3\", \"-2.5\", 4]}";
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_tu_game_read_json(&g, "g.json", text, strlen(text), &ctx), 0);
    assert_int_equal(g->n, 2);
    assert_string_equal(g->names[1], "B");
    assert_string_equal(g->title, "t");
    assert_string_equal(g->kind, "explicit");
    assert_int_equal(g->den, 6);
    assert_int_equal(g->num[1], 2);
    assert_int_equal(g->num[2], -15);
    assert_int_equal(g->num[3], 24);
    mk_tu_game_free(g);
}

static void test_explicit_bad(void **state)
{
    (void)state;
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\", \"B\"], \"values\": [0, 1, 2]}",
                 MK_EINPUT, "3 values, expected 2^2 = 4");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"values\": [1, 1]}",
                 MK_EINPUT, "empty coalition");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"values\": [0, 0.5]}",
                 MK_EINPUT, "values[1]: 0.5 is a JSON number with a fraction");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"values\": [0, \"1/0\"]}",
                 MK_EINPUT, "values[1]: '1/0': the denominator is 0");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"values\": [0, []]}",
                 MK_EINPUT, "values[1]: expected an integer or an exact number");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [], \"values\": [0]}", MK_ELIMIT,
                 "0 players");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\", \"A\"], \"values\": [0,0,0,0]}",
                 MK_EINPUT, "same name 'A'");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\", 3], \"values\": [0,0,0,0]}",
                 MK_EINPUT, "players[2]: expected a name");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"\"], \"values\": [0, 0]}", MK_EINPUT,
                 "players[1]: empty name");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"valeus\": [0, 0]}",
                 MK_EINPUT, "unknown key 'valeus'");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"]}", MK_EINPUT,
                 "missing 'values'");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": {}, \"values\": [0]}", MK_EINPUT,
                 "players: expected a list, got an object");
    expect_error(TU, "{\"type\": \"explicit\", \"players\": [\"A\"], \"values\": [0, 1", MK_EINPUT,
                 "line 1");
    expect_error(TU, "[1]", MK_EINPUT, "expected a game (a JSON object), got a list");
    expect_error(TU, "{\"type\": \"weighted\"}", MK_EINPUT, "expected \"explicit\" or \"glove\"");
    /* 26 players: refused before 2^26 values are looked for. */
    char text[600] = "{\"type\": \"explicit\", \"values\": [0], \"players\": [";
    for (int i = 0; i < 26; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s\"p%d\"", i ? "," : "", i);
    strcat(text, "]}");
    expect_error(TU, text, MK_ELIMIT, "26 players; an explicit game has 1 to 25");
}

static void test_glove(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"glove\", \"left\": [\"L\"], \"right\": [\"R1\", \"R2\"]}";
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_tu_game_read_json(&g, "g.json", text, strlen(text), &ctx), 0);
    assert_string_equal(g->kind, "glove");
    assert_string_equal(g->names[2], "R2");
    assert_int_equal(g->num[3], 1);
    mk_tu_game_free(g);
    expect_error(TU, "{\"type\": \"glove\", \"left\": [\"L\"], \"right\": [\"L\"]}", MK_EINPUT,
                 "same name 'L'");
    expect_error(TU, "{\"type\": \"glove\", \"left\": [\"L\"]}", MK_EINPUT, "missing 'right'");
    expect_error(TU, "{\"type\": \"glove\", \"left\": [], \"right\": []}", MK_ELIMIT, "0 players");
}

static void test_airport(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"airport\", \"players\": [{\"name\": \"A\", \"cost\": 1},"
                       " {\"name\": \"B\", \"cost\": \"2.5\"}]}";
    mk_ctx ctx = MK_CTX_INIT;
    mk_airport *a = NULL;
    assert_int_equal(mk_airport_read_json(&a, "g.json", text, strlen(text), &ctx), 0);
    assert_int_equal(a->cost[1].num, 5);
    assert_int_equal(a->cost[1].den, 2);
    mk_airport_free(a);
    expect_error(AIRPORT, "{\"type\": \"airport\", \"players\": [{\"name\": \"A\", \"cost\": -1}]}",
                 MK_ERANGE, "player 1: a cost must be >= 0");
    expect_error(AIRPORT, "{\"type\": \"airport\", \"players\": [{\"name\": \"A\"}]}", MK_EINPUT,
                 "players[1]: missing 'cost'");
    expect_error(AIRPORT,
                 "{\"type\": \"airport\", \"players\": [{\"name\": \"A\", \"cost\": 1, \"c\": 2}]}",
                 MK_EINPUT, "players[1]: unknown key 'c'");
    expect_error(AIRPORT,
                 "{\"type\": \"airport\", \"players\": [{\"name\": \"A\", \"cost\": \"x\"}]}",
                 MK_EINPUT, "players[1] ('A').cost: 'x' is not an exact number");
    expect_error(AIRPORT, "{\"type\": \"airport\", \"players\": [7]}", MK_EINPUT,
                 "players[1]: expected an object");
    expect_error(AIRPORT, "{\"type\": \"airport\", \"players\": []}", MK_ELIMIT, "0 entries");
    expect_error(AIRPORT, "{\"players\": []}", MK_EINPUT, "type: expected \"airport\"");
}

static void test_bankruptcy(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"bankruptcy\", \"estate\": \"150.5\", \"rule\": \"cel\","
                       " \"claimants\": [{\"name\": \"A\", \"claim\": 100},"
                       " {\"name\": \"B\", \"claim\": \"200/3\"}]}";
    mk_ctx ctx = MK_CTX_INIT;
    mk_bankruptcy *b = NULL;
    assert_int_equal(mk_bankruptcy_read_json(&b, "g.json", text, strlen(text), &ctx), 0);
    assert_int_equal(b->estate.num, 301);
    assert_int_equal(b->estate.den, 2);
    assert_int_equal(b->rule, MK_BANKRUPTCY_CEL);
    assert_int_equal(b->claim[1].den, 3);
    mk_bankruptcy_free(b);
    expect_error(BANKRUPTCY,
                 "{\"type\": \"bankruptcy\", \"estate\": 400, \"claimants\": [{\"name\": \"A\", "
                 "\"claim\": 100}]}",
                 MK_ERANGE, "the estate exceeds the sum of the claims");
    expect_error(BANKRUPTCY,
                 "{\"type\": \"bankruptcy\", \"claimants\": [{\"name\": \"A\", \"claim\": 1}]}",
                 MK_EINPUT, "missing 'estate'");
    expect_error(BANKRUPTCY,
                 "{\"type\": \"bankruptcy\", \"estate\": 1, \"rule\": \"shapley\", "
                 "\"claimants\": [{\"name\": \"A\", \"claim\": 1}]}",
                 MK_EINPUT, "rule: expected");
    expect_error(BANKRUPTCY,
                 "{\"type\": \"bankruptcy\", \"estate\": 1.5, \"claimants\": [{\"name\": \"A\", "
                 "\"claim\": 2}]}",
                 MK_EINPUT, "estate: 1.5 is a JSON number with a fraction");
    expect_error(BANKRUPTCY,
                 "{\"type\": \"bankruptcy\", \"estate\": 1, \"claimants\": [{\"name\": \"A\", "
                 "\"claim\": -2}]}",
                 MK_ERANGE, "claimant 1: a claim must be >= 0");
    expect_error(BANKRUPTCY, "{\"type\": \"bankruptcy\", \"estate\": 1, \"claims\": []}", MK_EINPUT,
                 "unknown key 'claims'");
}

static void expect_kind(const char *text, int rc_want, mk_coop_kind want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_coop_kind got = MK_COOP_BANKRUPTCY;
    int rc = mk_coop_json_kind("g.json", text, strlen(text), &got, &ctx);
    if (rc != rc_want || (rc == 0 && got != want))
        fail_msg("%s: rc %d, kind %d (%s)", text, rc, (int)got, ctx.message);
}

static void test_kind(void **state)
{
    (void)state;
    expect_kind("{\"quota\": 1}", 0, MK_COOP_WEIGHTED);
    expect_kind("{\"type\": \"weighted\"}", 0, MK_COOP_WEIGHTED);
    expect_kind("{\"type\": \"multiple_weighted\"}", 0, MK_COOP_MULTIPLE_WEIGHTED);
    expect_kind("{\"type\": \"explicit\"}", 0, MK_COOP_EXPLICIT);
    expect_kind("{\"type\": \"glove\"}", 0, MK_COOP_GLOVE);
    expect_kind("{\"type\": \"airport\"}", 0, MK_COOP_AIRPORT);
    expect_kind("{\"type\": \"bankruptcy\"}", 0, MK_COOP_BANKRUPTCY);
    expect_kind("{\"type\": \"market\"}", MK_EINPUT, MK_COOP_WEIGHTED);
    expect_kind("{\"type\": 3}", MK_EINPUT, MK_COOP_WEIGHTED);
    expect_kind("[]", MK_EINPUT, MK_COOP_WEIGHTED);
    expect_kind("{", MK_EINPUT, MK_COOP_WEIGHTED);
    expect_kind("", MK_EINPUT, MK_COOP_WEIGHTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explicit),   cmocka_unit_test(test_explicit_bad),
        cmocka_unit_test(test_glove),      cmocka_unit_test(test_airport),
        cmocka_unit_test(test_bankruptcy), cmocka_unit_test(test_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
