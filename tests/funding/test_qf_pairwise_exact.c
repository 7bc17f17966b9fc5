/*
 * Tests of funding.qf_pairwise's exact arithmetic in machine integers
 * (src/mechanisms/funding/qf_pairwise_exact.c, qf_pairwise_fixed.h)
 * against a straightforward GMP reference written here from the rule's
 * definition: for every pair i < j,
 *     s_q  = w_i w_j floor(sqrt(c_iq c_jq 2^128))   (each shared q)
 *     T    = sum_q s_q
 *     ideal_q += 2 floor(M' s_q / (M' + T)),   M' = M 10^12 2^64,
 * and of the pieces (roots, 256-by-128-bit division) against GMP. The
 * ideals must be the same integers, on seeded random rounds that reach
 * every fallback: amounts near 2^63 and past 2^64 (two limbs), weights
 * other than 1 (0, varied, huge), M tiny and huge; on one thread and on
 * several.
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

#include "io/contributions_row.h"
#include "mechanisms/funding/funding_internal.h"
#include "mechanisms/funding/qf_pairwise_fixed.h"
#include "mechkit/funding.h"
#include "mechkit/rng.h"

#define N_MAX 48
#define P_MAX 6

static void mpz_from(mpz_t out, mk_u128 v)
{
    mpz_set_ui(out, (unsigned long)(uint64_t)(v >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)v);
}

static mk_u128 random_u128(mk_rng *rng, int bits)
{
    mk_u128 v = ((mk_u128)mk_rng_next(rng) << 64) | mk_rng_next(rng);
    return bits >= 128 ? v : v & (((mk_u128)1 << bits) - 1);
}

/* floor(sqrt(c1 c2 2^128)) by GMP. */
static void reference_root(mpz_t out, mk_u128 c1, mk_u128 c2)
{
    mpz_t t;
    mpz_init(t);
    mpz_from(out, c1);
    mpz_from(t, c2);
    mpz_mul(out, out, t);
    mpz_mul_2exp(out, out, 128);
    mpz_sqrt(out, out);
    mpz_clear(t);
}

static void check_pair_root(uint64_t c1, uint64_t c2)
{
    mpz_t want, got;
    mpz_inits(want, got, NULL);
    reference_root(want, c1, c2);
    mpz_from(got, pw_pair_root(c1, pw_root_of(c1), c2, pw_root_of(c2)));
    if (mpz_cmp(want, got) != 0)
        fail_msg("pair root of %llu and %llu", (unsigned long long)c1, (unsigned long long)c2);
    mpz_clears(want, got, NULL);
}

/* Roots of extreme amounts, perfect squares (the truncated product is
 * then within the error bound of a carry) and random amounts of every
 * length. */
static void test_pair_roots(void **state)
{
    (void)state;
    static const uint64_t edge[] = {
        1,          2,          3,         4,          (1ULL << 32) - 1, 1ULL << 32,
        1ULL << 62, 1ULL << 63, INT64_MAX, UINT64_MAX, UINT64_MAX - 1};
    size_t n_edge = sizeof edge / sizeof *edge;
    for (size_t x = 0; x < n_edge; x++)
        for (size_t y = 0; y < n_edge; y++)
            check_pair_root(edge[x], edge[y]);
    mk_rng rng;
    mk_rng_seed(&rng, 61);
    for (int t = 0; t < 20000; t++) {
        uint64_t s = 1 + mk_rng_below(&rng, UINT32_MAX);
        check_pair_root(s * s, 1 + mk_rng_below(&rng, 5) * mk_rng_below(&rng, 5)); /* squares */
        int b1 = 1 + (int)mk_rng_below(&rng, 64), b2 = 1 + (int)mk_rng_below(&rng, 64);
        uint64_t c1 = (uint64_t)random_u128(&rng, b1), c2 = (uint64_t)random_u128(&rng, b2);
        check_pair_root(c1 | 1, c2 | 1);
    }
}

/* floor(n / d) for random n, d with n.hi < d, one- and two-limb d, and
 * divisors whose top limb makes the quotient digit's estimate too large. */
