/* Tests of src/mechanisms/auction/distribution.c: parsing (good and bad
 * specs), decimal places, and seeded sampling. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "mechkit/distribution.h"
#include "mechkit/money.h"

static void test_parse_uniform(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("uniform:0.5:100", 2, &d, &ctx), 0);
    assert_int_equal(d.kind, MK_DIST_UNIFORM);
    assert_int_equal(d.scale, 2);
    assert_int_equal(d.lo, 50);
    assert_int_equal(d.hi, 10000);
    mk_distribution_free(&d);
    assert_int_equal(d.kind, MK_DIST_UNIFORM);
    assert_null(d.points);
}

static void test_parse_exponential(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("exponential:12.5", 1, &d, &ctx), 0);
    assert_int_equal(d.kind, MK_DIST_EXPONENTIAL);
    assert_int_equal(d.mean, 125);
    mk_distribution_free(&d);
}

static void test_parse_discrete(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("discrete:1@1/3,2.5@0.50,4@2/12", 1, &d, &ctx), 0);
    assert_int_equal(d.kind, MK_DIST_DISCRETE);
    assert_int_equal(d.k, 3);
    assert_int_equal(d.points[0], 10);
    assert_int_equal(d.points[1], 25);
    assert_int_equal(d.points[2], 40);
    /* Probabilities are kept normalised. */
    assert_int_equal(d.prob[0].num, 1);
    assert_int_equal(d.prob[0].den, 3);
    assert_int_equal(d.prob[1].num, 1);
    assert_int_equal(d.prob[1].den, 2);
    assert_int_equal(d.prob[2].num, 1);
    assert_int_equal(d.prob[2].den, 6);
    mk_distribution_free(&d);
    assert_null(d.points);
    assert_null(d.prob);
    assert_int_equal(d.k, 0);

    assert_int_equal(mk_distribution_parse("discrete:7@1", 0, &d, &ctx), 0);
    assert_int_equal(d.k, 1);
    assert_int_equal(d.points[0], 7);
    mk_distribution_free(&d);
    mk_distribution_free(NULL);
}

static void test_places(void **state)
{
    (void)state;
    assert_int_equal(mk_distribution_places("uniform:0.5:1.25"), 2);
    assert_int_equal(mk_distribution_places("uniform:0:100"), 0);
    assert_int_equal(mk_distribution_places("exponential:3.125"), 3);
    /* Probabilities do not count: 0.125 has 3 places but is not money. */
    assert_int_equal(mk_distribution_places("discrete:1.5@0.125,2@0.875"), 1);
    assert_int_equal(mk_distribution_places("discrete:1@1/2,2.25@1/2"), 2);
    assert_int_equal(mk_distribution_places("nonsense"), 0);
    assert_int_equal(mk_distribution_places(""), 0);
    assert_int_equal(mk_distribution_places(NULL), 0);
}

/* Each bad spec fails with MK_EPARAM, a message quoting the spec and the
 * given fragment, and leaves the output untouched. */
static void expect_bad(const char *spec, int scale, const char *fragment)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    d.lo = 12345; /* a sentinel: must survive the failed parse */
    int rc = mk_distribution_parse(spec, scale, &d, &ctx);
    if (rc != MK_EPARAM || strstr(ctx.message, fragment) == NULL)
        fail_msg("spec '%s': rc %d, message '%s', expected '%s'", spec, rc, ctx.message, fragment);
    assert_int_equal(d.lo, 12345);
    assert_null(d.points);
}

static void test_bad_kind(void **state)
{
    (void)state;
    expect_bad("", 0, "unknown kind");
    expect_bad("normal:0:1", 0, "unknown kind 'normal'");
    expect_bad("Uniform:0:1", 0, "unknown kind");
    expect_bad("uniform", 0, "expected uniform:LO:HI");
    expect_bad("exponential", 0, "expected exponential:MEAN");
    expect_bad("discrete", 0, "expected discrete:");
}

static void test_bad_uniform(void **state)
{
    (void)state;
    expect_bad("uniform:1", 0, "expected uniform:LO:HI");
    expect_bad("uniform:0:1:2", 0, "expected uniform:LO:HI");
    expect_bad("uniform:5:1", 0, "LO must be below HI");
    expect_bad("uniform:1:1", 0, "LO must be below HI");
    expect_bad("uniform:-1:2", 0, "negative");
    expect_bad("uniform:0:1.5", 0, "more decimals than the scale 0");
    expect_bad("uniform:a:b", 0, "LO 'a' is not a decimal");
    expect_bad("uniform:0:", 0, "HI '' is not a decimal");
    expect_bad("uniform: 0:1", 0, "not a decimal");
    expect_bad("uniform:0:1e3", 0, "not a decimal");
    expect_bad("uniform:0:99999999999999999999", 0, "HI");
    expect_bad("uniform:0:1", MK_SCALE_MAX + 1, "scale");
}

static void test_bad_exponential(void **state)
{
    (void)state;
    expect_bad("exponential:0", 0, "MEAN must be positive");
    expect_bad("exponential:", 0, "not a decimal");
    expect_bad("exponential:-3", 0, "negative");
    expect_bad("exponential:3:4", 0, "expected exponential:MEAN");
    expect_bad("exponential:0.01", 1, "more decimals");
}

