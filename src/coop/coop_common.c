/* Shared pieces of the cooperative games with exact values
 * (coop_internal.h): names, exact vectors and their strings. */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"

/* GMP's _si and _ui functions take long: int64_t values pass through it. */
_Static_assert(sizeof(long) >= sizeof(int64_t), "long must hold int64_t for GMP");

char *coop_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    if (c != NULL)
        memcpy(c, s, len);
    return c;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The positions (1-based) of the first two players named s. */
static void positions(size_t n, const char *const *names, const char *s, size_t *first,
                      size_t *second)
{
    *first = *second = 0;
    for (size_t j = 0; j < n; j++) {
        if (strcmp(names[j], s) != 0)
            continue;
        if (*first == 0)
            *first = j + 1;
        else if (*second == 0)
            *second = j + 1;
    }
}

int coop_check_names(size_t n, const char *const *names, mk_ctx *ctx)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] == NULL || names[i][0] == '\0')
            return mk_error(ctx, MK_EINPUT, "player %zu: empty name", i + 1);
    const char **sorted = malloc(n * sizeof *sorted);
    if (sorted == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory checking names");
    memcpy(sorted, names, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_names);
    int rc = MK_OK;
    for (size_t i = 1; i < n && rc == 0; i++) {
        if (strcmp(sorted[i - 1], sorted[i]) != 0)
            continue;
        size_t first, second;
        positions(n, names, sorted[i], &first, &second);
        rc = mk_error(ctx, MK_EINPUT, "players %zu and %zu have the same name '%s'", first, second,
                      sorted[i]);
    }
    free(sorted);
    return rc;
}

void coop_names_free(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
}

int coop_names_copy(char ***out, size_t n, const char *const *names, mk_ctx *ctx)
{
    int rc = coop_check_names(n, names, ctx);
    if (rc != 0)
        return rc;
    char **copy = calloc(n, sizeof *copy);
    if (copy == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for names");
    for (size_t i = 0; i < n; i++) {
        if ((copy[i] = coop_strdup(names[i])) == NULL) {
            coop_names_free(copy, n);
            return mk_error(ctx, MK_ENOMEM, "out of memory for names");
        }
    }
    *out = copy;
    return MK_OK;
}

void coop_mpq_set_rational(mpq_t out, mk_rational r)
{
    mpz_set_si(mpq_numref(out), (long)r.num);
    mpz_set_si(mpq_denref(out), (long)r.den);
    mpq_canonicalize(out);
}

char *coop_fraction_string(const mpq_t v)
{
    size_t len = mpz_sizeinbase(mpq_numref(v), 10) + mpz_sizeinbase(mpq_denref(v), 10) + 3;
    char *s = malloc(len);
    return s != NULL ? mpq_get_str(s, 10, v) : NULL;
}

/* |v| rounded half up to places decimals is floor((2 |v| 10^p + 1) / 2),
 * written with a point and a sign when it is not zero: "-0.833333". */
char *coop_decimal_string(const mpq_t v, int places)
{
    mpz_t x, scale;
    mpz_inits(x, scale, NULL);
    mpz_ui_pow_ui(scale, 10, (unsigned long)places);
    mpz_abs(x, mpq_numref(v));
    mpz_mul(x, x, scale);
    mpz_mul_2exp(x, x, 1);
    mpz_add(x, x, mpq_denref(v));
    mpz_mul_2exp(scale, mpq_denref(v), 1);
    mpz_fdiv_q(x, x, scale);
    int negative = mpq_sgn(v) < 0 && mpz_sgn(x) != 0;
    size_t digits = mpz_sizeinbase(x, 10) + 1, p = (size_t)places;
    size_t width = (digits > p + 1 ? digits : p + 1) + 3;
    char *raw = malloc(digits + 1), *s = malloc(width);
    if (raw != NULL && s != NULL) {
        mpz_get_str(raw, 10, x);
        size_t len = strlen(raw), pad = len < p + 1 ? p + 1 - len : 0;
        char *at = s + negative;
        s[0] = '-';
        memset(at, '0', pad);
        memcpy(at + pad, raw, len + 1);
        len += pad;
        if (p > 0) {
            memmove(at + len - p + 1, at + len - p, p + 1);
            at[len - p] = '.';
        }
    } else {
        free(s);
        s = NULL;
    }
    free(raw);
    mpz_clears(x, scale, NULL);
    return s;
}

void mk_coop_vector_free(mk_coop_vector *v)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < v->n; i++) {
        free(v->fraction != NULL ? v->fraction[i] : NULL);
        free(v->decimal != NULL ? v->decimal[i] : NULL);
    }
    free(v->fraction);
    free(v->decimal);
    free(v);
}

int coop_vector_from_mpq(mk_coop_vector **out, mpq_t *x, size_t n, int places, mk_ctx *ctx)
{
    if (places < 0 || places > MK_COOP_MAX_PLACES)
        return mk_error(ctx, MK_EPARAM, "%d decimal places: expected 0 to %d", places,
                        MK_COOP_MAX_PLACES);
    mk_coop_vector *v = calloc(1, sizeof *v);
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for results");
    v->n = n;
    v->fraction = calloc(n > 0 ? n : 1, sizeof *v->fraction);
    v->decimal = calloc(n > 0 ? n : 1, sizeof *v->decimal);
    int ok = v->fraction != NULL && v->decimal != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        v->fraction[i] = coop_fraction_string(x[i]);
        v->decimal[i] = coop_decimal_string(x[i], places);
        ok = v->fraction[i] != NULL && v->decimal[i] != NULL;
    }
    if (!ok) {
        mk_coop_vector_free(v);
        return mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    }
    *out = v;
    return MK_OK;
}

void coop_set_i128(mpz_t out, coop_i128 x)
{
    /* x = hi 2^64 + lo with hi signed (arithmetic shift) and lo unsigned. */
    mpz_set_si(out, (long)(int64_t)(x >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)x);
}
