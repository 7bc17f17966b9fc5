/*
 * Tests of the Gambit .nfg reader and writer (src/io/nfg.c). The format is
 * Gambit's "Game representation formats", .nfg payoff version and outcome
 * version; the first player's strategy varies fastest.
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

#include "mechkit/nfg.h"
#include "mechkit/rng.h"

static mk_game *read_ok(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    int rc = mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx);
    if (rc != 0)
        fail_msg("read failed: %s", ctx.message);
    assert_non_null(g);
    return g;
}

/* Reading text fails with code and exactly this message; *out untouched. */
static void expect_error(const char *text, int code, const char *message)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *sentinel = (mk_game *)&ctx, *g = sentinel;
    int rc = mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx);
    if (rc != code || strcmp(ctx.message, message) != 0)
        fail_msg("input <<%s>>: rc %d '%s', expected %d '%s'", text, rc, ctx.message, code,
                 message);
    assert_ptr_equal(g, sentinel);
}

static void expect_payoffs(const mk_game *g, const char *const *want)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    for (size_t c = 0; c < g->n_profiles * g->n_players; c++) {
        mk_rational v = g->payoff[c];
        if (v.den == 1)
            snprintf(buf, sizeof buf, "%lld", (long long)v.num);
        else
            snprintf(buf, sizeof buf, "%lld/%lld", (long long)v.num, (long long)v.den);
        assert_non_null(want[c]);
        if (strcmp(buf, want[c]) != 0)
            fail_msg("payoff %zu is %s, expected %s", c, buf, want[c]);
    }
}

/* ---- good input ----------------------------------------------------------------------------- */

static void test_payoff_version_with_counts(void **state)
{
    (void)state;
    mk_game *g = read_ok("NFG 1 R \"PD\" { \"Row\" \"Column\" } { 2 2 }\n\n3 3 5 0 0 5 1 1\n");
    assert_string_equal(g->title, "PD");
    assert_string_equal(g->comment, "");
    assert_int_equal(g->n_players, 2);
    assert_string_equal(g->player_names[0], "Row");
    assert_string_equal(g->player_names[1], "Column");
    assert_int_equal(g->n_strategies[0], 2);
    assert_int_equal(g->n_profiles, 4);
    assert_null(g->strategy_names);
    assert_null(mk_game_strategy_name(g, 0, 0));
    /* First player fastest: (C,C) (D,C) (C,D) (D,D). */
    size_t dc[] = {1, 0};
    assert_int_equal(mk_game_profile_index(g, dc), 1);
    assert_int_equal(mk_game_payoff(g, 1, 0).num, 5);
    assert_int_equal(mk_game_payoff(g, 1, 1).num, 0);
    const char *want[] = {"3", "3", "5", "0", "0", "5", "1", "1"};
    expect_payoffs(g, want);
    mk_game_free(g);
}

static void test_names_comment_and_escapes(void **state)
{
    (void)state;
    mk_game *g = read_ok("NFG 1 R \"say \\\"hi\\\" \\\\ \\x\"\n"
                         "{ \"A\\\"1\" \"B\" }\n"
                         "{ { \"T\" \"B\" } { \"L\" \"C\" \"R\" } }\n"
                         "\"a comment\non two lines\"\n\n"
                         "1 2 3 4\t5 6\r\n7 8 9 10 11 12\n");
    assert_string_equal(g->title, "say \"hi\" \\ x");
    assert_string_equal(g->player_names[0], "A\"1");
    assert_string_equal(g->comment, "a comment\non two lines");
    assert_int_equal(g->n_strategies[0], 2);
    assert_int_equal(g->n_strategies[1], 3);
    assert_string_equal(mk_game_strategy_name(g, 0, 1), "B");
    assert_string_equal(mk_game_strategy_name(g, 1, 2), "R");
    size_t br[] = {1, 2};
    assert_int_equal(mk_game_payoff(g, mk_game_profile_index(g, br), 1).num, 12);
    mk_game_free(g);
}

static void test_numbers_exact(void **state)
{
    (void)state;
    mk_game *g = read_ok("NFG 1 R \"\" { \"1\" } { 12 }\n"
                         "-3 +4 0.25 1/3 -7/21 2.50 1e3 2.5E-2 .5 -0 0.1000000000000000000000000 "
                         "9223372036854775807\n");
    const char *want[] = {"-3",   "4",    "1/4", "1/3", "-1/3", "5/2",
                          "1000", "1/40", "1/2", "0",   "1/10", "9223372036854775807"};
    expect_payoffs(g, want);
    mk_game_free(g);
}

