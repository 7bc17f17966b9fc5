/* Exact numbers from text (src/io/number_text.c): integers, decimals and
 * fractions kept exact and reduced; everything else refused, and values
 * beyond an int64 rational are MK_ERANGE, never rounded. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>

#include "io/number_text.h"

static void assert_number(const char *s, int64_t num, int64_t den)
{
    mk_rational r = {0, 0};
    assert_int_equal(mk_number_text_parse(s, &r), 0);
    assert_int_equal(r.num, num);
    assert_int_equal(r.den, den);
}

static void good(void **state)
{
    (void)state;
    assert_number("0", 0, 1);
    assert_number("-3", -3, 1);
    assert_number("0.25", 1, 4);
    assert_number("-1.50", -3, 2);
    assert_number("007", 7, 1);
    assert_number("6/4", 3, 2);
    assert_number("-7/3", -7, 3);
    assert_number("0/5", 0, 1);
    assert_number("9223372036854775807", INT64_MAX, 1);
    assert_number("0.000000000000000001", 1, 1000000000000000000);
}

static void bad(void **state)
{
    (void)state;
    const char *bad[] = {"",      "-",   "+1", "1.", ".5",   "1/",  "/2",   "1/0", "1/-2",
                         "1.5/2", "1e3", " 1", "1 ", "0x10", "--1", "1..2", "½",   "1/2/3"};
    mk_rational r = {5, 7};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (mk_number_text_parse(bad[i], &r) != MK_EINPUT)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(r.num, 5); /* untouched */
    }
    assert_int_equal(mk_number_text_parse("9223372036854775808", &r), MK_ERANGE);
    assert_int_equal(mk_number_text_parse("1/9223372036854775808", &r), MK_ERANGE);
    assert_int_equal(mk_number_text_parse("0.0000000000000000000001", &r), MK_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good),
        cmocka_unit_test(bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
