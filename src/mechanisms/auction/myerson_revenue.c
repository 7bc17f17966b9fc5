/*
 * The exact expected revenue of Myerson's optimal auction (see
 * mk_myerson_revenue in mechkit/myerson.h).
 *
 * Revenue equals the expected nonnegative part of the highest ironed
 * virtual value (Myerson 1981, lemma 3; with ironing, Hartline ch. 3: the
 * allocation is constant on ironed intervals, so the winner's ironed value
 * may replace its virtual value). For independent X_i = phibar_i(v_i) with
 * CDFs G_i,
 *     E[max(0, max_i X_i)] = integral_0^oo (1 - prod_i G_i(t)) dt.
 * G_i is affine between breakpoints for a uniform (X_i is uniform on
 * [2 LO - HI, HI]) and constant between jumps for a discrete distribution,
 * so on each piece the integrand is a polynomial of degree at most the
 * number of uniform bidders, integrated exactly in rationals. Everything is
 * in currency units.
 */
#include <stdint.h>
#include <stdlib.h>

#include "myerson_internal.h"
#include "core/gmp_array.h"

/* The bidders that share one distribution, and that distribution's CDF of
 * virtual values on the current piece: G(t) = alpha + beta t. */
typedef struct group {
    const mk_distribution *d;
    unsigned long m;   /* bidders */
    mk_myerson_vv vv;  /* discrete: ironed values, minor units */
    mpq_t *phi;        /* discrete: the same in currency units */
    size_t below;      /* discrete: points with phi <= the piece's start */
    mpq_t lo, hi;      /* uniform: range of the virtual value, currency units */
    mpq_t alpha, beta; /* G on the current piece */
} group;

/* Polynomial workspace: acc is the product so far, one is a group's power,
 * tmp the convolution; each has room for degree `cap`. */
typedef struct poly_ws {
    size_t cap, deg;
    mpq_t *acc, *one, *tmp;
    mpz_t binom;
    mpq_t x, pw0, pw1;
} poly_ws;

