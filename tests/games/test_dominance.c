/*
 * Tests of iterated elimination of dominated strategies (src/games/
 * dominance.c, dominance_lp.c): strict and weak, by pure and by mixed
 * strategies. Games from Gibbons, "A Primer in Game Theory" (1992),
 * section 1.1.B, and Osborne and Rubinstein (1994), ch. 2 and 4.
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

/* Eliminations as "round:player:strategy>dominator" (1-based; a mixture
 * as "[p1,p2,...]"), joined by spaces, then "|" and the survivors of each
 * player. opt NULL: mk_game_eliminate_dominated. */
static void expect_eliminate(const char *text, const mk_dominance_options *opt, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    mk_dominance d = MK_DOMINANCE_INIT;
    int rc = opt == NULL ? mk_game_eliminate_dominated(g, &d, &ctx)
                         : mk_game_eliminate(g, opt, &d, &ctx);
    if (rc != 0)
        fail_msg("eliminate failed: %s", ctx.message);
    char got[1024] = "";
    for (size_t j = 0; j < d.n; j++) {
        const mk_elimination *e = &d.step[j];
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%zu:%zu:%zu>", j ? " " : "",
                 e->round, e->player + 1, e->strategy + 1);
        if (e->mixture == NULL)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%zu", e->dominated_by + 1);
        for (size_t t = 0; e->mixture != NULL && t < g->n_strategies[e->player]; t++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s", t ? "," : "[",
                     e->mixture[t], t + 1 == g->n_strategies[e->player] ? "]" : "");
        assert_true(e->round <= d.rounds);
        assert_true((e->mixture != NULL) == (e->dominated_by == MK_DOMINATED_BY_MIXTURE));
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

static void expect_dominance(const char *text, const char *want)
{
    expect_eliminate(text, NULL, want);
}

static const mk_dominance_options strict_mixed = {MK_DOMINANCE_OPTIONS_VERSION, MK_DOMINANCE_STRICT,
                                                  MK_DOMINANCE_BY_MIXED};
static const mk_dominance_options weak_pure = {MK_DOMINANCE_OPTIONS_VERSION, MK_DOMINANCE_WEAK,
                                               MK_DOMINANCE_BY_PURE};
static const mk_dominance_options weak_mixed = {MK_DOMINANCE_OPTIONS_VERSION, MK_DOMINANCE_WEAK,
                                                MK_DOMINANCE_BY_MIXED};

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
    const char *game = "NFG 1 R \"m\" { \"1\" \"2\" } { 3 2 }\n3 0 1 0 0 0 0 0 1 0 3 0";
    expect_dominance(game, "|123,12");
    /* By mixed strategies it goes; (1/2, 1/2) is the only mixture that
     * beats it by the most (1/2 against both columns). */
    expect_eliminate(game, &strict_mixed, "1:1:2>[1/2,0,1/2]|13,12");
}

/* A mixed elimination opens the way to pure ones: Top (3,0), Middle (1,1),
 * Bottom (0,3) for the row player; the column player's Right pays 5
 * against Middle only, 0 elsewhere, and Left pays 1 against Top and
 * Bottom. Middle goes (mixture), then Right (by Left), then Bottom (by
 * Top against Left). */
static void test_mixed_then_pure(void **state)
{
    (void)state;
    const char *game = "NFG 1 R \"m\" { \"1\" \"2\" } { 3 2 }\n3 1 1 0 0 1 0 0 1 5 3 0";
    expect_dominance(game, "|123,12");
    expect_eliminate(game, &strict_mixed, "1:1:2>[1/2,0,1/2] 2:2:2>1 3:1:3>1|1,1");
}

/* Weak dominance is order-dependent (Osborne and Rubinstein 1994,
 * section 4.3): T = (1,1 0,0), M = (1,1 2,1), B = (0,0 2,1). T and B are
 * both weakly dominated by M; removing both at once (mechkit's order)
 * leaves M against L and R, where neither column dominates the other.
 * Strictly, nothing is dominated. */
static void test_weak_order(void **state)
{
    (void)state;
    const char *game = "NFG 1 R \"w\" { \"1\" \"2\" } { 3 2 }\n1 1 1 1 0 0 0 0 2 1 2 1";
    expect_dominance(game, "|123,12");
    expect_eliminate(game, &weak_pure, "1:1:1>2 1:1:3>2|2,12");
    expect_eliminate(game, &weak_mixed, "1:1:1>2 1:1:3>2|2,12");
}

/* Middle (1,1,0) is weakly dominated by 1/2 Top (2,0,1) + 1/2 Bottom
 * (0,2,1), which pays (1,1,1), and by no pure strategy; not strictly (the
 * mixture only ties in two columns). Equal columns of the other player
 * (all 0) are not weakly dominated. */
static void test_weak_by_mixture_only(void **state)
{
    (void)state;
    const char *game = "NFG 1 R \"w\" { \"1\" \"2\" } { 3 3 }\n"
                       "2 0 1 0 0 0 0 0 1 0 2 0 1 0 0 0 1 0";
    expect_eliminate(game, &weak_pure, "|123,123");
    expect_eliminate(game, &strict_mixed, "|123,123");
    expect_eliminate(game, &weak_mixed, "1:1:2>[1/2,0,1/2]|13,123");
}

static void test_options_and_limits(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    size_t counts[3] = {3, 33, 32};
    assert_int_equal(mk_game_new(&g, 3, counts, &ctx), MK_OK);
    mk_dominance d = MK_DOMINANCE_INIT;
    mk_dominance_options bad = {99, MK_DOMINANCE_STRICT, MK_DOMINANCE_BY_PURE};
    assert_int_equal(mk_game_eliminate(g, &bad, &d, &ctx), MK_EPARAM);
    assert_string_equal(ctx.message, "dominance options of version 99 (this is version 1)");
    /* All payoffs 0: no pure dominator, so player 1's programs would have
     * 33 * 32 = 1056 > MK_DOMINANCE_MAX_LP_PROFILES constraints. */
    assert_int_equal(mk_game_eliminate(g, &strict_mixed, &d, &ctx), MK_ELIMIT);
    assert_null(d.step);
    assert_int_equal(mk_game_eliminate(g, NULL, &d, &ctx), MK_OK);
    assert_int_equal(d.n, 0);
    mk_dominance_free(&d);
    mk_game_free(g);
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

/* 1 when some mixture of two surviving strategies t, u of player i (t
 * with weight k/24, k = 1..23) strictly dominates s against every
 * surviving profile of the others: a brute-force search that can only
 * find dominators, so a hit on a strategy the LP kept is an LP error. */
static int grid_dominated(const mk_game *g, const mk_dominance *d, size_t i, size_t s)
{
    size_t m = g->n_strategies[i];
    for (size_t t = 0; t < m; t++)
        for (size_t u = t + 1; u < m; u++) {
            if (t == s || u == s || !d->alive[d->first[i] + t] || !d->alive[d->first[i] + u])
                continue;
            for (int64_t k = 1; k < 24; k++) {
                int beats = 1;
                for (size_t p = 0; p < g->n_profiles && beats; p++) {
                    size_t st[3];
                    mk_game_profile_strategies(g, p, st);
                    int in = st[i] == s;
                    for (size_t j = 0; j < g->n_players; j++)
                        in &= j == i || d->alive[d->first[j] + st[j]];
                    if (!in)
                        continue;
                    mk_rational a = mk_game_payoff(g, p + (t - s) * g->stride[i], i);
                    mk_rational b = mk_game_payoff(g, p + (u - s) * g->stride[i], i);
                    mk_rational own = mk_game_payoff(g, p, i), mix;
                    /* payoffs are integers here: k a + (24 - k) b vs 24 own */
                    mix.num = k * a.num + (24 - k) * b.num;
                    mix.den = 1;
                    beats = mix.num > 24 * own.num;
                }
                if (beats)
                    return 1;
            }
        }
    return 0;
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
        mk_dominance d = MK_DOMINANCE_INIT, mixed = MK_DOMINANCE_INIT;
        assert_int_equal(mk_game_eliminate_dominated(g, &d, &ctx), MK_OK);
        /* What survives mixed dominators survives pure ones; the library
         * re-checks every mixture exactly (MK_EINTERNAL otherwise). */
        assert_int_equal(mk_game_eliminate(g, &strict_mixed, &mixed, &ctx), MK_OK);
        for (size_t c = 0; c < d.first[n]; c++)
            assert_true(!mixed.alive[c] || d.alive[c]);
        for (size_t i = 0; i < n; i++)
            for (size_t s = 0; s < counts[i]; s++)
                assert_false(mixed.alive[mixed.first[i] + s] && grid_dominated(g, &mixed, i, s));
        mk_dominance_free(&mixed);
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
        cmocka_unit_test(test_mixed_then_pure),
        cmocka_unit_test(test_weak_order),
        cmocka_unit_test(test_weak_by_mixture_only),
        cmocka_unit_test(test_options_and_limits),
        cmocka_unit_test(test_three_players_and_fractions),
        cmocka_unit_test(test_random_survivors_undominated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
