/*
 * Polynomials of degree n on a simplex of R^k in Bernstein form, exactly
 * (GMP), and their subdivision: what the superrational search over the
 * simplex of mixed strategies (superrational_simplex.c) is built on.
 *
 * A simplex has vertices v_0, ..., v_{k-1}; a point is sum_i l_i v_i with
 * barycentric coordinates l_i >= 0 summing to 1. A polynomial of degree n
 * is sum_a b_a B_a(l) over the compositions a of n into k parts, with the
 * Bernstein polynomials B_a(l) = n! / (a_0! ... a_{k-1}!) l^a, which are >= 0
 * and sum to 1 on the simplex. Hence min_a b_a <= f <= max_a b_a there (the
 * range-enclosure property), b_{n e_i} = f(v_i) exactly, and f < max_a b_a
 * in the relative interior of a face unless every coefficient of that face
 * (a_s = 0 off the face) equals it. Farouki, "The Bernstein polynomial
 * basis: a centennial retrospective", CAGD 29 (2012), sections 4 and 6.
 */
#ifndef MECHKIT_BERNSTEIN_SIMPLEX_INTERNAL_H
#define MECHKIT_BERNSTEIN_SIMPLEX_INTERNAL_H

#include <gmp.h>
#include <stddef.h>

#include "mechkit/error.h"

/* The compositions of degree n into k parts, numbered in lexicographic
 * order of (a_0, ..., a_{k-2}) (memory O(count k), whatever n and k). */
typedef struct mk_compositions {
    size_t n, k, count;
    size_t *part;  /* count * k: composition c is part[c * k .. c * k + k) */
    size_t *binom; /* (n + k + 1) * k binomial coefficients C(m, q), q < k, numbering them */
} mk_compositions;

/* Lists them; MK_ENOMEM. Free with mk_compositions_free. */
int mk_compositions_make(mk_compositions *c, size_t n, size_t k, mk_ctx *ctx);
void mk_compositions_free(mk_compositions *c);

/* The number of composition a (k parts summing to n): its rank in
 * lexicographic order of (a_0, ..., a_{k-2}), O(k). */
size_t mk_compositions_find(const mk_compositions *c, const size_t *a);

/* A simplex with its vertices' coordinates and the Bernstein coefficients
 * of the polynomial on it; top = the largest coefficient. */
typedef struct mk_bsimplex {
    mpq_t *vertex; /* k * k: vertex i is vertex[i * k .. i * k + k) */
    mpq_t *coef;   /* count, in the numbering of mk_compositions */
    mpq_t top;
    double size; /* the squared length of its longest edge, for ordering only */
} mk_bsimplex;

/* A new simplex for c (all zeros); NULL when out of memory. */
mk_bsimplex *mk_bsimplex_new(const mk_compositions *c);
void mk_bsimplex_free(mk_bsimplex *s, const mk_compositions *c);

/* Sets s->top. */
void mk_bsimplex_update_top(mk_bsimplex *s, const mk_compositions *c);

/* Splits s across its edge (i, j) at p = (1 - t) v_i + t v_j, 0 < t < 1:
 * left has v_j replaced by p, right has v_i replaced by p (both new, tops
 * set), coefficients by de Casteljau's algorithm on each group of
 * coefficients with a_s fixed off {i, j} (a univariate Bernstein
 * polynomial of degree a_i + a_j in l_j / (l_i + l_j)). work holds n + 1
 * initialised mpq_t, parts room for k sizes. */
void mk_bsimplex_split(const mk_bsimplex *s, const mk_compositions *c, size_t i, size_t j,
                       const mpq_t t, mk_bsimplex *left, mk_bsimplex *right, mpq_t *work,
                       size_t *parts);

/* Replaces vertex j of the simplex on which coef (numbered by c) are the
 * Bernstein coefficients of a polynomial by the point whose barycentric
 * coordinates there are beta (k numbers summing to 1, any signs: the point
 * may lie outside), in place: coef become the coefficients on the new
 * simplex. By blossoming (de Casteljau's algorithm with the new point; Farouki
 * 2012, section 6): the new b_a is level a_j of the algorithm at a - a_j e_j.
 * With the point p itself, b_{n e_j} becomes f(p) and b_{(n-1) e_j + e_i}
 * = f(p) + grad f(p) . (v_i - p) / n. order holds count sizes, parts k.
 * Cost O(n k count) rational operations. */
void mk_bernstein_replace_vertex(mpq_t *coef, const mk_compositions *c, size_t j, mpq_t *const beta,
                                 size_t *order, size_t *parts, mpq_t tmp);

#endif
