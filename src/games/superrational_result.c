/* Results of the superrational solvers (superrational_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "superrational_internal.h"

void mk_mpq_from_rational(mpq_t q, mk_rational r)
{
    mpz_set_si(mpq_numref(q), (long)r.num);
    mpz_set_si(mpq_denref(q), (long)r.den);
    mpq_canonicalize(q);
}

char *mk_mpq_fraction(const mpq_t q)
{
    return mpq_get_str(NULL, 10, q);
}

char *mk_mpq_decimal(const mpq_t q, unsigned places, int up)
{
    mpz_t scaled, scale;
    mpz_inits(scaled, scale, NULL);
    mpz_ui_pow_ui(scale, 10, places);
    mpz_mul(scaled, mpq_numref(q), scale);
    if (up)
        mpz_cdiv_q(scaled, scaled, mpq_denref(q));
    else
        mpz_fdiv_q(scaled, scaled, mpq_denref(q));
    int negative = mpz_sgn(scaled) < 0;
    mpz_abs(scaled, scaled);
    char *digits = mpz_get_str(NULL, 10, scaled);
    size_t nd = strlen(digits);
    /* At least places + 1 digits, so that there is an integer part. */
    size_t pad = nd < places + 1 ? places + 1 - nd : 0;
    char *out = malloc(nd + pad + 3);
    if (out != NULL) {
        char *w = out;
        if (negative)
            *w++ = '-';
        memset(w, '0', pad);
        memcpy(w + pad, digits, nd);
        size_t total = nd + pad, whole = total - places;
        memmove(w + whole + 1, w + whole, places);
        w[whole] = places > 0 ? '.' : '\0';
        w[total + (places > 0)] = '\0';
    }
    free(digits);
    mpz_clears(scaled, scale, NULL);
    return out;
}

static int grow(mk_superrational *out, mk_ctx *ctx)
{
    mk_superrational_choice *c = realloc(out->choice, (out->n + 1) * sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    out->choice = c;
    mk_superrational_choice *x = &c[out->n];
    memset(x, 0, sizeof *x);
    size_t k = out->n_strategies;
    x->prob = calloc(k, sizeof *x->prob);
    x->prob_lo = calloc(k, sizeof *x->prob_lo);
    x->prob_hi = calloc(k, sizeof *x->prob_hi);
    out->n++;
    if (x->prob == NULL || x->prob_lo == NULL || x->prob_hi == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    return 0;
}

static char *copy(const char *s)
{
    return s == NULL ? NULL : strdup(s);
}

/* 0 when every string of the newest choice is there, else MK_ENOMEM. */
static int complete(mk_superrational *out, mk_ctx *ctx)
{
    mk_superrational_choice *x = &out->choice[out->n - 1];
    int ok = x->value != NULL && x->value_lo != NULL && x->value_hi != NULL;
    for (size_t s = 0; ok && s < out->n_strategies; s++)
        ok = x->prob[s] != NULL && x->prob_lo[s] != NULL && x->prob_hi[s] != NULL;
    return ok ? 0 : mk_error(ctx, MK_ENOMEM, "out of memory");
}

int mk_superrational_add_exact(mk_superrational *out, mpq_t *p, const mpq_t v, mk_ctx *ctx)
{
    int rc = grow(out, ctx);
    if (rc != 0)
        return rc;
    mk_superrational_choice *x = &out->choice[out->n - 1];
    x->exact = 1;
    for (size_t s = 0; s < out->n_strategies; s++) {
        x->prob[s] = mk_mpq_fraction(p[s]);
        x->prob_lo[s] = copy(x->prob[s]);
        x->prob_hi[s] = copy(x->prob[s]);
    }
    x->value = mk_mpq_fraction(v);
    x->value_lo = copy(x->value);
    x->value_hi = copy(x->value);
    return complete(out, ctx);
}

int mk_superrational_add_bounds(mk_superrational *out, const mpq_t xlo, const mpq_t xhi,
                                const mpq_t vlo, const mpq_t vhi, mk_ctx *ctx)
{
    int rc = grow(out, ctx);
    if (rc != 0)
        return rc;
    mk_superrational_choice *x = &out->choice[out->n - 1];
    mpq_t ylo, yhi;
    mpq_inits(ylo, yhi, NULL);
    mpq_set_ui(ylo, 1, 1);
    mpq_sub(ylo, ylo, xhi); /* strategy 2: 1 - x */
    mpq_set_ui(yhi, 1, 1);
    mpq_sub(yhi, yhi, xlo);
    x->prob_lo[0] = mk_mpq_decimal(xlo, 15, 0);
    x->prob_hi[0] = mk_mpq_decimal(xhi, 15, 1);
    x->prob_lo[1] = mk_mpq_decimal(ylo, 15, 0);
    x->prob_hi[1] = mk_mpq_decimal(yhi, 15, 1);
    x->prob[0] = copy(x->prob_lo[0]);
    x->prob[1] = copy(x->prob_lo[1]);
    x->value_lo = mk_mpq_decimal(vlo, 12, 0);
    x->value_hi = mk_mpq_decimal(vhi, 12, 1);
    x->value = copy(x->value_lo);
    mpq_clears(ylo, yhi, NULL);
    return complete(out, ctx);
}

int mk_superrational_add_enclosure(mk_superrational *out, mpq_t *point, mpq_t *lo, mpq_t *hi,
                                   const mpq_t vlo, const mpq_t vhi, mk_ctx *ctx)
{
    int rc = grow(out, ctx);
    if (rc != 0)
        return rc;
    mk_superrational_choice *x = &out->choice[out->n - 1];
    for (size_t s = 0; s < out->n_strategies; s++) {
        x->prob[s] = mk_mpq_decimal(point[s], 15, 0);
        x->prob_lo[s] = mk_mpq_decimal(lo[s], 15, 0);
        x->prob_hi[s] = mk_mpq_decimal(hi[s], 15, 1);
    }
    x->value_lo = mk_mpq_decimal(vlo, 12, 0);
    x->value_hi = mk_mpq_decimal(vhi, 12, 1);
    x->value = copy(x->value_lo);
    return complete(out, ctx);
}

void mk_superrational_free(mk_superrational *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++) {
        mk_superrational_choice *x = &s->choice[i];
        for (size_t k = 0; k < s->n_strategies; k++) {
            if (x->prob != NULL)
                free(x->prob[k]);
            if (x->prob_lo != NULL)
                free(x->prob_lo[k]);
            if (x->prob_hi != NULL)
                free(x->prob_hi[k]);
        }
        free(x->prob);
        free(x->prob_lo);
        free(x->prob_hi);
        free(x->value);
        free(x->value_lo);
        free(x->value_hi);
    }
    free(s->choice);
    *s = (mk_superrational)MK_SUPERRATIONAL_INIT;
}
