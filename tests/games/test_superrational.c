/* mk_symgame_superrational: Hofstadter's superrational choice. Known
 * answers (Hofstadter, "Metamagical Themas", 1983 and 1985):
 *  - Prisoner's Dilemma T=5, R=3, P=1, S=0: cooperate (payoff 3), while
 *    the unique Nash equilibrium is (defect, defect);
 *  - with T=8: u(p, p) = (R-S-T+P) p^2 + (S+T-2P) p + P = -4p^2 + 6p + 1,
 *    so cooperate with probability (S+T-2P) / (2 (S+T-R-P)) = 3/4, 13/4;
 *  - the Platonia dilemma (prize 1 to the only sender): u = p (1-p)^(n-1),
 *    maximal at p = 1/n, payoff (n-1)^(n-1) / n^n, for n = 2 .. 20;
 *  - a 3-player bar (going pays 1 unless both others go): u = p (1 - p^2),
 *    maximal at the irrational 1/sqrt 3 = 0.5773502691896257..., payoff
 *    2 / (3 sqrt 3) = 0.3849001794597505...: certified bounds;
 *  - ties (pure coordination: both ends), constant u (rock-paper-scissors:
 *    p'Ap = 0 on the whole simplex) and the 3-strategy anti-coordination
 *    game (u = 1 - sum p_i^2, maximal at the centre, 2/3);
 *  - three players with three strategies (see more_players_and_strategies).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/kantian.h"
#include "superrational_fixture.h"

/* A 2-player game with payoff matrix a (k x k, own strategy first). */
static mk_symgame *two_player(size_t k, const int64_t *a)
{
    mk_symgame *g = NULL;
    size_t counts[8];
    assert_int_equal(mk_symgame_new(&g, 2, k, NULL), 0);
    for (size_t j = 0; j < k; j++) {
        memset(counts, 0, sizeof counts);
        counts[j] = 1;
        size_t c = mk_symgame_count_index(g, counts);
        for (size_t i = 0; i < k; i++)
            g->payoff[i * g->n_counts + c] = (mk_rational){a[i * k + j], 1};
    }
    return g;
}

static void prisoners_dilemma(void **state)
{
    (void)state;
    const int64_t pd[4] = {3, 0, 5, 1}; /* C: R S; D: T P */
    mk_symgame *g = two_player(2, pd);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    assert_string_equal(r.choice[0].prob[0], "1");
    assert_string_equal(r.choice[0].prob[1], "0");
    assert_string_equal(r.choice[0].value, "3");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static void prisoners_dilemma_t8(void **state)
{
    (void)state;
    const int64_t pd[4] = {3, 0, 8, 1};
    mk_symgame *g = two_player(2, pd);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.choice[0].prob[0], "3/4");
    assert_string_equal(r.choice[0].prob[1], "1/4");
    assert_string_equal(r.choice[0].value, "13/4");
    assert_false(r.constant);
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static void platonia(void **state)
{
    (void)state;
    for (size_t n = 2; n <= 20; n++) {
        mk_symgame *g = NULL;
        assert_int_equal(mk_symgame_new(&g, n, 2, NULL), 0);
        g->payoff[0] = (mk_rational){1, 1}; /* send, and no other sends */
        mk_superrational r;
        solve(g, &r);
        assert_int_equal(r.n, 1);
        char want[32];
        snprintf(want, sizeof want, "1/%zu", n);
        assert_string_equal(r.choice[0].prob[0], want);
        mpq_t v;
        mpq_init(v);
        mpz_ui_pow_ui(mpq_numref(v), n - 1, n - 1);
        mpz_ui_pow_ui(mpq_denref(v), n, n);
        mpq_canonicalize(v);
        char *s = mpq_get_str(NULL, 10, v);
        assert_string_equal(r.choice[0].value, s);
        free(s);
        mpq_clear(v);
        mk_superrational_free(&r);
        mk_symgame_free(g);
    }
}

static void irrational_bar(void **state)
{
    (void)state;
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 3, 2, NULL), 0);
    g->payoff[0] = (mk_rational){1, 1}; /* go, 0 others go */
    g->payoff[1] = (mk_rational){1, 1}; /* go, 1 other goes */
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_false(r.choice[0].exact);
    assert_string_equal(r.choice[0].prob_lo[0], "0.577350269189625");
    assert_string_equal(r.choice[0].prob_hi[0], "0.577350269189626");
    assert_string_equal(r.choice[0].prob_lo[1], "0.422649730810374");
    assert_string_equal(r.choice[0].value_lo, "0.384900179459");
    assert_string_equal(r.choice[0].value_hi, "0.384900179460");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static void ties_and_constant(void **state)
{
    (void)state;
    const int64_t coordination[4] = {1, 0, 0, 1};
    mk_symgame *g = two_player(2, coordination);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 2); /* both pure strategies, value 1 */
    assert_string_equal(r.choice[0].prob[0], "1");
    assert_string_equal(r.choice[1].prob[0], "0");
    assert_string_equal(r.choice[1].value, "1");
    mk_superrational_free(&r);
    mk_symgame_free(g);

    const int64_t flat[4] = {2, 1, 3, 2}; /* u = 2 for every p */
    g = two_player(2, flat);
    solve(g, &r);
    assert_true(r.constant);
    assert_int_equal(r.n, 2);
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static void three_strategies(void **state)
{
    (void)state;
    const int64_t rps[9] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    mk_symgame *g = two_player(3, rps);
    mk_superrational r;
    solve(g, &r);
    assert_true(r.constant);
    assert_string_equal(r.choice[0].value, "0");
    mk_superrational_free(&r);
    mk_symgame_free(g);

    const int64_t anti[9] = {0, 1, 1, 1, 0, 1, 1, 1, 0};
    g = two_player(3, anti);
    solve(g, &r);
    assert_false(r.constant);
    assert_int_equal(r.n, 1);
    for (size_t s = 0; s < 3; s++)
        assert_string_equal(r.choice[0].prob[s], "1/3");
    assert_string_equal(r.choice[0].value, "2/3");
    mk_superrational_free(&r);
    mk_symgame_free(g);

    /* A skewed 3x3: maximum on the edge {1, 2}: u = (A + A')/2 quadratic.
     * A = [[1, 4, 0], [0, 1, 0], [0, 0, 0]]: on the edge p = (x, 1-x, 0),
     * u = x^2 + 4x(1-x) + (1-x)^2 = -2x^2 + 2x + 1, max at x = 1/2: 3/2. */
    const int64_t edge[9] = {1, 4, 0, 0, 1, 0, 0, 0, 0};
    g = two_player(3, edge);
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.choice[0].prob[0], "1/2");
    assert_string_equal(r.choice[0].prob[1], "1/2");
    assert_string_equal(r.choice[0].prob[2], "0");
    assert_string_equal(r.choice[0].value, "3/2");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

