/* Bernstein polynomials on simplices (bernstein_simplex_internal.h): the
 * numbering of compositions, and the replacement of a vertex, checked
 * against direct evaluation: after any replacements (points inside or
 * outside the simplex), the new coefficients must give the same polynomial,
 * which is checked at every point of the principal lattice {sum_i (a_i / n)
 * w_i} of the new simplex, a set on which a polynomial of degree n is
 * determined (Chung and Yao, SIAM J. Numer. Anal. 14, 1977). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "games/bernstein_simplex_internal.h"
#include "mechkit/rng.h"

static void numbering(void **state)
{
    (void)state;
    mk_compositions c;
    assert_int_equal(mk_compositions_make(&c, 5, 4, NULL), 0);
    assert_int_equal(c.count, 56); /* C(5 + 3, 3) */
    for (size_t x = 0; x < c.count; x++) {
        size_t sum = 0;
        for (size_t s = 0; s < 4; s++)
            sum += c.part[x * 4 + s];
        assert_int_equal(sum, 5);
        assert_int_equal(mk_compositions_find(&c, &c.part[x * 4]), x);
    }
    mk_compositions_free(&c);
}

/* v = sum_a b_a n! / a! prod_i x_i^a_i, x barycentric. */
static void evaluate(const mk_compositions *c, mpq_t *b, mpq_t *x, mpq_t v)
{
    mpq_t term, power;
    mpz_t f;
    mpq_inits(term, power, NULL);
    mpz_init(f);
    mpq_set_ui(v, 0, 1);
    for (size_t y = 0; y < c->count; y++) {
        const size_t *a = &c->part[y * c->k];
        mpz_fac_ui(f, (unsigned long)c->n);
        mpq_set_z(term, f);
        for (size_t i = 0; i < c->k; i++) {
            mpz_fac_ui(f, (unsigned long)a[i]);
            mpz_mul(mpq_denref(term), mpq_denref(term), f);
            mpz_pow_ui(mpq_numref(power), mpq_numref(x[i]), (unsigned long)a[i]);
            mpz_pow_ui(mpq_denref(power), mpq_denref(x[i]), (unsigned long)a[i]);
            mpq_canonicalize(power);
            mpq_canonicalize(term);
            mpq_mul(term, term, power);
        }
        mpq_mul(term, term, b[y]);
        mpq_add(v, v, term);
    }
    mpq_clears(term, power, NULL);
    mpz_clear(f);
}

static mpq_t *array(size_t count)
{
    mpq_t *x = malloc(count * sizeof *x);
    assert_non_null(x);
    for (size_t i = 0; i < count; i++)
        mpq_init(x[i]);
    return x;
}

static void array_free(mpq_t *x, size_t count)
{
    for (size_t i = 0; i < count; i++)
        mpq_clear(x[i]);
    free(x);
}

/* Random coefficients on the standard simplex; every vertex replaced in
 * turn by a random point (barycentric coordinates in -2..3 / 4, summing to
 * 1); then both forms agree on the new simplex's lattice. */
static void check_replacements(size_t n, size_t k, mk_rng *rng)
{
    mk_compositions c;
    assert_int_equal(mk_compositions_make(&c, n, k, NULL), 0);
    mpq_t *root = array(c.count), *coef = array(c.count), *vertex = array(k * k), *beta = array(k),
          *x = array(k), *bary = array(k), tmp, v, w;
    size_t *order = malloc(c.count * sizeof *order), *parts = malloc(k * sizeof *parts);
    mpq_inits(tmp, v, w, NULL);
    for (size_t y = 0; y < c.count; y++) {
        mpq_set_si(root[y], (long)mk_rng_below(rng, 41) - 20, 1);
        mpq_set(coef[y], root[y]);
    }
    for (size_t i = 0; i < k; i++)
        mpq_set_ui(vertex[i * k + i], 1, 1);
    for (size_t j = 0; j < k; j++) {
        mpq_set_ui(tmp, 1, 1); /* beta_j = 1 - the others */
        for (size_t i = 0; i < k; i++) {
            if (i == j)
                continue;
            mpq_set_si(beta[i], (long)mk_rng_below(rng, 6) - 2, 4);
            mpq_canonicalize(beta[i]);
            mpq_sub(tmp, tmp, beta[i]);
        }
        mpq_set(beta[j], tmp);
        mk_bernstein_replace_vertex(coef, &c, j, beta, order, parts, tmp);
        for (size_t s = 0; s < k; s++) { /* w_j = sum_i beta_i v_i */
            mpq_set_ui(w, 0, 1);
            for (size_t i = 0; i < k; i++) {
                mpq_mul(tmp, beta[i], vertex[i * k + s]);
                mpq_add(w, w, tmp);
            }
            mpq_set(x[s], w);
        }
        for (size_t s = 0; s < k; s++)
            mpq_set(vertex[j * k + s], x[s]);
    }
    for (size_t y = 0; y < c.count; y++) {
        const size_t *a = &c.part[y * k];
        for (size_t s = 0; s < k; s++) {
            mpq_set_ui(x[s], 0, 1);
            mpq_set_ui(bary[s], (unsigned long)a[s], (unsigned long)n);
            mpq_canonicalize(bary[s]);
            for (size_t i = 0; i < k; i++) {
                mpq_set_ui(tmp, (unsigned long)a[i], (unsigned long)n);
                mpq_canonicalize(tmp);
                mpq_mul(tmp, tmp, vertex[i * k + s]);
                mpq_add(x[s], x[s], tmp);
            }
        }
        evaluate(&c, root, x, v);
        evaluate(&c, coef, bary, w);
        assert_true(mpq_equal(v, w));
    }
    array_free(root, c.count);
    array_free(coef, c.count);
    array_free(vertex, k * k);
    array_free(beta, k);
    array_free(x, k);
    array_free(bary, k);
    mpq_clears(tmp, v, w, NULL);
    free(order);
    free(parts);
    mk_compositions_free(&c);
}

static void replace_vertex(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 20261124);
    const size_t sizes[][2] = {{2, 3}, {3, 3}, {4, 3}, {5, 4}, {6, 4}};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (int trial = 0; trial < 3; trial++)
            check_replacements(sizes[z][0], sizes[z][1], &rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbering),
        cmocka_unit_test(replace_vertex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
