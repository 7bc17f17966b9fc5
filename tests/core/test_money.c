/* Tests of src/core/money.c: exact parsing (good, malformed and out of
 * range), formatting, checked arithmetic, and largest-remainder allocation
 * (worked examples and a seeded property test checked in 128 bits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <stdio.h>
#include <string.h>

#include "mechkit/money.h"

__extension__ typedef unsigned __int128 u128;

/* Sentinel written to outputs before a call that must fail: the call must
 * leave it untouched. */
#define UNTOUCHED INT64_C(0x5a5a5a5a5a5a5a5a)

static int64_t parse_ok(const char *s, int scale)
{
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    int rc = mk_money_parse(s, strlen(s), scale, &v, &ctx);
    if (rc != 0)
        fail_msg("'%s' at scale %d: %s", s, scale, ctx.message);
    assert_int_equal(ctx.code, MK_OK);
    return v;
}

/* Parses s at scale expecting code; checks that *out stays untouched and
 * that the message quotes the text. */
static void parse_fails(const char *s, size_t len, int scale, int code)
{
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    int rc = mk_money_parse(s, len, scale, &v, &ctx);
    if (rc != code)
        fail_msg("'%.*s' at scale %d: got %d, want %d", (int)len, s, scale, rc, code);
    assert_int_equal(ctx.code, code);
    assert_true(v == UNTOUCHED);
    char quoted[64];
    snprintf(quoted, sizeof quoted, "'%.*s", (int)(len < 40 ? len : 40), s);
    if (strstr(ctx.message, quoted) == NULL)
        fail_msg("message '%s' does not quote '%.*s'", ctx.message, (int)len, s);
}

static void test_parse_valid(void **state)
{
    (void)state;
    assert_true(parse_ok("12", 2) == 1200);
    assert_true(parse_ok("12.5", 2) == 1250);
    assert_true(parse_ok("12.50", 2) == 1250);
    assert_true(parse_ok("-0.05", 2) == -5);
    assert_true(parse_ok("0", 2) == 0);
    assert_true(parse_ok("-0", 2) == 0);
    assert_true(parse_ok("-0.00", 2) == 0);
    assert_true(parse_ok("007", 0) == 7);
    assert_true(parse_ok("7", 0) == 7);
    assert_true(parse_ok("0000000000000000000000000000000001.5", 1) == 15);
    /* Only len bytes are read: the tail after them is not part of the text. */
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = 0;
    assert_int_equal(mk_money_parse("12.345xyz", 5, 2, &v, &ctx), 0);
    assert_true(v == 1234);
}

static void test_parse_int64_limits(void **state)
{
    (void)state;
    assert_true(parse_ok("9223372036854775807", 0) == INT64_MAX);
    assert_true(parse_ok("-9223372036854775808", 0) == INT64_MIN);
    assert_true(parse_ok("92233720368547758.07", 2) == INT64_MAX);
    assert_true(parse_ok("-92233720368547758.08", 2) == INT64_MIN);
    assert_true(parse_ok("-92233720368547758.0", 2) == INT64_MIN + 8);
    assert_true(parse_ok("9.223372036854775807", 18) == INT64_MAX);
    assert_true(parse_ok("-9.223372036854775808", 18) == INT64_MIN);
    assert_true(parse_ok("-9.22337203685477580", 18) == INT64_MIN + 8);
}

static void test_parse_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "+1",    ".5", "5.",  "1e3", "NaN",  "nan",   "inf", " 1",       "1 ",   "1 000", "1,5",
        "1.2.3", "-",  "--1", "-.5", "0x10", "1_000", "12a", "\xc3\xa9", "1.-5", "- 1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        parse_fails(bad[i], strlen(bad[i]), 2, MK_EINPUT);
    /* An embedded NUL is a bad character, not the end of the text. */
    parse_fails("1\0", 2, 2, MK_EINPUT);
    /* Empty text: nothing to quote but the message still says why. */
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_money_parse("", 0, 2, &v, &ctx), MK_EINPUT);
    assert_true(v == UNTOUCHED);
    assert_string_equal(ctx.message, "'' is not a decimal amount: it is empty");
    assert_int_equal(mk_money_parse(NULL, 0, 2, &v, &ctx), MK_EINPUT);
    assert_true(v == UNTOUCHED);
}

