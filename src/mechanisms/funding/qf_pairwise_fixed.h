/*
 * qf_pairwise_fixed.h - the exact fixed-point arithmetic of
 * funding.qf_pairwise (arithmetic=exact) in machine integers, for
 * amounts below 2^64: the same integers as the GMP definition
 *     r    = floor(sqrt(c_i c_j 2^128))
 *     term = floor(M' W r / (M' + W R))
 * (W = w_i w_j, R = the pair's sum of r, M' = M 10^12 2^64), computed
 * with 128- and 256-bit integers (core/wide_int.h). Floating point only
 * estimates; every result is checked or corrected exactly. Where a value
 * does not fit, the functions say so and the caller uses GMP.
 */
#ifndef MECHKIT_QF_PAIRWISE_FIXED_H
#define MECHKIT_QF_PAIRWISE_FIXED_H

#include <math.h>
#include <stdint.h>

#include "core/wide_int.h"

/* A contribution's root normalised to 128 bits of precision:
 * rho = floor(sqrt(c) 2^shift) in [2^127, 2^128), for 0 < c < 2^64. */
typedef struct pw_root {
    mk_u128 rho;
    int shift;
} pw_root;

/* floor(sqrt(x)) for x in [2^126, 2^128): a double estimate, one Newton
 * step, then an exact correction by squares (the root is below 2^64). */
static inline uint64_t pw_isqrt128(mk_u128 x)
{
    double e = sqrt((double)x);
    uint64_t a = e >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)e;
    mk_u128 next = ((mk_u128)a + x / a) / 2; /* a >= 2^62: the quotient is below 2^66 */
    a = next > UINT64_MAX ? UINT64_MAX : (uint64_t)next;
    while ((mk_u128)a * a > x)
        a--;
    while (a != UINT64_MAX && (mk_u128)(a + 1) * (a + 1) <= x)
        a++;
    return a;
}

/* floor(sqrt(x 2^128)) for x in [2^126, 2^128): with a = floor(sqrt(x))
 * and x = a^2 + rem, the tangent a 2^64 + rem 2^64 / (2a) is above the
 * root by at most 2^63 / a <= 1 (Zimmermann, "Karatsuba square root",
 * INRIA RR-3805, 1999), so one exact check by squares settles it. */
static inline mk_u128 pw_isqrt_shifted(mk_u128 x)
{
    uint64_t a = pw_isqrt128(x);
    mk_u128 rem = x - (mk_u128)a * a; /* <= 2a < 2^65 */
    mk_u128 q = (rem << 63) / a;
    mk_u128 s = ((mk_u128)a << 64) + (q > UINT64_MAX ? UINT64_MAX : q);
    mk_w256 square = {x, 0};
    while (mk_w256_ucmp(mk_w256_umul(s, s), square) > 0)
        s--;
    return s;
}

/* The normalised root of 0 < c < 2^64: c 2^(2 shift) = x 2^128 with x in
 * [2^126, 2^128), so rho = floor(sqrt(x 2^128)). */
static inline pw_root pw_root_of(uint64_t c)
{
    int bits = 64 - __builtin_clzll(c);
    int twice = (bits % 2 == 0 ? 256 : 255) - bits; /* 2 shift, even */
    pw_root r;
    r.shift = twice / 2;
    r.rho = pw_isqrt_shifted((mk_u128)c << (twice - 128));
    return r;
}

/* A counted contribution c < 2^64 with its normalised root. */
typedef struct pw_entry {
    pw_root root;
    uint64_t c;
} pw_entry;

/* floor(sqrt(c1 c2 2^128)) for 0 < c1, c2 < 2^64 from their normalised
 * roots. rho1 rho2 is below sqrt(c1 c2) 2^(shift1 + shift2) by less than
 * rho1 + rho2 + 1 < 2^129, and the product without its low limbs' term
 * (three multiplications of four) is below rho1 rho2 by less than 2^128;
 * the result is that product shifted right by sh = shift1 + shift2 - 64
 * >= 128 bits. It is the truncated product unless the dropped bits are
 * within 3 2^128 of a carry, and then exact squares decide. */
