/* Tests of the public Myerson functions (src/mechanisms/auction/
 * myerson_public.c with myerson_vv.c and myerson_revenue.c): virtual
 * values, ironing, optimal reserves and exact expected revenue. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/myerson.h"

static mk_distribution parse(const char *spec, int scale)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_distribution d = MK_DISTRIBUTION_INIT;
    if (mk_distribution_parse(spec, scale, &d, &ctx) != 0)
        fail_msg("%s: %s", spec, ctx.message);
    return d;
}

static void assert_q(mk_rational r, int64_t num, int64_t den)
{
    if (r.num != num || r.den != den)
        fail_msg("got %lld/%lld, expected %lld/%lld", (long long)r.num, (long long)r.den,
                 (long long)num, (long long)den);
}

static mk_rational vv(const mk_distribution *d, int64_t value)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r = {0, 1};
    if (mk_myerson_virtual_value(d, value, &r, &ctx) != 0)
        fail_msg("virtual value of %lld: %s", (long long)value, ctx.message);
    return r;
}

static mk_rational reserve(const mk_distribution *d)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r = {0, 1};
    if (mk_myerson_reserve(d, &r, &ctx) != 0)
        fail_msg("reserve: %s", ctx.message);
    return r;
}

/* Revenue of n bidders all drawing from d. */
static mk_rational revenue_sym(const mk_distribution *d, size_t n)
{
    const mk_distribution *ds[16];
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r = {0, 1};
    for (size_t i = 0; i < n; i++)
        ds[i] = d;
    if (mk_myerson_revenue(ds, n, &r, &ctx) != 0)
        fail_msg("revenue: %s", ctx.message);
    return r;
}

/* Uniform[a,b]: phi(v) = 2v - b (Myerson 1981; Krishna, "Auction Theory",
 * ch. 5). At scale 2, 75 minor units are 3/4. */
static void test_uniform_virtual_values(void **state)
{
    (void)state;
    mk_distribution d = parse("uniform:0:1", 2);
    assert_q(vv(&d, 75), 1, 2);
    assert_q(vv(&d, 0), -1, 1);
    assert_q(vv(&d, 100), 1, 1);
    assert_q(vv(&d, 50), 0, 1);
    assert_q(reserve(&d), 1, 2);
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r;
    assert_int_equal(mk_myerson_virtual_value(&d, 101, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "1.01"));
    assert_int_equal(mk_myerson_virtual_values(&d, 1, &r, &ctx), MK_EPARAM);
    mk_distribution_free(&d);

    /* When LO > HI/2 every value has a positive virtual value and the
     * reserve is LO: posting 0.60 sells always, HI/2 = 0.50 would lose. */
    d = parse("uniform:0.6:1", 1);
    assert_q(reserve(&d), 3, 5);
    assert_q(revenue_sym(&d, 1), 3, 5);
    assert_q(vv(&d, 6), 1, 5);
    mk_distribution_free(&d);
}

/* Exponential with mean m: phi(v) = v - m, reserve m (hazard rate 1/m). */
static void test_exponential(void **state)
{
    (void)state;
    mk_distribution d = parse("exponential:10", 0);
    assert_q(vv(&d, 15), 5, 1);
    assert_q(vv(&d, 0), -10, 1);
    assert_q(reserve(&d), 10, 1);
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r;
    const mk_distribution *ds[1] = {&d};
    assert_int_equal(mk_myerson_revenue(ds, 1, &r, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "exponential"));
    mk_distribution_free(&d);
}

/* Regular discrete: values 1, 2, 3 with probability 1/3 each. Quantiles
 * q = 1, 2/3, 1/3; revenue curve R = v q = 1, 4/3, 1; virtual values
 * (R_i - R_{i+1}) / p_i = -1, 1, 3 (Hartline ch. 3). Reserve 2 (the peak
 * R = 4/3). Two bidders: E[max(phi)^+] = 3 (1 - (2/3)^2) + 1 ((2/3)^2 -
 * (1/3)^2) = 15/9 + 3/9 = 2. */