static void test_parse_too_many_places(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_money_parse("1.005", 5, 2, &v, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "'1.005' has 3 decimal places; the scale allows 2");
    assert_true(v == UNTOUCHED);
    /* Exact means exact: trailing zeros beyond the scale are refused too,
     * as the header says ("more decimal places than scale"). */
    parse_fails("1.000", 5, 2, MK_EINPUT);
    parse_fails("1.5", 3, 0, MK_EINPUT);
}

static void test_parse_out_of_range(void **state)
{
    (void)state;
    parse_fails("92233720368547758.08", 20, 2, MK_ERANGE);
    parse_fails("-92233720368547758.09", 21, 2, MK_ERANGE);
    parse_fails("9223372036854775808", 19, 0, MK_ERANGE);
    parse_fails("-9223372036854775809", 20, 0, MK_ERANGE);
    parse_fails("99999999999999999999999999999999", 32, 0, MK_ERANGE);
    parse_fails("10", 2, 18, MK_ERANGE);
    parse_fails("-9.3", 4, 18, MK_ERANGE);
    parse_fails("-92233720368547758.8", 20, 2, MK_ERANGE); /* the 0 appended overflows */
    /* The message gives the representable range at that scale. */
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_money_parse("92233720368547758.08", 20, 2, &v, &ctx), MK_ERANGE);
    assert_string_equal(ctx.message, "'92233720368547758.08' is out of range at scale 2 "
                                     "(-92233720368547758.08 to 92233720368547758.07)");
    /* A long text is quoted with its beginning only. */
    const char *huge = "1234567890123456789012345678901234567890123456789012345678901234567890";
    assert_int_equal(mk_money_parse(huge, strlen(huge), 0, &v, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "'1234567890123456789012345678901234567890...'"));
    assert_true(v == UNTOUCHED);
}

static void test_parse_bad_scale(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_money_parse("1", 1, -1, &v, &ctx), MK_ERANGE);
    assert_int_equal(mk_money_parse("1", 1, MK_SCALE_MAX + 1, &v, &ctx), MK_ERANGE);
    assert_true(v == UNTOUCHED);
    assert_int_equal(mk_money_parse("1", 1, 2, &v, NULL), 0); /* ctx may be NULL */
    assert_true(v == 100);
    assert_int_equal(mk_money_parse("x", 1, 2, &v, NULL), MK_EINPUT);
}

static void test_decimal_places(void **state)
{
    (void)state;
    assert_int_equal(mk_decimal_places("12.50", 5), 2);
    assert_int_equal(mk_decimal_places("7", 1), 0);
    assert_int_equal(mk_decimal_places("-0.125", 6), 3);
    assert_int_equal(mk_decimal_places("0.0000000000000000000001", 24), 22);
    assert_int_equal(mk_decimal_places("", 0), -1);
    assert_int_equal(mk_decimal_places("5.", 2), -1);
    assert_int_equal(mk_decimal_places(".5", 2), -1);
    assert_int_equal(mk_decimal_places("+1", 2), -1);
    assert_int_equal(mk_decimal_places("1e3", 3), -1);
    assert_int_equal(mk_decimal_places("12.5", 2), 0); /* only "12" is read */
}

static void check_format(int64_t amount, int scale, const char *want)
{
    char buf[MK_MONEY_FORMAT_MAX];
    memset(buf, 'x', sizeof buf);
    assert_ptr_equal(mk_money_format(amount, scale, buf), buf);
    assert_string_equal(buf, want);
}

static void test_format(void **state)
{
    (void)state;
    check_format(1250, 2, "12.50");
    check_format(-5, 2, "-0.05");
    check_format(7, 0, "7");
    check_format(0, 2, "0.00");
    check_format(0, 0, "0");
    check_format(-1, 1, "-0.1");
    check_format(100, 2, "1.00");
    check_format(5, 18, "0.000000000000000005");
    check_format(INT64_MAX, 0, "9223372036854775807");
    check_format(INT64_MIN, 0, "-9223372036854775808");
    check_format(INT64_MIN, 2, "-92233720368547758.08");
    check_format(INT64_MIN, 18, "-9.223372036854775808");
    check_format(INT64_MAX, 18, "9.223372036854775807");
    check_format(1, -1, "(bad scale)");
    check_format(1, MK_SCALE_MAX + 1, "(bad scale)");
}

