/*
 * Virtual values, ironing and threshold bids for auction.myerson (see
 * myerson_internal.h). Amounts are minor units; numbers are GMP rationals.
 *
 * Continuous (Myerson 1981): phi(v) = v - (1 - F(v)) / f(v), which is
 * 2v - HI for uniform:LO:HI and v - M for exponential:M.
 * Discrete (Hartline, "Mechanism Design and Approximation", ch. 3): with
 * support v_1 < ... < v_k, probabilities p_i and q_i = p_i + ... + p_k, the
 * virtual value of v_i is the slope of the revenue curve R(q) = v q between
 * the quantiles q_{i+1} and q_i:
 *     phi_i = (v_i q_i - v_{i+1} q_{i+1}) / p_i,  with q_{k+1} = 0.
 * Ironing replaces these slopes by those of the concave hull of the curve.
 */
#include <stdlib.h>
#include <string.h>

#include "myerson_internal.h"

void mk_myerson_raw_discrete(const mk_distribution *d, mpq_t *phi)
{
    mpq_t q, r, r_next, p;
    mpq_inits(q, r, r_next, p, NULL);
    /* From the top point down: q and r_next carry q_{i+1} and
     * v_{i+1} q_{i+1}, both 0 above the support. */
    for (size_t i = d->k; i-- > 0;) {
        mk_myerson_mpq_set_rational(p, d->prob[i]);
        mpq_add(q, q, p);
        mk_myerson_mpz_set_i64(mpq_numref(r), d->points[i]);
        mpz_set_ui(mpq_denref(r), 1);
        mpq_mul(r, r, q);
        mpq_sub(phi[i], r, r_next);
        mpq_div(phi[i], phi[i], p);
        mpq_swap(r, r_next);
    }
    mpq_clears(q, r, r_next, p, NULL);
}

/* Pool adjacent violators (Ayer et al. 1955) on the slopes phi with the
 * segment widths p as weights: in order of value the slopes of a concave
 * revenue curve are non-decreasing, so a block whose slope is below the
 * previous block's is merged into it, with slope (sum of rises) / (sum of
 * widths). The resulting slopes are those of the concave hull, because
 * merging two adjacent segments of a curve replaces them by their chord. */
int mk_myerson_iron(mpq_t *phi, const mk_distribution *d, mk_ctx *ctx)
{
    size_t k = d->k, top = 0;
    size_t *start = malloc(k * sizeof *start);
    mpq_t *rise = malloc(k * sizeof *rise), *width = malloc(k * sizeof *width);
    if (start == NULL || rise == NULL || width == NULL) {
        free(start);
        free(rise);
        free(width);
        return mk_error(ctx, MK_ENOMEM, "out of memory for ironing %zu points", k);
    }
    for (size_t i = 0; i < k; i++)
        mpq_inits(rise[i], width[i], NULL);
    for (size_t i = 0; i < k; i++) {
        /* Push segment i as a block of its own... */
        start[top] = i;
        mk_myerson_mpq_set_rational(width[top], d->prob[i]);
        mpq_mul(rise[top], phi[i], width[top]);
        mpq_set(phi[top], phi[i]); /* phi[b] is block b's slope; b <= i */
        top++;
        /* ...and merge while the previous block is steeper. */
        while (top >= 2 && mpq_cmp(phi[top - 2], phi[top - 1]) > 0) {
            mpq_add(rise[top - 2], rise[top - 2], rise[top - 1]);
            mpq_add(width[top - 2], width[top - 2], width[top - 1]);
            mpq_div(phi[top - 2], rise[top - 2], width[top - 2]);
            top--;
        }
    }
    /* Spread the block slopes back over their points, last block first so
     * that phi[b] is read before any point of a later block overwrites it
     * (block b starts at a point >= b). */
    for (size_t b = top; b-- > 0;) {
        size_t end = b + 1 < top ? start[b + 1] : k;
        for (size_t i = end; i-- > start[b];)
            if (i != b)
                mpq_set(phi[i], phi[b]);
    }
    for (size_t i = 0; i < k; i++)
        mpq_clears(rise[i], width[i], NULL);
    free(start);
    free(rise);
    free(width);
    return MK_OK;
}