static int group_init(group *g, const mk_distribution *d, mk_ctx *ctx)
{
    g->d = d;
    g->m = 1;
    g->below = 0;
    g->phi = NULL;
    mpq_inits(g->lo, g->hi, g->alpha, g->beta, NULL);
    if (d->kind == MK_DIST_UNIFORM) {
        mk_myerson_mpz_set_i64(mpq_numref(g->hi), d->hi);
        mk_myerson_mpz_set_i64(mpq_numref(g->lo), d->lo);
        mpq_add(g->lo, g->lo, g->lo);
        mpq_sub(g->lo, g->lo, g->hi);
        mk_myerson_mpq_to_units(g->lo, d->scale);
        mk_myerson_mpq_to_units(g->hi, d->scale);
        return mk_myerson_vv_init(&g->vv, d, ctx);
    }
    int rc = mk_myerson_vv_init(&g->vv, d, ctx);
    if (rc != 0)
        return rc;
    g->phi = malloc(d->k * sizeof *g->phi);
    if (g->phi == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu virtual values", d->k);
    for (size_t i = 0; i < d->k; i++) {
        mpq_init(g->phi[i]);
        mpq_set(g->phi[i], g->vv.phi[i]);
        mk_myerson_mpq_to_units(g->phi[i], d->scale);
    }
    return MK_OK;
}

static void group_clear(group *g)
{
    if (g->phi != NULL) {
        for (size_t i = 0; i < g->d->k; i++)
            mpq_clear(g->phi[i]);
        free(g->phi);
    }
    mk_myerson_vv_clear(&g->vv);
    mpq_clears(g->lo, g->hi, g->alpha, g->beta, NULL);
}

static int cmp_mpq(const void *a, const void *b)
{
    return mpq_cmp((mpq_srcptr)a, (mpq_srcptr)b);
}

/* The points t > 0 where some G has a kink or a jump, with 0 first,
 * sorted and without repeats, into a new array of *count. */
static int breakpoints(const group *g, size_t ng, mpq_t **out, size_t *count, mk_ctx *ctx)
{
    size_t cap = 1;
    for (size_t i = 0; i < ng; i++)
        cap += g[i].d->kind == MK_DIST_DISCRETE ? g[i].d->k : 2;
    mpq_t *t = malloc(cap * sizeof *t);
    if (t == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu breakpoints", cap);
    size_t n = 0;
    mpq_init(t[n++]);
    for (size_t i = 0; i < ng; i++) {
        size_t k = g[i].d->kind == MK_DIST_DISCRETE ? g[i].d->k : 2;
        for (size_t j = 0; j < k; j++) {
            mpq_srcptr v = g[i].phi != NULL ? g[i].phi[j] : j == 0 ? g[i].lo : g[i].hi;
            if (mpq_sgn(v) > 0) {
                mpq_init(t[n]);
                mpq_set(t[n++], v);
            }
        }
    }
    qsort(t, n, sizeof *t, cmp_mpq);
    size_t u = 1;
    for (size_t i = 1; i < n; i++) {
        if (mpq_equal(t[i], t[u - 1]))
            continue;
        mpq_swap(t[u++], t[i]);
    }
    for (size_t i = u; i < n; i++)
        mpq_clear(t[i]);
    *out = t;
    *count = u;
    return MK_OK;
}

/* Sets g's G(t) = alpha + beta t on the piece (t0, t1) between two
 * consecutive breakpoints. */
static void group_piece(group *g, const mpq_t t0, const mpq_t t1)
{
    if (g->phi != NULL) {
        /* Ironed values are non-decreasing along the support, so the mass
         * at or below t0 is a prefix that only grows from piece to piece. */
        while (g->below < g->d->k && mpq_cmp(g->phi[g->below], t0) <= 0) {
            mk_rational p = g->d->prob[g->below++];
            mpq_t q;
            mpq_init(q);
            mk_myerson_mpq_set_rational(q, p);
            mpq_add(g->alpha, g->alpha, q);
            mpq_clear(q);
        }
        mpq_set_ui(g->beta, 0, 1);
        return;
    }
    if (mpq_cmp(t1, g->lo) <= 0) {
        mpq_set_ui(g->alpha, 0, 1);
        mpq_set_ui(g->beta, 0, 1);
    } else if (mpq_cmp(t0, g->hi) >= 0) {
        mpq_set_ui(g->alpha, 1, 1);
        mpq_set_ui(g->beta, 0, 1);
    } else { /* (t - lo) / (hi - lo) */
        mpq_sub(g->beta, g->hi, g->lo);
        mpq_inv(g->beta, g->beta);
        mpq_mul(g->alpha, g->lo, g->beta);
        mpq_neg(g->alpha, g->alpha);
    }
}

/* ws->one = (alpha + beta t)^m by the binomial theorem:
 * coefficient j is C(m, j) alpha^(m-j) beta^j. Returns its degree. */
static size_t group_power(poly_ws *ws, const group *g)
{
    unsigned long m = g->m;
    if (mpq_sgn(g->beta) == 0) {
        mpz_pow_ui(mpq_numref(ws->one[0]), mpq_numref(g->alpha), m);
        mpz_pow_ui(mpq_denref(ws->one[0]), mpq_denref(g->alpha), m);
        return 0;
    }
    mpq_set_ui(ws->one[m], 1, 1);
    for (size_t j = m; j-- > 0;)
        mpq_mul(ws->one[j], ws->one[j + 1], g->alpha);
    mpz_set_ui(ws->binom, 1);
    mpq_set_ui(ws->x, 1, 1); /* beta^j */
    for (size_t j = 0; j <= m; j++) {
        mpq_mul(ws->one[j], ws->one[j], ws->x);
        mpz_mul(mpq_numref(ws->one[j]), mpq_numref(ws->one[j]), ws->binom);
        mpq_canonicalize(ws->one[j]);
        mpq_mul(ws->x, ws->x, g->beta);
        mpz_mul_ui(ws->binom, ws->binom, m - j);
        mpz_divexact_ui(ws->binom, ws->binom, j + 1);
    }
    return m;
}

/* ws->acc *= ws->one (of degree d). */
static void poly_mul(poly_ws *ws, size_t d)
{
    size_t deg = ws->deg + d;
    for (size_t i = 0; i <= deg; i++)
        mpq_set_ui(ws->tmp[i], 0, 1);
    for (size_t i = 0; i <= ws->deg; i++) {
        if (mpq_sgn(ws->acc[i]) == 0)
            continue;
        for (size_t j = 0; j <= d; j++) {
            mpq_mul(ws->x, ws->acc[i], ws->one[j]);
            mpq_add(ws->tmp[i + j], ws->tmp[i + j], ws->x);
        }
    }
    mpq_t *swap = ws->acc;
    ws->acc = ws->tmp;
    ws->tmp = swap;
    ws->deg = deg;
}

/* sum += integral over [t0, t1] of (1 - prod G(t)^m) dt. */
static void add_piece(poly_ws *ws, group *g, size_t ng, const mpq_t t0, const mpq_t t1, mpq_t sum)
{
    int zero = 0; /* some G vanishes on the piece: so does the product */
    for (size_t i = 0; i < ng; i++) {
        group_piece(&g[i], t0, t1);
        zero |= mpq_sgn(g[i].alpha) == 0 && mpq_sgn(g[i].beta) == 0;
    }
    mpq_sub(ws->x, t1, t0);
    mpq_add(sum, sum, ws->x);
    if (zero)
        return;
    ws->deg = 0;
    mpq_set_ui(ws->acc[0], 1, 1);
    for (size_t i = 0; i < ng; i++)
        poly_mul(ws, group_power(ws, &g[i]));
    mpq_set(ws->pw0, t0);
    mpq_set(ws->pw1, t1);
    for (size_t j = 0; j <= ws->deg; j++) {
        /* c_j (t1^(j+1) - t0^(j+1)) / (j+1) */
        mpq_sub(ws->x, ws->pw1, ws->pw0);
        mpq_mul(ws->x, ws->x, ws->acc[j]);
        mpz_mul_ui(mpq_denref(ws->x), mpq_denref(ws->x), j + 1);
        mpq_canonicalize(ws->x);
        mpq_sub(sum, sum, ws->x);
        mpq_mul(ws->pw0, ws->pw0, t0);
        mpq_mul(ws->pw1, ws->pw1, t1);
    }
}

static int ws_init(poly_ws *ws, size_t cap, mk_ctx *ctx)
{
    ws->cap = cap;
    ws->deg = 0;
    ws->acc = mk_mpq_array(cap + 1);
    ws->one = mk_mpq_array(cap + 1);
    ws->tmp = mk_mpq_array(cap + 1);
    mpz_init(ws->binom);
    mpq_inits(ws->x, ws->pw0, ws->pw1, NULL);
    if (ws->acc == NULL || ws->one == NULL || ws->tmp == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for polynomials of degree %zu", cap);
    return MK_OK;
}

static void ws_clear(poly_ws *ws)
{
    mk_mpq_array_free(ws->acc, ws->cap + 1);
    mk_mpq_array_free(ws->one, ws->cap + 1);
    mk_mpq_array_free(ws->tmp, ws->cap + 1);
    mpz_clear(ws->binom);
    mpq_clears(ws->x, ws->pw0, ws->pw1, NULL);
}

/* Checks the distributions and gathers identical ones into groups. */
static int make_groups(const mk_distribution *const *dists, size_t n, group *g, size_t *ng,
                       mk_ctx *ctx)
{
    *ng = 0;
    for (size_t i = 0; i < n; i++) {
        if (dists[i] == NULL)
            return mk_error(ctx, MK_EINTERNAL, "bidder %zu has no distribution", i + 1);
        if (dists[i]->kind == MK_DIST_EXPONENTIAL)
            return mk_error(ctx, MK_EPARAM,
                            "bidder %zu: the optimal revenue for an exponential distribution "
                            "involves e and is not a rational number",
                            i + 1);
        size_t j = 0;
        while (j < *ng && !mk_myerson_dist_equal(g[j].d, dists[i]))
            j++;
        if (j < *ng) {
            g[j].m++;
            continue;
        }
        int rc = group_init(&g[j], dists[i], ctx);
        (*ng)++; /* counted even on failure, so that it is cleared */
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

int mk_myerson_revenue_mpq(const mk_distribution *const *dists, size_t n, mpq_t out, mk_ctx *ctx)
{
    mpq_set_ui(out, 0, 1);
    if (n == 0)
        return MK_OK;
    group *g = n <= SIZE_MAX / sizeof *g ? malloc(n * sizeof *g) : NULL;
    if (g == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu bidders", n);
    size_t ng = 0, nt = 0, cap = 0;
    mpq_t *t = NULL;
    poly_ws ws = {0};
    int rc = make_groups(dists, n, g, &ng, ctx);
    if (rc == 0)
        rc = breakpoints(g, ng, &t, &nt, ctx);
    for (size_t i = 0; rc == 0 && i < ng; i++)
        cap += g[i].d->kind == MK_DIST_UNIFORM ? g[i].m : 0;
    int ws_ready = rc == 0;
    if (rc == 0)
        rc = ws_init(&ws, cap, ctx);
    for (size_t i = 0; rc == 0 && i + 1 < nt; i++)
        add_piece(&ws, g, ng, t[i], t[i + 1], out);
    if (ws_ready)
        ws_clear(&ws);
    mk_mpq_array_free(t, nt);
    for (size_t i = 0; i < ng; i++)
        group_clear(&g[i]);
    free(g);
    return rc;
}
