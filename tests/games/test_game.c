/* Tests of normal-form games (src/games/game.c): shape, limits, names,
 * profile numbering (first player fastest, as in Gambit's .nfg). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <string.h>

#include "mechkit/game.h"

static void test_shape_and_strides(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[] = {2, 3, 4};
    assert_int_equal(mk_game_new(&g, 3, counts, &ctx), MK_OK);
    assert_int_equal(g->n_profiles, 24);
    assert_int_equal(g->stride[0], 1);
    assert_int_equal(g->stride[1], 2);
    assert_int_equal(g->stride[2], 6);
    assert_string_equal(g->title, "");
    assert_string_equal(g->player_names[2], "");
    for (size_t c = 0; c < 24 * 3; c++) {
        assert_int_equal(g->payoff[c].num, 0);
        assert_int_equal(g->payoff[c].den, 1);
    }
    for (size_t k = 0; k < g->n_profiles; k++) {
        size_t s[3];
        mk_game_profile_strategies(g, k, s);
        assert_true(s[0] < 2 && s[1] < 3 && s[2] < 4);
        assert_int_equal(mk_game_profile_index(g, s), k);
    }
    size_t s[] = {1, 2, 3};
    assert_int_equal(mk_game_profile_index(g, s), 1 + 2 * 2 + 3 * 6);
    mk_game_free(g);
    mk_game_free(NULL);
}

static void test_names(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[] = {2, 1};
    assert_int_equal(mk_game_new(&g, 2, counts, &ctx), MK_OK);
    assert_null(mk_game_strategy_name(g, 0, 0));
    assert_int_equal(mk_game_set_strategy_name(g, 0, 1, "Defect", &ctx), MK_OK);
    assert_string_equal(mk_game_strategy_name(g, 0, 1), "Defect");
    assert_string_equal(mk_game_strategy_name(g, 0, 0), "");
    assert_string_equal(mk_game_strategy_name(g, 1, 0), "");
    assert_int_equal(mk_game_set_player_name(g, 1, "Column", &ctx), MK_OK);
    assert_int_equal(mk_game_set_title(g, "t", &ctx), MK_OK);
    assert_int_equal(mk_game_set_comment(g, "c", &ctx), MK_OK);
    assert_string_equal(g->player_names[1], "Column");
    assert_string_equal(g->title, "t");
    assert_string_equal(g->comment, "c");
    mk_game_free(g);
}

static void test_bad_shapes(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t zero[] = {2, 0};
    assert_int_equal(mk_game_new(&g, 0, zero, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "a game needs at least one player");
    assert_int_equal(mk_game_new(&g, 2, zero, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "player 2 has no strategies");
    size_t huge[] = {SIZE_MAX / 2, 3};
    assert_int_equal(mk_game_new(&g, 2, huge, &ctx), MK_ELIMIT);
    assert_string_equal(ctx.message, "the number of strategy profiles overflows");
    size_t big[] = {(size_t)1 << 26, 2};
    assert_int_equal(mk_game_new(&g, 2, big, &ctx), MK_ELIMIT);
    assert_null(g);
}

static void test_deviation_check(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, &ctx), MK_OK);
    /* Prisoner's dilemma, (C,C) (D,C) (C,D) (D,D). */
    int64_t pd[] = {3, 3, 5, 0, 0, 5, 1, 1};
    for (size_t c = 0; c < 8; c++)
        g->payoff[c] = (mk_rational){pd[c], 1};
    assert_true(mk_game_profile_has_deviation(g, 0));
    assert_true(mk_game_profile_has_deviation(g, 1));
    assert_true(mk_game_profile_has_deviation(g, 2));
    assert_false(mk_game_profile_has_deviation(g, 3));
    /* Exact: 1/3 beats 333333333/1000000000 for player 1 at (D,D). */
    g->payoff[6] = (mk_rational){333333333, 1000000000};
    g->payoff[4] = (mk_rational){1, 3};
    assert_true(mk_game_profile_has_deviation(g, 3));
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shape_and_strides),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_bad_shapes),
        cmocka_unit_test(test_deviation_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