static void test_outcome_version(void **state)
{
    (void)state;
    /* Matching pennies by outcomes; profile 4 uses outcome 0 (all zero). */
    mk_game *g = read_ok("NFG 1 R \"MP\" { \"P1\" \"P2\" }\n"
                         "{ { \"H\" \"T\" } { \"H\" \"T\" } }\n\"\"\n\n"
                         "{\n{ \"win\" 1, -1 }\n{ \"lose\" -1 1 }\n}\n"
                         "1 2 2 0\n");
    const char *want[] = {"1", "-1", "-1", "1", "-1", "1", "0", "0"};
    expect_payoffs(g, want);
    mk_game_free(g);
}

static void test_bom_crlf_and_d(void **state)
{
    (void)state;
    mk_game *g = read_ok("\xEF\xBB\xBFNFG 1 D \"x\" { \"a\" } { 2 }\r\n1.5 -2\r\n");
    const char *want[] = {"3/2", "-2"};
    expect_payoffs(g, want);
    mk_game_free(g);
}

static void test_utf8_names(void **state)
{
    (void)state;
    mk_game *g = read_ok("NFG 1 R \"Gefangenendilemma\" { \"Zoë\" \"李\" } { 1 1 }\n0 0");
    assert_string_equal(g->player_names[0], "Zoë");
    mk_game_free(g);
}

/* ---- round trip ----------------------------------------------------------------------------- */

static char *write_text(const mk_game *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_game_write_nfg(g, out, &ctx), MK_OK);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static void expect_same_game(const mk_game *a, const mk_game *b)
{
    assert_string_equal(a->title, b->title);
    assert_string_equal(a->comment, b->comment);
    assert_int_equal(a->n_players, b->n_players);
    assert_int_equal(a->n_profiles, b->n_profiles);
    assert_int_equal(a->strategy_names == NULL, b->strategy_names == NULL);
    for (size_t i = 0; i < a->n_players; i++) {
        assert_string_equal(a->player_names[i], b->player_names[i]);
        assert_int_equal(a->n_strategies[i], b->n_strategies[i]);
        for (size_t s = 0; a->strategy_names != NULL && s < a->n_strategies[i]; s++)
            assert_string_equal(a->strategy_names[i][s], b->strategy_names[i][s]);
    }
    assert_memory_equal(a->payoff, b->payoff, a->n_profiles * a->n_players * sizeof *a->payoff);
}

static void round_trip(const char *text)
{
    mk_game *g = read_ok(text);
    char *once = write_text(g);
    mk_game *h = read_ok(once);
    expect_same_game(g, h);
    char *twice = write_text(h);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
    mk_game_free(g);
    mk_game_free(h);
}

static void test_round_trip(void **state)
{
    (void)state;
    round_trip("NFG 1 R \"PD\" { \"Row\" \"Column\" } { 2 2 }\n\n3 3 5 0 0 5 1 1\n");
    round_trip("NFG 1 R \"q\\\"uote\\\\\" { \"A\" \"B\" \"C\" }\n"
               "{ { \"x\" \"y\\\"\" } { \"1\" } { \"u\" \"v\" \"w\" } }\n\"note\"\n"
               "1/3 -2/7 0.125 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n");
    round_trip("NFG 1 R \"\" { \"\" } { 1 }\n-9223372036854775808\n");
    round_trip("NFG 1 R \"o\" { \"a\" \"b\" } { { \"H\" \"T\" } { \"H\" \"T\" } }\n"
               "{ { \"\" 1/2, -1 } { \"\" -1 1 } } 1 2 2 1\n");
}

/* A game built in memory survives write and read. */
static void test_round_trip_built(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[] = {3, 1, 2};
    assert_int_equal(mk_game_new(&g, 3, counts, &ctx), MK_OK);
    for (size_t c = 0; c < g->n_profiles * g->n_players; c++)
        assert_int_equal(mk_rational_make((int64_t)c * 7 - 20, (int64_t)(c % 5) + 1, &g->payoff[c]),
                         MK_OK);
    assert_int_equal(mk_game_set_title(g, "built", &ctx), MK_OK);
    char *text = write_text(g);
    mk_game *h = read_ok(text);
    expect_same_game(g, h);
    free(text);
    mk_game_free(g);
    mk_game_free(h);
}

/* ---- bad input: every error names its line and column ---------------------------------------- */

