/* Exact polynomials and real-root isolation (src/games/upoly.c): rational
 * roots are found exactly (also with a large leading coefficient and with
 * multiplicity), irrational ones isolated in intervals that contain them
 * (1/sqrt(2) = 0.70710678..., checked against the square), and roots at
 * the ends of the interval are left out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <stdlib.h>

#include "games/upoly_internal.h"

/* p = the product of the linear or quadratic factors given as integer
 * coefficient lists (lowest degree first). */
static void product(mk_upoly *p, const long factors[][3], size_t n)
{
    mk_upoly acc = MK_UPOLY_INIT, f = MK_UPOLY_INIT, t = MK_UPOLY_INIT;
    mpq_t c;
    mpq_init(c);
    mpq_set_ui(c, 1, 1);
    assert_int_equal(mk_upoly_add_term(&acc, c, 0, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        f.deg = -1;
        for (long k = 0; k < 3; k++) {
            mpq_set_si(c, factors[i][k], 1);
            assert_int_equal(mk_upoly_add_term(&f, c, k, NULL), 0);
        }
        assert_int_equal(mk_upoly_mul(&t, &acc, &f, NULL), 0);
        assert_int_equal(mk_upoly_set(&acc, &t, NULL), 0);
    }
    assert_int_equal(mk_upoly_set(p, &acc, NULL), 0);
    mpq_clear(c);
    mk_upoly_clear(&acc);
    mk_upoly_clear(&f);
    mk_upoly_clear(&t);
}

static void roots_in_unit_interval(const mk_upoly *p, mk_root **r, size_t *n, mk_upoly *basis)
{
    mpq_t zero, one;
    mpq_inits(zero, one, NULL);
    mpq_set_ui(one, 1, 1);
    assert_int_equal(mk_upoly_real_roots(p, zero, one, r, n, basis, NULL), 0);
    mpq_clears(zero, one, NULL);
}

static void assert_exact(const mk_root *r, const char *value)
{
    assert_true(r->exact);
    char *s = mpq_get_str(NULL, 10, r->lo);
    assert_string_equal(s, value);
    free(s);
}

static void mixed_roots(void **state)
{
    (void)state;
    /* (3x - 1)(4x - 3)(2x^2 - 1)(x - 2): roots 1/3, 1/sqrt 2, 3/4 in (0, 1). */
    const long f[][3] = {{-1, 3, 0}, {-3, 4, 0}, {-1, 0, 2}, {-2, 1, 0}};
    mk_upoly p = MK_UPOLY_INIT, basis = MK_UPOLY_INIT;
    mk_root *r = NULL;
    size_t n = 0;
    product(&p, f, 4);
    roots_in_unit_interval(&p, &r, &n, &basis);
    assert_int_equal(n, 3);
    assert_exact(&r[0], "1/3");
    assert_false(r[1].exact);
    assert_exact(&r[2], "3/4");
    /* lo^2 < 1/2 < hi^2 */
    mpq_t sq, half;
    mpq_inits(sq, half, NULL);
    mpq_set_ui(half, 1, 2);
    mpq_mul(sq, r[1].lo, r[1].lo);
    assert_true(mpq_cmp(sq, half) < 0);
    mpq_mul(sq, r[1].hi, r[1].hi);
    assert_true(mpq_cmp(sq, half) > 0);
    /* Refining keeps the root inside and halves the interval. */
    for (int i = 0; i < 60; i++)
        mk_root_bisect(&r[1], &basis);
    assert_true(mpq_get_d(r[1].lo) > 0.7071067811865);
    assert_true(mpq_get_d(r[1].hi) < 0.7071067811866);
    mpq_clears(sq, half, NULL);
    mk_roots_free(r, n);
    mk_upoly_clear(&p);
    mk_upoly_clear(&basis);
}

static void multiple_and_end_roots(void **state)
{
    (void)state;
    /* x (2x - 1)^3 (x - 1): only 1/2 is inside (0, 1). */
    const long f[][3] = {{0, 1, 0}, {-1, 2, 0}, {-1, 2, 0}, {-1, 2, 0}, {-1, 1, 0}};
    mk_upoly p = MK_UPOLY_INIT, basis = MK_UPOLY_INIT;
    mk_root *r = NULL;
    size_t n = 0;
    product(&p, f, 5);
    roots_in_unit_interval(&p, &r, &n, &basis);
    assert_int_equal(n, 1);
    assert_exact(&r[0], "1/2");
    mk_roots_free(r, n);
    mk_upoly_clear(&p);
    mk_upoly_clear(&basis);
}

static void large_denominator(void **state)
{
    (void)state;
    /* (9973x - 1234)(x^2 - 3x + 1): 1234/9973 and (3 - sqrt 5)/2 = 0.381966... */
    const long f[][3] = {{-1234, 9973, 0}, {1, -3, 1}};
    mk_upoly p = MK_UPOLY_INIT, basis = MK_UPOLY_INIT;
    mk_root *r = NULL;
    size_t n = 0;
    product(&p, f, 2);
    roots_in_unit_interval(&p, &r, &n, &basis);
    assert_int_equal(n, 2);
    assert_exact(&r[0], "1234/9973");
    assert_false(r[1].exact);
    assert_true(mpq_get_d(r[1].lo) < 0.3819660113 && mpq_get_d(r[1].hi) > 0.3819660112);
    mk_roots_free(r, n);
    mk_upoly_clear(&p);
    mk_upoly_clear(&basis);
}

static void no_roots(void **state)
{
    (void)state;
    const long f[][3] = {{1, 0, 1}, {-3, 1, 0}}; /* (x^2 + 1)(x - 3) */
    mk_upoly p = MK_UPOLY_INIT, basis = MK_UPOLY_INIT;
    mk_root *r = NULL;
    size_t n = 7;
    product(&p, f, 2);
    roots_in_unit_interval(&p, &r, &n, &basis);
    assert_int_equal(n, 0);
    mk_roots_free(r, n);
    mk_upoly_clear(&p);
    mk_upoly_clear(&basis);
}

static void gcd_and_division(void **state)
{
    (void)state;
    const long fa[][3] = {{-1, 2, 0}, {1, 0, 1}}, fb[][3] = {{-1, 2, 0}, {-5, 1, 0}};
    mk_upoly a = MK_UPOLY_INIT, b = MK_UPOLY_INIT, g = MK_UPOLY_INIT;
    product(&a, fa, 2);
    product(&b, fb, 2);
    assert_int_equal(mk_upoly_gcd(&g, &a, &b, NULL), 0);
    assert_int_equal(g.deg, 1); /* x - 1/2 */
    assert_int_equal(mpq_cmp_si(g.c[0], -1, 2), 0);
    assert_int_equal(mpq_cmp_si(g.c[1], 1, 1), 0);
    mk_upoly_clear(&a);
    mk_upoly_clear(&b);
    mk_upoly_clear(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mixed_roots),       cmocka_unit_test(multiple_and_end_roots),
        cmocka_unit_test(large_denominator), cmocka_unit_test(no_roots),
        cmocka_unit_test(gcd_and_division),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
