/* Tests of src/core/rational.c: normalisation (INT64_MIN edge cases),
 * overflow-checked arithmetic, exact comparison and formatting. Expected
 * values are worked by hand in the comments or, for the long decimals,
 * checked with Python's fractions and decimal modules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <string.h>

#include "mechkit/rational.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define TWO_62 (INT64_C(1) << 62)

static const mk_rational untouched = {77, 78};

static mk_rational make(int64_t num, int64_t den)
{
    mk_rational r;
    assert_int_equal(mk_rational_make(num, den, &r), 0);
    return r;
}

static void assert_rational(mk_rational r, int64_t num, int64_t den)
{
    if (r.num != num || r.den != den)
        fail_msg("got %lld/%lld, want %lld/%lld", (long long)r.num, (long long)r.den,
                 (long long)num, (long long)den);
}

static void test_make_normalises(void **state)
{
    (void)state;
    assert_rational(make(6, -4), -3, 2);
    assert_rational(make(-6, -4), 3, 2);
    assert_rational(make(0, -5), 0, 1);
    assert_rational(make(7, 1), 7, 1);
    assert_rational(make(INT64_MIN, 1), INT64_MIN, 1);
    assert_rational(make(INT64_MIN, INT64_MIN), 1, 1);
    assert_rational(make(INT64_MIN, 2), -TWO_62, 1);
    assert_rational(make(2, INT64_MIN), -1, TWO_62);
    assert_rational(make(INT64_MAX, INT64_MAX), 1, 1);
    assert_rational(make(INT64_MIN, -TWO_62), 2, 1);
}

static void test_make_rejects(void **state)
{
    (void)state;
    mk_rational r = untouched;
    assert_int_equal(mk_rational_make(1, 0, &r), MK_ERANGE);
    assert_int_equal(mk_rational_make(0, 0, &r), MK_ERANGE);
    /* 2^63 / 1 and 1 / 2^63 (after moving the sign) do not fit int64. */
    assert_int_equal(mk_rational_make(INT64_MIN, -1, &r), MK_ERANGE);
    assert_int_equal(mk_rational_make(1, INT64_MIN, &r), MK_ERANGE);
    assert_int_equal(mk_rational_make(-1, INT64_MIN, &r), MK_ERANGE);
    assert_rational(r, untouched.num, untouched.den);
}

static void test_from_money(void **state)
{
    (void)state;
    mk_rational r = untouched;
    assert_int_equal(mk_rational_from_money(1250, 2, &r), 0);
    assert_rational(r, 25, 2);
    assert_int_equal(mk_rational_from_money(-5, 2, &r), 0);
    assert_rational(r, -1, 20);
    assert_int_equal(mk_rational_from_money(7, 0, &r), 0);
    assert_rational(r, 7, 1);
    assert_int_equal(mk_rational_from_money(INT64_MIN, 18, &r), 0);
    /* -2^63 / 10^18 = -2^45 / 5^18 */
    assert_rational(r, -(INT64_C(1) << 45), INT64_C(3814697265625));
    r = untouched;
    assert_int_equal(mk_rational_from_money(1, 19, &r), MK_ERANGE);
    assert_int_equal(mk_rational_from_money(1, -1, &r), MK_ERANGE);
    assert_rational(r, untouched.num, untouched.den);
}

static void test_add_sub(void **state)
{
    (void)state;
    mk_rational r;
    assert_int_equal(mk_rational_add(make(1, 2), make(1, 3), &r), 0);
    assert_rational(r, 5, 6);
    assert_int_equal(mk_rational_add(make(1, 6), make(1, 3), &r), 0);
    assert_rational(r, 1, 2);
    assert_int_equal(mk_rational_sub(make(1, 2), make(1, 2), &r), 0);
    assert_rational(r, 0, 1);
    assert_int_equal(mk_rational_sub(make(1, 3), make(1, 2), &r), 0);
    assert_rational(r, -1, 6);
    assert_int_equal(mk_rational_sub(make(INT64_MIN, 1), make(INT64_MIN, 1), &r), 0);
    assert_rational(r, 0, 1);
    assert_int_equal(mk_rational_add(make(INT64_MIN, 1), make(0, 1), &r), 0);
    assert_rational(r, INT64_MIN, 1);
    assert_int_equal(mk_rational_add(make(INT64_MAX, 1), make(INT64_MIN, 1), &r), 0);
    assert_rational(r, -1, 1);
    /* 2^-62 + 2^-62: the cross products and 2^124 overflow int64, the
     * reduced result 2^-61 does not. */
    assert_int_equal(mk_rational_add(make(1, TWO_62), make(1, TWO_62), &r), 0);
    assert_rational(r, 1, TWO_62 / 2);
    /* (2^63-1)/2 + 1/2 = 2^62 exactly. */
    assert_int_equal(mk_rational_add(make(INT64_MAX, 2), make(1, 2), &r), 0);
    assert_rational(r, TWO_62, 1);
}

