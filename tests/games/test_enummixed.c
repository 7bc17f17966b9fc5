/*
 * Tests of all extreme equilibria and maximal Nash subsets of two-player
 * games (src/games/enummixed.c): classic games written here, a degenerate
 * game with a continuum of equilibria, the all-zero game (one clique of
 * everything), invariance under a positive affine change of payoffs,
 * random degenerate games checked against the pure equilibria found
 * independently (src/games/pure.c), and bad input.
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

#include "mechkit/mixed.h"
#include "mechkit/nash.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"

static mk_game *read_game(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    return g;
}

/* Equilibrium k as "x1 x2 / y1 y2 : u1 u2". */
static void describe(const mk_mixed_equilibria *e, size_t m, size_t k, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t s = 0; s < e->width; s++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                                s == 0   ? ""
                                : s == m ? " / "
                                         : " ",
                                e->prob[k * e->width + s]);
    snprintf(buf + len, cap - len, " : %s %s", e->payoff[2 * k], e->payoff[2 * k + 1]);
}

/* All equilibria joined by "; " in the solver's order, and the cliques as
 * "{0,1} {2}" (0-based members). */
static void solve_text(const char *nfg, char *eqs, char *cliques, size_t cap)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = read_game(nfg);
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    if (mk_game_solve_enummixed(g, &e, &ctx) != 0)
        fail_msg("enummixed failed: %s", ctx.message);
    eqs[0] = cliques[0] = '\0';
    for (size_t k = 0; k < e.n; k++) {
        char one[512];
        describe(&e, g->n_strategies[0], k, one, sizeof one);
        snprintf(eqs + strlen(eqs), cap - strlen(eqs), "%s%s", k > 0 ? "; " : "", one);
    }
    for (size_t c = 0; c < e.n_cliques; c++) {
        snprintf(cliques + strlen(cliques), cap - strlen(cliques), "%s{", c > 0 ? " " : "");
        for (size_t a = e.clique_start[c]; a < e.clique_start[c + 1]; a++)
            snprintf(cliques + strlen(cliques), cap - strlen(cliques), "%s%zu",
                     a > e.clique_start[c] ? "," : "", e.clique_member[a]);
        snprintf(cliques + strlen(cliques), cap - strlen(cliques), "}");
    }
    mk_mixed_equilibria_free(&e);
    mk_game_free(g);
}

static void expect(const char *nfg, const char *want_eqs, const char *want_cliques)
{
    char eqs[4096], cliques[1024];
    solve_text(nfg, eqs, cliques, sizeof cliques);
    if (strcmp(eqs, want_eqs) != 0)
        fail_msg("equilibria\n  '%s', expected\n  '%s'", eqs, want_eqs);
    if (strcmp(cliques, want_cliques) != 0)
        fail_msg("cliques '%s', expected '%s'", cliques, want_cliques);
}

/* ---- classic games (Osborne and Rubinstein, "A Course in Game Theory", 1994, ch. 2-3) ----- */

static void test_matching_pennies(void **state)
{
    (void)state;
    /* Unique equilibrium: both mix (1/2, 1/2), value 0. */
    expect("NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1", "1/2 1/2 / 1/2 1/2 : 0 0",
           "{0}");
}

static void test_battle_of_the_sexes(void **state)
{
    (void)state;
    /* Two pure equilibria and the mixed one: player 1 plays her favourite
     * with 2/3, player 2 his with 2/3; payoffs 2/3 each. */
    expect("NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n2 1 0 0 0 0 1 2",
           "1 0 / 1 0 : 2 1; 0 1 / 0 1 : 1 2; 2/3 1/3 / 1/3 2/3 : 2/3 2/3", "{0} {1} {2}");
}