static void test_discrete_regular(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:1@1/3,2@1/3,3@1/3", 0);
    mk_rational raw[3], ironed[3];
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_myerson_virtual_values(&d, 0, raw, &ctx), 0);
    assert_int_equal(mk_myerson_virtual_values(&d, 1, ironed, &ctx), 0);
    for (int i = 0; i < 3; i++) {
        assert_q(raw[i], 2 * i - 1, 1);
        assert_q(ironed[i], 2 * i - 1, 1);
    }
    assert_q(vv(&d, 2), 1, 1);
    assert_q(reserve(&d), 2, 1);
    assert_q(revenue_sym(&d, 1), 4, 3);
    assert_q(revenue_sym(&d, 2), 2, 1);
    mk_rational r;
    assert_int_equal(mk_myerson_virtual_value(&d, 4, &r, &ctx), MK_EINPUT);
    mk_distribution_free(&d);
}

/* Irregular discrete: values 4, 5, 10 with probabilities 1/2, 1/4, 1/4.
 * q = 1, 1/2, 1/4; R = 4, 5/2, 5/2; raw virtual values
 * (4 - 5/2)/(1/2) = 3, (5/2 - 5/2)/(1/4) = 0, (5/2)/(1/4) = 10: not
 * monotone. The concave hull of (0,0), (1/4, 5/2), (1/2, 5/2), (1, 4)
 * skips (1/2, 5/2), so 4 and 5 are ironed together with slope
 * (4 - 5/2)/(3/4) = 2: ironed values 2, 2, 10. Reserve 4 (posting 4 sells
 * always: R = 4 is the peak). Two bidders: the top ironed value is 10
 * with probability 1 - (3/4)^2 = 7/16, else 2: 70/16 + 18/16 = 11/2. */
static void test_discrete_irregular(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:4@1/2,5@1/4,10@1/4", 0);
    mk_rational raw[3], ironed[3];
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_myerson_virtual_values(&d, 0, raw, &ctx), 0);
    assert_q(raw[0], 3, 1);
    assert_q(raw[1], 0, 1);
    assert_q(raw[2], 10, 1);
    assert_int_equal(mk_myerson_virtual_values(&d, 1, ironed, &ctx), 0);
    assert_q(ironed[0], 2, 1);
    assert_q(ironed[1], 2, 1);
    assert_q(ironed[2], 10, 1);
    assert_q(vv(&d, 5), 2, 1);
    assert_q(reserve(&d), 4, 1);
    assert_q(revenue_sym(&d, 1), 4, 1);
    assert_q(revenue_sym(&d, 2), 11, 2);
    mk_distribution_free(&d);
}

/* One ironed interval inside the support. Values 1, 2, 3, 4 with
 * probabilities 1/10, 6/10, 1/10, 2/10: q = 1, 9/10, 3/10, 2/10 and
 * R = 1, 18/10, 9/10, 8/10. Raw: (1 - 18/10)/(1/10) = -8,
 * (18/10 - 9/10)/(6/10) = 3/2, (9/10 - 8/10)/(1/10) = 1, (8/10)/(2/10) = 4.
 * 3/2 > 1, so 2 and 3 are ironed: (18/10 - 8/10)/(7/10) = 10/7. Reserve 2
 * (the first nonnegative ironed value); one bidder pays R = 9/5 there. */
static void test_discrete_pooling(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:1@0.1,2@0.6,3@0.1,4@0.2", 0);
    mk_rational ironed[4];
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_myerson_virtual_values(&d, 1, ironed, &ctx), 0);
    assert_q(ironed[0], -8, 1);
    assert_q(ironed[1], 10, 7);
    assert_q(ironed[2], 10, 7);
    assert_q(ironed[3], 4, 1);
    assert_q(reserve(&d), 2, 1);
    assert_q(revenue_sym(&d, 1), 9, 5);
    mk_distribution_free(&d);
}