static void test_add_sub_overflow(void **state)
{
    (void)state;
    mk_rational r = untouched;
    assert_int_equal(mk_rational_add(make(INT64_MAX, 1), make(1, 1), &r), MK_ERANGE);
    assert_int_equal(mk_rational_add(make(INT64_MIN, 1), make(INT64_MIN, 1), &r), MK_ERANGE);
    assert_int_equal(mk_rational_sub(make(INT64_MIN, 1), make(1, 1), &r), MK_ERANGE);
    assert_int_equal(mk_rational_sub(make(0, 1), make(INT64_MIN, 1), &r), MK_ERANGE);
    /* Coprime denominators whose product needs 126 bits. */
    assert_int_equal(mk_rational_add(make(1, INT64_MAX), make(1, INT64_MAX - 1), &r), MK_ERANGE);
    /* -2^64 / (2^63-1): the numerator needs 65 bits. */
    assert_int_equal(mk_rational_add(make(INT64_MIN, INT64_MAX), make(INT64_MIN, INT64_MAX), &r),
                     MK_ERANGE);
    assert_rational(r, untouched.num, untouched.den);
}

static void test_mul(void **state)
{
    (void)state;
    mk_rational r = untouched;
    assert_int_equal(mk_rational_mul(make(2, 3), make(3, 4), &r), 0);
    assert_rational(r, 1, 2);
    assert_int_equal(mk_rational_mul(make(-2, 3), make(3, 4), &r), 0);
    assert_rational(r, -1, 2);
    assert_int_equal(mk_rational_mul(make(INT64_MAX, 2), make(2, INT64_MAX), &r), 0);
    assert_rational(r, 1, 1);
    /* -2^63/3 * -3/2 = 2^62 */
    assert_int_equal(mk_rational_mul(make(INT64_MIN, 3), make(-3, 2), &r), 0);
    assert_rational(r, TWO_62, 1);
    assert_int_equal(mk_rational_mul(make(0, 1), make(INT64_MIN, 1), &r), 0);
    assert_rational(r, 0, 1);
    r = untouched;
    assert_int_equal(mk_rational_mul(make(INT64_MIN, 1), make(-1, 1), &r), MK_ERANGE);
    assert_int_equal(mk_rational_mul(make(TWO_62, 1), make(2, 1), &r), MK_ERANGE);
    assert_int_equal(mk_rational_mul(make(1, TWO_62), make(1, 2), &r), MK_ERANGE);
    assert_rational(r, untouched.num, untouched.den);
    /* Exactly INT64_MIN is representable: -2^62 * 2. */
    assert_int_equal(mk_rational_mul(make(-TWO_62, 1), make(2, 1), &r), 0);
    assert_rational(r, INT64_MIN, 1);
}

static void test_cmp(void **state)
{
    (void)state;
    assert_int_equal(mk_rational_cmp(make(1, 3), make(1, 3)), 0);
    assert_int_equal(mk_rational_cmp(make(1, 3), make(1, 2)), -1);
    assert_int_equal(mk_rational_cmp(make(1, 2), make(1, 3)), 1);
    assert_int_equal(mk_rational_cmp(make(-1, 2), make(1, 3)), -1);
    assert_int_equal(mk_rational_cmp(make(INT64_MIN, 1), make(INT64_MAX, 1)), -1);
    assert_int_equal(mk_rational_cmp(make(INT64_MIN, 1), make(INT64_MIN, 1)), 0);
    /* x/(x-1) vs (x-1)/(x-2) for x = 2^63-1 differ by about 1.2e-38 (exact
     * difference -1/85070591730234615819726791673668173830 by Python's
     * fractions): far below double precision, exact here. */
    mk_rational a = make(INT64_MAX, INT64_MAX - 1), b = make(INT64_MAX - 1, INT64_MAX - 2);
    assert_int_equal(mk_rational_cmp(a, b), -1);
    assert_int_equal(mk_rational_cmp(b, a), 1);
    /* Values built by hand, not normalised, still compare by value. */
    mk_rational half = {2, 4}, minus_half = {1, -2}, weird = {INT64_MIN, INT64_MIN};
    assert_int_equal(mk_rational_cmp(half, make(1, 2)), 0);
    assert_int_equal(mk_rational_cmp(minus_half, make(-1, 2)), 0);
    assert_int_equal(mk_rational_cmp(weird, make(1, 1)), 0);
}

static void check_format(mk_rational r, int min_places, const char *want)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    memset(buf, 'x', sizeof buf);
    assert_ptr_equal(mk_rational_format(r, min_places, buf), buf);
    assert_string_equal(buf, want);
}

