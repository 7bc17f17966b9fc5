/* Distributions of private values: parsing and exact, seeded sampling
 * (see mechkit/distribution.h). */
#include "mechkit/distribution.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

/* Most support points of a discrete distribution: far above any hand-written
 * spec, low enough that O(k) work per sample stays cheap. */
#define DIST_MAX_POINTS 65536

/* Longest piece of a spec quoted in a message. */
#define DIST_QUOTE 64

/* Records MK_EPARAM "distribution 'SPEC': <what>" in ctx: every error of a
 * spec quotes the spec, since it usually arrives as one -p parameter. */
#if defined(__GNUC__)
#define DIST_PRINTF __attribute__((format(printf, 3, 4)))
#else
#define DIST_PRINTF
#endif
static int dist_fail(mk_ctx *ctx, const char *spec, const char *fmt, ...) DIST_PRINTF;

static int dist_fail(mk_ctx *ctx, const char *spec, const char *fmt, ...)
{
    char what[MK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mk_error(ctx, MK_EPARAM, "distribution '%.*s%s': %s", DIST_QUOTE, spec,
                    strlen(spec) > DIST_QUOTE ? "..." : "", what);
}

/* Parses the amount s[0..len) at scale; a non-negative amount or MK_EPARAM
 * naming `what` (e.g. "HI"). */
static int parse_amount(const char *spec, const char *what, const char *s, size_t len, int scale,
                        int64_t *out, mk_ctx *ctx)
{
    mk_ctx inner = MK_CTX_INIT;
    int places = mk_decimal_places(s, len);
    if (places < 0)
        return dist_fail(ctx, spec, "%s '%.*s' is not a decimal amount", what, (int)len, s);
    if (places > scale)
        return dist_fail(ctx, spec, "%s '%.*s' has more decimals than the scale %d", what, (int)len,
                         s, scale);
    if (mk_money_parse(s, len, scale, out, &inner) != 0)
        return dist_fail(ctx, spec, "%s '%.*s': %s", what, (int)len, s, inner.message);
    if (*out < 0)
        return dist_fail(ctx, spec, "%s '%.*s' is negative (values are >= 0)", what, (int)len, s);
    return 0;
}

/* Reads a run of decimal digits s[0..len) (no sign) into *out. */
static int parse_digits(const char *s, size_t len, int64_t *out)
{
    int64_t v = 0;
    if (len == 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (mk_checked_mul(v, 10, &v) != 0 || mk_checked_add(v, s[i] - '0', &v) != 0)
            return -1;
    }
    *out = v;
    return 0;
}

/* Parses a probability: a decimal ("0.25", "1") or a fraction of two
 * integers ("1/3"), strictly in (0, 1]. */
static int parse_prob(const char *spec, const char *s, size_t len, mk_rational *out, mk_ctx *ctx)
{
    const char *slash = memchr(s, '/', len);
    int64_t num, den;
    if (slash != NULL) {
        size_t nlen = (size_t)(slash - s);
        if (parse_digits(s, nlen, &num) != 0 || parse_digits(slash + 1, len - nlen - 1, &den) != 0)
            return dist_fail(ctx, spec, "probability '%.*s' is not a fraction N/D", (int)len, s);
        if (den == 0)
            return dist_fail(ctx, spec, "probability '%.*s' divides by zero", (int)len, s);
    } else {
        int places = mk_decimal_places(s, len);
        if (places < 0 || places > MK_SCALE_MAX || s[0] == '-' ||
            mk_money_parse(s, len, places, &num, NULL) != 0 || mk_pow10(places, &den) != 0)
            return dist_fail(ctx, spec, "probability '%.*s' is not a decimal or fraction", (int)len,
                             s);
    }
    if (num <= 0 || num > den)
        return dist_fail(ctx, spec, "probability '%.*s' is not in (0, 1]", (int)len, s);
    return mk_rational_make(num, den, out);
}

/* The least common multiple of the probabilities' denominators, or 0 when
 * it exceeds INT64_MAX. Sampling draws an integer below it. */
static int64_t common_den(const mk_rational *prob, size_t k)
{
    int64_t l = 1;
    for (size_t i = 0; i < k; i++) {
        int64_t d = prob[i].den / mk_gcd(l, prob[i].den);
        if (mk_checked_mul(l, d, &l) != 0)
            return 0;
    }
    return l;
}

/* Checks that the probabilities sum to exactly 1: their numerators over
 * the common denominator l must add up to l. Each term is <= l < 2^63, and
 * the running sum stops as soon as it passes l, so uint64 never wraps. */
static int sums_to_one(const mk_rational *prob, size_t k, int64_t l)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < k; i++) {
        sum += (uint64_t)prob[i].num * (uint64_t)(l / prob[i].den);
        if (sum > (uint64_t)l)
            return 0;
    }
    return sum == (uint64_t)l;
}

