/* mk_symgame_superrational with three or more players and strategies:
 * branch and bound over the simplex, exact on vertices and edges.
 *  - anti-coordination (a player gets the number of others on another
 *    strategy): u = (n - 1)(1 - sum p_s^2), maximal at the centre: with 3
 *    strategies (1/3, 1/3, 1/3), 4/3 for 3 players, not reachable by
 *    halving: proven by the local proof (superrational_exact.c); with 4
 *    strategies and 3 players (1/4, 1/4, 1/4, 1/4), 3/2, proven exact;
 *  - Platonia with a costly third option (1 to the only sender; "abstain"
 *    pays -1 and does not send): u = p_1 (1 - p_1)^(n-1) - p_3, maximal on
 *    the send/refrain edge at p_1 = 1/n: (1/3, 2/3, 0), 4/27 for 3 players,
 *    (1/4, 3/4, 0), 27/256 for 4, exactly;
 *  - Platonia with two prizes (claiming prize A or B pays 1 when no other
 *    player claims the same, or refrain): u = sum_X p_X (1 - p_X)^(n-1),
 *    maximal at p_A = p_B = 1/n: for 3 players the centre, 8/27, exactly;
 *  - weighted coordination (weight s + 1 per other on the same strategy
 *    s): u = (n - 1) sum (s + 1) p_s^2, maximal at the last vertex, pure;
 *  - seeded random games against a grid: the certified lower bound is
 *    within the tolerance of every grid value and the upper bound above
 *    the grid's best;
 *  - more players or strategies than searched: MK_ELIMIT.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/kantian.h"
#include "superrational_fixture.h"
#include "mechkit/rng.h"

/* The exact value of a fraction string. */
static double fraction(const char *text)
{
    mpq_t q;
    mpq_init(q);
    assert_int_equal(mpq_set_str(q, text, 10), 0);
    mpq_canonicalize(q);
    double d = mpq_get_d(q);
    mpq_clear(q);
    return d;
}

static int64_t anti_coordination(size_t own, const size_t *counts, size_t n)
{
    return (int64_t)(n - 1 - counts[own]);
}

