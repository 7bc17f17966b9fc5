/* mk_game_solve_kantian: Roemer's Kantian equilibria on effort grids.
 * The commons game u_i = e_i (12 - e_1 - e_2), efforts 0..6: in Roemer's
 * continuous model the multiplicative Kantian equilibria are the profiles
 * with e_1 + e_2 = 6 (d/dr of r e_i (12 - r E) at r = 1 is e_i (12 - 2E)),
 * the efficient ones, while Nash play is (4, 4). On the grid the exact
 * sets (checked by an independent enumeration in Python while writing this
 * test) are 28 multiplicative profiles, among them every profile with
 * total 6 and the zero profile, not (4, 4); and 5 additive ones: (6, 0),
 * (4, 2), (3, 3), (2, 4), (0, 6). The Prisoner's Dilemma read as effort
 * (defect "0", cooperate "1"): multiplicative (0, 0) and (1, 1). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "mechkit/kantian.h"

static mk_game *commons(void)
{
    mk_game *g = NULL;
    const size_t counts[2] = {7, 7};
    char name[4];
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    for (size_t i = 0; i < 2; i++)
        for (size_t s = 0; s < 7; s++) {
            snprintf(name, sizeof name, "%zu", s);
            assert_int_equal(mk_game_set_strategy_name(g, i, s, name, NULL), 0);
        }
    for (int64_t e2 = 0; e2 < 7; e2++)
        for (int64_t e1 = 0; e1 < 7; e1++) {
            size_t k = (size_t)(e1 + 7 * e2);
            g->payoff[2 * k] = (mk_rational){e1 * (12 - e1 - e2), 1};
            g->payoff[2 * k + 1] = (mk_rational){e2 * (12 - e1 - e2), 1};
        }
    return g;
}

static int has(const mk_pure_equilibria *e, size_t e1, size_t e2)
{
    for (size_t j = 0; j < e->n; j++)
        if (e->profile[j] == e1 + 7 * e2)
            return 1;
    return 0;
}

static void multiplicative(void **state)
{
    (void)state;
    mk_game *g = commons();
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_MULTIPLICATIVE, NULL, &e, NULL), 0);
    assert_int_equal(e.n, 28);
    for (size_t e1 = 0; e1 <= 6; e1++)
        assert_true(has(&e, e1, 6 - e1));
    assert_true(has(&e, 0, 0));
    assert_false(has(&e, 4, 4));
    assert_false(has(&e, 1, 1)); /* r = 3 gives (3, 3): 18 > 10 */
    mk_pure_equilibria_free(&e);
    mk_game_free(g);
}

static void additive(void **state)
{
    (void)state;
    mk_game *g = commons();
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_ADDITIVE, NULL, &e, NULL), 0);
    assert_int_equal(e.n, 5);
    const size_t want[5] = {6, 4 + 7 * 2, 3 + 7 * 3, 2 + 7 * 4, 7 * 6};
    for (size_t j = 0; j < 5; j++)
        assert_int_equal(e.profile[j], want[j]);
    mk_pure_equilibria_free(&e);
    mk_game_free(g);
}

static void prisoners_dilemma(void **state)
{
    (void)state;
    mk_game *g = NULL;
    const size_t counts[2] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(mk_game_set_strategy_name(g, i, 0, "0", NULL), 0); /* defect */
        assert_int_equal(mk_game_set_strategy_name(g, i, 1, "1", NULL), 0); /* cooperate */
    }
    const int64_t pay[4][2] = {{1, 1}, {0, 5}, {5, 0}, {3, 3}};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < 2; i++)
            g->payoff[2 * k + i] = (mk_rational){pay[k][i], 1};
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_MULTIPLICATIVE, NULL, &e, NULL), 0);
    assert_int_equal(e.n, 2);
    assert_int_equal(e.profile[0], 0);
    assert_int_equal(e.profile[1], 3);
    mk_pure_equilibria_free(&e);
    mk_game_free(g);
}

static void bad_levels(void **state)
{
    (void)state;
    mk_game *g = NULL;
    mk_ctx ctx = MK_CTX_INIT;
    const size_t counts[2] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_ADDITIVE, NULL, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "player 1, strategy 1 has no name"));
    assert_int_equal(mk_game_set_strategy_name(g, 0, 0, "0", NULL), 0);
    assert_int_equal(mk_game_set_strategy_name(g, 0, 1, "high", NULL), 0);
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_ADDITIVE, NULL, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "player 1, strategy 2 \"high\" is not a number"));
    assert_int_equal(mk_game_set_strategy_name(g, 0, 1, "0.0", NULL), 0);
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_ADDITIVE, NULL, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "the same level"));
    assert_int_equal(e.n, 0);
    /* Levels given: the names no longer matter; PD as efforts, defect 0. */
    const mk_rational levels[4] = {{0, 1}, {1, 1}, {0, 1}, {1, 1}};
    const int64_t pay[4][2] = {{1, 1}, {0, 5}, {5, 0}, {3, 3}};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < 2; i++)
            g->payoff[2 * k + i] = (mk_rational){pay[k][i], 1};
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_MULTIPLICATIVE, levels, &e, NULL), 0);
    assert_int_equal(e.n, 2);
    mk_pure_equilibria_free(&e);
    const mk_rational same[4] = {{0, 1}, {0, 1}, {0, 1}, {1, 1}};
    assert_int_equal(mk_game_solve_kantian(g, MK_KANTIAN_ADDITIVE, same, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "player 1: strategies 1 and 2 have the same level"));
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(multiplicative),
        cmocka_unit_test(additive),
        cmocka_unit_test(prisoners_dilemma),
        cmocka_unit_test(bad_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
