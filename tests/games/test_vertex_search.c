/*
 * Tests of the vertex search of {z >= 0 : Mz <= 1} (src/games/vertex_search.c)
 * and of its 256-bit helpers (src/core/wide_int.h): a polytope
 * whose vertices are worked out by hand, a simplex cut by many equal rows
 * (degenerate: many feasible bases per vertex, one lexicographic one), random polytopes against an
 * independent brute force over all tight systems, the 128-bit, 256-bit and GMP
 * paths against each other on random polytopes, the bases limit, and the
 * wide products and exact divisions against GMP.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "games/vertex_search_internal.h"
#include "core/wide_int.h"
#include "mechkit/rng.h"

/* A polytope with an r x d matrix of small entries, owned. */
typedef struct owned {
    mk_vsearch_polytope p;
    mpz_t *mat;
    int64_t *mat64;
} owned;

static void owned_init(owned *o, size_t d, size_t r, const int64_t *entries, int64_t scale,
                       int with64)
{
    o->mat = malloc(d * r * sizeof *o->mat);
    o->mat64 = malloc(d * r * sizeof *o->mat64);
    assert_non_null(o->mat);
    assert_non_null(o->mat64);
    for (size_t k = 0; k < d * r; k++) {
        o->mat64[k] = entries[k] * scale;
        mpz_init_set_si(o->mat[k], (long)o->mat64[k]);
    }
    o->p = (mk_vsearch_polytope){.d = d,
                                 .r = r,
                                 .mat = (const mpz_t *)o->mat,
                                 .mat64 = with64 ? o->mat64 : NULL,
                                 .coord_label = 0,
                                 .row_label = d};
}