static void test_format_decimal(void **state)
{
    (void)state;
    check_format(make(1, 8), 0, "0.125");
    check_format(make(1, 8), 2, "0.125");
    check_format(make(5, 2), 2, "2.50");
    check_format(make(-1, 20), 0, "-0.05");
    check_format(make(-1, 20), 3, "-0.050");
    check_format(make(7, 1), 0, "7");
    check_format(make(7, 1), 2, "7.00");
    check_format(make(-7, 1), -3, "-7");
    check_format(make(0, 1), 0, "0");
    check_format(make(0, 1), 2, "0.00");
    check_format(make(25, 2), 2, "12.50");
    check_format(make(1, 1000000000000000000), 0, "0.000000000000000001");
    /* 2^-18 and (2^63-1)/2^18 need all 18 places (Python decimal). */
    check_format(make(1, 262144), 0, "0.000003814697265625");
    check_format(make(INT64_MAX, 262144), 0, "35184372088831.999996185302734375");
    check_format(make(INT64_MAX, INT64_C(1000000000000000000)), 0, "9.223372036854775807");
    check_format(make(INT64_MIN, 1), 0, "-9223372036854775808");
    /* The longest decimal: sign, 19 digits, point, 18 places. */
    check_format(make(INT64_MIN, 1), 18, "-9223372036854775808.000000000000000000");
    /* min_places is capped at 18 so the text fits the buffer. */
    check_format(make(1, 1), 1000, "1.000000000000000000");
    /* Hand-built, not normalised: formatted by value. */
    mk_rational half = {2, 4};
    check_format(half, 0, "0.5");
}

static void test_format_fraction(void **state)
{
    (void)state;
    check_format(make(1, 3), 0, "1/3");
    check_format(make(1, 3), 2, "1/3");
    check_format(make(-7, 3), 0, "-7/3");
    check_format(make(1, 6), 0, "1/6");
    /* Power-of-two and power-of-five denominators beyond 10^18: 2^62 and
     * 5^27 terminate, but after more than 18 places, so stay fractions. */
    check_format(make(1, TWO_62), 0, "1/4611686018427387904");
    check_format(make(INT64_MIN, INT64_C(7450580596923828125)), 0,
                 "-9223372036854775808/7450580596923828125");
    check_format(make(INT64_MIN, INT64_MAX), 0, "-9223372036854775808/9223372036854775807");
    /* Invalid values are shown raw, not hidden. */
    mk_rational zero_den = {1, 0}, unfit = {INT64_MIN, -1};
    check_format(zero_den, 0, "1/0");
    check_format(unfit, 2, "-9223372036854775808/-1");
}

/* A small local generator (splitmix64, Steele et al. 2014). */
static uint64_t test_random(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static int64_t random_part(uint64_t *seed, int positive)
{
    uint64_t r = test_random(seed);
    int64_t v = (int64_t)(test_random(seed) >> (1 + r % 63));
    if (!positive && (r & 64))
        v = -v;
    return positive && v == 0 ? 1 : v;
}

static u128 gcd_u128(u128 a, u128 b)
{
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* The exact result n/d (d > 0, |n|, d < 2^127), reduced, compared with
 * what the library returned: success exactly when it fits int64. */
static void check_exact(int rc, mk_rational got, i128 n, i128 d)
{
    u128 mag = n < 0 ? (u128)(-n) : (u128)n, g = gcd_u128(mag, (u128)d);
    mag /= g;
    u128 den = (u128)d / g;
    int fits = den <= (u128)INT64_MAX && mag <= (u128)INT64_MAX + (n < 0);
    if (!fits) {
        assert_int_equal(rc, MK_ERANGE);
        return;
    }
    assert_int_equal(rc, 0);
    assert_true((u128)got.den == den);
    assert_true(got.num < 0 ? (u128)(-(i128)got.num) == mag && n < 0 : (u128)got.num == mag);
}

/* Seeded property test: add, sub and mul of random normalised operands of
 * all magnitudes agree with the exact 128-bit result, and cmp is
 * antisymmetric and agrees with the sign of the exact difference. */
static void test_property(void **state)
{
    (void)state;
    uint64_t seed = 42;
    int fitted = 0;
    for (int i = 0; i < 20000; i++) {
        mk_rational a = make(random_part(&seed, 0), random_part(&seed, 1));
        mk_rational b = make(random_part(&seed, 0), random_part(&seed, 1));
        i128 d = (i128)a.den * b.den;
        i128 cross = (i128)a.num * b.den - (i128)b.num * a.den;
        mk_rational r = untouched;
        int rc = mk_rational_add(a, b, &r);
        check_exact(rc, r, (i128)a.num * b.den + (i128)b.num * a.den, d);
        fitted += rc == 0;
        rc = mk_rational_sub(a, b, &r);
        check_exact(rc, r, cross, d);
        rc = mk_rational_mul(a, b, &r);
        check_exact(rc, r, (i128)a.num * b.num, d);
        int c = mk_rational_cmp(a, b);
        assert_int_equal(c, (cross > 0) - (cross < 0));
        assert_int_equal(mk_rational_cmp(b, a), -c);
    }
    /* The draw covers both outcomes. */
    assert_true(fitted > 1000 && fitted < 19000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_make_normalises),
        cmocka_unit_test(test_make_rejects),
        cmocka_unit_test(test_from_money),
        cmocka_unit_test(test_add_sub),
        cmocka_unit_test(test_add_sub_overflow),
        cmocka_unit_test(test_mul),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_format_decimal),
        cmocka_unit_test(test_format_fraction),
        cmocka_unit_test(test_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
