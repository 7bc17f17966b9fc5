/* Two-strategy superrational play whose best critical points have exactly
 * equal irrational values (superrational.c, classify_ties), and the value
 * polynomial behind that test (upoly_charpoly.c).
 *
 * Two prizes, n players, strategies "claim A" (probability x) and "claim
 * B"; a claim pays 1 when no other player claims the same prize:
 *   u(x) = x (1 - x)^(n-1) + (1 - x) x^(n-1).
 * Renaming the prizes maps x to 1 - x, so u(x) = u(1 - x). With
 *   u'(x) = (1 - x)^(n-2) (1 - n x) + x^(n-2) (n - 1 - n x),
 * u'(1/2) = 2^(2-n) (1 - n/2 + n/2 - 1) = 0, u(1/2) = 2^(1-n), and
 * u(0) = u(1) = 0. For n = 7, 8 u' has two more roots in (0, 1), r near 1/n
 * (u'(1/n) = n^(2-n) (n - 2) > 0 and u'(2/n) < 0 for n >= 7) and 1 - r, with
 * u(r) = u(1 - r) close to (1/n)(1 - 1/n)^(n-1) > 2^(1-n): both maximise
 * u. r is irrational (u' has no rational root there), so the two values are
 * only ever known as enclosures, which no narrowing tells apart; both must
 * be reported, certified.
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

#include "games/upoly_internal.h"
#include "mechkit/kantian.h"
#include "superrational_fixture.h"

/* Strategy s < 2 claims prize s; s == 2 (when present) refrains. The
 * claim on prize 0 pays num0/den0 instead of 1. */
static mk_symgame *two_prizes(size_t n, size_t k, int64_t num0, int64_t den0)
{
    mk_symgame *g = NULL;
    size_t counts[3];
    assert_int_equal(mk_symgame_new(&g, n, k, NULL), 0);
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        for (size_t s = 0; s < k; s++) {
            mk_rational v = {0, 1};
            if (s < 2 && counts[s] == 0)
                v = s == 0 ? (mk_rational){num0, den0} : (mk_rational){1, 1};
            g->payoff[s * g->n_counts + c] = v;
        }
    }
    return g;
}

static double u_of(double x, size_t n)
{
    return x * pow(1 - x, (double)n - 1) + (1 - x) * pow(x, (double)n - 1);
}

static double du_of(double x, size_t n)
{
    return pow(1 - x, (double)n - 2) * (1 - (double)n * x) +
           pow(x, (double)n - 2) * ((double)n - 1 - (double)n * x);
}