static void owned_clear(owned *o)
{
    for (size_t k = 0; k < o->p.d * o->p.r; k++)
        mpz_clear(o->mat[k]);
    free(o->mat);
    free(o->mat64);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The vertices' label sets, sorted. */
static size_t vertices(const owned *o, size_t max_bases, uint64_t **labels)
{
    mk_ctx ctx = MK_CTX_INIT;
    size_t n = 0;
    if (mk_vsearch_vertices(&o->p, max_bases, labels, &n, &ctx) != 0)
        fail_msg("vertex search failed: %s", ctx.message);
    qsort(*labels, n, sizeof **labels, cmp_u64);
    return n;
}

static void test_by_hand(void **state)
{
    (void)state;
    /* 2 z1 + z2 <= 1, z1 + 2 z2 <= 1: vertices (1/2, 0) tight at z2 = 0
     * (label 1) and row 0 (label 2); (0, 1/2) at z1 = 0 (label 0) and row
     * 1 (label 3); (1/3, 1/3) at both rows. */
    const int64_t m[4] = {2, 1, 1, 2};
    owned o;
    owned_init(&o, 2, 2, m, 1, 1);
    uint64_t *labels = NULL;
    assert_int_equal(vertices(&o, 100, &labels), 3);
    assert_int_equal(labels[0], 0x6); /* (1/2, 0): labels 1 and 2 */
    assert_int_equal(labels[1], 0x9); /* (0, 1/2): labels 0 and 3 */
    assert_int_equal(labels[2], 0xC); /* (1/3, 1/3): labels 2 and 3 */
    free(labels);
    owned_clear(&o);
}

static void test_degenerate_simplex(void **state)
{
    (void)state;
    /* Five equal rows z1 + z2 + z3 <= 1: the simplex's three nonzero
     * vertices e_i, each tight at the other two coordinates and all five
     * rows, so each has five feasible bases (any one slack leaves the
     * basis) but one lexicographically feasible basis: that of row 4,
     * whose perturbed bound 1 + eps^5 is the least. */
    int64_t m[15];
    for (size_t k = 0; k < 15; k++)
        m[k] = 1;
    owned o;
    owned_init(&o, 3, 5, m, 1, 1);
    uint64_t *labels = NULL;
    size_t n = vertices(&o, 100, &labels);
    assert_int_equal(n, 3);
    uint64_t rows = (uint64_t)0x1F << 3;
    assert_int_equal(labels[0], rows | 0x3); /* e_3: z1 = z2 = 0 */
    assert_int_equal(labels[1], rows | 0x5);
    assert_int_equal(labels[2], rows | 0x6);
    free(labels);
    /* 1 + 3 bases in all: a limit of 3 is too few. */
    mk_ctx ctx = MK_CTX_INIT;
    labels = NULL;
    assert_int_equal(mk_vsearch_vertices(&o.p, 3, &labels, &n, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "more than 3 feasible bases"));
    assert_null(labels);
    assert_int_equal(mk_vsearch_vertices(&o.p, 4, &labels, &n, &ctx), MK_OK);
    free(labels);
    owned_clear(&o);
}

/* Brute force, independently: every d-subset of the d + r constraints
 * held tight, solved by rational elimination, kept when the solution is
 * feasible and nonzero; its labels are all constraints tight there. */
static size_t brute_force(const owned *o, uint64_t *out)
{
    size_t d = o->p.d, r = o->p.r, nv = d + r, n = 0;
    mpq_t a[8][9], f, t, z[8];
    for (size_t i = 0; i < 8; i++) {
        mpq_init(z[i]);
        for (size_t j = 0; j < 9; j++)
            mpq_init(a[i][j]);
    }
    mpq_inits(f, t, NULL);
    for (uint64_t set = 0; set < ((uint64_t)1 << nv); set++) {
        if ((size_t)__builtin_popcountll(set) != d)
            continue;
        /* Row k of the system: z_v = 0 for a coordinate v, else row v - d
         * of M at equality. */
        size_t k = 0;
        for (size_t v = 0; v < nv; v++) {
            if (!((set >> v) & 1))
                continue;
            for (size_t j = 0; j < d; j++)
                mpq_set_si(a[k][j], v < d ? (long)(v == j) : (long)o->mat64[(v - d) * d + j], 1);
            mpq_set_si(a[k][d], v < d ? 0 : 1, 1);
            k++;
        }
        int singular = 0;
        for (size_t c = 0; c < d && !singular; c++) {
            size_t piv = c;
            while (piv < d && mpq_sgn(a[piv][c]) == 0)
                piv++;
            if (piv == d) {
                singular = 1;
                break;
            }
            for (size_t j = 0; j <= d; j++)
                mpq_swap(a[piv][j], a[c][j]);
            for (size_t i = 0; i < d; i++) {
                if (i == c || mpq_sgn(a[i][c]) == 0)
                    continue;
                mpq_div(f, a[i][c], a[c][c]);
                for (size_t j = c; j <= d; j++) {
                    mpq_mul(t, f, a[c][j]);
                    mpq_sub(a[i][j], a[i][j], t);
                }
            }
        }
        if (singular)
            continue;
        uint64_t labels = 0;
        int feasible = 1;
        for (size_t j = 0; j < d; j++) {
            mpq_div(z[j], a[j][d], a[j][j]);
            feasible &= mpq_sgn(z[j]) >= 0;
            if (mpq_sgn(z[j]) == 0)
                labels |= (uint64_t)1 << j;
        }
        for (size_t q = 0; feasible && q < r; q++) {
            mpq_set_ui(f, 0, 1);
            for (size_t j = 0; j < d; j++) {
                mpq_set_si(t, (long)o->mat64[q * d + j], 1);
                mpq_mul(t, t, z[j]);
                mpq_add(f, f, t);
            }
            int c = mpq_cmp_ui(f, 1, 1);
            feasible = c <= 0;
            if (c == 0)
                labels |= (uint64_t)1 << (d + q);
        }
        uint64_t coords = ((uint64_t)1 << d) - 1;
        if (!feasible || (labels & coords) == coords)
            continue;
        size_t seen = 0;
        while (seen < n && out[seen] != labels)
            seen++;
        if (seen == n)
            out[n++] = labels;
    }
    for (size_t i = 0; i < 8; i++) {
        mpq_clear(z[i]);
        for (size_t j = 0; j < 9; j++)
            mpq_clear(a[i][j]);
    }
    mpq_clears(f, t, NULL);
    qsort(out, n, sizeof *out, cmp_u64);
    return n;
}

static void test_against_brute_force(void **state)
{
    (void)state;
    /* Entries 1..3 make ties and degenerate vertices common. */
    mk_rng rng;
    mk_rng_seed(&rng, 20261124);
    for (int trial = 0; trial < 60; trial++) {
        size_t d = 1 + mk_rng_below(&rng, 6), r = 1 + mk_rng_below(&rng, 6);
        int64_t m[36];
        for (size_t k = 0; k < d * r; k++)
            m[k] = 1 + (int64_t)mk_rng_below(&rng, trial % 2 == 0 ? 3 : 20);
        owned o;
        owned_init(&o, d, r, m, 1, 1);
        uint64_t *found = NULL, want[1024];
        size_t n = vertices(&o, 1000000, &found), nw = brute_force(&o, want);
        assert_int_equal(n, nw);
        assert_memory_equal(found, want, n * sizeof *found);
        free(found);
        owned_clear(&o);
    }
}

static void test_arithmetic_paths_agree(void **state)
{
    (void)state;
    /* Scaling M by c > 0 scales every vertex by 1/c and keeps its labels.
     * With c = 2^40 the products overflow 128 bits (the 256-bit path) and
     * entries soon no longer fit (the switch to GMP); without mat64 the
     * whole search runs in GMP. All must find the same vertices. */
    mk_rng rng;
    mk_rng_seed(&rng, 7);
    for (int trial = 0; trial < 12; trial++) {
        size_t d = 2 + mk_rng_below(&rng, 7), r = 2 + mk_rng_below(&rng, 7);
        int64_t m[64];
        for (size_t k = 0; k < d * r; k++)
            m[k] = 1 + (int64_t)mk_rng_below(&rng, trial < 6 ? 3 : 100);
        owned fast, scaled, gmp;
        owned_init(&fast, d, r, m, 1, 1);
        owned_init(&scaled, d, r, m, (int64_t)1 << 40, 1);
        owned_init(&gmp, d, r, m, 1, 0);
        uint64_t *a = NULL, *b = NULL, *c = NULL;
        size_t na = vertices(&fast, 1000000, &a), nb = vertices(&scaled, 1000000, &b),
               nc = vertices(&gmp, 1000000, &c);
        assert_true(na >= d); /* at least the d vertices on the axes */
        assert_int_equal(na, nb);
        assert_int_equal(na, nc);
        assert_memory_equal(a, b, na * sizeof *a);
        assert_memory_equal(a, c, na * sizeof *a);
        free(a), free(b), free(c);
        owned_clear(&fast), owned_clear(&scaled), owned_clear(&gmp);
    }
}

static void u128_to_mpz(mpz_t out, mk_u128 v)
{
    mpz_set_ui(out, (unsigned long)(uint64_t)(v >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)v);
}

/* The signed value of a 256-bit two's complement number. */
static void w256_to_mpz(mpz_t out, mk_w256 w)
{
    mpz_t lo;
    mpz_init(lo);
    u128_to_mpz(out, w.hi);
    mpz_mul_2exp(out, out, 128);
    u128_to_mpz(lo, w.lo);
    mpz_add(out, out, lo);
    if (w.hi >> 127) {
        mpz_set_ui(lo, 0);
        mpz_setbit(lo, 256);
        mpz_sub(out, out, lo);
    }
    mpz_clear(lo);
}

static mk_i128 random_i128(mk_rng *rng, int bits)
{
    mk_u128 v = ((mk_u128)mk_rng_next(rng) << 64) | mk_rng_next(rng);
    v >>= 128 - bits;
    return (mk_rng_next(rng) & 1) ? -(mk_i128)v : (mk_i128)v;
}

static void test_wide_products_and_division(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 11);
    mpz_t x, y, want, got;
    mpz_inits(x, y, want, got, NULL);
    for (int trial = 0; trial < 2000; trial++) {
        mk_i128 a = random_i128(&rng, 1 + (int)mk_rng_below(&rng, 126)),
                b = random_i128(&rng, 1 + (int)mk_rng_below(&rng, 126));
        u128_to_mpz(x, a < 0 ? -(mk_u128)a : (mk_u128)a);
        if (a < 0)
            mpz_neg(x, x);
        u128_to_mpz(y, b < 0 ? -(mk_u128)b : (mk_u128)b);
        if (b < 0)
            mpz_neg(y, y);
        mpz_mul(want, x, y);
        w256_to_mpz(got, mk_w256_mul(a, b));
        assert_int_equal(mpz_cmp(want, got), 0);
        /* a * b / b = a whenever b != 0 (negative divisors occur when a
         * tableau is rebuilt); the quotient fits. */
        if (b != 0) {
            mk_divisor dv = mk_divisor_make(b);
            mk_i128 q = 0;
            assert_true(mk_w256_divexact(mk_w256_mul(a, b), &dv, &q));
            assert_true(q == a);
        }
    }
    /* A quotient of 2^127 does not fit: refused. */
    mk_divisor one = mk_divisor_make(1);
    mk_w256 big = {0, (mk_u128)1 << 127};
    mk_i128 q = 0;
    assert_false(mk_w256_divexact(big, &one, &q));
    mpz_clears(x, y, want, got, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_degenerate_simplex),
        cmocka_unit_test(test_against_brute_force),
        cmocka_unit_test(test_arithmetic_paths_agree),
        cmocka_unit_test(test_wide_products_and_division),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
