/* Tests of src/core/rng.c: known-answer vectors for splitmix64 seeding and
 * xoshiro256**, unbiased bounded integers (including the rejection path),
 * ranges, doubles, permutations and streams.
 *
 * Unless a comment names a published source, the known answers were
 * computed once with an independent implementation: a short Python script
 * written from Vigna's published C code (splitmix64.c, xoshiro256starstar.c)
 * and Lemire's algorithm, on Python's unbounded integers masked to 64 bits.
 * All statistical checks use fixed seeds, so they are deterministic and
 * cannot flake; their thresholds are generous (p < 1e-5 for a fair
 * generator) yet far below what a biased method produces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <stdlib.h>
#include <string.h>

#include "mechkit/rng.h"

static void assert_u64(uint64_t got, uint64_t want)
{
    if (got != want)
        fail_msg("got %llu (0x%016llx), want %llu (0x%016llx)", (unsigned long long)got,
                 (unsigned long long)got, (unsigned long long)want, (unsigned long long)want);
}

static void test_seed_is_splitmix64(void **state)
{
    (void)state;
    /* The first four splitmix64 outputs from state 0, as published with
     * the reference code (0xe220a8397b1dcdaf, ...) and reproduced by the
     * Python script. */
    mk_rng rng;
    mk_rng_seed(&rng, 0);
    assert_u64(rng.s[0], UINT64_C(0xe220a8397b1dcdaf));
    assert_u64(rng.s[1], UINT64_C(0x6e789e6aa1b965f4));
    assert_u64(rng.s[2], UINT64_C(0x06c45d188009454f));
    assert_u64(rng.s[3], UINT64_C(0xf88bb8a8724c81ec));
}

