/* Exact money: decimal parsing and formatting at a scale, overflow-checked
 * arithmetic, and largest-remainder allocation (see money.h). */
#include "mechkit/money.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__SIZEOF_INT128__)
#error "mechkit needs a compiler with unsigned __int128 (gcc or clang)"
#endif

/* __extension__ keeps -Wpedantic quiet: __int128 is a gcc/clang extension. */
__extension__ typedef unsigned __int128 u128;

/* Longest piece of offending text quoted in a message; longer text is cut
 * and marked with "...", so that a huge field cannot crowd out the rest. */
#define QUOTE_MAX 40

static const int64_t pow10_table[MK_SCALE_MAX + 1] = {
    INT64_C(1),
    INT64_C(10),
    INT64_C(100),
    INT64_C(1000),
    INT64_C(10000),
    INT64_C(100000),
    INT64_C(1000000),
    INT64_C(10000000),
    INT64_C(100000000),
    INT64_C(1000000000),
    INT64_C(10000000000),
    INT64_C(100000000000),
    INT64_C(1000000000000),
    INT64_C(10000000000000),
    INT64_C(100000000000000),
    INT64_C(1000000000000000),
    INT64_C(10000000000000000),
    INT64_C(100000000000000000),
    INT64_C(1000000000000000000),
};

int mk_pow10(int scale, int64_t *out)
{
    if (scale < 0 || scale > MK_SCALE_MAX)
        return MK_ERANGE;
    *out = pow10_table[scale];
    return MK_OK;
}

/* ---- parsing ---------------------------------------------------------- */

/* The parts of a decimal "-?[0-9]+(\.[0-9]+)?" found by scan_decimal. */
typedef struct decimal_shape {
    int negative;
    const char *digits; /* integer digits */
    size_t int_len;
    const char *frac; /* fraction digits, NULL when there is no point */
    size_t frac_len;
} decimal_shape;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t digit_run(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && is_digit(s[i]))
        i++;
    return i;
}

/* Splits s[0..len) into sign, integer digits and fraction digits. On a
 * malformed string returns -1 and sets *why to a reason for a message.
 * The grammar is deliberately narrow (no '+', exponent, spaces, ".5" or
 * "5."): amounts come from files and a lax parser would hide typos. */
static int scan_decimal(const char *s, size_t len, decimal_shape *shape, const char **why)
{
    size_t i = 0;
    if (len == 0 || s == NULL) {
        *why = "is empty";
        return -1;
    }
    shape->negative = s[0] == '-';
    i = (size_t)shape->negative;
    shape->digits = s + i;
    shape->int_len = digit_run(s + i, len - i);
    i += shape->int_len;
    shape->frac = NULL;
    shape->frac_len = 0;
    if (shape->int_len == 0) {
        *why = i < len && s[i] == '.' ? "has no digits before the decimal point"
                                      : "does not start with a digit or '-'";
        return -1;
    }
    if (i < len && s[i] == '.') {
        i++;
        shape->frac = s + i;
        shape->frac_len = digit_run(s + i, len - i);
        i += shape->frac_len;
        if (shape->frac_len == 0) {
            *why = "has no digits after the decimal point";
            return -1;
        }
    }
    if (i != len) {
        *why = "has a character that is not a digit, a leading '-' or one '.'";
        return -1;
    }
    return 0;
}

int mk_decimal_places(const char *s, size_t len)
{
    decimal_shape shape;
    const char *why;
    if (scan_decimal(s, len, &shape, &why) != 0)
        return -1;
    return shape.frac_len > (size_t)INT_MAX ? INT_MAX : (int)shape.frac_len;
}

/* Appends the digits d[0..n) to the non-positive accumulator *v. The value
 * is built negatively because |INT64_MIN| > INT64_MAX: "-9223372036854775808"
 * must parse at scale 0. Returns MK_ERANGE on overflow. */
static int accumulate_negative(int64_t *v, const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (__builtin_mul_overflow(*v, 10, v) || __builtin_sub_overflow(*v, d[i] - '0', v))
            return MK_ERANGE;
    return MK_OK;
}

int mk_money_parse(const char *s, size_t len, int scale, int64_t *out, mk_ctx *ctx)
{
    decimal_shape shape;
    const char *why;
    int quoted = len > QUOTE_MAX ? QUOTE_MAX : (int)len;
    const char *more = len > QUOTE_MAX ? "..." : "";
    if (scale < 0 || scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_ERANGE, "scale %d is outside 0..%d", scale, MK_SCALE_MAX);
    if (scan_decimal(s, len, &shape, &why) != 0)
        return mk_error(ctx, MK_EINPUT, "'%.*s%s' is not a decimal amount: it %s", quoted,
                        s != NULL ? s : "", more, why);
    if (shape.frac_len > (size_t)scale)
        return mk_error(ctx, MK_EINPUT, "'%.*s%s' has %zu decimal places; the scale allows %d",
                        quoted, s, more, shape.frac_len, scale);
    int64_t v = 0;
    int rc = accumulate_negative(&v, shape.digits, shape.int_len);
    if (rc == MK_OK && shape.frac != NULL)
        rc = accumulate_negative(&v, shape.frac, shape.frac_len);
    /* Missing places count as zeros: "12.5" at scale 2 is 1250. */
    if (rc == MK_OK && __builtin_mul_overflow(v, pow10_table[scale - (int)shape.frac_len], &v))
        rc = MK_ERANGE;
    if (rc == MK_OK && !shape.negative && __builtin_sub_overflow(0, v, &v))
        rc = MK_ERANGE;
    if (rc != MK_OK) {
        char lo[MK_MONEY_FORMAT_MAX], hi[MK_MONEY_FORMAT_MAX];
        return mk_error(ctx, MK_ERANGE, "'%.*s%s' is out of range at scale %d (%s to %s)", quoted,
                        s, more, scale, mk_money_format(INT64_MIN, scale, lo),
                        mk_money_format(INT64_MAX, scale, hi));
    }
    *out = v;
    return MK_OK;
}