/* The root of u' in (1/n, 2/n), by bisection in doubles. */
static double critical_point(size_t n)
{
    double lo = 1.0 / (double)n, hi = 2.0 / (double)n;
    assert_true(du_of(lo, n) > 0 && du_of(hi, n) < 0);
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (du_of(mid, n) > 0)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* choice holds x (probability of strategy 0) and its value, certified. */
static void assert_certified(const mk_superrational_choice *c, double x, double value)
{
    assert_false(c->exact);
    double lo = strtod(c->prob_lo[0], NULL), hi = strtod(c->prob_hi[0], NULL);
    assert_true(lo - 1e-12 <= x && x <= hi + 1e-12);
    assert_true(hi - lo < 1e-12);
    double vlo = strtod(c->value_lo, NULL), vhi = strtod(c->value_hi, NULL);
    assert_true(vlo - 1e-12 <= value && value <= vhi + 1e-12);
    assert_true(vhi - vlo < 1e-9);
}

static void symmetric_equal_maxima(void **state)
{
    (void)state;
    for (size_t n = 7; n <= 8; n++) {
        mk_symgame *g = two_prizes(n, 2, 1, 1);
        double r = critical_point(n);
        assert_true(u_of(r, n) > u_of(0.5, n));
        mk_superrational res;
        solve(g, &res);
        assert_int_equal(res.n, 2);
        assert_false(res.constant);
        /* Candidates come in decreasing x: 1 - r first. */
        assert_certified(&res.choice[0], 1 - r, u_of(r, n));
        assert_certified(&res.choice[1], r, u_of(r, n));
        mk_superrational_free(&res);
        mk_symgame_free(g);
    }
}

/* Claiming prize A pays 1 + eps (eps = +-10^-18): u_eps(x) = u(x) + eps x
 * (1 - x)^6, so the critical point near 1/7 gains about eps (1/7)(6/7)^6
 * and the one near 6/7 about eps (6/7)(1/7)^6: values 10^-19 apart, closer
 * than the first 8 rounds of narrowing resolve (so the exact test of equal
 * values runs, and must find them different), yet told apart after it. The
 * one near 1/7 wins for eps > 0, the one near 6/7 for eps < 0. */
static void close_values_told_apart(void **state)
{
    (void)state;
    const int64_t den = 1000000000000000000;
    double r = critical_point(7);
    for (int sign = -1; sign <= 1; sign += 2) {
        mk_symgame *g = two_prizes(7, 2, den + sign, den);
        mk_superrational res;
        solve(g, &res);
        assert_int_equal(res.n, 1);
        assert_certified(&res.choice[0], sign > 0 ? r : 1 - r, u_of(r, 7));
        mk_superrational_free(&res);
        mk_symgame_free(g);
    }
}

/* Platonia with two prizes and the option to refrain, 7 players:
 * u(p) = f(p_A) + f(p_B), f(t) = t (1 - t)^6, with f'(t) = (1 - t)^5 (1 - 7t):
 * f is maximal on [0, 1] only at t = 1/7, so u <= 2 f(1/7) with equality
 * only at p_A = p_B = 1/7, p_refrain = 5/7 (feasible), value
 * 2 (1/7)(6/7)^6 = 2 * 6^6 / 7^7 = 93312/823543. Its A-B edge is the game
 * of symmetric_equal_maxima for n = 7. */
static void platonia_two_prizes_seven(void **state)
{
    (void)state;
    mk_symgame *g = two_prizes(7, 3, 1, 1);
    mk_superrational res;
    solve(g, &res);
    assert_int_equal(res.n, 1);
    assert_true(res.choice[0].exact);
    assert_string_equal(res.choice[0].prob[0], "1/7");
    assert_string_equal(res.choice[0].prob[1], "1/7");
    assert_string_equal(res.choice[0].prob[2], "5/7");
    assert_string_equal(res.choice[0].value, "93312/823543");
    mk_superrational_free(&res);
    mk_symgame_free(g);
}

/* p = c[0] + c[1] x + ... (integers, deg + 1 of them). */
static void set_poly(mk_upoly *p, const long *c, long deg)
{
    mpq_t v;
    mpq_init(v);
    p->deg = -1;
    for (long k = 0; k <= deg; k++) {
        mpq_set_si(v, c[k], 1);
        assert_int_equal(mk_upoly_add_term(p, v, k, NULL), 0);
    }
    mpq_clear(v);
}

static void assert_poly(const mk_upoly *p, const long *c, long deg)
{
    assert_int_equal(p->deg, deg);
    for (long k = 0; k <= deg; k++)
        assert_int_equal(mpq_cmp_si(p->c[k], c[k], 1), 0);
}

/* b = x^2 - 2, u = x^3: values (+-sqrt 2)^3 = +-2 sqrt 2, V = y^2 - 8.
 * b = (x^2 - 2)(x - 3) = x^3 - 3x^2 - 2x + 6, u = x^2: values 2, 2, 9,
 * V = (y - 2)^2 (y - 9) = y^3 - 13y^2 + 40y - 36 (a double root: equal
 * values). b = 2x^2 - 1 (not monic), u = 4x + 1: values 1 +- 2 sqrt 2,
 * V = y^2 - 2y - 7. */
static void value_polynomial(void **state)
{
    (void)state;
    mk_upoly b = MK_UPOLY_INIT, u = MK_UPOLY_INIT, v = MK_UPOLY_INIT;
    set_poly(&b, (const long[]){-2, 0, 1}, 2);
    set_poly(&u, (const long[]){0, 0, 0, 1}, 3);
    assert_int_equal(mk_upoly_value_polynomial(&v, &u, &b, NULL), 0);
    assert_poly(&v, (const long[]){-8, 0, 1}, 2);

    set_poly(&b, (const long[]){6, -2, -3, 1}, 3);
    set_poly(&u, (const long[]){0, 0, 1}, 2);
    assert_int_equal(mk_upoly_value_polynomial(&v, &u, &b, NULL), 0);
    assert_poly(&v, (const long[]){-36, 40, -13, 1}, 3);

    set_poly(&b, (const long[]){-1, 0, 2}, 2);
    set_poly(&u, (const long[]){1, 4}, 1);
    assert_int_equal(mk_upoly_value_polynomial(&v, &u, &b, NULL), 0);
    assert_poly(&v, (const long[]){-7, -2, 1}, 2);
    mk_upoly_clear(&b);
    mk_upoly_clear(&u);
    mk_upoly_clear(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(value_polynomial),
        cmocka_unit_test(symmetric_equal_maxima),
        cmocka_unit_test(close_values_told_apart),
        cmocka_unit_test(platonia_two_prizes_seven),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