static void test_division(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 62);
    mpz_t n, d, q, t;
    mpz_inits(n, d, q, t, NULL);
    for (int k = 0; k < 50000; k++) {
        int bits = 1 + (int)mk_rng_below(&rng, 128);
        mk_u128 dv = random_u128(&rng, bits) | 1;
        if (k % 7 == 0) /* a top limb of all ones: qhat = 2^64 - 1 paths */
            dv |= (mk_u128)UINT64_MAX << 64;
        mk_w256 nv = {random_u128(&rng, 128) % dv, random_u128(&rng, 128)};
        mpz_from(n, nv.hi);
        mpz_mul_2exp(n, n, 128);
        mpz_from(t, nv.lo);
        mpz_add(n, n, t);
        mpz_from(d, dv);
        mpz_fdiv_q(q, n, d);
        mpz_from(t, pw_div_256by128(nv, dv));
        if (mpz_cmp(q, t) != 0)
            fail_msg("division %d", k);
    }
    mpz_clears(n, d, q, t, NULL);
}

/* A round: amount[i][q] (0 = no contribution) and weight[i]. */
typedef struct pw_round {
    size_t n, p;
    int limbs;
    mk_u128 amount[N_MAX][P_MAX];
    int64_t weight[N_MAX];
} pw_round;

static void round_profile(const pw_round *rd, mk_profile *out)
{
    size_t width = MK_FUNDING_FIRST + rd->p * (rd->limbs == 2 ? 3 : 2);
    assert_int_equal(mk_profile_resize(out, rd->n, width, NULL), 0);
    for (size_t i = 0; i < rd->n; i++) {
        int64_t *row = mk_profile_row(out, i);
        row[MK_FUNDING_WEIGHT] = rd->weight[i];
        row[MK_FUNDING_LIMBS] = rd->limbs;
        size_t m = 0;
        row[MK_FUNDING_COUNT] = (int64_t)rd->p;
        for (size_t q = 0; q < rd->p; q++) {
            if (rd->amount[i][q] == 0)
                continue;
            row[mk_funding_pair(row, m)] = (int64_t)q;
            assert_int_equal(mk_funding_set_amount(row, m, rd->amount[i][q]), 0);
            m++;
        }
        row[MK_FUNDING_COUNT] = (int64_t)m;
    }
}

/* The rule's ideals by its definition, pair by pair. */
static void reference_ideals(const pw_round *rd, mk_u128 m, mpz_t *ideal)
{
    mpz_t m_fixed, s[P_MAX], t, term, d;
    mpz_inits(m_fixed, t, term, d, NULL);
    for (size_t q = 0; q < rd->p; q++) {
        mpz_init(s[q]);
        mpz_set_ui(ideal[q], 0);
    }
    mpz_from(m_fixed, m);
    mpz_mul_ui(m_fixed, m_fixed, 1000000);
    mpz_mul_ui(m_fixed, m_fixed, 1000000);
    mpz_mul_2exp(m_fixed, m_fixed, 64);
    for (size_t i = 0; i < rd->n; i++)
        for (size_t j = i + 1; j < rd->n; j++) {
            mpz_set_ui(t, 0);
            for (size_t q = 0; q < rd->p; q++) {
                if (rd->amount[i][q] == 0 || rd->amount[j][q] == 0)
                    continue;
                reference_root(s[q], rd->amount[i][q], rd->amount[j][q]);
                mpz_mul_si(s[q], s[q], rd->weight[i]);
                mpz_mul_si(s[q], s[q], rd->weight[j]);
                mpz_add(t, t, s[q]);
            }
            for (size_t q = 0; q < rd->p; q++) {
                if (rd->amount[i][q] == 0 || rd->amount[j][q] == 0)
                    continue;
                mpz_add(d, m_fixed, t);
                mpz_mul(term, m_fixed, s[q]);
                mpz_fdiv_q(term, term, d);
                mpz_addmul_ui(ideal[q], term, 2);
            }
        }
    for (size_t q = 0; q < rd->p; q++)
        mpz_clear(s[q]);
    mpz_clears(m_fixed, t, term, d, NULL);
}

