/*
 * Tests of enumpoly (src/games/enumpoly*.c): every isolated equilibrium of
 * small n-player games, exact or enclosed.
 *
 * Known answers of the random 2x2x2 games below were computed
 * independently, by support enumeration in exact arithmetic with sympy
 * (every support profile's indifference system solved symbolically with
 * sympy.solve, real positive solutions kept, better replies outside the
 * support ruled out): payoffs from Python's random.Random(seed), 24 calls
 * randint(0, 99), profile by profile with the first player fastest.
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

#include "mechkit/enumpoly.h"
#include "mechkit/nfg.h"

static mk_game *game(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    return g;
}

static void solve(const mk_game *g, mk_enumpoly *e)
{
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_game_solve_enumpoly(g, e, &ctx) != 0)
        fail_msg("enumpoly failed: %s", ctx.message);
}

/* Equilibrium k's probabilities then payoffs, joined by spaces. */
static void row_text(const mk_enumpoly *e, size_t k, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t c = 0; c < e->width + e->n_players; c++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", c ? " " : "",
                 e->value[k * (e->width + e->n_players) + c]);
}

/* The exact equilibria are exactly want (in any order, count n_exact). */
static void expect_exact(const mk_enumpoly *e, const char *const *want, size_t n_exact)
{
    size_t found = 0;
    char buf[1024];
    for (size_t k = 0; k < e->n; k++) {
        if (!e->exact[k])
            continue;
        found++;
        row_text(e, k, buf, sizeof buf);
        size_t w = 0;
        while (w < n_exact && strcmp(want[w], buf) != 0)
            w++;
        if (w == n_exact)
            fail_msg("unexpected equilibrium %s", buf);
    }
    assert_int_equal(found, n_exact);
}

/* The one enclosed equilibrium holds the values want (20 digits, from
 * sympy), probabilities then payoffs. */
static void expect_enclosed(const mk_enumpoly *e, const double *want)
{
    size_t k = 0;
    while (k < e->n && e->exact[k])
        k++;
    assert_true(k < e->n);
    for (size_t c = 0; c < e->width + e->n_players; c++) {
        size_t at = k * (e->width + e->n_players) + c;
        double lo = strtod(e->lower[at], NULL), hi = strtod(e->upper[at], NULL);
        if (!(lo <= want[c] && want[c] <= hi && hi - lo < 1e-9))
            fail_msg("value %zu: %.20g not in [%s, %s]", c, want[c], e->lower[at], e->upper[at]);
    }
}

/* SOURCES.md of ../shared/data/games: all A, all B, all half-half. */
static void test_three_player_coordination(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"c\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
                      "1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1\n");
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    solve(g, &e);
    const char *const want[] = {"1 0 1 0 1 0 1 1 1", "0 1 0 1 0 1 1 1 1",
                                "1/2 1/2 1/2 1/2 1/2 1/2 1/4 1/4 1/4"};
    expect_exact(&e, want, 3);
    assert_int_equal(e.n, 3);
    assert_int_equal(e.unresolved, 0);
    assert_int_equal(e.supports, 27);
    mk_enumpoly_free(&e);
    mk_enumpoly_free(NULL);
    mk_game_free(g);
}

/* Seed 6: two rational equilibria and one whose probabilities are in
 * Q(sqrt(79818379)): player 1's first is (73345 + sqrt(79818379)) /
 * 107103 = 0.76822416942985120779... */
static void test_random_irrational_seed6(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"seed 6\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
                      "73 10 62 97 33 4 0 18 84 75 60 97 94 47 40 98 2 34 62 25 93 52 68 69\n");
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    solve(g, &e);
    const char *const want[] = {"0 1 0 1 1 0 75 60 97",
                                "28/37 9/37 0 1 2/17 15/17 930/17 21768/629 3225/37"};
    expect_exact(&e, want, 2);
    const double irrational[] = {
        0.76822416942985120779, 0.23177583057014879221, 0.040907854815576236296,
        0.95909214518442376370, 0.11449085196864536575, 0.88550914803135463425,
        56.402645113194270874,  34.138388538428163770,  85.439929897571906839};
    expect_enclosed(&e, irrational);
    assert_int_equal(e.n, 3);
    assert_int_equal(e.unresolved, 0);
    mk_enumpoly_free(&e);
    mk_game_free(g);
}

/* Seed 8: four rational equilibria, one in Q(sqrt(1088162557)). */
static void test_random_irrational_seed8(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"seed 8\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
                      "29 47 48 16 24 90 5 10 17 31 64 26 51 82 3 58 62 58 49 63 73 24 51 11\n");
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    solve(g, &e);
    const char *const want[] = {"1 0 1 0 1 0 29 47 48", "0 1 0 1 1 0 31 64 26",
                                "40/77 37/77 2/3 1/3 1 0 21 2768/77 12142/231",
                                "15/71 56/71 0 1 25/51 26/51 1399/51 192176/3621 1711/71"};
    expect_exact(&e, want, 4);
    const double irrational[] = {
        0.34510661518730194714, 0.65489338481269805286, 0.20662721165709326317,
        0.79337278834290673682, 0.50614364187688408675, 0.49385635812311591325,
        29.443761267948999422,  50.192694469564559857,  33.765004227889452015};
    expect_enclosed(&e, irrational);
    assert_int_equal(e.n, 5);
    assert_int_equal(e.unresolved, 0);
    mk_enumpoly_free(&e);
    mk_game_free(g);
}

/* Two players: the same equilibria as vertex enumeration (SOURCES.md,
 * battle of the sexes); a game with a continuum of equilibria (SOURCES.md,
 * degenerate 2x3: C against any mix of T and B with p in [1/4, 3/4])
 * keeps its isolated ones and reports what it could not resolve. */
static void test_two_players(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n2 1 0 0 0 0 1 2\n");
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    solve(g, &e);
    const char *const want[] = {"1 0 1 0 2 1", "0 1 0 1 1 2", "2/3 1/3 1/3 2/3 2/3 2/3"};
    expect_exact(&e, want, 3);
    assert_int_equal(e.unresolved, 0);
    mk_enumpoly_free(&e);
    mk_game_free(g);
    g = game("NFG 1 R \"d\" { \"1\" \"2\" } { 2 3 }\n1 4 0 0 1 3 1 3 0 0 1 4\n");
    solve(g, &e);
    const char *const isolated[] = {"1 0 1 0 0 1 4", "0 1 0 0 1 1 4"};
    expect_exact(&e, isolated, 2);
    /* Exactly the support of the segment: {T, B} against {C}. */
    assert_int_equal(e.unresolved, 1);
    assert_int_equal(e.unresolved_support[0], 3);
    assert_int_equal(e.unresolved_support[1], 2);
    mk_enumpoly_free(&e);
    mk_game_free(g);
}

static void test_limits(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[3] = {4, 4, 5};
    assert_int_equal(mk_game_new(&g, 3, counts, &ctx), MK_OK);
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    assert_int_equal(mk_game_solve_enumpoly(g, &e, &ctx), MK_ELIMIT);
    assert_string_equal(ctx.message, "enumpoly takes games of at most 27 profiles and 100000 "
                                     "support profiles (e.g. 3x3x3); this one has 80 profiles");
    assert_null(e.value);
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_player_coordination),
        cmocka_unit_test(test_random_irrational_seed6),
        cmocka_unit_test(test_random_irrational_seed8),
        cmocka_unit_test(test_two_players),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
