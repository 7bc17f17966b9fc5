/* The public functions of mechkit/myerson.h: virtual values, the optimal
 * reserve and the exact expected revenue, each returned exactly. */
#include "mechkit/myerson.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "myerson_internal.h"

/* out = q in currency units as an mk_rational, or MK_ERANGE naming what. */
static int export_units(mpq_t q, int scale, const char *what, mk_rational *out, mk_ctx *ctx)
{
    mk_myerson_mpq_to_units(q, scale);
    if (mk_myerson_mpq_get_rational(q, out) != 0)
        return mk_error(ctx, MK_ERANGE, "the %s does not fit a fraction of 64-bit integers", what);
    return MK_OK;
}

/* MK_EINPUT unless value lies in d's support. */
static int check_support(const mk_distribution *d, int64_t value, mk_ctx *ctx)
{
    int inside = 0;
    if (d->kind == MK_DIST_UNIFORM)
        inside = value >= d->lo && value <= d->hi;
    else if (d->kind == MK_DIST_EXPONENTIAL)
        inside = value >= 0;
    for (size_t i = 0; d->kind == MK_DIST_DISCRETE && i < d->k && !inside; i++)
        inside = d->points[i] == value;
    if (inside)
        return MK_OK;
    char text[MK_MONEY_FORMAT_MAX];
    return mk_error(ctx, MK_EINPUT, "value %s is not in the support of the distribution",
                    mk_money_format(value, d->scale, text));
}

int mk_myerson_virtual_value(const mk_distribution *d, int64_t value, mk_rational *out, mk_ctx *ctx)
{
    int rc = check_support(d, value, ctx);
    if (rc != 0)
        return rc;
    mk_myerson_vv vv;
    if ((rc = mk_myerson_vv_init(&vv, d, ctx)) != 0)
        return rc;
    mpq_t phi;
    mpq_init(phi);
    if (mk_myerson_vv_at(&vv, value, phi) != MK_MYERSON_RANKED)
        rc = mk_error(ctx, MK_EINTERNAL, "a value in the support has no virtual value");
    else
        rc = export_units(phi, d->scale, "virtual value", out, ctx);
    mpq_clear(phi);
    mk_myerson_vv_clear(&vv);
    return rc;
}

int mk_myerson_virtual_values(const mk_distribution *d, int ironed, mk_rational *out, mk_ctx *ctx)
{
    if (d->kind != MK_DIST_DISCRETE)
        return mk_error(ctx, MK_EPARAM,
                        "virtual values of every support point need a "
                        "discrete distribution");
    mpq_t *phi = malloc(d->k * sizeof *phi);
    if (phi == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu virtual values", d->k);
    for (size_t i = 0; i < d->k; i++)
        mpq_init(phi[i]);
    mk_myerson_raw_discrete(d, phi);
    int rc = ironed ? mk_myerson_iron(phi, d, ctx) : MK_OK;
    /* Every value must fit before any is written: out is untouched on
     * failure. */
    mk_rational r;
    for (size_t i = 0; rc == 0 && i < d->k; i++)
        rc = export_units(phi[i], d->scale, "virtual value", &r, ctx);
    for (size_t i = 0; rc == 0 && i < d->k; i++)
        mk_myerson_mpq_get_rational(phi[i], &out[i]);
    for (size_t i = 0; i < d->k; i++)
        mpq_clear(phi[i]);
    free(phi);
    return rc;
}

int mk_myerson_reserve(const mk_distribution *d, mk_rational *out, mk_ctx *ctx)
{
    mpq_t r;
    mpq_init(r);
    int rc = MK_OK;
    if (d->kind == MK_DIST_UNIFORM) {
        /* phi(v) = 2v - HI vanishes at HI/2; below LO there is no value. */
        mk_myerson_mpz_set_i64(mpq_numref(r), d->hi);
        mpz_set_ui(mpq_denref(r), 2);
        mpq_canonicalize(r);
        mpq_t lo;
        mpq_init(lo);
        mk_myerson_mpz_set_i64(mpq_numref(lo), d->lo);
        if (mpq_cmp(lo, r) > 0)
            mpq_set(r, lo);
        mpq_clear(lo);
    } else if (d->kind == MK_DIST_EXPONENTIAL) {
        mk_myerson_mpz_set_i64(mpq_numref(r), d->mean); /* phi(v) = v - M */
    } else {
        /* The first support point whose ironed value is >= 0: the peak of
         * the concave hull of the revenue curve. */
        mk_myerson_vv vv;
        mpz_t scratch;
        int64_t x = 0;
        mpz_init(scratch);
        rc = mk_myerson_vv_init(&vv, d, ctx);
        if (rc == 0 && mk_myerson_vv_threshold(&vv, r, 0, scratch, &x) != 0)
            rc = mk_error(ctx, MK_EINTERNAL, "no support point has a nonnegative value");
        if (rc == 0)
            mk_myerson_mpz_set_i64(mpq_numref(r), x);
        mk_myerson_vv_clear(&vv);
        mpz_clear(scratch);
    }
    if (rc == 0)
        rc = export_units(r, d->scale, "reserve", out, ctx);
    mpq_clear(r);
    return rc;
}

int mk_myerson_revenue(const mk_distribution *const *dists, size_t n, mk_rational *out, mk_ctx *ctx)
{
    mpq_t q;
    mpq_init(q);
    int rc = mk_myerson_revenue_mpq(dists, n, q, ctx);
    if (rc == 0 && mk_myerson_mpq_get_rational(q, out) != 0)
        rc = mk_error(ctx, MK_ERANGE,
                      "the expected revenue does not fit a fraction of "
                      "64-bit integers (mk_myerson_revenue_text gives it)");
    mpq_clear(q);
    return rc;
}

int mk_myerson_revenue_text(const mk_distribution *const *dists, size_t n, char **out, mk_ctx *ctx)
{
    mpq_t q;
    mpq_init(q);
    int rc = mk_myerson_revenue_mpq(dists, n, q, ctx);
    if (rc == 0) {
        /* mpq_get_str allocates with GMP's allocator, which need not be
         * malloc, so the text is copied into memory that free() releases. */
        char *text = mpq_get_str(NULL, 10, q);
        size_t len = strlen(text) + 1;
        char *copy = malloc(len);
        if (copy == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for a revenue of %zu digits", len);
        else
            *out = memcpy(copy, text, len);
        void (*gmp_free)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &gmp_free);
        gmp_free(text, len);
    }
    mpq_clear(q);
    return rc;
}