static void test_rock_paper_scissors(void **state)
{
    (void)state;
    /* Unique equilibrium: uniform for both, value 0. Payoffs of (row, col),
     * first player fastest: R/R 0, P/R 1, S/R -1, R/P -1, P/P 0, S/P 1, ... */
    expect("NFG 1 R \"RPS\" { \"1\" \"2\" } { 3 3 }\n"
           "0 0 1 -1 -1 1 -1 1 0 0 1 -1 1 -1 -1 1 0 0",
           "1/3 1/3 1/3 / 1/3 1/3 1/3 : 0 0", "{0}");
}

static void test_degenerate_continuum(void **state)
{
    (void)state;
    /* The 3x2 example of von Stengel, "Computing equilibria for two-person
     * games" (2002, section 2) and "Equilibrium computation for two-player
     * games in strategic and extensive form" (Algorithmic Game Theory,
     * 2007, ch. 3), made degenerate as there (B's first row equal): A = [3 3; 2 5; 0 6], B = [3 3;
     * 2 6; 3 1]. By hand: against Top player 2 is indifferent, so (Top, y) is an equilibrium for y
     * = (q, 1 - q), q in [2/3, 1] (Top is a best reply iff q >= 2/3): a segment whose ends are
     * extreme equilibria and form one clique. Otherwise q = 1/3 makes Middle and Bottom tie, and x
     * = (0, 1/3, 2/3) makes player 2 indifferent: payoffs 4 and 8/3. */
    expect("NFG 1 R \"vS\" { \"1\" \"2\" } { 3 2 }\n"
           "3 3 2 2 0 3 3 3 5 6 6 1",
           "1 0 0 / 1 0 : 3 3; 1 0 0 / 2/3 1/3 : 3 3; 0 1/3 2/3 / 1/3 2/3 : 4 8/3", "{0,1} {2}");
}

static void test_all_zero_game(void **state)
{
    (void)state;
    /* Every profile of a constant game is an equilibrium: the four pure
     * profiles are the extreme ones and one clique holds them all. */
    expect("NFG 1 R \"zero\" { \"1\" \"2\" } { 2 2 }\n0 0 0 0 0 0 0 0",
           "1 0 / 1 0 : 0 0; 1 0 / 0 1 : 0 0; 0 1 / 1 0 : 0 0; 0 1 / 0 1 : 0 0", "{0,1,2,3}");
}

static void test_affine_invariance(void **state)
{
    (void)state;
    /* Battle of the sexes with player 1's payoffs halved and shifted by -7,
     * player 2's shifted by -100: the same strategies; payoffs follow. */
    expect("NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n-6 -99 -7 -100 -7 -100 -13/2 -98",
           "1 0 / 1 0 : -6 -99; 0 1 / 0 1 : -13/2 -98; 2/3 1/3 / 1/3 2/3 : -20/3 -298/3",
           "{0} {1} {2}");
}

static void test_one_strategy(void **state)
{
    (void)state;
    /* Player 1 has one strategy: player 2 best-replies; tie gives a clique. */
    expect("NFG 1 R \"1x3\" { \"1\" \"2\" } { 1 3 }\n0 1 0 2 0 2",
           "1 / 0 1 0 : 0 2; 1 / 0 0 1 : 0 2", "{0,1}");
}

static void test_huge_payoffs(void **state)
{
    (void)state;
    /* Battle of the sexes with player 1's (B, R) payoff 1/3^39: scaled to
     * integers, 5 becomes 5 * 3^39 > 2^63, so the 128-bit fast path is off
     * for player 2's polytope (Ay <= 1) and GMP does everything there. Player 2 must make 5q = (1 -
     * q) / 3^39: q = 1 / (5 * 3^39 + 1) (worked out with Python's fractions). */
    expect("NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n5 1 0 0 0 0 1/4052555153018976267 2",
           "1 0 / 1 0 : 5 1; 0 1 / 0 1 : 1/4052555153018976267 2; 2/3 1/3 / "
           "1/20262775765094881336 20262775765094881335/20262775765094881336 : "
           "5/20262775765094881336 2/3",
           "{0} {1} {2}");
}

/* ---- random games against the pure equilibria ------------------------------------------------ */