/* Parses "V@P" items separated by ',' in body[0..len). */
static int parse_discrete(const char *spec, const char *body, int scale, mk_distribution *d,
                          mk_ctx *ctx)
{
    if (body == NULL || body[0] == '\0')
        return dist_fail(ctx, spec, "expected discrete:V1@P1,V2@P2,...");
    size_t len = strlen(body), k = 1;
    for (size_t i = 0; i < len; i++)
        k += body[i] == ',';
    if (k > DIST_MAX_POINTS)
        return dist_fail(ctx, spec, "more than %d support points", DIST_MAX_POINTS);
    d->points = calloc(k, sizeof *d->points);
    d->prob = calloc(k, sizeof *d->prob);
    if (d->points == NULL || d->prob == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu support points", k);
    d->k = k;
    const char *item = body;
    for (size_t i = 0; i < k; i++) {
        const char *end = strchr(item, ',');
        size_t ilen = end != NULL ? (size_t)(end - item) : strlen(item);
        const char *at = memchr(item, '@', ilen);
        if (at == NULL)
            return dist_fail(ctx, spec, "point %zu '%.*s' is not V@P", i + 1, (int)ilen, item);
        size_t vlen = (size_t)(at - item);
        int rc = parse_amount(spec, "value", item, vlen, scale, &d->points[i], ctx);
        if (rc == 0)
            rc = parse_prob(spec, at + 1, ilen - vlen - 1, &d->prob[i], ctx);
        if (rc != 0)
            return rc;
        if (i > 0 && d->points[i] <= d->points[i - 1])
            return dist_fail(ctx, spec, "support not increasing at point %zu '%.*s'", i + 1,
                             (int)vlen, item);
        item = end != NULL ? end + 1 : item + ilen;
    }
    int64_t l = common_den(d->prob, k);
    if (l == 0)
        return dist_fail(ctx, spec, "the probabilities' common denominator exceeds 2^63");
    if (!sums_to_one(d->prob, k, l))
        return dist_fail(ctx, spec, "probabilities do not sum to exactly 1");
    return 0;
}

/* Splits body at ':' into fields, recording the first max of them in
 * start/len; returns how many there are. */
static size_t split_fields(const char *body, const char **start, size_t *len, size_t max)
{
    size_t n = 0;
    for (;;) {
        const char *colon = strchr(body, ':');
        size_t l = colon != NULL ? (size_t)(colon - body) : strlen(body);
        if (n < max) {
            start[n] = body;
            len[n] = l;
        }
        n++;
        if (colon == NULL)
            return n;
        body = colon + 1;
    }
}

static int parse_uniform(const char *spec, const char *body, int scale, mk_distribution *d,
                         mk_ctx *ctx)
{
    const char *f[2];
    size_t l[2];
    if (body == NULL || split_fields(body, f, l, 2) != 2)
        return dist_fail(ctx, spec, "expected uniform:LO:HI");
    int rc = parse_amount(spec, "LO", f[0], l[0], scale, &d->lo, ctx);
    if (rc == 0)
        rc = parse_amount(spec, "HI", f[1], l[1], scale, &d->hi, ctx);
    if (rc != 0)
        return rc;
    /* A point mass has no density, so no uniform virtual value; it is
     * written discrete:V@1. */
    if (d->lo >= d->hi)
        return dist_fail(ctx, spec, "LO must be below HI (a single value is discrete:V@1)");
    return 0;
}

static int parse_exponential(const char *spec, const char *body, int scale, mk_distribution *d,
                             mk_ctx *ctx)
{
    const char *f[1];
    size_t l[1];
    if (body == NULL || split_fields(body, f, l, 1) != 1)
        return dist_fail(ctx, spec, "expected exponential:MEAN");
    int rc = parse_amount(spec, "MEAN", f[0], l[0], scale, &d->mean, ctx);
    if (rc != 0)
        return rc;
    if (d->mean == 0)
        return dist_fail(ctx, spec, "MEAN must be positive");
    return 0;
}

int mk_distribution_parse(const char *spec, int scale, mk_distribution *out, mk_ctx *ctx)
{
    if (spec == NULL || out == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_distribution_parse: NULL argument");
    if (scale < 0 || scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_EPARAM, "distribution scale %d is not in [0, %d]", scale,
                        MK_SCALE_MAX);
    mk_distribution d = MK_DISTRIBUTION_INIT;
    d.scale = scale;
    const char *colon = strchr(spec, ':');
    size_t klen = colon != NULL ? (size_t)(colon - spec) : strlen(spec);
    /* A known kind without ':' gets the form it expects; an empty body
     * ("exponential:") gets the part that is missing. */
    const char *body = colon != NULL ? colon + 1 : NULL;
    int rc;
    if (klen == 7 && strncmp(spec, "uniform", 7) == 0) {
        d.kind = MK_DIST_UNIFORM;
        rc = parse_uniform(spec, body, scale, &d, ctx);
    } else if (klen == 11 && strncmp(spec, "exponential", 11) == 0) {
        d.kind = MK_DIST_EXPONENTIAL;
        rc = parse_exponential(spec, body, scale, &d, ctx);
    } else if (klen == 8 && strncmp(spec, "discrete", 8) == 0) {
        d.kind = MK_DIST_DISCRETE;
        rc = parse_discrete(spec, body, scale, &d, ctx);
    } else {
        rc = dist_fail(ctx, spec, "unknown kind '%.*s' (uniform, exponential or discrete)",
                       (int)(klen > DIST_QUOTE ? DIST_QUOTE : klen), spec);
    }
    if (rc != 0) {
        mk_distribution_free(&d);
        return rc;
    }
    *out = d;
    return 0;
}

/* The places of s[0..len) if it is a decimal, else 0. */
static int places_of(const char *s, size_t len)
{
    int p = mk_decimal_places(s, len);
    return p > 0 ? p : 0;
}

int mk_distribution_places(const char *spec)
{
    if (spec == NULL)
        return 0;
    const char *colon = strchr(spec, ':');
    if (colon == NULL)
        return 0;
    int best = 0;
    if (strncmp(spec, "discrete:", 9) == 0) {
        /* Amounts are the parts before each '@'; probabilities follow it. */
        const char *item = colon + 1;
        for (;;) {
            const char *end = strchr(item, ',');
            size_t ilen = end != NULL ? (size_t)(end - item) : strlen(item);
            const char *at = memchr(item, '@', ilen);
            int p = places_of(item, at != NULL ? (size_t)(at - item) : ilen);
            best = p > best ? p : best;
            if (end == NULL)
                return best;
            item = end + 1;
        }
    }
    const char *field = colon + 1;
    for (;;) {
        const char *end = strchr(field, ':');
        size_t flen = end != NULL ? (size_t)(end - field) : strlen(field);
        int p = places_of(field, flen);
        best = p > best ? p : best;
        if (end == NULL)
            return best;
        field = end + 1;
    }
}

/* Inverse CDF of the exponential on the grid: floor(-mean * log1p(-u)) for
 * u in [0, 1) with 53 random bits, so at most mean * 36.8 (u = 1 - 2^-53).
 * The result is capped at INT64_MAX, reached only for means above 2.5e17
 * minor units. log1p comes from the C library: glibc's is correctly rounded
 * in practice, but other libms may differ in the last bit, which can move a
 * draw by one minor unit. */
static int64_t sample_exponential(const mk_distribution *d, mk_rng *rng)
{
    double u = mk_rng_uniform(rng);
    double x = floor(-(double)d->mean * log1p(-u));
    if (!(x < 0x1p63))
        return INT64_MAX;
    return x > 0 ? (int64_t)x : 0;
}

/* Exact inverse CDF: an integer x uniform below the common denominator l of
 * the probabilities, and the first point whose cumulative numerator (over
 * l) exceeds x. parse guaranteed l <= INT64_MAX and the numerators sum to l. */
static int64_t sample_discrete(const mk_distribution *d, mk_rng *rng)
{
    int64_t l = common_den(d->prob, d->k);
    uint64_t x = mk_rng_below(rng, (uint64_t)l), cum = 0;
    for (size_t i = 0; i + 1 < d->k; i++) {
        cum += (uint64_t)d->prob[i].num * (uint64_t)(l / d->prob[i].den);
        if (x < cum)
            return d->points[i];
    }
    return d->points[d->k - 1];
}

int64_t mk_distribution_sample(const mk_distribution *d, mk_rng *rng)
{
    switch (d->kind) {
    case MK_DIST_UNIFORM: return mk_rng_range(rng, d->lo, d->hi);
    case MK_DIST_EXPONENTIAL: return sample_exponential(d, rng);
    case MK_DIST_DISCRETE: return sample_discrete(d, rng);
    }
    return 0;
}

void mk_distribution_free(mk_distribution *d)
{
    if (d == NULL)
        return;
    free(d->points);
    free(d->prob);
    mk_distribution d0 = MK_DISTRIBUTION_INIT;
    *d = d0;
}