/* Three players, three strategies: a pure optimum is found exactly. A
 * public good (contribute 0, 1 or 2; u = (2/3) total - own): everyone
 * contributing 2 pays 2, the most. All payoffs 0: constant. A
 * three-strategy Platonia (1 to the only sender, the two other strategies
 * alike): u = p_1 (1 - p_1)^2 is 4/27 on the whole segment p_1 = 1/3, a
 * continuum of maximisers, so the answer is the certified enclosure
 * (test_superrational_multi.c has the mixed optima). */
static void more_players_and_strategies(void **state)
{
    (void)state;
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 3, 3, NULL), 0);
    size_t counts[3];
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        for (int64_t s = 0; s < 3; s++) {
            int64_t total = s + (int64_t)counts[1] + 2 * (int64_t)counts[2];
            assert_int_equal(
                mk_rational_make(2 * total - 3 * s, 3, &g->payoff[(size_t)s * g->n_counts + c]), 0);
        }
    }
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.choice[0].prob[2], "1");
    assert_string_equal(r.choice[0].value, "2");
    mk_superrational_free(&r);

    for (size_t c = 0; c < 3 * g->n_counts; c++)
        g->payoff[c] = (mk_rational){0, 1};
    solve(g, &r);
    assert_true(r.constant);
    assert_int_equal(r.n, 3);
    mk_superrational_free(&r);

    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        g->payoff[c] = (mk_rational){counts[0] == 0, 1}; /* send alone */
    }
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_false(r.choice[0].exact);
    assert_true(strtod(r.choice[0].value_lo, NULL) <= 4.0 / 27);
    assert_true(strtod(r.choice[0].value_hi, NULL) >= 4.0 / 27);
    assert_true(strtod(r.choice[0].value_hi, NULL) - strtod(r.choice[0].value_lo, NULL) < 1e-8);
    assert_true(strtod(r.choice[0].prob_lo[0], NULL) <= 1.0 / 3);
    assert_true(strtod(r.choice[0].prob_hi[0], NULL) >= 1.0 / 3);
    assert_true(strtod(r.choice[0].prob_hi[0], NULL) - strtod(r.choice[0].prob_lo[0], NULL) < 0.01);
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prisoners_dilemma),
        cmocka_unit_test(prisoners_dilemma_t8),
        cmocka_unit_test(platonia),
        cmocka_unit_test(irrational_bar),
        cmocka_unit_test(ties_and_constant),
        cmocka_unit_test(three_strategies),
        cmocka_unit_test(more_players_and_strategies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
