/*
 * wide_int.h - 256-bit two's complement integers built from 128-bit
 * halves, shared by the exact fast paths that outgrow 128 bits: the rare
 * products of fraction-free pivoting (games/vertex_search.c) and the
 * fixed-point pair terms of funding.qf_pairwise. Also exact division by
 * an odd-times-power-of-two divisor through its inverse modulo 2^128
 * (Granlund and Montgomery, "Division by invariant integers using
 * multiplication", PLDI 1994, section 9: exact division).
 */
#ifndef MECHKIT_CORE_WIDE_INT_H
#define MECHKIT_CORE_WIDE_INT_H

#include <stdint.h>

__extension__ typedef __int128 mk_i128;
__extension__ typedef unsigned __int128 mk_u128;

/* hi * 2^128 + lo, two's complement over 256 bits. */
typedef struct mk_w256 {
    mk_u128 hi, lo;
} mk_w256;

/* a * b for unsigned a, b: the full 256-bit product. */
static inline mk_w256 mk_w256_umul(mk_u128 a, mk_u128 b)
{
    mk_u128 a0 = (uint64_t)a, a1 = a >> 64, b0 = (uint64_t)b, b1 = b >> 64;
    mk_u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    mk_u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    mk_w256 r;
    r.lo = (mid << 64) | (uint64_t)p00;
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

static inline mk_w256 mk_w256_neg(mk_w256 x)
{
    mk_w256 r;
    r.lo = ~x.lo + 1;
    r.hi = ~x.hi + (r.lo == 0);
    return r;
}

/* a * b for signed a, b. */
static inline mk_w256 mk_w256_mul(mk_i128 a, mk_i128 b)
{
    mk_u128 ua = a < 0 ? -(mk_u128)a : (mk_u128)a, ub = b < 0 ? -(mk_u128)b : (mk_u128)b;
    mk_w256 r = mk_w256_umul(ua, ub);
    return (a < 0) != (b < 0) ? mk_w256_neg(r) : r;
}

static inline mk_w256 mk_w256_sub(mk_w256 a, mk_w256 b)
{
    mk_w256 r;
    r.lo = a.lo - b.lo;
    r.hi = a.hi - b.hi - (a.lo < b.lo);
    return r;
}

static inline int mk_w256_equal(mk_w256 a, mk_w256 b)
{
    return a.hi == b.hi && a.lo == b.lo;
}

/* -1, 0 or 1 as a < b, a == b, a > b, for unsigned a, b. */
static inline int mk_w256_ucmp(mk_w256 a, mk_w256 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    return a.lo < b.lo ? -1 : a.lo > b.lo;
}

/* The inverse of odd q modulo 2^128, by Newton's iteration x <- x(2 - qx),
 * which doubles the correct low bits from 3 (q * q = 1 mod 8). */
static inline mk_u128 mk_u128_inverse(mk_u128 q)
{
    mk_u128 x = q;
    for (int i = 0; i < 6; i++)
        x *= 2 - q * x;
    return x;
}

/* An exact divisor d != 0 prepared for division: d = odd * 2^shift. */
typedef struct mk_divisor {
    mk_i128 d;
    int shift;
    mk_u128 inverse; /* of odd, modulo 2^128 */
} mk_divisor;

static inline mk_divisor mk_divisor_make(mk_i128 d)
{
    mk_divisor r;
    uint64_t low = (uint64_t)d;
    r.d = d;
    r.shift = low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll((uint64_t)((mk_u128)d >> 64));
    r.inverse = mk_u128_inverse((mk_u128)(d >> r.shift)); /* of the odd part, sign kept */
    return r;
}

/* x / d for x a multiple of d with |x / d| < 2^127 (the caller knows it
 * fits). */
static inline mk_i128 mk_divexact(mk_i128 x, const mk_divisor *d)
{
    return (mk_i128)((mk_u128)(d->shift == 0 ? x : x >> d->shift) * d->inverse);
}

/* x / d into *q for x a multiple of d; 0 when the quotient does not fit
 * in 128 bits (checked by multiplying back). */
static inline int mk_w256_divexact(mk_w256 x, const mk_divisor *d, mk_i128 *q)
{
    mk_u128 low = d->shift == 0 ? x.lo : (x.lo >> d->shift) | (x.hi << (128 - d->shift));
    mk_i128 r = (mk_i128)(low * d->inverse);
    if (!mk_w256_equal(mk_w256_mul(r, d->d), x))
        return 0;
    *q = r;
    return 1;
}

#endif