/* A merge that cascades. Values 1, 2, 3, 5 with probabilities 1/10, 1/10,
 * 1/10, 7/10: q = 1, 9/10, 8/10, 7/10; R = 1, 18/10, 24/10, 35/10; raw
 * -8, -6, -11, 5. Pooling 2 and 3 gives (18/10 - 35/10)/(2/10) = -17/2,
 * below -8, so 1 joins: (1 - 35/10)/(3/10) = -25/3 (the hull goes straight
 * from (7/10, 7/2) to (1, 1)). Reserve 5, one bidder pays 7/2. */
static void test_discrete_cascade(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:1@0.1,2@0.1,3@0.1,5@0.7", 0);
    mk_rational ironed[4];
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_myerson_virtual_values(&d, 1, ironed, &ctx), 0);
    for (int i = 0; i < 3; i++)
        assert_q(ironed[i], -25, 3);
    assert_q(ironed[3], 5, 1);
    assert_q(reserve(&d), 5, 1);
    assert_q(revenue_sym(&d, 1), 7, 2);
    mk_distribution_free(&d);
}

/* An independent check of ironing: the upper concave hull of the revenue
 * curve by Andrew's monotone chain (cross products), in small exact
 * rationals, against the library's pool-adjacent-violators, on seeded
 * random irregular distributions. */
static mk_rational q_op(int op, mk_rational a, mk_rational b)
{
    mk_rational r = {0, 1};
    int rc = op == '+'   ? mk_rational_add(a, b, &r)
             : op == '-' ? mk_rational_sub(a, b, &r)
                         : mk_rational_mul(a, b, &r);
    if (rc != 0)
        fail_msg("overflow in the reference hull");
    return r;
}

static mk_rational q_div(mk_rational a, mk_rational b)
{
    mk_rational inv;
    assert_int_equal(mk_rational_make(b.den, b.num, &inv), 0);
    return q_op('*', a, inv);
}

static void reference_ironed(const mk_distribution *d, mk_rational *out)
{
    size_t k = d->k, h = 0;
    mk_rational qx[17], ry[17];
    size_t hull[17] = {0};
    /* Points in increasing quantile: (0,0), then v_k, ..., v_1. */
    qx[0] = (mk_rational){0, 1};
    ry[0] = (mk_rational){0, 1};
    for (size_t j = 1; j <= k; j++) {
        size_t i = k - j;
        qx[j] = q_op('+', qx[j - 1], d->prob[i]);
        ry[j] = q_op('*', (mk_rational){d->points[i], 1}, qx[j]);
    }
    for (size_t j = 0; j <= k; j++) {
        while (h >= 2) {
            size_t o = hull[h - 2], a = hull[h - 1];
            mk_rational cross =
                q_op('-', q_op('*', q_op('-', qx[a], qx[o]), q_op('-', ry[j], ry[o])),
                     q_op('*', q_op('-', ry[a], ry[o]), q_op('-', qx[j], qx[o])));
            if (cross.num < 0)
                break;
            h--;
        }
        hull[h++] = j;
    }
    for (size_t e = 1; e < h; e++) {
        mk_rational slope =
            q_div(q_op('-', ry[hull[e]], ry[hull[e - 1]]), q_op('-', qx[hull[e]], qx[hull[e - 1]]));
        for (size_t j = hull[e - 1] + 1; j <= hull[e]; j++)
            out[k - j] = slope;
    }
}