static void test_xoshiro_reference_vector(void **state)
{
    (void)state;
    /* State {1, 2, 3, 4}: outputs of Vigna's reference xoshiro256starstar.c
     * as recorded in the rand_xoshiro crate's test "reference"
     * (rust-random/rngs, rand_xoshiro/src/xoshiro256starstar.rs). */
    static const uint64_t want[] = {
        UINT64_C(11520),
        UINT64_C(0),
        UINT64_C(1509978240),
        UINT64_C(1215971899390074240),
        UINT64_C(1216172134540287360),
        UINT64_C(607988272756665600),
        UINT64_C(16172922978634559625),
        UINT64_C(8476171486693032832),
        UINT64_C(10595114339597558777),
        UINT64_C(2904607092377533576),
    };
    mk_rng rng = {{1, 2, 3, 4}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_u64(mk_rng_next(&rng), want[i]);
}

static void test_seeded_known_answers(void **state)
{
    (void)state;
    /* From the Python script (seed 0 and seed 42). */
    static const uint64_t want0[] = {
        UINT64_C(0x99ec5f36cb75f2b4), UINT64_C(0xbf6e1f784956452a), UINT64_C(0x1a5f849d4933e6e0),
        UINT64_C(0x6aa594f1262d2d2c), UINT64_C(0xbba5ad4a1f842e59),
    };
    static const uint64_t want42[] = {
        UINT64_C(0x15780b2e0c2ec716), UINT64_C(0x6104d9866d113a7e), UINT64_C(0xae17533239e499a1),
        UINT64_C(0xecb8ad4703b360a1), UINT64_C(0xfde6dc7fe2ec5e64),
    };
    mk_rng a, b;
    mk_rng_seed(&a, 0);
    mk_rng_seed(&b, 42);
    for (size_t i = 0; i < 5; i++) {
        assert_u64(mk_rng_next(&a), want0[i]);
        assert_u64(mk_rng_next(&b), want42[i]);
    }
}

static void test_stream_known_answer(void **state)
{
    (void)state;
    /* Stream 7 of seed 42: splitmix64 from 42 gives h, then splitmix64
     * from h ^ 7 gives the seed of mk_rng_seed (Python script). */
    mk_rng rng;
    mk_rng_seed_stream(&rng, 42, 7);
    assert_u64(mk_rng_next(&rng), UINT64_C(0x0719e15cf3d4342f));
    assert_u64(mk_rng_next(&rng), UINT64_C(0x40efa5d3e1980cd0));
    assert_u64(mk_rng_next(&rng), UINT64_C(0x91756e0af06688e2));
}

static void test_same_seed_same_numbers(void **state)
{
    (void)state;
    mk_rng a, b, c, s1, s2;
    mk_rng_seed(&a, 123);
    mk_rng_seed(&b, 123);
    mk_rng_seed(&c, 124);
    mk_rng_seed_stream(&s1, 123, 5);
    mk_rng_seed_stream(&s2, 123, 5);
    int differs = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = mk_rng_next(&a);
        assert_u64(mk_rng_next(&b), x);
        differs += mk_rng_next(&c) != x;
        assert_u64(mk_rng_next(&s1), mk_rng_next(&s2));
    }
    assert_true(differs > 990);
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

static void test_streams_differ(void **state)
{
    (void)state;
    /* 1000 neighbouring streams of one seed, and one stream number under
     * 1000 other neighbouring seeds: all first outputs distinct. */
    enum { N = 1000 };
    static uint64_t first[2 * N];
    for (uint64_t i = 0; i < N; i++) {
        mk_rng rng;
        mk_rng_seed_stream(&rng, 42, i);
        first[i] = mk_rng_next(&rng);
        mk_rng_seed_stream(&rng, N + i, 42);
        first[N + i] = mk_rng_next(&rng);
    }
    qsort(first, 2 * N, sizeof first[0], cmp_u64);
    for (size_t i = 1; i < 2 * N; i++)
        assert_true(first[i] != first[i - 1]);
    /* Streams do not share outputs at small offsets either. */
    mk_rng a, b;
    mk_rng_seed_stream(&a, 9, 0);
    mk_rng_seed_stream(&b, 9, 1);
    uint64_t xa[64], xb[64];
    for (int i = 0; i < 64; i++) {
        xa[i] = mk_rng_next(&a);
        xb[i] = mk_rng_next(&b);
    }
    for (int i = 0; i < 64; i++)
        for (int j = 0; j < 64; j++)
            assert_true(xa[i] != xb[j]);
}

static void test_below_known_answers(void **state)
{
    (void)state;
    /* Python script, seed 2024, bound 10. */
    static const uint64_t want[] = {0, 7, 0, 1, 7, 2, 3, 2, 5, 0};
    mk_rng rng;
    mk_rng_seed(&rng, 2024);
    for (size_t i = 0; i < 10; i++)
        assert_u64(mk_rng_below(&rng, 10), want[i]);
    /* Seed 0, bound 3 * 2^62: the first draw falls in the rejected zone
     * (low word below 2^64 mod bound = 2^62), so the answer comes from the
     * second draw and the next raw output is the third of seed 0. */
    mk_rng_seed(&rng, 0);
    assert_u64(mk_rng_below(&rng, UINT64_C(3) << 62), UINT64_C(10345497982627001311));
    assert_u64(mk_rng_next(&rng), UINT64_C(0x1a5f849d4933e6e0));
}

static void test_below_edges(void **state)
{
    (void)state;
    mk_rng rng, twin;
    mk_rng_seed(&rng, 1);
    for (int i = 0; i < 100; i++)
        assert_u64(mk_rng_below(&rng, 1), 0);
    /* bound 0 is a caller bug: 0, and no draw is consumed. */
    mk_rng_seed(&rng, 1);
    mk_rng_seed(&twin, 1);
    assert_u64(mk_rng_below(&rng, 0), 0);
    assert_u64(mk_rng_next(&rng), mk_rng_next(&twin));
    /* Random bounds of every size: never reach the bound. */
    uint64_t seed_bits = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t bound = mk_rng_next(&rng) >> (seed_bits++ % 64);
        if (bound == 0)
            bound = 1;
        assert_true(mk_rng_below(&rng, bound) < bound);
    }
    for (int i = 0; i < 1000; i++)
        assert_true(mk_rng_below(&rng, UINT64_MAX) < UINT64_MAX);
}

/* Pearson's chi-square statistic of counts against equal expectations. */
static double chi_square(const unsigned *count, int k, unsigned draws)
{
    double expected = (double)draws / k, stat = 0;
    for (int i = 0; i < k; i++) {
        double d = count[i] - expected;
        stat += d * d / expected;
    }
    return stat;
}

static void test_below_uniform(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 31337);
    /* bound 10, 100000 draws, 9 degrees of freedom: the 1e-5 critical
     * value is about 39.3. */
    unsigned count[10] = {0};
    for (int i = 0; i < 100000; i++)
        count[mk_rng_below(&rng, 10)]++;
    assert_true(chi_square(count, 10, 100000) < 40.0);

    /* bound 3 * 2^62, where bias would be gross: x % bound gives the lowest
     * third twice the weight of the others, and the multiply-shift without
     * rejection gives residue 0 mod 3 half the draws. 2 degrees of freedom:
     * the 1e-5 critical value is about 23.0; either bias scores thousands. */
    unsigned third[3] = {0}, residue[3] = {0};
    uint64_t bound = UINT64_C(3) << 62;
    for (int i = 0; i < 30000; i++) {
        uint64_t v = mk_rng_below(&rng, bound);
        third[v >> 62]++;
        residue[v % 3]++;
    }
    assert_true(chi_square(third, 3, 30000) < 24.0);
    assert_true(chi_square(residue, 3, 30000) < 24.0);
}

