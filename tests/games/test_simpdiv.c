/*
 * Tests of simpdiv (src/games/simpdiv*.c): one equilibrium by simplicial
 * subdivision with restarts, made exact where possible. Known answers:
 * matching pennies (1/2, 1/2); Shapley's 3x3 game (1964), whose unique
 * equilibrium is uniform; a random 2x2x2 game (Python random.Random(8),
 * 24 draws randint(0, 99)) whose equilibrium reached from the centroid is
 * irrational, player 1 at 0.34510661518730201 (enumpoly's certified
 * enclosure, tests/games/test_enumpoly.c's method). Random games: every
 * answer's regret, recomputed exactly by mk_game_regret, is 0 when exact
 * and below the tolerance otherwise. Two games of tests/games/data on
 * which the restarts once ran out of pivots (rays toward the start
 * instead of the centroid) must now end with an exact equilibrium.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/nfg.h"
#include "mechkit/regret.h"
#include "mechkit/simpdiv.h"

static mk_game *game(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    return g;
}

static void solve(const mk_game *g, mk_simpdiv *s)
{
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_game_solve_simpdiv(g, 0.0, s, &ctx) != 0)
        fail_msg("simpdiv failed: %s", ctx.message);
}

/* "a/b" or "a" as a double. */
static double value(const char *text)
{
    const char *slash = strchr(text, '/');
    return slash == NULL ? strtod(text, NULL) : strtod(text, NULL) / strtod(slash + 1, NULL);
}

/* The answer's regret recomputed exactly: 0 when exact, else at most
 * MK_SIMPDIV_TOLERANCE times range (plus the 12-digit rounding). */
static void expect_regret(const mk_game *g, const mk_simpdiv *s, double range)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_regret r = MK_REGRET_INIT;
    if (mk_game_regret(g, (const char *const *)s->strategies, &r, &ctx) != 0)
        fail_msg("regret failed: %s", ctx.message);
    double worst = 0.0;
    assert_true(s->exact || s->converged);
    for (size_t i = 0; i < g->n_players; i++) {
        worst = fmax(worst, value(r.regret[i]));
        assert_string_equal(r.payoff[i], s->payoffs[i]);
    }
    if (s->exact) {
        assert_true(r.is_nash);
        assert_string_equal(s->max_regret, "0");
        assert_int_equal(mk_game_check_equilibrium(g, (const char *const *)s->strategies,
                                                   (const char *const *)s->payoffs, &ctx),
                         0);
    } else {
        assert_true(worst <= MK_SIMPDIV_TOLERANCE * range + 1e-9 * range);
        assert_true(fabs(worst - value(s->max_regret)) <= 1e-12 * range);
    }
    mk_regret_free(&r);
}

static void test_matching_pennies(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"mp\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n");
    mk_simpdiv s = MK_SIMPDIV_INIT;
    solve(g, &s);
    assert_true(s.exact);
    for (size_t c = 0; c < 4; c++)
        assert_string_equal(s.strategies[c], "1/2");
    assert_string_equal(s.payoffs[0], "0");
    assert_true(s.refinements >= 1 && s.pivots >= 1);
    expect_regret(g, &s, 2.0);
    mk_simpdiv_free(&s);
    mk_game_free(g);
}

static void test_shapley(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"Shapley\" { \"1\" \"2\" } { 3 3 }\n"
                      "1 0 0 0 0 1 0 1 1 0 0 0 0 0 0 1 1 0\n");
    mk_simpdiv s = MK_SIMPDIV_INIT;
    solve(g, &s);
    assert_true(s.exact);
    for (size_t c = 0; c < 6; c++)
        assert_string_equal(s.strategies[c], "1/3");
    assert_string_equal(s.payoffs[0], "1/3");
    assert_string_equal(s.payoffs[1], "1/3");
    mk_simpdiv_free(&s);
    mk_game_free(g);
}

static void test_three_players_irrational(void **state)
{
    (void)state;
    mk_game *g = game("NFG 1 R \"seed 8\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
                      "29 47 48 16 24 90 5 10 17 31 64 26 51 82 3 58 62 58 49 63 73 24 51 11\n");
    mk_simpdiv s = MK_SIMPDIV_INIT;
    solve(g, &s);
    assert_false(s.exact);
    assert_true(fabs(value(s.strategies[0]) - 0.34510661518730201) < 1e-11);
    assert_true(fabs(value(s.strategies[2]) - 0.20662721165709336) < 1e-11);
    expect_regret(g, &s, 90.0);
    mk_simpdiv_free(&s);
    mk_game_free(g);
}

