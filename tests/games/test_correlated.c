/* mk_game_solve_correlated: correlated equilibria by an exact LP. Known
 * answers: Aumann (1974)'s game of chicken, whose welfare-maximising
 * correlated equilibrium puts 1/2 on (C, C) and 1/4 on each of (D, C) and
 * (C, D), welfare 21/2 (each player 21/4), better than any Nash
 * equilibrium; the best for player 1 is its pure equilibrium (D, C), 7;
 * matching pennies, whose only correlated equilibrium is uniform. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/correlated.h"
#include "mechkit/rng.h"

/* A 2x2 game: payoffs[k] = (u1, u2) of profile k (player 1 fastest). */
static mk_game *two_by_two(const int64_t payoffs[4][2])
{
    mk_game *g = NULL;
    const size_t counts[2] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < 2; i++)
            g->payoff[k * 2 + i] = (mk_rational){payoffs[k][i], 1};
    return g;
}

/* Strategies 0 = Dare, 1 = Chicken. Profiles (p1, p2): (D,D) 0 0,
 * (C,D) 2 7, (D,C) 7 2, (C,C) 6 6. */
static const int64_t chicken[4][2] = {{0, 0}, {2, 7}, {7, 2}, {6, 6}};

static void chicken_welfare(void **state)
{
    (void)state;
    mk_game *g = two_by_two(chicken);
    mk_correlated c = MK_CORRELATED_INIT;
    assert_int_equal(mk_game_solve_correlated(g, MK_CORRELATED_WELFARE, &c, NULL), 0);
    assert_string_equal(c.probability[0], "0");
    assert_string_equal(c.probability[1], "1/4");
    assert_string_equal(c.probability[2], "1/4");
    assert_string_equal(c.probability[3], "1/2");
    assert_string_equal(c.value, "21/2");
    assert_string_equal(c.payoff[0], "21/4");
    assert_string_equal(c.payoff[1], "21/4");
    mk_correlated_free(&c);
    mk_game_free(g);
}

static void chicken_best_for_player_one(void **state)
{
    (void)state;
    mk_game *g = two_by_two(chicken);
    mk_correlated c = MK_CORRELATED_INIT;
    assert_int_equal(mk_game_solve_correlated(g, 0, &c, NULL), 0);
    assert_string_equal(c.value, "7");
    assert_string_equal(c.probability[2], "1"); /* (D, C) */
    mk_correlated_free(&c);
    mk_game_free(g);
}

static void matching_pennies_is_uniform(void **state)
{
    (void)state;
    const int64_t pennies[4][2] = {{1, -1}, {-1, 1}, {-1, 1}, {1, -1}};
    mk_game *g = two_by_two(pennies);
    mk_correlated c = MK_CORRELATED_INIT;
    assert_int_equal(mk_game_solve_correlated(g, MK_CORRELATED_WELFARE, &c, NULL), 0);
    for (size_t k = 0; k < 4; k++)
        assert_string_equal(c.probability[k], "1/4");
    assert_string_equal(c.value, "0");
    mk_correlated_free(&c);
    mk_game_free(g);
}

/* An independent check on seeded random 3x3 and 2x2x2 games: the
 * probabilities are a distribution and no player gains by deviating from
 * any recommendation, in exact arithmetic. */
static void random_games_are_equilibria(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 11);
    for (int trial = 0; trial < 60; trial++) {
        size_t players = trial % 2 == 0 ? 2 : 3, counts[3] = {3, 3, 2};
        if (players == 3)
            counts[0] = counts[1] = 2;
        mk_game *g = NULL;
        assert_int_equal(mk_game_new(&g, players, counts, NULL), 0);
        for (size_t c = 0; c < g->n_profiles * players; c++)
            g->payoff[c] = (mk_rational){mk_rng_range(&rng, -5, 9), 1 + mk_rng_range(&rng, 0, 2)};
        mk_correlated c = MK_CORRELATED_INIT;
        size_t objective = trial % 3 == 0 ? MK_CORRELATED_WELFARE : (size_t)trial % players;
        assert_int_equal(mk_game_solve_correlated(g, objective, &c, NULL), 0);
        mpq_t *p = malloc(g->n_profiles * sizeof *p), sum, gain, t;
        mpq_inits(sum, gain, t, NULL);
        for (size_t k = 0; k < g->n_profiles; k++) {
            mpq_init(p[k]);
            assert_int_equal(mpq_set_str(p[k], c.probability[k], 10), 0);
            assert_true(mpq_sgn(p[k]) >= 0);
            mpq_add(sum, sum, p[k]);
        }
        assert_int_equal(mpq_cmp_ui(sum, 1, 1), 0);
        size_t s[3];
        for (size_t i = 0; i < players; i++)
            for (size_t a = 0; a < counts[i]; a++)
                for (size_t a2 = 0; a2 < counts[i]; a2++) {
                    mpq_set_ui(gain, 0, 1);
                    for (size_t k = 0; k < g->n_profiles; k++) {
                        mk_game_profile_strategies(g, k, s);
                        if (s[i] != a)
                            continue;
                        mk_rational u = mk_game_payoff(g, k, i);
                        s[i] = a2;
                        mk_rational v = mk_game_payoff(g, mk_game_profile_index(g, s), i);
                        mpq_set_si(t, (long)(v.num * u.den - u.num * v.den),
                                   (unsigned long)(u.den * v.den));
                        mpq_canonicalize(t);
                        mpq_mul(t, t, p[k]);
                        mpq_add(gain, gain, t);
                    }
                    assert_true(mpq_sgn(gain) <= 0);
                }
        for (size_t k = 0; k < g->n_profiles; k++)
            mpq_clear(p[k]);
        free(p);
        mpq_clears(sum, gain, t, NULL);
        mk_correlated_free(&c);
        mk_game_free(g);
    }
}

static void bad_objective(void **state)
{
    (void)state;
    mk_game *g = two_by_two(chicken);
    mk_correlated c = MK_CORRELATED_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_game_solve_correlated(g, 2, &c, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "player 3 of 2"));
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chicken_welfare),
        cmocka_unit_test(chicken_best_for_player_one),
        cmocka_unit_test(matching_pennies_is_uniform),
        cmocka_unit_test(random_games_are_equilibria),
        cmocka_unit_test(bad_objective),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
