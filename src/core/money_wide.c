/* Amounts past int64 (see money_wide.h). */
#include "money_wide.h"

#include <string.h>

#include "mechkit/money.h"

/* Longest piece of offending text quoted in a message. */
#define QUOTE_MAX 40

int mk_u128_to_limbs(mk_u128 v, int64_t *high, int64_t *low)
{
    mk_u128 h = v / (mk_u128)MK_LIMB_BASE;
    if (h > (mk_u128)INT64_MAX)
        return MK_ERANGE;
    *high = (int64_t)h;
    *low = (int64_t)(v % (mk_u128)MK_LIMB_BASE);
    return MK_OK;
}

int mk_money_rescale_wide(mk_u128 v, int from, int to, mk_u128 *out)
{
    if (from < 0 || to < from || to > MK_SCALE_MAX)
        return MK_ERANGE;
    for (int i = from; i < to; i++)
        if (__builtin_mul_overflow(v, (mk_u128)10, &v))
            return MK_ERANGE;
    *out = v;
    return MK_OK;
}

int mk_money_parse_wide(const char *s, size_t len, int scale, mk_u128 *out, mk_ctx *ctx)
{
    int quoted = len > QUOTE_MAX ? QUOTE_MAX : (int)len;
    const char *more = len > QUOTE_MAX ? "..." : "";
    if (scale < 0 || scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_ERANGE, "scale %d is outside 0..%d", scale, MK_SCALE_MAX);
    int places = mk_decimal_places(s, len);
    if (places < 0) /* mk_money_parse says why */
        return mk_money_parse(s, len, scale, &(int64_t){0}, ctx);
    if (s[0] == '-')
        return mk_error(ctx, MK_EINPUT, "'%.*s%s' is negative", quoted, s, more);
    if (places > scale)
        return mk_error(ctx, MK_EINPUT, "'%.*s%s' has %d decimal places; the scale allows %d",
                        quoted, s, more, places, scale);
    mk_u128 v = 0;
    int rc = MK_OK;
    for (size_t i = 0; rc == MK_OK && i < len; i++)
        if (s[i] != '.' && (__builtin_mul_overflow(v, (mk_u128)10, &v) ||
                            __builtin_add_overflow(v, (mk_u128)(s[i] - '0'), &v)))
            rc = MK_ERANGE;
    if (rc == MK_OK)
        rc = mk_money_rescale_wide(v, places, scale, &v);
    if (rc != MK_OK)
        return mk_error(ctx, MK_ERANGE,
                        "'%.*s%s' is out of range at scale %d (past 2^128-1 minor units)", quoted,
                        s, more, scale);
    *out = v;
    return MK_OK;
}

char *mk_money_format_wide(mk_u128 v, int scale, char *buf)
{
    if (scale < 0 || scale > MK_SCALE_MAX) {
        memcpy(buf, "(bad scale)", sizeof "(bad scale)");
        return buf;
    }
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v != 0);
    while (n < scale + 1)
        digits[n++] = '0';
    char *p = buf;
    for (int i = n - 1; i >= 0; i--) {
        *p++ = digits[i];
        if (i == scale && scale > 0)
            *p++ = '.';
    }
    *p = '\0';
    return buf;
}