int mk_myerson_vv_init(mk_myerson_vv *t, const mk_distribution *d, mk_ctx *ctx)
{
    memset(t, 0, sizeof *t);
    t->d = d;
    if (d->kind != MK_DIST_DISCRETE)
        return MK_OK;
    t->phi = malloc(d->k * sizeof *t->phi);
    if (t->phi == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu virtual values", d->k);
    t->k = d->k;
    for (size_t i = 0; i < t->k; i++)
        mpq_init(t->phi[i]);
    mk_myerson_raw_discrete(d, t->phi);
    int rc = mk_myerson_iron(t->phi, d, ctx);
    if (rc != 0)
        mk_myerson_vv_clear(t);
    return rc;
}

void mk_myerson_vv_clear(mk_myerson_vv *t)
{
    for (size_t i = 0; i < t->k; i++)
        mpq_clear(t->phi[i]);
    free(t->phi);
    memset(t, 0, sizeof *t);
}

/* Index of x among the support points, or -1. */
static long find_point(const mk_distribution *d, int64_t x)
{
    size_t lo = 0, hi = d->k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->points[mid] == x)
            return (long)mid;
        if (d->points[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* phi = 2x - hi (times = 2) or x - mean (times = 1), using phi's own
 * denominator as the temporary so that nothing is allocated. */
static void affine_vv(mpq_t phi, int64_t x, unsigned long times, int64_t minus)
{
    mk_myerson_mpz_set_i64(mpq_denref(phi), x);
    mk_myerson_mpz_set_i64(mpq_numref(phi), minus);
    mpz_neg(mpq_numref(phi), mpq_numref(phi));
    mpz_addmul_ui(mpq_numref(phi), mpq_denref(phi), times);
    mpz_set_ui(mpq_denref(phi), 1);
}

int mk_myerson_vv_at(const mk_myerson_vv *t, int64_t x, mpq_t phi)
{
    const mk_distribution *d = t->d;
    switch (d->kind) {
    case MK_DIST_UNIFORM:
        if (x < d->lo)
            return MK_MYERSON_BELOW;
        affine_vv(phi, x, 2, d->hi);
        return MK_MYERSON_RANKED;
    case MK_DIST_EXPONENTIAL:
        if (x < 0)
            return MK_MYERSON_BELOW;
        affine_vv(phi, x, 1, d->mean);
        return MK_MYERSON_RANKED;
    case MK_DIST_DISCRETE: {
        long i = find_point(d, x);
        if (i < 0)
            return MK_MYERSON_OFF_GRID;
        mpq_set(phi, t->phi[i]);
        return MK_MYERSON_RANKED;
    }
    }
    return MK_MYERSON_OFF_GRID;
}

/* Smallest integer x with x * times - minus >= c (or > c when strict), at
 * least `lowest`: x = ceil((c + minus) / times), or floor(...) + 1 when
 * strict. Nested ceilings (floors) of divisions by positive integers equal
 * the ceiling (floor) of the division by their product, so c's denominator
 * and `times` are divided out one after the other. */
static int affine_threshold(const mpq_t c, unsigned long times, int64_t minus, int64_t lowest,
                            int strict, mpz_t s, int64_t *x)
{
    mk_myerson_mpz_set_i64(s, minus);
    mpz_mul(s, s, mpq_denref(c));
    mpz_add(s, s, mpq_numref(c));
    if (strict) {
        mpz_fdiv_q(s, s, mpq_denref(c));
        mpz_fdiv_q_ui(s, s, times);
        mpz_add_ui(s, s, 1);
    } else {
        mpz_cdiv_q(s, s, mpq_denref(c));
        mpz_cdiv_q_ui(s, s, times);
    }
    int64_t v;
    if (mk_myerson_mpz_get_i64(s, &v) != 0) {
        if (mpz_sgn(s) > 0)
            return MK_ERANGE;
        v = lowest; /* hugely negative: the lower end decides */
    }
    *x = v > lowest ? v : lowest;
    return MK_OK;
}

int mk_myerson_vv_threshold(const mk_myerson_vv *t, const mpq_t c, int strict, mpz_t scratch,
                            int64_t *x)
{
    const mk_distribution *d = t->d;
    switch (d->kind) {
    case MK_DIST_UNIFORM: return affine_threshold(c, 2, d->hi, d->lo, strict, scratch, x);
    case MK_DIST_EXPONENTIAL: return affine_threshold(c, 1, d->mean, 0, strict, scratch, x);
    case MK_DIST_DISCRETE: {
        /* The first support point whose ironed value clears c: phi is
         * non-decreasing, so binary search. */
        size_t lo = 0, hi = t->k;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int cmp = mpq_cmp(t->phi[mid], c);
            if (cmp > 0 || (cmp == 0 && !strict))
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo == t->k)
            return MK_ERANGE;
        *x = d->points[lo];
        return MK_OK;
    }
    }
    return MK_ERANGE;
}

int mk_myerson_dist_equal(const mk_distribution *a, const mk_distribution *b)
{
    if (a == b)
        return 1;
    if (a->kind != b->kind || a->scale != b->scale)
        return 0;
    switch (a->kind) {
    case MK_DIST_UNIFORM: return a->lo == b->lo && a->hi == b->hi;
    case MK_DIST_EXPONENTIAL: return a->mean == b->mean;
    case MK_DIST_DISCRETE:
        if (a->k != b->k)
            return 0;
        for (size_t i = 0; i < a->k; i++)
            if (a->points[i] != b->points[i] || a->prob[i].num != b->prob[i].num ||
                a->prob[i].den != b->prob[i].den)
                return 0;
        return 1;
    }
    return 0;
}
