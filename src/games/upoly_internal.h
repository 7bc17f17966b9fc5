/*
 * Univariate polynomials with exact rational coefficients (GMP), and what
 * the Kantian solver needs of them: evaluation, derivative, Euclidean
 * division and gcd, Sturm sequences, and the isolation of the real roots
 * of a polynomial in an open interval by exact bisection.
 *
 * Reference for the root isolation: Sturm's theorem (e.g. Basu, Pollack
 * and Roy, "Algorithms in Real Algebraic Geometry", 2006, theorem 2.50):
 * for a square-free p and a < b, neither a root, the number of distinct
 * real roots of p in (a, b) is V(a) - V(b), V(x) the number of sign
 * changes in the Sturm sequence p, p', -rem(p, p'), ... evaluated at x.
 */
#ifndef MECHKIT_UPOLY_INTERNAL_H
#define MECHKIT_UPOLY_INTERNAL_H

#include <gmp.h>
#include <stddef.h>

#include "mechkit/error.h"

/* c[0] + c[1] x + ... + c[deg] x^deg; deg = -1 for the zero polynomial.
 * c[deg] != 0 otherwise. cap coefficients are allocated (and initialised). */
typedef struct mk_upoly {
    long deg;
    size_t cap;
    mpq_t *c;
} mk_upoly;

#define MK_UPOLY_INIT                                                                              \
    {                                                                                              \
        -1, 0, NULL                                                                                \
    }

/* Makes room for degree deg (coefficients above the current degree are 0). */
int mk_upoly_reserve(mk_upoly *p, long deg, mk_ctx *ctx);
void mk_upoly_clear(mk_upoly *p);

/* Drops zero leading coefficients. */
void mk_upoly_trim(mk_upoly *p);

int mk_upoly_set(mk_upoly *dst, const mk_upoly *src, mk_ctx *ctx);

/* dst += v * x^k. */
int mk_upoly_add_term(mk_upoly *dst, const mpq_t v, long k, mk_ctx *ctx);

/* dst = a * b (dst distinct from a and b). */
int mk_upoly_mul(mk_upoly *dst, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx);

/* dst = p' (dst distinct from p). */
int mk_upoly_derivative(mk_upoly *dst, const mk_upoly *p, mk_ctx *ctx);

/* out = p(x), Horner. */
void mk_upoly_eval(mpq_t out, const mk_upoly *p, const mpq_t x);

/* -1, 0 or 1: the sign of p(x). */
int mk_upoly_sign_at(const mk_upoly *p, const mpq_t x);

/* a = q * b + r with deg r < deg b; b != 0; q, r distinct from a, b. */
int mk_upoly_divrem(mk_upoly *q, mk_upoly *r, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx);

/* g = the monic gcd of a and b (0 when both are 0). */
int mk_upoly_gcd(mk_upoly *g, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx);

/* The square-free part p / gcd(p, p'), made monic; p != 0. */
int mk_upoly_squarefree(mk_upoly *dst, const mk_upoly *p, mk_ctx *ctx);

/* An isolating interval: exactly one root of a square-free p lies in the
 * open interval (lo, hi), neither end a root; or an exact rational root
 * lo == hi (exact != 0). */
typedef struct mk_root {
    int exact;
    mpq_t lo, hi;
} mk_root;

/* The distinct real roots of p (not 0) in the open interval (a, b), a < b,
 * in increasing order: *roots is a new array of *count entries, each
 * either exact (a rational root) or isolated in a rational interval whose
 * ends are not roots. Rational roots are recognised exactly: an isolated
 * root is refined until its interval is shorter than 1/L^2 (L the leading
 * coefficient of the primitive integer multiple of p's square-free part),
 * where at most one fraction with denominator <= L fits, and the simplest
 * fraction in it is tested; a rational root of a primitive integer
 * polynomial has a denominator dividing L (the rational root theorem).
 * basis receives the square-free polynomial (p's square-free part with
 * the rational roots found divided out) of which each inexact root is a
 * simple root, to refine it with mk_root_bisect. Free with mk_roots_free. */
int mk_upoly_real_roots(const mk_upoly *p, const mpq_t a, const mpq_t b, mk_root **roots,
                        size_t *count, mk_upoly *basis, mk_ctx *ctx);
void mk_roots_free(mk_root *roots, size_t count);

/* Halves the isolating interval of a non-exact root r of the square-free
 * sqf (sign change kept); makes r exact when the midpoint is the root. */
void mk_root_bisect(mk_root *r, const mk_upoly *sqf);

/* out = prod over the roots rho of b (with multiplicity) of (y - u(rho)),
 * a polynomial in y of degree deg b: the characteristic polynomial of
 * multiplication by u in Q[x]/(b), computed exactly (upoly_charpoly.c).
 * b is not constant. Two roots of b where u takes the same value give the
 * same root of out, and distinct values distinct roots. */
int mk_upoly_value_polynomial(mk_upoly *out, const mk_upoly *u, const mk_upoly *b, mk_ctx *ctx);

#endif
