/*
 * mechkit/rational.h - small exact rationals with int64 parts.
 *
 * Utilities and gains that the auditor compares are exact: a utility in an
 * auction is value minus payment in minor units (den = 10^scale); in other
 * mechanisms it may be any fraction. Every operation is overflow-checked
 * (128-bit intermediates) and keeps the value normalised: den > 0 and
 * gcd(|num|, den) = 1.
 */
#ifndef MECHKIT_RATIONAL_H
#define MECHKIT_RATIONAL_H

#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_rational {
    int64_t num;
    int64_t den; /**< > 0 */
} mk_rational;

/** Longest formatted rational: two int64s, '/' or '.', sign, NUL. */
#define MK_RATIONAL_FORMAT_MAX 48

/** num/den normalised into *out (6/-4 gives -3/2). MK_ERANGE when den == 0
 *  or the lowest-terms value does not fit: INT64_MIN/-1 is 2^63 and
 *  1/INT64_MIN needs den 2^63, while INT64_MIN/1 and 2/INT64_MIN (-1/2^62)
 *  are fine. *out is written only on success. */
int mk_rational_make(int64_t num, int64_t den, mk_rational *out);

/** The amount at scale as a rational (amount / 10^scale, reduced: 1250 at
 *  scale 2 is 25/2). MK_ERANGE when scale is outside 0..18. */
int mk_rational_from_money(int64_t amount, int scale, mk_rational *out);

/** *out = a + b, a - b, a * b, normalised; MK_ERANGE (out untouched) when
 *  the lowest-terms result does not fit int64. The exact result is formed
 *  in 128 bits and reduced before that check, so an intermediate that
 *  overflows int64 is no error (1/2^62 + 1/2^62 = 1/2^61). Operands need
 *  den != 0 but need not be normalised. */
int mk_rational_add(mk_rational a, mk_rational b, mk_rational *out);
int mk_rational_sub(mk_rational a, mk_rational b, mk_rational *out);
int mk_rational_mul(mk_rational a, mk_rational b, mk_rational *out);

/** The greatest common divisor of a > 0 and b > 0 (Euclid), e.g. to
 *  build the least common multiple of denominators without overflow:
 *  l / mk_gcd(l, d) * d. */
int64_t mk_gcd(int64_t a, int64_t b);

/** -1, 0 or 1 as a < b, a == b, a > b. Exact (128-bit cross products, so
 *  values closer than any double can tell apart compare correctly); never
 *  overflows. Operands need den != 0 but need not be normalised. */
int mk_rational_cmp(mk_rational a, mk_rational b);

/**
 * Writes r into buf (at least MK_RATIONAL_FORMAT_MAX bytes): as an exact
 * decimal when the reduced den divides 10^18, i.e. is 2^a * 5^b with
 * a, b <= 18 ("0.125", "-0.05", "7"), as "num/den" otherwise ("1/3",
 * "-7/3", "1/4611686018427387904"). min_places pads a decimal with zeros
 * so that money keeps its scale ("2.50", "7.00" with min_places = 2); it
 * is capped at 18 and never applies to a fraction. A value that cannot be
 * normalised (den 0) is written raw ("1/0"). Returns buf.
 */
char *mk_rational_format(mk_rational r, int min_places, char *buf);

#ifdef __cplusplus
}
#endif
#endif