static void test_bad_header(void **state)
{
    (void)state;
    expect_error("", MK_EINPUT, "t.nfg:1:1: expected 'NFG' (a Gambit strategic-form game)");
    expect_error("EFG 2 R \"x\"", MK_EINPUT,
                 "t.nfg:1:1: expected 'NFG' (a Gambit strategic-form game)");
    expect_error("NFG 2 R", MK_EINPUT, "t.nfg:1:5: expected the version 1 after NFG");
    expect_error("NFG 1 Q", MK_EINPUT,
                 "t.nfg:1:7: expected R (rational) or D (decimal) after NFG 1");
    expect_error("NFG 1 R { }", MK_EINPUT,
                 "t.nfg:1:9: expected the title of the game in quotes, found '{'");
    expect_error("NFG 1 R \"t\n\nx", MK_EINPUT, "t.nfg:1:9: string not closed: a '\"' is missing");
    expect_error("NFG 1 R \"t\" \"p\"", MK_EINPUT,
                 "t.nfg:1:13: expected '{' before the player names, found a string");
}

static void test_missing_names(void **state)
{
    (void)state;
    expect_error("NFG 1 R \"t\" { } { 2 }\n1 2", MK_EINPUT, "t.nfg:1:15: the game has no players");
    expect_error("NFG 1 R \"t\" { \"a\" b } { 2 }", MK_EINPUT,
                 "t.nfg:1:19: expected a player name in quotes or '}', found a word");
    /* Two players, one list of strategy names. */
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" \"y\" } }\n1 2 3 4", MK_EINPUT,
                 "t.nfg:2:15: strategies of player 2 are missing (expected 2 lists of names, "
                 "found 1)");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 }\n1 2 3 4", MK_EINPUT,
                 "t.nfg:2:5: strategies of player 2 are missing (expected 2 counts, found 1)");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" } 2 }\n1 2", MK_EINPUT,
                 "t.nfg:2:11: expected '{' and the strategy names of player 2, found a word");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" } { y } }\n1 2", MK_EINPUT,
                 "t.nfg:2:13: expected a strategy name in quotes or '}' for player 2, found a "
                 "word");
    expect_error("NFG 1 R \"t\" { \"a\" }\n{ 2 3 }\n1 2", MK_EINPUT,
                 "t.nfg:2:5: expected '}' after the strategies of the 1 players, found a word");
    expect_error("NFG 1 R \"t\" { \"a\" }", MK_EINPUT,
                 "t.nfg:1:20: expected '{' before the strategies, found the end of the file");
}

static void test_zero_dimension(void **state)
{
    (void)state;
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" } { 2 0 }\n", MK_EINPUT,
                 "t.nfg:1:29: a player has zero strategies");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" } { } }\n1 2", MK_EINPUT,
                 "t.nfg:2:13: a player has zero strategies");
}

static void test_dimension_overflow(void **state)
{
    (void)state;
    /* 2^32 * 2^32 profiles overflow 64 bits at the second count. */
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" \"c\" }\n{ 4294967296 4294967296 2 }\n1", MK_EINPUT,
                 "t.nfg:2:14: the strategy counts multiply to more profiles than can be counted");
    /* 2^62 profiles fit, times 4 players they do not. */
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" \"c\" \"d\" }\n{ 2147483648 2147483648 1 1 }\n1",
                 MK_EINPUT, "t.nfg:2:1: the number of payoffs overflows");
    expect_error("NFG 1 R \"t\" { \"a\" }\n{ 99999999999999999999999 }\n1", MK_EINPUT,
                 "t.nfg:2:3: a strategy count '99999999999999999999999' is too large");
    expect_error("NFG 1 R \"t\" { \"a\" }\n{ 2x }\n1", MK_EINPUT,
                 "t.nfg:2:3: expected a strategy count, found '2x'");
    /* A huge game in a tiny file is refused before anything is allocated. */
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" }\n{ 100000 100000 }\n1 2\n3", MK_EINPUT,
                 "t.nfg:4:2: wrong number of payoffs: expected 20000000000 (10000000000 "
                 "profiles x 2 players), found 3");
}

static void test_wrong_number_of_payoffs(void **state)
{
    (void)state;
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n\n3 3 5 0\n0 5 1", MK_EINPUT,
                 "t.nfg:4:6: wrong number of payoffs: expected 8 (4 profiles x 2 players), "
                 "found 7");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n\n3 3 5 0\n0 5 1 1\n  2\n", MK_EINPUT,
                 "t.nfg:5:3: wrong number of payoffs: more than the 8 expected");
    expect_error("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n", MK_EINPUT,
                 "t.nfg:2:1: wrong number of payoffs: expected 8 (4 profiles x 2 players), "
                 "found 0");
    expect_error("NFG 1 R \"t\" { \"a\" } { 3 }\n1 { 2 3", MK_EINPUT,
                 "t.nfg:2:3: expected a payoff, found '{'");
}