/* Payoffs 0..2 make most random games degenerate. Every pure equilibrium
 * is an extreme equilibrium, so the pure profiles among enummixed's
 * answers must be exactly mk_game_solve_pure's; every member of a clique
 * must pair with every other member's strategies. */
static void test_random_degenerate(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 20261123);
    for (int trial = 0; trial < 150; trial++) {
        size_t dims[2] = {1 + mk_rng_below(&rng, 4), 1 + mk_rng_below(&rng, 4)};
        mk_ctx ctx = MK_CTX_INIT;
        mk_game *g = NULL;
        assert_int_equal(mk_game_new(&g, 2, dims, &ctx), MK_OK);
        for (size_t k = 0; k < 2 * g->n_profiles; k++)
            g->payoff[k] = (mk_rational){(int64_t)mk_rng_below(&rng, 3), 1};
        mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
        mk_pure_equilibria p = MK_PURE_EQUILIBRIA_INIT;
        assert_int_equal(mk_game_solve_enummixed(g, &e, &ctx), MK_OK);
        assert_int_equal(mk_game_solve_pure(g, &p, &ctx), MK_OK);
        size_t pure = 0, m = dims[0];
        for (size_t k = 0; k < e.n; k++) {
            size_t ones = 0, at[2] = {0, 0};
            for (size_t s = 0; s < e.width; s++)
                if (strcmp(e.prob[k * e.width + s], "1") == 0) {
                    at[s < m ? 0 : 1] = s < m ? s : s - m;
                    ones++;
                }
            if (ones < 2)
                continue;
            int found = 0;
            for (size_t j = 0; j < p.n; j++)
                found |= p.profile[j] == at[0] + at[1] * m;
            assert_true(found);
            pure++;
        }
        assert_int_equal(pure, p.n);
        assert_true(e.n >= 1 && e.n_cliques >= 1);
        /* A clique is a product: each of its player 1 strategies pairs with
         * each of its player 2 strategies in some member. */
        for (size_t c = 0; c < e.n_cliques; c++)
            for (size_t a = e.clique_start[c]; a < e.clique_start[c + 1]; a++)
                for (size_t b = e.clique_start[c]; b < e.clique_start[c + 1]; b++) {
                    int pair = 0;
                    for (size_t d = e.clique_start[c]; d < e.clique_start[c + 1]; d++)
                        pair |=
                            e.vertex[2 * e.clique_member[d]] == e.vertex[2 * e.clique_member[a]] &&
                            e.vertex[2 * e.clique_member[d] + 1] ==
                                e.vertex[2 * e.clique_member[b] + 1];
                    assert_true(pair);
                }
        /* Maximal: no clique's members lie within another's. */
        for (size_t c = 0; c < e.n_cliques; c++)
            for (size_t d = 0; d < e.n_cliques; d++) {
                if (c == d)
                    continue;
                size_t inside = 0;
                for (size_t a = e.clique_start[c]; a < e.clique_start[c + 1]; a++)
                    for (size_t b = e.clique_start[d]; b < e.clique_start[d + 1]; b++)
                        inside += e.clique_member[a] == e.clique_member[b];
                assert_true(inside < e.clique_start[c + 1] - e.clique_start[c]);
            }
        /* Every equilibrium is in some clique. */
        for (size_t k = 0; k < e.n; k++) {
            int in = 0;
            for (size_t a = 0; a < e.clique_start[e.n_cliques]; a++)
                in |= e.clique_member[a] == k;
            assert_true(in);
        }
        mk_pure_equilibria_free(&p);
        mk_mixed_equilibria_free(&e);
        mk_game_free(g);
    }
}

/* The probabilities of every equilibrium and the cliques, as one string. */
static void summary(const mk_game *g, char *buf, size_t cap)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    if (mk_game_solve_enummixed(g, &e, &ctx) != 0)
        fail_msg("enummixed failed: %s", ctx.message);
    buf[0] = '\0';
    for (size_t k = 0; k < e.n * e.width; k++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s ", e.prob[k]);
    for (size_t a = 0; a < e.n_cliques; a++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "| %zu", e.clique_start[a + 1]);
    mk_mixed_equilibria_free(&e);
}

