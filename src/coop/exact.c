/* Exact numbers in text (mk_exact_parse, mechkit/tu_game.h): integers,
 * decimals and fractions, read without floating point. */
#include <string.h>

#include "mechkit/money.h"
#include "mechkit/tu_game.h"

#define QUOTE_MAX 40

/* A denominator: digits only, no sign. */
static int parse_denominator(const char *s, size_t len, int64_t *out, mk_ctx *ctx)
{
    if (len == 0 || s[0] < '0' || s[0] > '9')
        return mk_error(ctx, MK_EINPUT, "'%.*s': the denominator must be a positive integer",
                        (int)(len < QUOTE_MAX ? len : QUOTE_MAX), s);
    return mk_money_parse(s, len, 0, out, ctx);
}

int mk_exact_parse(const char *s, size_t len, mk_rational *out, mk_ctx *ctx)
{
    int shown = (int)(len < QUOTE_MAX ? len : QUOTE_MAX);
    const char *slash = len > 0 ? memchr(s, '/', len) : NULL;
    if (slash == NULL) {
        int places = mk_decimal_places(s, len);
        if (places < 0)
            return mk_error(ctx, MK_EINPUT,
                            "'%.*s' is not an exact number (an integer, a decimal such as "
                            "\"2.5\" or a fraction such as \"7/3\")",
                            shown, s);
        if (places > 18)
            return mk_error(ctx, MK_ERANGE, "'%.*s': at most 18 decimal places", shown, s);
        int64_t amount;
        int rc = mk_money_parse(s, len, places, &amount, ctx);
        if (rc == 0 && mk_rational_from_money(amount, places, out) != 0)
            rc = mk_error(ctx, MK_ERANGE, "'%.*s' does not fit", shown, s);
        return rc;
    }
    size_t head = (size_t)(slash - s);
    if (mk_decimal_places(s, head) != 0)
        return mk_error(ctx, MK_EINPUT,
                        "'%.*s': a fraction is an integer over a positive integer (\"7/3\")", shown,
                        s);
    int64_t num, den;
    int rc = mk_money_parse(s, head, 0, &num, ctx);
    if (rc == 0)
        rc = parse_denominator(slash + 1, len - head - 1, &den, ctx);
    if (rc != 0)
        return rc;
    if (den == 0)
        return mk_error(ctx, MK_EINPUT, "'%.*s': the denominator is 0", shown, s);
    if (mk_rational_make(num, den, out) != 0)
        return mk_error(ctx, MK_ERANGE, "'%.*s' does not fit", shown, s);
    return MK_OK;
}