static inline mk_u128 pw_pair_root(uint64_t c1, pw_root a, uint64_t c2, pw_root b)
{
    uint64_t a1 = (uint64_t)(a.rho >> 64), a0 = (uint64_t)a.rho;
    uint64_t b1 = (uint64_t)(b.rho >> 64), b0 = (uint64_t)b.rho;
    mk_u128 cross1 = (mk_u128)a1 * b0, cross2 = (mk_u128)a0 * b1;
    mk_u128 carry = ((mk_u128)(uint64_t)cross1 + (uint64_t)cross2) >> 64;
    mk_u128 hi = (mk_u128)a1 * b1 + (cross1 >> 64) + (cross2 >> 64) + carry;
    int over = a.shift + b.shift - 64 - 128; /* 0 .. 62 */
    mk_u128 r = hi >> over;
    uint64_t dropped = (uint64_t)hi & ((UINT64_C(1) << over) - 1);
    if (over >= 3 && dropped < (UINT64_C(1) << over) - 3)
        return r;
    mk_w256 x = {(mk_u128)c1 * c2, 0};
    while (r != ~(mk_u128)0 && mk_w256_ucmp(mk_w256_umul(r + 1, r + 1), x) <= 0)
        r++;
    return r;
}

/* floor((hi 2^64 + lo) / d) for hi < d (the quotient fits 64 bits), the
 * remainder in *rem: one divq on x86-64 (the compiler's 128-bit division
 * is a general library call). */
static inline uint64_t pw_div_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__)
    uint64_t q, r;
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
    *rem = r;
    return q;
#else
    mk_u128 n = ((mk_u128)hi << 64) | lo;
    *rem = (uint64_t)(n % d);
    return (uint64_t)(n / d);
#endif
}

/* One 3-by-2 step of schoolbook division (Knuth, TAOCP vol. 2, 4.3.1,
 * algorithm D) by the normalised d = d1 2^64 + d0 (top bit set):
 * floor((u2 2^128 + u) / d) for u2 2^64 + (u >> 64) < d, with the
 * remainder in *rem. qhat = floor((u2 2^64 + u1) / d1) is at most two
 * above the quotient; with a two-limb divisor the remainder
 * rhat 2^64 + u0 - qhat d0 decides both corrections exactly, and they are
 * taken without branches (each is a coin toss a branch would mispredict). */
static inline uint64_t pw_div_3by2(uint64_t u2, mk_u128 u, mk_u128 d, mk_u128 *rem)
{
    uint64_t d1 = (uint64_t)(d >> 64), d0 = (uint64_t)d, u1 = (uint64_t)(u >> 64), r64;
    if (u2 >= d1) { /* u2 = d1 (rare): qhat = 2^64 - 1 and rhat may pass 64 bits */
        mk_u128 qhat = UINT64_MAX, rhat = (((mk_u128)u2 << 64) | u1) - qhat * d1;
        while (rhat <= UINT64_MAX && qhat * d0 > ((rhat << 64) | (uint64_t)u))
            qhat--, rhat += d1;
        *rem = ((rhat << 64) | (uint64_t)u) - qhat * d0; /* below d: exact modulo 2^128 */
        return (uint64_t)qhat;
    }
    uint64_t qhat = pw_div_2by1(u2, u1, d1, &r64);
    mk_u128 x = ((mk_u128)r64 << 64) | (uint64_t)u, y = (mk_u128)qhat * d0;
    uint64_t once = y > x; /* the remainder x - y is negative: one down */
    mk_u128 t = x + (d & -(mk_u128)once);
    uint64_t twice = (t >= x) & (t < y); /* x + d (no carry) still below y */
    t += d & -(mk_u128)twice;
    *rem = t - y; /* below d: exact modulo 2^128 */
    return qhat - once - twice;
}

/* floor(n / d) for 0 < d < 2^128 and n.hi < d (the quotient is below
 * 2^128). */
