/* Symmetric games in compact form (src/games/symgame.c): the numbering of
 * count vectors, the symmetry check of table games (the Prisoner's
 * Dilemma is symmetric; matching pennies and a game with a changed cell
 * are not, with a message naming both profiles), and the round trip
 * compact -> table -> compact. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <string.h>

#include "mechkit/kantian.h"

static mk_game *bimatrix(const int64_t payoffs[4][2])
{
    mk_game *g = NULL;
    const size_t counts[2] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < 2; i++)
            g->payoff[k * 2 + i] = (mk_rational){payoffs[k][i], 1};
    return g;
}

static void count_vectors(void **state)
{
    (void)state;
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 4, 3, NULL), 0); /* 3 others, 3 strategies */
    assert_int_equal(g->n_counts, 10);                   /* C(5, 2) */
    size_t counts[3], first[3] = {0, 0, 3}, last[3] = {3, 0, 0};
    assert_int_equal(mk_symgame_count_index(g, first), 0);
    assert_int_equal(mk_symgame_count_index(g, last), 9);
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        assert_int_equal(counts[0] + counts[1] + counts[2], 3);
        assert_int_equal(mk_symgame_count_index(g, counts), c);
    }
    mk_symgame_free(g);
    /* Two strategies: count vector j is "j others play strategy 1". */
    assert_int_equal(mk_symgame_new(&g, 20, 2, NULL), 0);
    size_t two[2] = {7, 12};
    assert_int_equal(mk_symgame_count_index(g, two), 7);
    mk_symgame_free(g);
}

static void symmetric_table(void **state)
{
    (void)state;
    /* PD: (C,C) 3 3, (D,C) 5 0, (C,D) 0 5, (D,D) 1 1 (player 1 fastest). */
    const int64_t pd[4][2] = {{3, 3}, {5, 0}, {0, 5}, {1, 1}};
    mk_game *g = bimatrix(pd);
    mk_symgame *s = NULL;
    assert_int_equal(mk_symgame_from_game(g, &s, NULL), 0);
    /* Own C against 1 other C: 3; against 0 others C (the other defects): 0. */
    assert_int_equal(s->payoff[1].num, 3);
    assert_int_equal(s->payoff[0].num, 0);
    assert_int_equal(s->payoff[s->n_counts + 1].num, 5);
    assert_int_equal(s->payoff[s->n_counts + 0].num, 1);
    mk_game *back = NULL;
    assert_int_equal(mk_symgame_to_game(s, &back, NULL), 0);
    for (size_t k = 0; k < 8; k++)
        assert_int_equal(mk_rational_cmp(back->payoff[k], g->payoff[k]), 0);
    mk_game_free(back);
    mk_symgame_free(s);
    mk_game_free(g);
}

static void not_symmetric(void **state)
{
    (void)state;
    const int64_t pennies[4][2] = {{1, -1}, {-1, 1}, {-1, 1}, {1, -1}};
    mk_game *g = bimatrix(pennies);
    mk_symgame *s = NULL;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_symgame_from_game(g, &s, &ctx), MK_EINPUT);
    assert_null(s);
    assert_non_null(strstr(ctx.message, "not symmetric: player 2 gets -1 at (1, 1)"));
    assert_non_null(strstr(ctx.message, "player 1 gets 1 at (1, 1)"));
    mk_game_free(g);

    const size_t counts[2] = {2, 3};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    assert_int_equal(mk_symgame_from_game(g, &s, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "player 1 has 2 strategies, player 2 has 3"));
    mk_game_free(g);
}

static void limits(void **state)
{
    (void)state;
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 0, 2, NULL), MK_EINPUT);
    assert_int_equal(mk_symgame_new(&g, MK_SYMGAME_MAX_PLAYERS + 1, 2, NULL), MK_ELIMIT);
    assert_int_equal(mk_symgame_new(&g, 64, 40, NULL), MK_ELIMIT);
    assert_null(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_vectors),
        cmocka_unit_test(symmetric_table),
        cmocka_unit_test(not_symmetric),
        cmocka_unit_test(limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
