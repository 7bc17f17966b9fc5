/*
 * Tests of the exact profile check (src/games/regret.c): regrets of
 * equilibria and non-equilibria of textbook games (Osborne and Rubinstein
 * 1994, ch. 2-3), the equilibria of ../shared/data/games/SOURCES.md
 * (computed independently there), bad profiles, and the check that
 * solvers' answers pass.
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
#include "mechkit/regret.h"

static mk_game *game(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    return g;
}

/* The regret report of prob as "payoff/best/regret/reply" per player
 * (reply 1-based), joined by spaces, then " nash" or " not". */
static void expect_regret(const mk_game *g, const char *const *prob, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_regret r = MK_REGRET_INIT;
    if (mk_game_regret(g, prob, &r, &ctx) != 0)
        fail_msg("regret failed: %s", ctx.message);
    char got[512] = "";
    for (size_t i = 0; i < r.n_players; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s/%s/%s/%zu ", r.payoff[i],
                 r.best_payoff[i], r.regret[i], r.best_reply[i] + 1);
    strcat(got, r.is_nash ? "nash" : "not");
    if (strcmp(got, want) != 0)
        fail_msg("got '%s', expected '%s'", got, want);
    mk_regret_free(&r);
    mk_regret_free(NULL);
}

static void expect_bad_profile(const mk_game *g, const char *const *prob, const char *message)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_regret r = MK_REGRET_INIT;
    assert_int_equal(mk_game_regret(g, prob, &r, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, message);
    assert_null(r.payoff);
}

static const char *const matching_pennies = "NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n"
                                            "1 -1 -1 1 -1 1 1 -1\n";

static void test_matching_pennies(void **state)
{
    (void)state;
    mk_game *g = game(matching_pennies);
    const char *const half[] = {"1/2", "0.5", "1/2", "2/4"};
    expect_regret(g, half, "0/0/0/1 0/0/0/1 nash");
    /* Player 1 plays Heads for sure: 2 answers Tails and gains 1; 1's best
     * reply to 2's half-half pays 0, what 1 gets. */
    const char *const heads[] = {"1", "0", "1/2", "1/2"};
    expect_regret(g, heads, "0/0/0/1 0/1/1/2 not");
    const char *const skewed[] = {"1/3", "2/3", "1/4", "3/4"};
    /* u1(H) = 1/4 - 3/4 = -1/2, u1(T) = 1/2; u1 = -1/6 + 1/3 = 1/6. */
    expect_regret(g, skewed, "1/6/1/2/1/3/2 -1/6/1/3/1/2/1 not");
    mk_game_free(g);
}

/* SOURCES.md: the random 6x6 game (seed 20240601), equilibrium 2, whose
 * fractions have six-digit denominators, and the pure equilibrium 1. */
static void test_random_6x6_known_answer(void **state)
{
    (void)state;
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/games/random_6x6_seed20240601.nfg", dir ? dir : "");
    FILE *f = dir != NULL ? fopen(path, "rb") : NULL;
    if (f == NULL)
        skip();
    char text[8192];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    mk_game *g = game(text);
    const char *const eq2[] = {
        "58595/167438", "15011/83719", "6165/83719",  "66491/167438", "0", "0", "1334/15197", "0",
        "19888/45591",  "0",           "11740/45591", "1423/6513"};
    const char *const pay2[] = {"319804/6513", "9078829/167438"};
    expect_regret(g, eq2, "319804/6513/319804/6513/0/1 9078829/167438/9078829/167438/0/1 nash");
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_game_check_equilibrium(g, eq2, pay2, &ctx), MK_OK);
    const char *const eq1[] = {"0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "1"};
    const char *const pay1[] = {"90", "81"};
    assert_int_equal(mk_game_check_equilibrium(g, eq1, pay1, &ctx), MK_OK);
    /* A wrong payoff is caught, and so is a profile that is not one. */
    const char *const wrong[] = {"90", "80"};
    assert_int_equal(mk_game_check_equilibrium(g, eq1, wrong, &ctx), MK_EINTERNAL);
    assert_string_equal(ctx.message, "a computed equilibrium gives player 2 the payoff 81, not 80");
    const char *const off[] = {"1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"};
    assert_int_equal(mk_game_check_equilibrium(g, off, NULL, &ctx), MK_EINTERNAL);
    mk_game_free(g);
}

/* Three players (SOURCES.md: each gets 1 when all three match): all mix
 * half-half is an equilibrium with payoffs 1/4; one deviating to A pays
 * 1/4 too (indifference), so the regret is 0. */