static inline mk_u128 pw_div_256by128(mk_w256 n, mk_u128 d)
{
    if (d >> 64 == 0) { /* one limb: two hardware-width divisions */
        uint64_t d64 = (uint64_t)d, r;
        uint64_t q1 = pw_div_2by1((uint64_t)n.hi, (uint64_t)(n.lo >> 64), d64, &r);
        return ((mk_u128)q1 << 64) | pw_div_2by1(r, (uint64_t)n.lo, d64, &r);
    }
    int s = __builtin_clzll((uint64_t)(d >> 64));
    if (s != 0) {
        d <<= s;
        n.hi = (n.hi << s) | (n.lo >> (128 - s));
        n.lo <<= s;
    }
    mk_u128 rem;
    uint64_t q1 = pw_div_3by2((uint64_t)(n.hi >> 64), (n.hi << 64) | (n.lo >> 64), d, &rem);
    uint64_t q0 = pw_div_3by2((uint64_t)(rem >> 64), (rem << 64) | (uint64_t)n.lo, d, &rem);
    return ((mk_u128)q1 << 64) | q0;
}

/* A pair's sum R of roots: hi 2^128 + lo (at most 2^64 roots below
 * 2^128 each). */
typedef struct pw_sum {
    mk_u128 lo;
    uint64_t hi;
} pw_sum;

static inline void pw_sum_add(pw_sum *s, mk_u128 r)
{
    s->lo += r;
    s->hi += s->lo < r;
}

/* The constants of a round's terms: M' and W share the factor g (the
 * gcd of M 10^12 and the common W when every weight is the same, else
 * 1), so term = floor(a 2^64 W r / (a 2^64 + b R)) with a = M 10^12 / g
 * and b = W / g, the same rational as M' W r / (M' + W R). */
typedef struct pw_terms {
    int fits;    /* a < 2^64: else every term takes GMP */
    int uniform; /* every weight is the same: b and aw below hold */
    mk_u128 a, b, aw;
    /* uniform with aw < 2^64 (the common case): d = a 2^64 + b R fits
     * 128 bits for R <= r_max */
    int quick;
    mk_u128 r_max;
} pw_terms;

/* The uniform common case of pw_term: aw r < 2^192 as aw < 2^64. */
static inline int pw_term_quick(const pw_terms *k, mk_u128 r, pw_sum sum, mk_u128 *term)
{
    if (sum.hi != 0 || sum.lo > k->r_max)
        return 0;
    mk_u128 d = (k->b == 1 ? sum.lo : k->b * sum.lo) + (k->a << 64);
    uint64_t aw = (uint64_t)k->aw;
    mk_u128 low = (mk_u128)aw * (uint64_t)r;
    mk_w256 n; /* aw r 2^64 */
    n.hi = (mk_u128)aw * (uint64_t)(r >> 64) + (low >> 64);
    n.lo = low << 64;
    if (n.hi >= d)
        return 0;
    *term = pw_div_256by128(n, d);
    return 1;
}

/* term = floor(a 2^64 W r / (a 2^64 + b R)) (b = W unless uniform; the
 * general case of pw_term_quick) into
 * *term; 0 when some value does not fit (the caller computes the term
 * with GMP). */
static inline int pw_term(const pw_terms *k, mk_u128 w, mk_u128 r, pw_sum sum, mk_u128 *term)
{
    mk_u128 aw = k->aw, b = k->uniform ? k->b : w, br, d;
    if (!k->fits || sum.hi != 0)
        return 0;
    if (!k->uniform && __builtin_mul_overflow(k->a, w, &aw))
        return 0;
    if (__builtin_mul_overflow(b, sum.lo, &br) || __builtin_add_overflow(br, k->a << 64, &d))
        return 0;
    mk_w256 n = mk_w256_umul(aw, r); /* times 2^64 below */
    if (n.hi >> 64 != 0)
        return 0;
    n.hi = (n.hi << 64) | (n.lo >> 64);
    n.lo <<= 64;
    if (n.hi >= d)
        return 0;
    *term = pw_div_256by128(n, d);
    return 1;
}

#endif