static void test_ironing_against_hull(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 2024);
    int irregular = 0;
    for (int trial = 0; trial < 300; trial++) {
        /* 2..8 points in 1..30, probabilities in twelfths summing to 1. */
        size_t k = 2 + (size_t)mk_rng_below(&rng, 7);
        char spec[256] = "discrete:";
        int64_t v = 0, left = 12;
        for (size_t i = 0; i < k; i++) {
            v += 1 + (int64_t)mk_rng_below(&rng, 4);
            int64_t p =
                i + 1 == k
                    ? left
                    : 1 + (int64_t)mk_rng_below(&rng, (uint64_t)(left - (int64_t)(k - i - 1)));
            left -= p;
            char item[32];
            snprintf(item, sizeof item, "%s%lld@%lld/12", i > 0 ? "," : "", (long long)v,
                     (long long)p);
            strcat(spec, item);
        }
        mk_distribution d = parse(spec, 0);
        mk_rational raw[8], got[8], want[8];
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(mk_myerson_virtual_values(&d, 0, raw, &ctx), 0);
        assert_int_equal(mk_myerson_virtual_values(&d, 1, got, &ctx), 0);
        reference_ironed(&d, want);
        for (size_t i = 0; i < k; i++) {
            if (mk_rational_cmp(got[i], want[i]) != 0)
                fail_msg("%s: point %zu ironed %lld/%lld, hull %lld/%lld", spec, i,
                         (long long)got[i].num, (long long)got[i].den, (long long)want[i].num,
                         (long long)want[i].den);
            if (i > 0)
                assert_true(mk_rational_cmp(got[i - 1], got[i]) <= 0);
        }
        for (size_t i = 1; i < k; i++)
            irregular += mk_rational_cmp(raw[i - 1], raw[i]) > 0;
        mk_distribution_free(&d);
    }
    /* The random cases did exercise ironing. */
    assert_true(irregular > 50);
}

/* Amounts come back in currency units: at scale 2, 50 minor units are 1/2.
 * discrete:0.5@1/2,1@1/2 has q = 1, 1/2, R = 1/2, 1/2, virtual values 0
 * and 1; the reserve is 0.5 (virtual value 0 still sells). */
static void test_units(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:0.5@1/2,1@1/2", 2);
    assert_q(vv(&d, 50), 0, 1);
    assert_q(vv(&d, 100), 1, 1);
    assert_q(reserve(&d), 1, 2);
    assert_q(revenue_sym(&d, 1), 1, 2);
    mk_distribution_free(&d);
    d = parse("uniform:0:1", 6);
    assert_q(reserve(&d), 1, 2);
    assert_q(revenue_sym(&d, 2), 5, 12);
    mk_distribution_free(&d);
}

/* n bidders uniform on [0,1]: expected revenue of the optimal auction
 * (reserve 1/2) is (n-1)/(n+1) + 1/((n+1) 2^n) (Krishna, "Auction
 * Theory", 2nd ed., ch. 5; Myerson 1981): 1/4, 5/12, 17/32 for n = 1..3. */
static void test_revenue_uniform_known(void **state)
{
    (void)state;
    mk_distribution d = parse("uniform:0:1", 0);
    assert_q(revenue_sym(&d, 1), 1, 4);
    assert_q(revenue_sym(&d, 2), 5, 12);
    assert_q(revenue_sym(&d, 3), 17, 32);
    for (int64_t n = 1; n <= 12; n++) {
        /* (n-1)/(n+1) + 1/((n+1) 2^n) = ((n-1) 2^n + 1) / ((n+1) 2^n) */
        int64_t p = INT64_C(1) << n;
        mk_rational want;
        assert_int_equal(mk_rational_make((n - 1) * p + 1, (n + 1) * p, &want), 0);
        mk_rational got = revenue_sym(&d, (size_t)n);
        assert_int_equal(mk_rational_cmp(got, want), 0);
    }
    /* Scaling the interval scales the revenue: [0, 100] gives 100 * 5/12. */
    mk_distribution_free(&d);
    d = parse("uniform:0:100", 0);
    assert_q(revenue_sym(&d, 2), 125, 3);
    mk_distribution_free(&d);
}