/* A random game (xorshift, payoffs 0..99) of the given shape. */
static mk_game *random_game(size_t n, const size_t *m, uint64_t seed)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    assert_int_equal(mk_game_new(&g, n, m, &ctx), 0);
    uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
    for (size_t k = 0; k < g->n_profiles * n; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        g->payoff[k] = (mk_rational){(int64_t)(x % 100), 1};
    }
    return g;
}

static void random_games(size_t n, const size_t *m, int *exact_count)
{
    for (uint64_t seed = 1; seed <= 20; seed++) {
        mk_game *g = random_game(n, m, seed);
        mk_simpdiv s = MK_SIMPDIV_INIT;
        solve(g, &s);
        expect_regret(g, &s, 99.0);
        *exact_count += s.exact;
        mk_simpdiv_free(&s);
        mk_game_free(g);
    }
}

static void test_random_5x5(void **state)
{
    (void)state;
    size_t m[] = {5, 5};
    int exact = 0;
    random_games(2, m, &exact);
    assert_int_equal(exact, 20); /* 2 players: rational, and found exactly */
}

static void test_random_2x2x2x2(void **state)
{
    (void)state;
    size_t m[] = {2, 2, 2, 2};
    int exact = 0;
    random_games(4, m, &exact);
    assert_true(exact >= 1);
}

/* The game file tests/games/data/<name>, read from MECHKIT_SOURCE_DIR
 * (set by ctest); NULL when that is unset. */
static mk_game *data_game(const char *name)
{
    const char *dir = getenv("MECHKIT_SOURCE_DIR");
    if (dir == NULL)
        return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/games/data/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char *text = malloc(1 << 16);
    assert_non_null(text);
    size_t len = fread(text, 1, (1 << 16) - 1, f);
    fclose(f);
    assert_true(len > 0 && len < (1 << 16) - 1);
    text[len] = '\0';
    mk_game *g = game(text);
    free(text);
    return g;
}

/* An exact equilibrium of a data game, well within the pivot budget. */
static void expect_exact_within(const char *name, double range, uint64_t most_pivots)
{
    mk_game *g = data_game(name);
    if (g == NULL)
        skip();
    mk_simpdiv s = MK_SIMPDIV_INIT;
    solve(g, &s);
    assert_true(s.exact && s.converged);
    expect_regret(g, &s, range);
    assert_true(s.pivots <= most_pivots);
    mk_simpdiv_free(&s);
    mk_game_free(g);
}

/* A random 15x15 game (Python random.Random(16), randint(0, 99)): with
 * rays toward the start, the path on grid 1/1024 spent the 5,000,000
 * pivots (22 s) and gave regret 0.072. Now an exact equilibrium (the one
 * reached, (607/838, 191/838, 20/419) on rows 2, 4, 10 against
 * (72/295, 127/295, 96/295) on columns 8, 11, 13, was checked
 * independently in Python with fractions) in about 250,000 pivots. */
static void test_random16_15x15(void **state)
{
    (void)state;
    expect_exact_within("simpdiv_random16_15x15.nfg", 99.0, 1000000);
}

/* A degenerate random 5x5x5 game (Python random.Random(3), randint(0,
 * 3)): the restarts stalled near an equilibrium on a continuum (Newton's
 * Jacobian singular) and then spent the budget. Now exact in about 2,000
 * pivots. */
static void test_random3_5x5x5_degenerate(void **state)
{
    (void)state;
    expect_exact_within("simpdiv_random3_5x5x5.nfg", 3.0, 100000);
}

static void test_bad_input(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_simpdiv s = MK_SIMPDIV_INIT;
    mk_game *g = game("NFG 1 R \"one\" { \"1\" } { 3 }\n1 2 3\n");
    assert_int_equal(mk_game_solve_simpdiv(g, 0.0, &s, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "at least 2 players"));
    assert_null(s.strategies);
    mk_game_free(g);
    size_t m[] = {1025, 1025};
    assert_int_equal(mk_game_new(&g, 2, m, &ctx), 0);
    assert_int_equal(mk_game_solve_simpdiv(g, 0.0, &s, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "at most 1048576 pure profiles"));
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching_pennies),         cmocka_unit_test(test_shapley),
        cmocka_unit_test(test_three_players_irrational), cmocka_unit_test(test_random_5x5),
        cmocka_unit_test(test_random_2x2x2x2),           cmocka_unit_test(test_random16_15x15),
        cmocka_unit_test(test_random3_5x5x5_degenerate), cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