/* Runs funding.qf_pairwise (exact) on rd with M = m_text on `threads`
 * threads and compares every project's ideal with the reference. */
static void check_round_on(const pw_round *rd, const char *m_text, mk_u128 m, int threads)
{
    char m_kv[64], threads_kv[32];
    snprintf(m_kv, sizeof m_kv, "M=%s", m_text);
    snprintf(threads_kv, sizeof threads_kv, "threads=%d", threads);
    const char *kv[] = {"pool=1000", m_kv, threads_kv, NULL};
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    for (size_t i = 0; kv[i] != NULL; i++)
        assert_int_equal(mk_params_set_arg(&params, kv[i], &ctx), 0);
    mk_setting setting = {0, 0, 0, 0, NULL, 0};
    mk_instance *inst = NULL;
    assert_int_equal(mk_mechanism_prepare(&mk_funding_qf_pairwise, &params, &setting, &inst, &ctx),
                     0);
    mk_profile p = MK_PROFILE_INIT;
    round_profile(rd, &p);
    mk_outcome out = MK_OUTCOME_INIT;
    if (mk_funding_qf_pairwise.run(inst, &p, &out, &ctx) != 0)
        fail_msg("run: %s", ctx.message);
    const mk_funding_base *f = (const mk_funding_base *)inst;
    mpz_t want[P_MAX];
    for (size_t q = 0; q < rd->p; q++)
        mpz_init(want[q]);
    reference_ideals(rd, m, want);
    for (size_t q = 0; q < rd->p; q++) {
        if (q < f->n_projects && mpz_cmp(want[q], f->ideal[q]) != 0)
            fail_msg("project %zu: ideal %s, reference %s", q, mpz_get_str(NULL, 10, f->ideal[q]),
                     mpz_get_str(NULL, 10, want[q]));
        mpz_clear(want[q]);
    }
    mk_outcome_free(&out);
    mk_profile_free(&p);
    mk_funding_qf_pairwise.free(inst);
    mk_params_free(&params);
}

/* The same on one thread and on three (each taking every third
 * contributor): the ideals do not depend on the split. */
static void check_round(const pw_round *rd, const char *m_text, mk_u128 m)
{
    check_round_on(rd, m_text, m, 1);
    check_round_on(rd, m_text, m, 3);
}

typedef enum amounts { CENTS, NEAR_2_63, MIXED, TWO_LIMBS } amounts;
typedef enum weights { ONE, SAME_NOT_ONE, VARIED, HUGE } weights;

static mk_u128 draw_amount(mk_rng *rng, amounts kind)
{
    switch (kind) {
    case CENTS: return (mk_u128)(100 + mk_rng_below(rng, 900)) << mk_rng_below(rng, 12);
    case NEAR_2_63: return (mk_u128)INT64_MAX - mk_rng_below(rng, 1000);
    case MIXED:
        return mk_rng_below(rng, 2) ? 1 + random_u128(rng, 1 + (int)mk_rng_below(rng, 63))
                                    : (mk_u128)INT64_MAX - mk_rng_below(rng, 3);
    default: /* past 2^64 in half the draws */
        return 1 + random_u128(rng, mk_rng_below(rng, 2) ? 40 : 100);
    }
}

static int64_t draw_weight(mk_rng *rng, weights kind)
{
    switch (kind) {
    case ONE: return MK_FUNDING_WEIGHT_ONE;
    case SAME_NOT_ONE: return 2500000;
    case VARIED: return (int64_t)mk_rng_below(rng, 5000001);    /* 0 .. 5, 0 included */
    default: return (int64_t)1 << (40 + mk_rng_below(rng, 22)); /* up to 2^61 millionths */
    }
}

static void random_round(pw_round *rd, mk_rng *rng, amounts a, weights w)
{
    rd->n = 8 + mk_rng_below(rng, N_MAX - 8);
    rd->p = 1 + mk_rng_below(rng, P_MAX);
    rd->limbs = a == TWO_LIMBS ? 2 : 1;
    int64_t same = draw_weight(rng, w);
    for (size_t i = 0; i < rd->n; i++) {
        rd->weight[i] = w == SAME_NOT_ONE || w == ONE ? same : draw_weight(rng, w);
        for (size_t q = 0; q < rd->p; q++)
            rd->amount[i][q] = mk_rng_below(rng, 3) != 0 ? draw_amount(rng, a) : 0;
    }
}