static void test_fast_and_exact_paths_agree(void **state)
{
    (void)state;
    /* Payoffs times 2^40 overflow the 128-bit fast path on the larger systems
     * and take the GMP path; multiplying payoffs by a positive constant
     * leaves the equilibria unchanged, so both must give the same answer. */
    mk_rng rng;
    mk_rng_seed(&rng, 99);
    for (int trial = 0; trial < 40; trial++) {
        size_t dims[2] = {1 + mk_rng_below(&rng, 4), 1 + mk_rng_below(&rng, 4)};
        mk_ctx ctx = MK_CTX_INIT;
        mk_game *g = NULL, *big = NULL;
        assert_int_equal(mk_game_new(&g, 2, dims, &ctx), MK_OK);
        assert_int_equal(mk_game_new(&big, 2, dims, &ctx), MK_OK);
        for (size_t k = 0; k < 2 * g->n_profiles; k++) {
            int64_t v = (int64_t)mk_rng_below(&rng, 4);
            g->payoff[k] = (mk_rational){v, 1};
            big->payoff[k] = (mk_rational){v << 40, 1};
        }
        char small_answer[8192], big_answer[8192];
        summary(g, small_answer, sizeof small_answer);
        summary(big, big_answer, sizeof big_answer);
        assert_string_equal(small_answer, big_answer);
        mk_game_free(g);
        mk_game_free(big);
    }
}

/* ---- bad input and limits ------------------------------------------------------------------- */

static void test_three_players(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = read_game("NFG 1 R \"c3\" { \"a\" \"b\" \"c\" } { 1 1 1 }\n1 1 1");
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_enummixed(g, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "3 players"));
    assert_int_equal(e.n, 0);
    mk_game_free(g);
}

static void test_size_limits(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    /* C(24, 12) - 1 = 2,704,155 tight systems per polytope, beyond the old
     * brute force; the search visits 12 bases per vertex here. Every pure
     * profile of an all-zero game is an extreme equilibrium, one clique. */
    size_t big[2] = {12, 12};
    assert_int_equal(mk_game_new(&g, 2, big, &ctx), MK_OK);
    assert_int_equal(mk_game_solve_enummixed(g, &e, &ctx), MK_OK);
    assert_int_equal(e.n, 144);
    assert_int_equal(e.n_cliques, 1);
    assert_int_equal(e.clique_start[1], 144);
    mk_mixed_equilibria_free(&e);
    mk_game_free(g);
    size_t wide[2] = {1, 64}; /* 65 labels */
    assert_int_equal(mk_game_new(&g, 2, wide, &ctx), MK_OK);
    assert_int_equal(mk_game_solve_enummixed(g, &e, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "at most 64"));
    mk_game_free(g);
    size_t edge[2] = {1, 63}; /* 64 labels, the most: every strategy ties */
    assert_int_equal(mk_game_new(&g, 2, edge, &ctx), MK_OK);
    assert_int_equal(mk_game_solve_enummixed(g, &e, &ctx), MK_OK);
    assert_int_equal(e.n, 63);
    assert_int_equal(e.n_cliques, 1);
    mk_mixed_equilibria_free(&e);
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching_pennies),
        cmocka_unit_test(test_battle_of_the_sexes),
        cmocka_unit_test(test_rock_paper_scissors),
        cmocka_unit_test(test_degenerate_continuum),
        cmocka_unit_test(test_all_zero_game),
        cmocka_unit_test(test_affine_invariance),
        cmocka_unit_test(test_one_strategy),
        cmocka_unit_test(test_huge_payoffs),
        cmocka_unit_test(test_random_degenerate),
        cmocka_unit_test(test_fast_and_exact_paths_agree),
        cmocka_unit_test(test_three_players),
        cmocka_unit_test(test_size_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