/* A small local generator (splitmix64, Steele et al. 2014) so that this
 * test depends on money.c alone. */
static uint64_t test_random(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Any amount at any scale survives format then parse unchanged. */
static void test_format_parse_round_trip(void **state)
{
    (void)state;
    uint64_t seed = 1;
    char buf[MK_MONEY_FORMAT_MAX];
    for (int i = 0; i < 20000; i++) {
        uint64_t r = test_random(&seed);
        /* Vary the magnitude: shift away a random number of bits. */
        int64_t amount = (int64_t)(r >> (test_random(&seed) % 64));
        if (i % 2)
            amount = -amount;
        if (i == 0)
            amount = INT64_MIN;
        int scale = (int)(test_random(&seed) % (MK_SCALE_MAX + 1));
        mk_money_format(amount, scale, buf);
        assert_int_equal(mk_decimal_places(buf, strlen(buf)), scale);
        assert_true(parse_ok(buf, scale) == amount);
    }
}

static void test_pow10(void **state)
{
    (void)state;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_pow10(0, &v), 0);
    assert_true(v == 1);
    assert_int_equal(mk_pow10(2, &v), 0);
    assert_true(v == 100);
    assert_int_equal(mk_pow10(18, &v), 0);
    assert_true(v == INT64_C(1000000000000000000));
    v = UNTOUCHED;
    assert_int_equal(mk_pow10(-1, &v), MK_ERANGE);
    assert_int_equal(mk_pow10(19, &v), MK_ERANGE);
    assert_true(v == UNTOUCHED);
}

static void test_rescale(void **state)
{
    (void)state;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_money_rescale(1250, 2, 4, &v), 0);
    assert_true(v == 125000);
    assert_int_equal(mk_money_rescale(-5, 0, 0, &v), 0);
    assert_true(v == -5);
    assert_int_equal(mk_money_rescale(-9, 0, 18, &v), 0);
    assert_true(v == -INT64_C(9000000000000000000));
    v = UNTOUCHED;
    assert_int_equal(mk_money_rescale(1, 2, 1, &v), MK_ERANGE); /* to < from */
    assert_int_equal(mk_money_rescale(10, 0, 18, &v), MK_ERANGE);
    assert_int_equal(mk_money_rescale(INT64_MAX, 0, 1, &v), MK_ERANGE);
    assert_int_equal(mk_money_rescale(INT64_MIN, 1, 2, &v), MK_ERANGE);
    assert_int_equal(mk_money_rescale(1, -1, 2, &v), MK_ERANGE);
    assert_int_equal(mk_money_rescale(1, 0, 19, &v), MK_ERANGE);
    assert_true(v == UNTOUCHED);
}