static void interior(void **state)
{
    (void)state;
    mk_symgame *g = make_game(3, 3, anti_coordination);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    for (size_t s = 0; s < 3; s++)
        assert_string_equal(r.choice[0].prob[s], "1/3");
    assert_string_equal(r.choice[0].value, "4/3");
    mk_superrational_free(&r);
    mk_symgame_free(g);

    g = make_game(3, 4, anti_coordination);
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    for (size_t s = 0; s < 4; s++)
        assert_string_equal(r.choice[0].prob[s], "1/4");
    assert_string_equal(r.choice[0].value, "3/2");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

/* Strategies send, refrain, abstain. */
static int64_t platonia_abstain(size_t own, const size_t *counts, size_t n)
{
    (void)n;
    if (own == 2)
        return -1;
    return own == 0 && counts[0] == 0;
}

static void edge(void **state)
{
    (void)state;
    const char *want[][4] = {{"1/3", "2/3", "0", "4/27"}, {"1/4", "3/4", "0", "27/256"}};
    for (size_t n = 3; n <= 4; n++) {
        mk_symgame *g = make_game(n, 3, platonia_abstain);
        mk_superrational r;
        solve(g, &r);
        assert_int_equal(r.n, 1);
        assert_true(r.choice[0].exact);
        for (size_t s = 0; s < 3; s++)
            assert_string_equal(r.choice[0].prob[s], want[n - 3][s]);
        assert_string_equal(r.choice[0].value, want[n - 3][3]);
        mk_superrational_free(&r);
        mk_symgame_free(g);
    }
}

/* Strategies claim A, claim B, refrain. */
static int64_t platonia_two_prizes(size_t own, const size_t *counts, size_t n)
{
    (void)n;
    return own < 2 && counts[own] == 0;
}

static void platonia_generalised(void **state)
{
    (void)state;
    mk_symgame *g = make_game(3, 3, platonia_two_prizes);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    for (size_t s = 0; s < 3; s++)
        assert_string_equal(r.choice[0].prob[s], "1/3");
    assert_string_equal(r.choice[0].value, "8/27");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static int64_t weighted_coordination(size_t own, const size_t *counts, size_t n)
{
    (void)n;
    return (int64_t)((own + 1) * counts[own]);
}

static void vertex(void **state)
{
    (void)state;
    mk_symgame *g = make_game(4, 3, weighted_coordination);
    mk_superrational r;
    solve(g, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    assert_string_equal(r.choice[0].prob[0], "0");
    assert_string_equal(r.choice[0].prob[1], "0");
    assert_string_equal(r.choice[0].prob[2], "1");
    assert_string_equal(r.choice[0].value, "9");
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

/* u(p, ..., p) in doubles, straight from the table. */
static double value_at(const mk_symgame *g, const double *p)
{
    size_t counts[8], k = g->n_strategies, m = g->n_players - 1;
    double u = 0;
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        double w = 1;
        size_t left = m;
        for (size_t s = 0; s < k; s++) {
            w *= pow(p[s], (double)counts[s]);
            /* multinomial(m; counts) as a product of binomials */
            double b = 1;
            for (size_t i = 1; i <= counts[s]; i++)
                b = b * (double)(left - counts[s] + i) / (double)i;
            w *= b;
            left -= counts[s];
        }
        for (size_t s = 0; s < k; s++)
            u += p[s] * w * (double)g->payoff[s * g->n_counts + c].num /
                 (double)g->payoff[s * g->n_counts + c].den;
    }
    return u;
}

/* The best value on the grid of step 1/steps over the simplex. */
static double grid_best(const mk_symgame *g, size_t steps)
{
    size_t k = g->n_strategies, a[8] = {0};
    double best = -INFINITY, p[8];
    for (;;) {
        size_t used = 0;
        for (size_t s = 0; s + 1 < k; s++)
            used += a[s];
        if (used <= steps) {
            for (size_t s = 0; s + 1 < k; s++)
                p[s] = (double)a[s] / (double)steps;
            p[k - 1] = (double)(steps - used) / (double)steps;
            double u = value_at(g, p);
            best = u > best ? u : best;
        }
        size_t s = 0;
        while (s + 1 < k && a[s] == steps)
            a[s++] = 0;
        if (s + 1 == k)
            break;
        a[s]++;
    }
    return best;
}

static void random_against_grid(void **state)
{
    (void)state;
    const size_t sizes[][3] = {{3, 3, 36}, {4, 3, 36}, {5, 3, 24}, {3, 4, 16}, {4, 4, 12}};
    mk_rng rng;
    mk_rng_seed(&rng, 20261123);
    size_t exact = 0, certified = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (int trial = 0; trial < 6; trial++) {
            mk_symgame *g = NULL;
            assert_int_equal(mk_symgame_new(&g, sizes[z][0], sizes[z][1], NULL), 0);
            for (size_t c = 0; c < g->n_strategies * g->n_counts; c++)
                g->payoff[c] = (mk_rational){(int64_t)mk_rng_below(&rng, 19) - 9, 1};
            mk_superrational r;
            solve(g, &r);
            assert_true(r.n >= 1);
            double best = grid_best(g, sizes[z][2]);
            for (size_t i = 0; i < r.n; i++) {
                const mk_superrational_choice *c = &r.choice[i];
                double lo = c->exact ? fraction(c->value) : strtod(c->value_lo, NULL);
                double hi = c->exact ? lo : strtod(c->value_hi, NULL);
                assert_true(lo >= best - 1e-8);
                assert_true(hi >= best - 1e-12);
                exact += (size_t)c->exact;
                certified += (size_t)!c->exact;
                if (c->exact) { /* the claimed value is attained at the claimed point */
                    double p[8];
                    for (size_t s = 0; s < g->n_strategies; s++)
                        p[s] = fraction(c->prob[s]);
                    assert_true(fabs(value_at(g, p) - lo) < 1e-9);
                }
            }
            mk_superrational_free(&r);
            mk_symgame_free(g);
        }
    /* both kinds of answer are exercised */
    assert_true(exact > 0 && certified > 0);
}

static void limits(void **state)
{
    (void)state;
    mk_symgame *g = make_game(MK_SUPERRATIONAL_MAX_MIXED_PLAYERS + 1, 3, anti_coordination);
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_symgame_superrational(g, &r, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "players"));
    assert_int_equal(r.n, 0);
    mk_symgame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interior),
        cmocka_unit_test(edge),
        cmocka_unit_test(platonia_generalised),
        cmocka_unit_test(vertex),
        cmocka_unit_test(random_against_grid),
        cmocka_unit_test(limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
