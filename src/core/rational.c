/* Exact rationals with int64 parts (see rational.h). Every operation is
 * computed exactly in 128 bits, reduced, and only then checked to fit, so
 * a result is rejected only when its lowest-terms form does not fit int64.
 * Arithmetic follows Knuth, TAOCP vol. 2, 3rd ed., section 4.5.1. */
#include "mechkit/rational.h"

#include <string.h>

#include "core/money_wide.h"

#if !defined(__SIZEOF_INT128__)
#error "mechkit needs a compiler with __int128 (gcc or clang)"
#endif

/* __extension__ keeps -Wpedantic quiet: __int128 is a gcc/clang extension. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* Most decimal places mk_rational_format writes: 10^18 is the largest power
 * of ten in int64 (MK_SCALE_MAX in money.h), and it keeps the longest
 * decimal (sign, 19 integer digits, point, 18 places) within the buffer. */
#define FORMAT_PLACES_MAX 18

/* Euclid's algorithm (Knuth 4.5.2, algorithm A); gcd(0, b) = b. */
static u128 gcd_u128(u128 a, u128 b)
{
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u128 magnitude(i128 v)
{
    /* Callers pass |v| < 2^127, so the negation cannot overflow. */
    return v < 0 ? (u128)(-v) : (u128)v;
}

/* num/den in lowest terms with den > 0 into *out, or MK_ERANGE when den is
 * 0 or the reduced parts do not fit int64. |num|, |den| < 2^127. */
static int normalise(i128 num, i128 den, mk_rational *out)
{
    if (den == 0)
        return MK_ERANGE;
    int negative = (num < 0) != (den < 0);
    u128 n = magnitude(num), d = magnitude(den);
    u128 g = gcd_u128(n, d); /* >= 1 since d != 0 */
    n /= g;
    d /= g;
    if (d > (u128)INT64_MAX)
        return MK_ERANGE;
    /* A negative numerator may reach 2^63 (INT64_MIN); a positive one not. */
    if (n > (u128)INT64_MAX + (negative ? 1u : 0u))
        return MK_ERANGE;
    out->num = negative ? (int64_t)(-(i128)n) : (int64_t)n;
    out->den = (int64_t)d;
    return MK_OK;
}

int mk_rational_make(int64_t num, int64_t den, mk_rational *out)
{
    return normalise(num, den, out);
}

int mk_rational_from_money(int64_t amount, int scale, mk_rational *out)
{
    if (scale < 0 || scale > FORMAT_PLACES_MAX)
        return MK_ERANGE;
    int64_t den = 1;
    for (int i = 0; i < scale; i++)
        den *= 10;
    return normalise(amount, den, out);
}

/* a.num*b.den and b.num*a.den are each at most 2^63 * 2^63 = 2^126 in
 * magnitude, so their sum or difference is below 2^127; a.den*b.den too. */
int mk_rational_add(mk_rational a, mk_rational b, mk_rational *out)
{
    return normalise((i128)a.num * b.den + (i128)b.num * a.den, (i128)a.den * b.den, out);
}

int mk_rational_sub(mk_rational a, mk_rational b, mk_rational *out)
{
    return normalise((i128)a.num * b.den - (i128)b.num * a.den, (i128)a.den * b.den, out);
}

int mk_rational_mul(mk_rational a, mk_rational b, mk_rational *out)
{
    return normalise((i128)a.num * b.num, (i128)a.den * b.den, out);
}

int mk_rational_cmp(mk_rational a, mk_rational b)
{
    /* a/b < c/d iff a*d < c*b for positive denominators. A denominator that
     * is not positive (a value built by hand) is made so first, in 128 bits
     * where negating INT64_MIN is exact. */
    i128 an = a.num, ad = a.den, bn = b.num, bd = b.den;
    if (ad < 0) {
        an = -an;
        ad = -ad;
    }
    if (bd < 0) {
        bn = -bn;
        bd = -bd;
    }
    i128 left = an * bd, right = bn * ad;
    return (left > right) - (left < right);
}

/* The number of decimal places of 1/den when den = 2^a * 5^b, i.e. the
 * least k with den | 10^k, which is max(a, b); -1 when den has another
 * prime factor or k exceeds FORMAT_PLACES_MAX. */
static int terminating_places(uint64_t den)
{
    int twos = 0, fives = 0;
    if (den == 0)
        return -1; /* cannot happen after normalise; guards the loops */
    while (den % 2 == 0) {
        den /= 2;
        twos++;
    }
    while (den % 5 == 0) {
        den /= 5;
        fives++;
    }
    int k = twos > fives ? twos : fives;
    return den == 1 && k <= FORMAT_PLACES_MAX ? k : -1;
}

/* "num/den" into p, NUL-terminated. */
static void put_fraction(char *p, int64_t num, int64_t den)
{
    if (num < 0)
        *p++ = '-';
    p += strlen(mk_money_format_wide(magnitude(num), 0, p));
    *p++ = '/';
    if (den < 0)
        *p++ = '-';
    mk_money_format_wide(magnitude(den), 0, p);
}

char *mk_rational_format(mk_rational r, int min_places, char *buf)
{
    mk_rational n;
    char *p = buf;
    int k = -1;
    /* A value that cannot be normalised (den 0, or not representable in
     * lowest terms) is shown as its raw parts rather than hidden. */
    if (normalise(r.num, r.den, &n) != 0)
        n = r;
    else
        k = terminating_places((uint64_t)n.den);
    if (k < 0) {
        put_fraction(p, n.num, n.den);
        return buf;
    }
    if (min_places > k)
        k = min_places > FORMAT_PLACES_MAX ? FORMAT_PLACES_MAX : min_places;
    /* den divides 10^k, so the digits of the decimal are |num| * (10^k / den),
     * below 2^63 * 10^18 < 2^127. */
    u128 pow = 1;
    for (int i = 0; i < k; i++)
        pow *= 10;
    if (n.num < 0)
        *p++ = '-';
    mk_money_format_wide(magnitude(n.num) * (pow / (u128)n.den), k, p); /* k <= 18 */
    return buf;
}

int64_t mk_gcd(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}