/* ---- formatting ------------------------------------------------------- */

char *mk_money_format(int64_t amount, int scale, char *buf)
{
    if (scale < 0 || scale > MK_SCALE_MAX) {
        /* A caller bug; write something visible rather than a wrong number. */
        memcpy(buf, "(bad scale)", sizeof "(bad scale)");
        return buf;
    }
    /* The magnitude in uint64: 0 - (uint64_t)INT64_MIN is 2^63, no overflow. */
    uint64_t mag = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag != 0);
    /* At least one integer digit before the point: 5 at scale 2 is "0.05". */
    while (n < scale + 1)
        digits[n++] = '0';
    char *p = buf;
    if (amount < 0)
        *p++ = '-';
    for (int i = n - 1; i >= 0; i--) {
        *p++ = digits[i];
        if (i == scale && scale > 0)
            *p++ = '.';
    }
    *p = '\0';
    return buf;
}

/* ---- checked arithmetic ----------------------------------------------- */

int mk_money_rescale(int64_t amount, int from, int to, int64_t *out)
{
    int64_t factor, v;
    if (from < 0 || to > MK_SCALE_MAX || to < from || mk_pow10(to - from, &factor) != 0)
        return MK_ERANGE;
    if (__builtin_mul_overflow(amount, factor, &v))
        return MK_ERANGE;
    *out = v;
    return MK_OK;
}

int mk_checked_add(int64_t a, int64_t b, int64_t *out)
{
    int64_t v;
    if (__builtin_add_overflow(a, b, &v))
        return MK_ERANGE;
    *out = v;
    return MK_OK;
}

int mk_checked_sub(int64_t a, int64_t b, int64_t *out)
{
    int64_t v;
    if (__builtin_sub_overflow(a, b, &v))
        return MK_ERANGE;
    *out = v;
    return MK_OK;
}

int mk_checked_mul(int64_t a, int64_t b, int64_t *out)
{
    int64_t v;
    if (__builtin_mul_overflow(a, b, &v))
        return MK_ERANGE;
    *out = v;
    return MK_OK;
}

int mk_checked_size_mul(size_t a, size_t b, size_t *out)
{
    size_t v;
    if (__builtin_mul_overflow(a, b, &v))
        return MK_ERANGE;
    *out = v;
    return MK_OK;
}

/* ---- largest-remainder allocation ------------------------------------- */

/* A fractional part of a quota, remainder / W, with the index it belongs to.
 * All remainders share the denominator W, so comparing them is comparing
 * the fractions. */
typedef struct remainder {
    u128 rem;
    size_t index;
} remainder;

/* Larger remainder first; equal remainders in increasing index, which
 * makes the order total, so qsort's instability cannot change the result. */
static int remainder_cmp(const void *pa, const void *pb)
{
    const remainder *a = pa, *b = pb;
    if (a->rem != b->rem)
        return a->rem > b->rem ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Hamilton's method, also called largest remainder (Balinski and Young,
 * "Fair Representation", 2nd ed. 2001, ch. 2 and appendix A): each share
 * is the floor of its exact quota total*w[i]/W, and the units left over go
 * one each to the largest remainders. total*w[i] < 2^126 and W < n*2^63,
 * so every quantity below is exact in unsigned 128 bits for any n that
 * fits in memory. */
int mk_allocate_largest_remainder(int64_t total, const int64_t *weights, size_t n, int64_t *shares,
                                  mk_ctx *ctx)
{
    if (total < 0)
        return mk_error(ctx, MK_EINPUT, "cannot allocate a negative total %lld", (long long)total);
    u128 sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return mk_error(ctx, MK_EINPUT, "weight %zu is negative (%lld)", i + 1,
                            (long long)weights[i]);
        sum += (u128)weights[i];
    }
    if (sum == 0)
        return mk_error(ctx, MK_EINPUT, "cannot allocate over %zu weights that are all zero", n);
    /* The floors sum to at most total, so the leftover is in [0, n). */
    u128 floors = 0;
    for (size_t i = 0; i < n; i++)
        floors += (u128)total * (u128)weights[i] / sum;
    size_t leftover = (size_t)((u128)total - floors);

    remainder *order = NULL;
    size_t bytes;
    if (leftover > 0) {
        if (mk_checked_size_mul(n, sizeof *order, &bytes) != 0 || (order = malloc(bytes)) == NULL)
            return mk_error(ctx, MK_ENOMEM, "no memory to allocate over %zu weights", n);
    }
    for (size_t i = 0; i < n; i++) {
        u128 quota = (u128)total * (u128)weights[i];
        shares[i] = (int64_t)(quota / sum);
        if (order != NULL) {
            order[i].rem = quota % sum;
            order[i].index = i;
        }
    }
    if (order != NULL) {
        qsort(order, n, sizeof *order, remainder_cmp);
        for (size_t k = 0; k < leftover; k++)
            shares[order[k].index]++;
        free(order);
    }
    return MK_OK;
}