static void test_range(void **state)
{
    (void)state;
    mk_rng rng;
    /* Python script, seed 99: [-5, 5] is -5 + below(11). */
    static const int64_t small[] = {-2, 1, -1, 4, 3, -3, -2, -5};
    mk_rng_seed(&rng, 99);
    for (size_t i = 0; i < 8; i++)
        assert_true(mk_rng_range(&rng, -5, 5) == small[i]);
    /* The full int64 range is lo + raw bits, modulo 2^64 (Python script,
     * seed 99). */
    mk_rng_seed(&rng, 99);
    assert_true(mk_rng_range(&rng, INT64_MIN, INT64_MAX) == -INT64_C(2790921239864481100));
    assert_true(mk_rng_range(&rng, INT64_MIN, INT64_MAX) == INT64_C(1180592077060736638));
    /* Degenerate and extreme ranges stay in bounds; lo > hi is swapped. */
    for (int i = 0; i < 1000; i++) {
        assert_true(mk_rng_range(&rng, 7, 7) == 7);
        int64_t v = mk_rng_range(&rng, INT64_MIN, INT64_MIN + 1);
        assert_true(v == INT64_MIN || v == INT64_MIN + 1);
        v = mk_rng_range(&rng, INT64_MAX - 1, INT64_MAX);
        assert_true(v >= INT64_MAX - 1);
        v = mk_rng_range(&rng, 5, -5);
        assert_true(v >= -5 && v <= 5);
        v = mk_rng_range(&rng, -1, INT64_MAX);
        assert_true(v >= -1);
    }
}

static void test_uniform(void **state)
{
    (void)state;
    /* Python script, seed 5: the top 53 bits of the first outputs. Scaling
     * by 2^-53 is exact, so the doubles compare equal. */
    static const uint64_t top[] = {UINT64_C(2597777399433881), UINT64_C(5423075542279364),
                                   UINT64_C(5850596827338615)};
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    for (size_t i = 0; i < 3; i++)
        assert_true(mk_rng_uniform(&rng) == (double)top[i] / 9007199254740992.0);
    /* In [0, 1), and the ten deciles are evenly filled (chi-square as
     * above). */
    unsigned count[10] = {0};
    for (int i = 0; i < 100000; i++) {
        double u = mk_rng_uniform(&rng);
        assert_true(u >= 0.0 && u < 1.0);
        count[(int)(u * 10)]++;
    }
    assert_true(chi_square(count, 10, 100000) < 40.0);
}

static void assert_is_permutation(const size_t *perm, size_t n)
{
    unsigned char seen[256] = {0};
    assert_true(n <= sizeof seen);
    for (size_t i = 0; i < n; i++) {
        assert_true(perm[i] < n);
        assert_false(seen[perm[i]]);
        seen[perm[i]] = 1;
    }
}

static void test_permutation(void **state)
{
    (void)state;
    mk_rng rng;
    size_t perm[256];
    /* Python script, seed 11: Durstenfeld from the end down. */
    static const size_t want[] = {5, 4, 6, 9, 7, 8, 3, 1, 0, 2};
    mk_rng_seed(&rng, 11);
    mk_rng_permutation(&rng, perm, 10);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(perm[i], want[i]);
    /* n = 0 and n = 1 draw nothing. */
    mk_rng twin;
    mk_rng_seed(&rng, 3);
    mk_rng_seed(&twin, 3);
    mk_rng_permutation(&rng, perm, 0);
    mk_rng_permutation(&rng, perm, 1);
    assert_int_equal(perm[0], 0);
    assert_u64(mk_rng_next(&rng), mk_rng_next(&twin));
    for (size_t n = 2; n <= 256; n += 17) {
        mk_rng_permutation(&rng, perm, n);
        assert_is_permutation(perm, n);
    }
}

static void test_permutation_uniform(void **state)
{
    (void)state;
    /* All 6 orders of 3 items equally often: 60000 draws, 5 degrees of
     * freedom, 1e-5 critical value about 30.9. */
    mk_rng rng;
    mk_rng_seed(&rng, 2718);
    unsigned count[6] = {0};
    size_t perm[3];
    for (int i = 0; i < 60000; i++) {
        mk_rng_permutation(&rng, perm, 3);
        assert_is_permutation(perm, 3);
        /* Lehmer code: rank of the order among the 6. */
        size_t first = perm[0], second = perm[1] > perm[0] ? perm[1] - 1 : perm[1];
        count[first * 2 + second]++;
    }
    assert_true(chi_square(count, 6, 60000) < 31.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_is_splitmix64),
        cmocka_unit_test(test_xoshiro_reference_vector),
        cmocka_unit_test(test_seeded_known_answers),
        cmocka_unit_test(test_stream_known_answer),
        cmocka_unit_test(test_same_seed_same_numbers),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_below_known_answers),
        cmocka_unit_test(test_below_edges),
        cmocka_unit_test(test_below_uniform),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_permutation),
        cmocka_unit_test(test_permutation_uniform),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