static void test_three_players(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"c3\" { \"a\" \"b\" \"c\" } { 2 2 2 }\n"
                      "1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1\n");
    const char *const mix[] = {"1/2", "1/2", "1/2", "1/2", "1/2", "1/2"};
    expect_regret(g, mix, "1/4/1/4/0/1 1/4/1/4/0/1 1/4/1/4/0/1 nash");
    const char *const off[] = {"1", "0", "1/2", "1/2", "0", "1"};
    expect_regret(g, off, "0/1/2/1/2/2 0/0/0/1 0/1/2/1/2/1 not");
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_game_check_equilibrium(g, mix, NULL, &ctx), MK_OK);
    assert_int_equal(mk_game_check_equilibrium(g, off, NULL, &ctx), MK_EINTERNAL);
    assert_string_equal(ctx.message, "a computed equilibrium fails the exact check: player 1 gains "
                                     "1/2 by playing strategy 2");
    mk_game_free(g);
}

static void test_bad_profiles(void **state)
{
    (void)state;
    mk_game *g = game(matching_pennies);
    const char *const word[] = {"1/2", "half", "1/2", "1/2"};
    expect_bad_profile(g, word,
                       "player 1, strategy 2: 'half' is not a probability (an integer, a decimal "
                       "such as 0.25 or a fraction such as 2/3)");
    const char *const zero_den[] = {"1/0", "1", "1/2", "1/2"};
    expect_bad_profile(g, zero_den,
                       "player 1, strategy 1: '1/0' is not a probability (an integer, a decimal "
                       "such as 0.25 or a fraction such as 2/3)");
    const char *const negative[] = {"3/2", "-1/2", "1/2", "1/2"};
    expect_bad_profile(g, negative, "player 1, strategy 2: probability -1/2 < 0");
    const char *const short_sum[] = {"1/2", "1/2", "1/3", "1/3"};
    expect_bad_profile(g, short_sum, "player 2: the probabilities sum to 2/3, not 1");
    const char *const junk[] = {"1", "0", "1/2 ", "1/2"};
    expect_bad_profile(g, junk,
                       "player 2, strategy 1: '1/2 ' is not a probability (an integer, a decimal "
                       "such as 0.25 or a fraction such as 2/3)");
    const char *const empty[] = {"", "1", "1/2", "1/2"};
    expect_bad_profile(g, empty,
                       "player 1, strategy 1: '' is not a probability (an integer, a decimal "
                       "such as 0.25 or a fraction such as 2/3)");
    mk_game_free(g);
}

/* Aumann (1974) chicken, (C,C) 6,6, (D,C) 7,2, (C,D) 2,7, (D,D) 0,0: a
 * third on each of (C,C), (D,C), (C,D) is a correlated equilibrium paying
 * 5 each; all weight on (C,C) is not (told C, a player gains 1 by D). */
static void test_correlated_check(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"chicken\" { \"1\" \"2\" } { 2 2 }\n6 6 7 2 2 7 0 0\n");
    mk_ctx ctx = MK_CTX_INIT;
    const char *const third[] = {"1/3", "1/3", "1/3", "0"};
    const char *const five[] = {"5", "5"};
    assert_int_equal(mk_game_check_correlated(g, third, five, &ctx), MK_OK);
    const char *const six[] = {"6", "5"};
    assert_int_equal(mk_game_check_correlated(g, third, six, &ctx), MK_EINTERNAL);
    assert_string_equal(ctx.message,
                        "a computed correlated equilibrium gives player 1 the payoff 5, not 6");
    const char *const cc[] = {"1", "0", "0", "0"};
    assert_int_equal(mk_game_check_correlated(g, cc, NULL, &ctx), MK_EINTERNAL);
    assert_string_equal(ctx.message, "a computed correlated equilibrium fails the exact check: "
                                     "player 1 gains by playing 2 when told 1");
    const char *const half[] = {"1/2", "0", "0", "0"};
    assert_int_equal(mk_game_check_correlated(g, half, NULL, &ctx), MK_EINTERNAL);
    assert_string_equal(ctx.message,
                        "a computed correlated equilibrium has probabilities that do not sum to 1");
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching_pennies), cmocka_unit_test(test_random_6x6_known_answer),
        cmocka_unit_test(test_three_players),    cmocka_unit_test(test_bad_profiles),
        cmocka_unit_test(test_correlated_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