static void check_random_rounds(amounts a, weights w, uint64_t seed)
{
    static const struct {
        const char *text;
        uint64_t value;
    } ms[] = {{"1", 1}, {"25", 25}, {"100000", 100000}};
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    for (int t = 0; t < 6; t++) {
        pw_round rd;
        random_round(&rd, &rng, a, w);
        for (size_t m = 0; m < sizeof ms / sizeof *ms; m++)
            check_round(&rd, ms[m].text, ms[m].value);
        /* M = 10^30: M 10^12 passes 64 bits, every term takes GMP */
        mk_u128 huge = (mk_u128)1000000000000000ULL * 1000000000000000ULL;
        check_round(&rd, "1000000000000000000000000000000", huge);
    }
}

static void test_cents_weight_one(void **state)
{
    (void)state;
    check_random_rounds(CENTS, ONE, 71);
}

static void test_cents_same_weight(void **state)
{
    (void)state;
    check_random_rounds(CENTS, SAME_NOT_ONE, 72);
}

static void test_cents_varied_weights(void **state)
{
    (void)state;
    check_random_rounds(CENTS, VARIED, 73);
}

static void test_near_2_63(void **state)
{
    (void)state;
    check_random_rounds(NEAR_2_63, ONE, 74);
    check_random_rounds(NEAR_2_63, VARIED, 75);
}

static void test_mixed_lengths(void **state)
{
    (void)state;
    check_random_rounds(MIXED, ONE, 76);
    check_random_rounds(MIXED, SAME_NOT_ONE, 77);
}

static void test_huge_weights(void **state)
{
    (void)state;
    check_random_rounds(CENTS, HUGE, 78);
    check_random_rounds(MIXED, HUGE, 79);
}

static void test_two_limb_amounts(void **state)
{
    (void)state;
    check_random_rounds(TWO_LIMBS, ONE, 80);
    check_random_rounds(TWO_LIMBS, VARIED, 81);
}

/* A pw_round whose every amount fits 64 bits but is written in two-limb
 * rows takes the machine-integer path: the layout does not matter. */
static void test_narrow_amounts_in_wide_rows(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 82);
    pw_round rd;
    random_round(&rd, &rng, CENTS, ONE);
    rd.limbs = 2;
    check_round(&rd, "25", 25);
}

/* threads= takes 0 (one per online processor) to 64. */
static void test_threads_parameter(void **state)
{
    (void)state;
    static const char *const bad[] = {"threads=-1", "threads=65", "threads=two"};
    for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
        const char *kv[] = {"pool=1000", "M=1", bad[b], NULL};
        mk_ctx ctx = MK_CTX_INIT;
        mk_params params = MK_PARAMS_INIT;
        mk_instance *inst = NULL;
        mk_setting setting = {0, 0, 0, 0, NULL, 0};
        int rc = 0;
        for (size_t i = 0; kv[i] != NULL && rc == 0; i++)
            rc = mk_params_set_arg(&params, kv[i], &ctx);
        if (rc == 0)
            rc = mk_mechanism_prepare(&mk_funding_qf_pairwise, &params, &setting, &inst, &ctx);
        assert_int_equal(rc, MK_EPARAM);
        assert_non_null(strstr(ctx.message, "threads"));
        assert_null(inst);
        mk_params_free(&params);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_roots),
        cmocka_unit_test(test_division),
        cmocka_unit_test(test_cents_weight_one),
        cmocka_unit_test(test_cents_same_weight),
        cmocka_unit_test(test_cents_varied_weights),
        cmocka_unit_test(test_near_2_63),
        cmocka_unit_test(test_mixed_lengths),
        cmocka_unit_test(test_huge_weights),
        cmocka_unit_test(test_two_limb_amounts),
        cmocka_unit_test(test_narrow_amounts_in_wide_rows),
        cmocka_unit_test(test_threads_parameter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