static void test_bad_discrete(void **state)
{
    (void)state;
    expect_bad("discrete:", 0, "expected discrete:");
    expect_bad("discrete:1", 0, "point 1 '1' is not V@P");
    expect_bad("discrete:1@0.5,", 0, "point 2 '' is not V@P");
    expect_bad("discrete:1@0.5,2@0.4", 0, "do not sum to exactly 1");
    expect_bad("discrete:1@0.5,2@0.6", 0, "do not sum to exactly 1");
    expect_bad("discrete:1@1/3,2@1/3,3@0.333", 0, "do not sum to exactly 1");
    expect_bad("discrete:2@0.5,1@0.5", 0, "not increasing at point 2");
    expect_bad("discrete:1@0.5,1@0.5", 0, "not increasing");
    expect_bad("discrete:1@0,2@1", 0, "not in (0, 1]");
    expect_bad("discrete:1@1.5", 0, "not in (0, 1]");
    expect_bad("discrete:1@3/2", 0, "not in (0, 1]");
    expect_bad("discrete:1@1/0", 0, "divides by zero");
    expect_bad("discrete:1@-1", 0, "not a decimal or fraction");
    expect_bad("discrete:1@1/-1", 0, "not a fraction");
    expect_bad("discrete:1@/2", 0, "not a fraction");
    expect_bad("discrete:1@half", 0, "not a decimal or fraction");
    expect_bad("discrete:-1@1", 0, "negative");
    expect_bad("discrete:1.5@1", 0, "more decimals");
    expect_bad("discrete:1@1/2, 2@1/2", 0, "not a decimal");
    /* Denominators whose least common multiple passes 2^63 (three primes
     * near 10^9 and 10^3): refused rather than sampled inexactly. */
    expect_bad("discrete:1@1/1000000007,2@1/1000000009,3@1/1000000021,"
               "4@1/1013,5@1/2",
               0, "common denominator");
}

static void test_sample_uniform(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("uniform:1:4", 0, &d, &ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, 42);
    size_t count[5] = {0};
    /* 40000 draws, 10000 expected per value, sd ~87: 5 sd is 435. */
    for (int i = 0; i < 40000; i++) {
        int64_t v = mk_distribution_sample(&d, &rng);
        assert_in_range(v, 1, 4);
        count[v]++;
    }
    for (int v = 1; v <= 4; v++)
        assert_in_range(count[v], 10000 - 435, 10000 + 435);
    mk_distribution_free(&d);
}

static void test_sample_deterministic(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    const char *specs[] = {"uniform:0:1000000", "exponential:1000", "discrete:1@1/3,2@1/2,3@1/6"};
    for (size_t s = 0; s < 3; s++) {
        mk_distribution d = MK_DISTRIBUTION_INIT;
        assert_int_equal(mk_distribution_parse(specs[s], 0, &d, &ctx), 0);
        mk_rng a, b;
        mk_rng_seed(&a, 7);
        mk_rng_seed(&b, 7);
        for (int i = 0; i < 1000; i++)
            assert_int_equal(mk_distribution_sample(&d, &a), mk_distribution_sample(&d, &b));
        mk_distribution_free(&d);
    }
}

/* The discrete draw is an exact inverse CDF: one integer below the common
 * denominator (here 6) decides the point. */
static void test_sample_discrete_exact(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("discrete:1@1/3,2@1/2,3@1/6", 0, &d, &ctx), 0);
    mk_rng rng, twin;
    mk_rng_seed(&rng, 99);
    mk_rng_seed(&twin, 99);
    static const int64_t point_of[6] = {1, 1, 2, 2, 2, 3};
    size_t count[4] = {0};
    for (int i = 0; i < 60000; i++) {
        int64_t v = mk_distribution_sample(&d, &rng);
        assert_int_equal(v, point_of[mk_rng_below(&twin, 6)]);
        count[v]++;
    }
    /* Expected 20000, 30000, 10000; 5 sd is at most 5 * 122 = 610. */
    assert_in_range(count[1], 20000 - 610, 20000 + 610);
    assert_in_range(count[2], 30000 - 610, 30000 + 610);
    assert_in_range(count[3], 10000 - 610, 10000 + 610);
    mk_distribution_free(&d);
}

static void test_sample_exponential(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    assert_int_equal(mk_distribution_parse("exponential:1000", 0, &d, &ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, 3);
    double sum = 0;
    size_t below_mean = 0;
    const int n = 100000;
    for (int i = 0; i < n; i++) {
        int64_t v = mk_distribution_sample(&d, &rng);
        assert_true(v >= 0);
        sum += (double)v;
        below_mean += v < 1000;
    }
    /* E[floor(X)] = 1000 - 0.5 + O(1/1000); sd of the mean is 1000/316 ~ 3.2,
     * so +-20 is over 6 sd. P(X < mean) = 1 - 1/e ~ 0.632, sd 0.0015. */
    assert_true(sum / n > 979.5 && sum / n < 1019.5);
    assert_in_range(below_mean, 63212 - 800, 63212 + 800);
    mk_distribution_free(&d);

    /* A huge mean saturates at INT64_MAX instead of overflowing. */
    assert_int_equal(mk_distribution_parse("exponential:9000000000000000000", 0, &d, &ctx), 0);
    for (int i = 0; i < 1000; i++)
        assert_true(mk_distribution_sample(&d, &rng) >= 0);
    mk_distribution_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_uniform),
        cmocka_unit_test(test_parse_exponential),
        cmocka_unit_test(test_parse_discrete),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_bad_kind),
        cmocka_unit_test(test_bad_uniform),
        cmocka_unit_test(test_bad_exponential),
        cmocka_unit_test(test_bad_discrete),
        cmocka_unit_test(test_sample_uniform),
        cmocka_unit_test(test_sample_deterministic),
        cmocka_unit_test(test_sample_discrete_exact),
        cmocka_unit_test(test_sample_exponential),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