static void test_bad_numbers(void **state)
{
    (void)state;
    const char *head = "NFG 1 R \"t\" { \"a\" } { 2 }\n";
    struct {
        const char *payoffs;
        int code;
        const char *message;
    } cases[] = {
        {"1 3x", MK_EINPUT,
         "t.nfg:2:3: '3x' is not a number (expected an integer, a decimal or "
         "a fraction such as 7/3)"},
        {"1 --1", MK_EINPUT,
         "t.nfg:2:3: '--1' is not a number (expected an integer, a decimal "
         "or a fraction such as 7/3)"},
        {"1 .", MK_EINPUT,
         "t.nfg:2:3: '.' is not a number (expected an integer, a decimal or a "
         "fraction such as 7/3)"},
        {"1 1.5/2", MK_EINPUT,
         "t.nfg:2:3: '1.5/2' is not a number (expected an integer, a "
         "decimal or a fraction such as 7/3)"},
        {"1 1/", MK_EINPUT,
         "t.nfg:2:3: '1/' is not a number (expected an integer, a decimal or "
         "a fraction such as 7/3)"},
        {"1 1e", MK_EINPUT,
         "t.nfg:2:3: '1e' is not a number (expected an integer, a decimal or "
         "a fraction such as 7/3)"},
        {"1 nan", MK_EINPUT,
         "t.nfg:2:3: 'nan' is not a number (expected an integer, a decimal "
         "or a fraction such as 7/3)"},
        {"1 1e2/3", MK_EINPUT,
         "t.nfg:2:3: '1e2/3' is not a number (expected an integer, a "
         "decimal or a fraction such as 7/3)"},
        {"1 1/0", MK_EINPUT, "t.nfg:2:3: '1/0' has a zero denominator"},
        {"1 9223372036854775808", MK_ERANGE,
         "t.nfg:2:3: '9223372036854775808' does not fit an exact rational with 64-bit "
         "numerator and denominator"},
        {"1 1e19", MK_ERANGE,
         "t.nfg:2:3: '1e19' does not fit an exact rational with 64-bit numerator and "
         "denominator"},
        {"1 1e-19", MK_ERANGE,
         "t.nfg:2:3: '1e-19' does not fit an exact rational with 64-bit numerator and "
         "denominator"},
        {"1 1e99999999999", MK_ERANGE,
         "t.nfg:2:3: '1e99999999999' does not fit an exact rational with 64-bit numerator and "
         "denominator"},
        {"1 "
         "1000000000000000000000000000000000000000000000000000000000000000000000000000000000",
         MK_ERANGE,
         "t.nfg:2:3: '1000000000000000000000000000000000000000' does not fit an exact rational "
         "with 64-bit numerator and denominator"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", head, cases[i].payoffs);
        expect_error(text, cases[i].code, cases[i].message);
    }
    /* -2^63 fits, its opposite and 1/-2^63 do not; a fraction reduces first. */
    mk_game *g = read_ok("NFG 1 R \"\" { \"a\" } { 2 }\n-9223372036854775808 "
                         "18446744073709551616/36893488147419103232");
    const char *want[] = {"-9223372036854775808", "1/2"};
    expect_payoffs(g, want);
    mk_game_free(g);
}

static void test_bad_strings(void **state)
{
    (void)state;
    expect_error("NFG 1 R \"t\" { \"a\xC3\" } { 1 }\n0", MK_EINPUT,
                 "t.nfg:1:17: invalid UTF-8 in a string");
    expect_error("NFG 1 R \"t\" { \"a\" }\n{ { \"x\nab\xED\xA0\x80\" } }\n0", MK_EINPUT,
                 "t.nfg:3:3: invalid UTF-8 in a string");
    static const char nul[] = "NFG 1 R \"t\" { \"a\0\" } { 1 }\n0";
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    assert_int_equal(mk_game_read_nfg(nul, sizeof nul - 1, "t.nfg", &g, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "t.nfg:1:17: NUL byte in a string");
    assert_null(g);
}

static void test_bad_outcomes(void **state)
{
    (void)state;
    const char *head = "NFG 1 R \"t\" { \"a\" \"b\" } { 2 1 }\n";
    char text[512];
    snprintf(text, sizeof text, "%s{ { \"o\" 1 2 } }\n1 2\n", head);
    expect_error(text, MK_EINPUT, "t.nfg:3:3: outcome 2 does not exist (there are 1)");
    snprintf(text, sizeof text, "%s{ { \"o\" 1 } }\n1 1\n", head);
    expect_error(text, MK_EINPUT, "t.nfg:2:11: outcome 1: expected 2 payoffs, found '}' after 1");
    snprintf(text, sizeof text, "%s{ { \"o\" 1 2 3 } }\n1 1\n", head);
    expect_error(text, MK_EINPUT,
                 "t.nfg:2:13: outcome 1: expected '}' after its 2 payoffs, found a word");
    snprintf(text, sizeof text, "%s{ { \"o\" 1 2 } }\n1\n", head);
    expect_error(text, MK_EINPUT,
                 "t.nfg:4:1: wrong number of outcome numbers: expected 2 (one per profile), "
                 "found 1");
    snprintf(text, sizeof text, "%s{ { \"o\" 1 2 } }\n1 1 1\n", head);
    expect_error(text, MK_EINPUT,
                 "t.nfg:3:5: wrong number of outcome numbers: more than the 2 "
                 "expected");
    snprintf(text, sizeof text, "%s{ { \"o\" 1 x } }\n1 1\n", head);
    expect_error(text, MK_EINPUT,
                 "t.nfg:2:11: 'x' is not a number (expected an integer, a "
                 "decimal or a fraction such as 7/3)");
    snprintf(text, sizeof text, "%s{ \"o\" }\n1 1\n", head);
    expect_error(text, MK_EINPUT,
                 "t.nfg:2:3: expected '{' to start an outcome or '}', found a string");
}

static void test_limit(void **state)
{
    (void)state;
    /* 2^27 + 2 cells would pass the size check only in a file this large:
     * the limit is checked on the declared shape instead. */
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[] = {(size_t)1 << 26, 3};
    assert_int_equal(mk_game_new(&g, 2, counts, &ctx), MK_ELIMIT);
    assert_null(g);
}

/* Random edits of good files (a small deterministic fuzzer): the reader
 * either reads a game or fails with "t.nfg:LINE:COL: ..." (or a limit),
 * never crashes (this runs under AddressSanitizer in `make test`). */
static void test_mutations(void **state)
{
    (void)state;
    static const char *const bases[] = {
        "NFG 1 R \"PD\" { \"Row\" \"Column\" } { 2 2 }\n\n3 3 5 0 0 5 1 1\n",
        "NFG 1 R \"a\\\"b\" { \"1\" \"2\" }\n{ { \"T\" \"B\" } { \"L\" \"R\" } }\n\"c\"\n"
        "1/2 -3 0.25 1e2 4 5 6 7\n",
        "NFG 1 R \"o\" { \"a\" \"b\" } { 2 2 }\n{ { \"x\" 1, -1 } { \"y\" 2 3 } }\n1 2 0 1\n",
    };
    static const char alphabet[] = "0123456789 \n{}\",./-+eE\\\xC3\xA9\x80";
    mk_rng rng;
    mk_rng_seed(&rng, 4);
    char buf[256];
    for (int round = 0; round < 20000; round++) {
        const char *base = bases[round % 3];
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
        int rc = mk_game_read_nfg(buf, len, "t.nfg", &g, &ctx);
        if (rc == 0) {
            assert_non_null(g);
            mk_game_free(g);
            continue;
        }
        assert_null(g);
        size_t line, col;
        if (sscanf(ctx.message, "t.nfg:%zu:%zu:", &line, &col) != 2 || line == 0 || col == 0)
            fail_msg("message without a place: '%s'", ctx.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payoff_version_with_counts),
        cmocka_unit_test(test_names_comment_and_escapes),
        cmocka_unit_test(test_numbers_exact),
        cmocka_unit_test(test_outcome_version),
        cmocka_unit_test(test_bom_crlf_and_d),
        cmocka_unit_test(test_utf8_names),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_round_trip_built),
        cmocka_unit_test(test_bad_header),
        cmocka_unit_test(test_missing_names),
        cmocka_unit_test(test_zero_dimension),
        cmocka_unit_test(test_dimension_overflow),
        cmocka_unit_test(test_wrong_number_of_payoffs),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_bad_strings),
        cmocka_unit_test(test_bad_outcomes),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