static void test_checked_arithmetic(void **state)
{
    (void)state;
    int64_t v = UNTOUCHED;
    assert_int_equal(mk_checked_add(INT64_MIN, INT64_MAX, &v), 0);
    assert_true(v == -1);
    assert_int_equal(mk_checked_sub(-1, INT64_MAX, &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(mk_checked_mul(-1, INT64_MAX, &v), 0);
    assert_true(v == -INT64_MAX);
    assert_int_equal(mk_checked_mul(INT64_C(3037000499), INT64_C(3037000499), &v), 0);
    assert_true(v == INT64_C(9223372030926249001));
    v = UNTOUCHED;
    assert_int_equal(mk_checked_add(INT64_MAX, 1, &v), MK_ERANGE);
    assert_int_equal(mk_checked_add(INT64_MIN, -1, &v), MK_ERANGE);
    assert_int_equal(mk_checked_sub(INT64_MIN, 1, &v), MK_ERANGE);
    assert_int_equal(mk_checked_sub(0, INT64_MIN, &v), MK_ERANGE);
    assert_int_equal(mk_checked_mul(INT64_MIN, -1, &v), MK_ERANGE);
    assert_int_equal(mk_checked_mul(-1, INT64_MIN, &v), MK_ERANGE);
    assert_int_equal(mk_checked_mul(INT64_C(3037000500), INT64_C(3037000500), &v), MK_ERANGE);
    assert_true(v == UNTOUCHED);

    size_t z = 77;
    assert_int_equal(mk_checked_size_mul(SIZE_MAX / 3, 3, &z), 0);
    assert_true(z == SIZE_MAX / 3 * 3);
    assert_int_equal(mk_checked_size_mul(0, SIZE_MAX, &z), 0);
    assert_true(z == 0);
    z = 77;
    assert_int_equal(mk_checked_size_mul(SIZE_MAX / 2 + 1, 2, &z), MK_ERANGE);
    assert_true(z == 77);
}

static void check_allocation(int64_t total, const int64_t *w, size_t n, const int64_t *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    int64_t shares[16];
    assert_true(n <= 16);
    int rc = mk_allocate_largest_remainder(total, w, n, shares, &ctx);
    if (rc != 0)
        fail_msg("allocation failed: %s", ctx.message);
    for (size_t i = 0; i < n; i++)
        if (shares[i] != want[i])
            fail_msg("share %zu is %lld, want %lld", i, (long long)shares[i], (long long)want[i]);
}

static void test_allocate_examples(void **state)
{
    (void)state;
    /* 100/3 = 33 1/3 each: one unit left, equal remainders, lowest index. */
    check_allocation(100, (const int64_t[]){1, 1, 1}, 3, (const int64_t[]){34, 33, 33});
    /* Zero weights get nothing, even when units are left over elsewhere. */
    check_allocation(10, (const int64_t[]){0, 0, 5}, 3, (const int64_t[]){0, 0, 10});
    /* 10/3 = 3.33 and 20/3 = 6.67: the larger remainder gets the unit. */
    check_allocation(10, (const int64_t[]){1, 2}, 2, (const int64_t[]){3, 7});
    check_allocation(2, (const int64_t[]){1, 1, 1}, 3, (const int64_t[]){1, 1, 0});
    check_allocation(7, (const int64_t[]){1, 1, 1, 1}, 4, (const int64_t[]){2, 2, 2, 1});
    check_allocation(0, (const int64_t[]){3, 4}, 2, (const int64_t[]){0, 0});
    check_allocation(5, (const int64_t[]){9}, 1, (const int64_t[]){5});
    /* Hare-quota example of the largest remainder method (Wikipedia,
     * "Largest remainder method"): 10 seats, votes 47000 16000 15800 12000
     * 6100 3100; quotas 4.70 1.60 1.58 1.20 0.61 0.31, floors 4 1 1 1 0 0,
     * the 3 remaining seats go to remainders .70, .61, .60. */
    check_allocation(10, (const int64_t[]){47000, 16000, 15800, 12000, 6100, 3100}, 6,
                     (const int64_t[]){5, 2, 1, 1, 1, 0});
    /* The Alabama paradox, a known property of Hamilton's method (Balinski
     * and Young 2001, ch. 5): weights 6 6 2 get 4 4 2 of 10 units but
     * 5 5 1 of 11 (quotas 4.29 4.29 1.43 and 4.71 4.71 1.57). */
    check_allocation(10, (const int64_t[]){6, 6, 2}, 3, (const int64_t[]){4, 4, 2});
    check_allocation(11, (const int64_t[]){6, 6, 2}, 3, (const int64_t[]){5, 5, 1});
    /* Extreme values need the 128-bit products: (2^63-1)/2 each, one unit
     * left over that goes to the first. */
    check_allocation(INT64_MAX, (const int64_t[]){INT64_MAX, INT64_MAX}, 2,
                     (const int64_t[]){INT64_C(1) << 62, (INT64_C(1) << 62) - 1});
    check_allocation(INT64_MAX, (const int64_t[]){INT64_MAX, 0, 1}, 3,
                     (const int64_t[]){INT64_MAX - 1, 0, 1});
}

static void test_allocate_errors(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t shares[3] = {UNTOUCHED, UNTOUCHED, UNTOUCHED};
    assert_int_equal(mk_allocate_largest_remainder(10, (const int64_t[]){0, 0, 0}, 3, shares, &ctx),
                     MK_EINPUT);
    assert_non_null(strstr(ctx.message, "all zero"));
    assert_int_equal(
        mk_allocate_largest_remainder(10, (const int64_t[]){1, -1, 3}, 3, shares, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "weight 2 is negative (-1)");
    assert_int_equal(mk_allocate_largest_remainder(-1, (const int64_t[]){1, 1, 1}, 3, shares, &ctx),
                     MK_EINPUT);
    assert_non_null(strstr(ctx.message, "negative total -1"));
    assert_int_equal(mk_allocate_largest_remainder(10, NULL, 0, shares, &ctx), MK_EINPUT);
    for (int i = 0; i < 3; i++)
        assert_true(shares[i] == UNTOUCHED);
}

/* Seeded property test: for random totals and weights (zeros, small and
 * huge values mixed), the shares sum exactly to total, each is the floor of
 * its exact quota or one more, and the units above the floor went to the
 * largest remainders with ties to the lowest index. Every check is exact
 * in 128 bits. Deterministic: the seed is fixed. */
static void test_allocate_property(void **state)
{
    (void)state;
    uint64_t seed = 20240601;
    int64_t w[16], shares[16];
    for (int round = 0; round < 5000; round++) {
        size_t n = 1 + (size_t)(test_random(&seed) % 16);
        u128 sum = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t r = test_random(&seed);
            switch (r % 4) {
            case 0: w[i] = 0; break;
            case 1: w[i] = (int64_t)(test_random(&seed) % 10); break;
            case 2: w[i] = (int64_t)(test_random(&seed) >> 1); break;
            default: w[i] = (int64_t)(test_random(&seed) >> (1 + r % 63)); break;
            }
            sum += (u128)w[i];
        }
        if (sum == 0) {
            w[0] = 1;
            sum = 1;
        }
        uint64_t t = test_random(&seed);
        int64_t total = (int64_t)(round % 2 ? t % 1000 : t >> (1 + t % 63));
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(mk_allocate_largest_remainder(total, w, n, shares, &ctx), 0);

        /* Among rewarded shares, the least remainder and the last index
         * holding it; among the others, the greatest remainder and the
         * first index holding it. */
        u128 got = 0, least_bumped = 0, most_unbumped = 0;
        size_t bumped_at = 0, unbumped_at = 0;
        int any_bumped = 0, any_unbumped = 0;
        for (size_t i = 0; i < n; i++) {
            u128 quota = (u128)total * (u128)w[i];
            u128 floor = quota / sum, rem = quota % sum;
            got += (u128)shares[i];
            assert_true(shares[i] >= 0);
            assert_true((u128)shares[i] == floor || (u128)shares[i] == floor + 1);
            if ((u128)shares[i] == floor + 1) {
                assert_true(rem > 0);
                if (!any_bumped || rem <= least_bumped) {
                    least_bumped = rem;
                    bumped_at = i;
                }
                any_bumped = 1;
            } else if (rem > 0) {
                if (!any_unbumped || rem > most_unbumped) {
                    most_unbumped = rem;
                    unbumped_at = i;
                }
                any_unbumped = 1;
            }
        }
        assert_true(got == (u128)total);
        if (any_bumped && any_unbumped) {
            /* No skipped remainder beats a rewarded one; at equal remainders
             * every rewarded index comes before every skipped one. */
            assert_true(most_unbumped <= least_bumped);
            if (most_unbumped == least_bumped)
                assert_true(bumped_at < unbumped_at);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_int64_limits),
        cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_parse_too_many_places),
        cmocka_unit_test(test_parse_out_of_range),
        cmocka_unit_test(test_parse_bad_scale),
        cmocka_unit_test(test_decimal_places),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_pow10),
        cmocka_unit_test(test_rescale),
        cmocka_unit_test(test_checked_arithmetic),
        cmocka_unit_test(test_allocate_examples),
        cmocka_unit_test(test_allocate_errors),
        cmocka_unit_test(test_allocate_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