/* Asymmetric uniforms: U[0,1] and U[0,2]. phi_1 is uniform on [-1, 1],
 * phi_2 on [-2, 2]; revenue = int_0^1 (1 - (t+1)(t+2)/8) dt +
 * int_1^2 (1 - (t+2)/4) dt = 25/48 + 6/48 = 31/48 (by hand; a numerical
 * integral gives 0.645833...). */
static void test_revenue_asymmetric_uniform(void **state)
{
    (void)state;
    mk_distribution a = parse("uniform:0:1", 0), b = parse("uniform:0:2", 0);
    const mk_distribution *ds[2] = {&a, &b};
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r;
    assert_int_equal(mk_myerson_revenue(ds, 2, &r, &ctx), 0);
    assert_q(r, 31, 48);
    mk_distribution_free(&a);
    mk_distribution_free(&b);
}

/* A uniform and an irregular discrete bidder: U[0,10] has phi uniform on
 * [-10, 10]; the discrete 4/5/10 bidder has ironed values 2 (3/4) and 10
 * (1/4). Revenue = int_0^2 1 dt + int_2^10 (1 - (3/4)(t+10)/20) dt
 * = 2 + 8 - (3/4)(128/20) = 26/5. */
static void test_revenue_mixed(void **state)
{
    (void)state;
    mk_distribution a = parse("uniform:0:10", 0);
    mk_distribution b = parse("discrete:4@1/2,5@1/4,10@1/4", 0);
    const mk_distribution *ds[2] = {&a, &b};
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r;
    assert_int_equal(mk_myerson_revenue(ds, 2, &r, &ctx), 0);
    assert_q(r, 26, 5);
    /* Order does not matter. */
    const mk_distribution *sd[2] = {&b, &a};
    assert_int_equal(mk_myerson_revenue(sd, 2, &r, &ctx), 0);
    assert_q(r, 26, 5);
    mk_distribution_free(&a);
    mk_distribution_free(&b);
}

/* Past 64 bits the rational version refuses and the text version answers:
 * 64 bidders on [0,1] give (63 * 2^64 + 1) / (65 * 2^64). */
static void test_revenue_text(void **state)
{
    (void)state;
    mk_distribution d = parse("uniform:0:1", 0);
    const mk_distribution *ds[64];
    for (size_t i = 0; i < 64; i++)
        ds[i] = &d;
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r;
    assert_int_equal(mk_myerson_revenue(ds, 64, &r, &ctx), MK_ERANGE);
    char *text = NULL;
    assert_int_equal(mk_myerson_revenue_text(ds, 64, &text, &ctx), 0);
    assert_string_equal(text, "1162144876643701751809/1199038364791120855040");
    free(text);
    assert_int_equal(mk_myerson_revenue_text(ds, 1, &text, &ctx), 0);
    assert_string_equal(text, "1/4");
    free(text);
    /* No bidders, no revenue. */
    assert_int_equal(mk_myerson_revenue(ds, 0, &r, &ctx), 0);
    assert_q(r, 0, 1);
    mk_distribution_free(&d);
}

/* A distribution with no value above 0 never sells. */
static void test_revenue_zero(void **state)
{
    (void)state;
    mk_distribution d = parse("discrete:0@1", 0);
    assert_q(revenue_sym(&d, 3), 0, 1);
    assert_q(reserve(&d), 0, 1);
    mk_distribution_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uniform_virtual_values),
        cmocka_unit_test(test_exponential),
        cmocka_unit_test(test_discrete_regular),
        cmocka_unit_test(test_discrete_irregular),
        cmocka_unit_test(test_discrete_pooling),
        cmocka_unit_test(test_discrete_cascade),
        cmocka_unit_test(test_ironing_against_hull),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_revenue_uniform_known),
        cmocka_unit_test(test_revenue_asymmetric_uniform),
        cmocka_unit_test(test_revenue_mixed),
        cmocka_unit_test(test_revenue_text),
        cmocka_unit_test(test_revenue_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
