/*
 * Tests of iterated elimination of strictly dominated strategies by pure
 * strategies (src/games/dominance.c). Games from Gibbons, "A Primer in Game
 * Theory" (1992), section 1.1.B, and Osborne and Rubinstein (1994), ch. 2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "mechkit/dominance.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"

/* Eliminations as "round:player:strategy>dominator" (1-based), joined by
 * spaces, then "|" and the survivors of each player. */
static void expect_dominance(const char *text, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    mk_dominance d = MK_DOMINANCE_INIT;
    assert_int_equal(mk_game_eliminate_dominated(g, &d, &ctx), MK_OK);
    char got[1024] = "";
    for (size_t j = 0; j < d.n; j++) {
        const mk_elimination *e = &d.step[j];
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%zu:%zu:%zu>%zu", j ? " " : "",
                 e->round, e->player + 1, e->strategy + 1, e->dominated_by + 1);
        assert_true(e->round <= d.rounds);
    }
    for (size_t i = 0; i < g->n_players; i++) {
        strcat(got, i ? "," : "|");
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            if (d.alive[d.first[i] + s])
                snprintf(got + strlen(got), sizeof got - strlen(got), "%zu", s + 1);
    }
    if (strcmp(got, want) != 0)
        fail_msg("got '%s', expected '%s'", got, want);
    mk_dominance_free(&d);
    mk_dominance_free(NULL);
    mk_game_free(g);
}

static void test_prisoners_dilemma(void **state)
{
    (void)state;
    expect_dominance("NFG 1 R \"PD\" { \"1\" \"2\" } { 2 2 }\n3 3 5 0 0 5 1 1",
                     "1:1:1>2 1:2:1>2|2,2");
}

static void test_gibbons_three_rounds(void **state)
{
    (void)state;
    /* Rows Up, Down; columns Left, Middle, Right:
     *          L      M      R
     *   U    1,0    1,2    0,1
     *   D    0,3    0,1    2,0
     * Right is dominated by Middle; then Down by Up; then Left by Middle. */
    expect_dominance("NFG 1 R \"G\" { \"1\" \"2\" } { 2 3 }\n1 0 0 3 1 2 0 1 0 1 2 0",
                     "1:2:3>2 2:1:2>1 3:2:1>2|1,2");
}

static void test_nothing_dominated(void **state)
{
    (void)state;
    expect_dominance("NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1", "|12,12");
    /* Equal payoffs do not dominate strictly. */
    expect_dominance("NFG 1 R \"w\" { \"1\" \"2\" } { 2 2 }\n1 0 1 0 0 0 1 0", "|12,12");
}

static void test_only_mixed_domination(void **state)
{
    (void)state;
    /* Middle row (1,1) is dominated by the mix (1/2, 0, 1/2) of Top (3,0)
     * and Bottom (0,3), by no pure strategy: it stays, as documented. */
    expect_dominance("NFG 1 R \"m\" { \"1\" \"2\" } { 3 2 }\n3 0 1 0 0 0 0 0 1 0 3 0", "|123,12");
}

static void test_three_players_and_fractions(void **state)
{
    (void)state;
    /* Player 3's second strategy pays 1/3 more everywhere; then players 1
     * and 2 each prefer their second strategy against it. */
    expect_dominance("NFG 1 R \"3\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
                     "0 0 0   0 0 0   0 0 0   0 0 0\n"
                     "0 0 1/3   1 0 1/3   0 1 1/3   1/2 1/2 1/3\n",
                     "1:3:1>2 2:1:1>2 2:2:1>2|2,2,2");
}

/* The survivors do not depend on the order (strict dominance), and each
 * surviving strategy is undominated within the surviving game. */
static void test_random_survivors_undominated(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 42);
    for (int round = 0; round < 200; round++) {
        size_t counts[3] = {(size_t)mk_rng_range(&rng, 1, 4), (size_t)mk_rng_range(&rng, 1, 4),
                            (size_t)mk_rng_range(&rng, 1, 3)};
        size_t n = round % 2 ? 2 : 3;
        mk_ctx ctx = MK_CTX_INIT;
        mk_game *g = NULL;
        assert_int_equal(mk_game_new(&g, n, counts, &ctx), MK_OK);
        for (size_t c = 0; c < g->n_profiles * n; c++)
            g->payoff[c] = (mk_rational){mk_rng_range(&rng, 0, 6), 1};
        mk_dominance d = MK_DOMINANCE_INIT;
        assert_int_equal(mk_game_eliminate_dominated(g, &d, &ctx), MK_OK);
        for (size_t i = 0; i < n; i++) {
            size_t alive = 0;
            for (size_t s = 0; s < counts[i]; s++)
                alive += d.alive[d.first[i] + s];
            assert_true(alive >= 1);
        }
        /* No survivor strictly dominates another, by brute force. */
        for (size_t i = 0; i < n; i++)
            for (size_t s = 0; s < counts[i]; s++)
                for (size_t t = 0; t < counts[i]; t++) {
                    if (s == t || !d.alive[d.first[i] + s] || !d.alive[d.first[i] + t])
                        continue;
                    int strictly = 1;
                    for (size_t k = 0; k < g->n_profiles; k++) {
                        size_t st[3];
                        mk_game_profile_strategies(g, k, st);
                        int in = st[i] == s;
                        for (size_t j = 0; j < n; j++)
                            in &= j == i || d.alive[d.first[j] + st[j]];
                        if (!in)
                            continue;
                        size_t kt = k + (t - s) * g->stride[i];
                        if (mk_rational_cmp(mk_game_payoff(g, kt, i), mk_game_payoff(g, k, i)) <= 0)
                            strictly = 0;
                    }
                    assert_false(strictly);
                }
        mk_dominance_free(&d);
        mk_game_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_gibbons_three_rounds),
        cmocka_unit_test(test_nothing_dominated),
        cmocka_unit_test(test_only_mixed_domination),
        cmocka_unit_test(test_three_players_and_fractions),
        cmocka_unit_test(test_random_survivors_undominated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
