/* Exact interior superrational maximisers (superrational_exact_internal.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/kantian.h"
#include "superrational_exact_internal.h"
#include "core/gmp_array.h"

/* The radii tried: 2^-FIRST_HALVINGS down to 2^-LAST_HALVINGS. */
#define FIRST_HALVINGS 2
#define LAST_HALVINGS 20

int mk_superrational_guess(const double *lo, const double *hi, const double *centre, size_t k,
                           size_t skip, mpq_t *point)
{
    const double slack = 1e-12; /* the box's corners were rounded to doubles */
    for (long q = 1; q <= MK_SUPERRATIONAL_GUESS_DENOMINATOR; q++) {
        long sum = 0, common = q;
        int inside = 1;
        for (size_t s = 0; inside && s < k; s++) {
            long a = lround(centre[s] * (double)q);
            double x = (double)a / (double)q;
            inside = a >= 0 && x >= lo[s] - slack && x <= hi[s] + slack;
            sum += a;
            for (long b = a; b != 0;) { /* common = gcd(common, a) */
                long rest = common % b;
                common = b;
                b = rest;
            }
        }
        /* common > 1: the same point was met with denominator q / common */
        if (!inside || sum != q || common != 1 || skip-- > 0)
            continue;
        for (size_t s = 0; s < k; s++)
            mpq_set_si(point[s], lround(centre[s] * (double)q), (unsigned long)q);
        for (size_t s = 0; s < k; s++)
            mpq_canonicalize(point[s]);
        return 1;
    }
    return 0;
}

/* Sub-simplices this close (in every coordinate) to a group join it. */
#define GROUP_GAP 1e-4
/* Guesses from a group's centre (the rest from the best point known). */
#define CENTRE_GUESSES 3

/* 1 when boxes x and y (lo then hi, k each) are within GROUP_GAP. */
static int near_boxes(const double *x, const double *y, size_t k)
{
    for (size_t q = 0; q < k; q++)
        if (x[q] > y[k + q] + GROUP_GAP || x[k + q] < y[q] - GROUP_GAP)
            return 0;
    return 1;
}

/* Box x becomes the bounding box of x and y. */
static void join_boxes(double *x, const double *y, size_t k)
{
    for (size_t q = 0; q < k; q++) {
        x[q] = fmin(x[q], y[q]);
        x[k + q] = fmax(x[k + q], y[k + q]);
    }
}

size_t mk_superrational_group(mk_bsimplex *const *cells, size_t n, size_t k, size_t max_groups,
                              double *box)
{
    size_t groups = 0;
    double cell[2 * MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES];
    if (k == 0 || k > MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES)
        return max_groups + 1;
    for (size_t h = 0; h < n; h++) {
        for (size_t x = 0; x < k * k; x++) {
            double v = mpq_get_d(cells[h]->vertex[x]);
            cell[x % k] = x < k ? v : fmin(cell[x % k], v);
            cell[k + x % k] = x < k ? v : fmax(cell[k + x % k], v);
        }
        size_t g = 0;
        while (g < groups && !near_boxes(cell, &box[2 * g * k], k))
            g++;
        if (g == max_groups)
            return max_groups + 1;
        if (g == groups++)
            memcpy(&box[2 * g * k], cell, 2 * k * sizeof *cell);
        else
            join_boxes(&box[2 * g * k], cell, k), groups--;
    }
    /* A cell may have joined one group while near another: merge them. */
    for (size_t g = 0; g < groups; g++)
        for (size_t h = g + 1; h < groups; h++)
            if (near_boxes(&box[2 * g * k], &box[2 * h * k], k)) {
                join_boxes(&box[2 * g * k], &box[2 * h * k], k);
                memmove(&box[2 * h * k], &box[2 * (h + 1) * k],
                        2 * (groups - h - 1) * k * sizeof *box);
                groups--;
                h = g; /* g grew: compare it with every later group again */
            }
    return groups;
}

int mk_superrational_propose(const double *box, mpq_t *const best, size_t k, size_t guess,
                             mpq_t *point)
{
    double lo[MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES], hi[MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES],
        centre[MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES];
    for (size_t s = 0; s < k; s++) {
        lo[s] = box[s];
        hi[s] = box[k + s];
        centre[s] = (lo[s] + hi[s]) / 2;
        if (guess >= CENTRE_GUESSES) {
            double near = ldexp(1, -4 * (int)(guess - CENTRE_GUESSES + 1));
            centre[s] = mpq_get_d(best[s]);
            lo[s] = fmax(lo[s], centre[s] - near);
            hi[s] = fmin(hi[s], centre[s] + near);
        }
    }
    return mk_superrational_guess(lo, hi, centre, k, guess < CENTRE_GUESSES ? guess : 0, point);
}

/* Scratch of one proof. */
typedef struct prover {
    const mk_compositions *c;
    mk_compositions c2; /* degree n - 2: the second derivatives */
    size_t k, n;
    mpq_t *coef;      /* count */
    mpq_t *vertex;    /* k * k, the simplex coef is on */
    mpq_t *beta;      /* k */
    mpq_t *system;    /* k * (k + 1) */
    mpq_t *grad;      /* k */
    mpq_t *hlo, *hhi; /* k * k bounds of the Hessian over T */
    mpq_t *mat;       /* k * k */
    size_t *order, *parts;
    mpq_t t, u, r;
} prover;

static void prover_clear(prover *pv)
{
    size_t k = pv->k;
    mk_mpq_array_free(pv->coef, pv->c->count);
    mk_mpq_array_free(pv->vertex, k * k);
    mk_mpq_array_free(pv->beta, k);
    mk_mpq_array_free(pv->system, k * (k + 1));
    mk_mpq_array_free(pv->grad, k);
    mk_mpq_array_free(pv->hlo, k * k);
    mk_mpq_array_free(pv->hhi, k * k);
    mk_mpq_array_free(pv->mat, k * k);
    free(pv->order);
    free(pv->parts);
    mk_compositions_free(&pv->c2);
    mpq_clears(pv->t, pv->u, pv->r, NULL);
}

static int prover_init(prover *pv, const mk_compositions *c, mk_ctx *ctx)
{
    size_t k = c->k;
    memset(pv, 0, sizeof *pv);
    pv->c = c;
    pv->k = k;
    pv->n = c->n;
    mpq_inits(pv->t, pv->u, pv->r, NULL);
    int rc = mk_compositions_make(&pv->c2, c->n - 2, k, ctx);
    pv->coef = mk_mpq_array(c->count);
    pv->vertex = mk_mpq_array(k * k);
    pv->beta = mk_mpq_array(k);
    pv->system = mk_mpq_array(k * (k + 1));
    pv->grad = mk_mpq_array(k);
    pv->hlo = mk_mpq_array(k * k);
    pv->hhi = mk_mpq_array(k * k);
    pv->mat = mk_mpq_array(k * k);
    pv->order = malloc(c->count * sizeof *pv->order);
    pv->parts = malloc(k * sizeof *pv->parts);
    if (rc == 0 && (pv->coef == NULL || pv->vertex == NULL || pv->beta == NULL ||
                    pv->system == NULL || pv->grad == NULL || pv->hlo == NULL || pv->hhi == NULL ||
                    pv->mat == NULL || pv->order == NULL || pv->parts == NULL))
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    return rc;
}

/* (a): value = f(p), grad = the partial derivatives of the homogeneous
 * form of f at p; 1 when they satisfy the KKT conditions. With the
 * root's vertex s0 replaced by p, b_{(n-1) e_s0 + e_i} = g_i / n (i != s0);
 * Euler's identity sum_i p_i g_i = n f(p) gives g_s0. */
static int stationary(prover *pv, mpq_t *const root, mpq_t *const p, size_t s0, mpq_t value)
{
    size_t k = pv->k, n = pv->n;
    for (size_t x = 0; x < pv->c->count; x++)
        mpq_set(pv->coef[x], root[x]);
    mk_bernstein_replace_vertex(pv->coef, pv->c, s0, p, pv->order, pv->parts, pv->t);
    memset(pv->parts, 0, k * sizeof *pv->parts);
    pv->parts[s0] = n;
    mpq_set(value, pv->coef[mk_compositions_find(pv->c, pv->parts)]);
    mpq_set_ui(pv->u, (unsigned long)n, 1);
    mpq_mul(pv->grad[s0], value, pv->u);
    for (size_t i = 0; i < k; i++) {
        if (i == s0)
            continue;
        pv->parts[s0] = n - 1;
        pv->parts[i] = 1;
        mpq_mul(pv->grad[i], pv->coef[mk_compositions_find(pv->c, pv->parts)], pv->u);
        pv->parts[i] = 0;
        mpq_mul(pv->t, p[i], pv->grad[i]);
        mpq_sub(pv->grad[s0], pv->grad[s0], pv->t);
    }
    mpq_div(pv->grad[s0], pv->grad[s0], p[s0]);
    for (size_t i = 0; i < k; i++) {
        int cmp = mpq_cmp(pv->grad[i], pv->grad[s0]);
        if (mpq_sgn(p[i]) > 0 ? cmp != 0 : cmp > 0)
            return 0;
    }
    return 1;
}

/* 1 when s is in A (or s0): where the first-order change of f vanishes,
 * on the support, or off it with mu_s = 0. */
static int flat(const prover *pv, size_t s, size_t s0)
{
    return mpq_equal(pv->grad[s], pv->grad[s0]);
}

/* beta = the barycentric coordinates of x in the simplex pv->vertex (Gauss-
 * Jordan elimination); 0 when its vertices are affinely dependent. */
static int barycentric(prover *pv, mpq_t *const x)
{
    size_t k = pv->k, w = k + 1;
    mpq_t *m = pv->system;
    for (size_t s = 0; s < k; s++) {
        for (size_t i = 0; i < k; i++)
            mpq_set(m[s * w + i], pv->vertex[i * k + s]);
        mpq_set(m[s * w + k], x[s]);
    }
    for (size_t col = 0; col < k; col++) {
        size_t piv = col;
        while (piv < k && mpq_sgn(m[piv * w + col]) == 0)
            piv++;
        if (piv == k)
            return 0;
        for (size_t i = 0; i < w; i++)
            mpq_swap(m[piv * w + i], m[col * w + i]);
        for (size_t row = 0; row < k; row++) {
            if (row == col || mpq_sgn(m[row * w + col]) == 0)
                continue;
            mpq_div(pv->u, m[row * w + col], m[col * w + col]);
            for (size_t i = col; i < w; i++) {
                mpq_mul(pv->t, pv->u, m[col * w + i]);
                mpq_sub(m[row * w + i], m[row * w + i], pv->t);
            }
        }
    }
    for (size_t i = 0; i < k; i++)
        mpq_div(pv->beta[i], m[i * w + k], m[i * w + i]);
    return 1;
}

/* pv->coef = the Bernstein coefficients of f on T(p, r), vertex i at
 * p + r (e_i - 1 / k), by replacing the root's vertices one by one. */
static int on_cell(prover *pv, mpq_t *const root, mpq_t *const p)
{
    size_t k = pv->k;
    for (size_t x = 0; x < pv->c->count; x++)
        mpq_set(pv->coef[x], root[x]);
    for (size_t x = 0; x < k * k; x++)
        mpq_set_ui(pv->vertex[x], x / k == x % k, 1);
    mpq_t *target = pv->mat; /* the first row of mat holds the new vertex */
    for (size_t j = 0; j < k; j++) {
        mpq_set_ui(pv->u, (unsigned long)k, 1);
        mpq_div(pv->u, pv->r, pv->u); /* r / k (barycentric clobbers u) */
        for (size_t s = 0; s < k; s++) {
            mpq_sub(target[s], p[s], pv->u);
            if (s == j)
                mpq_add(target[s], target[s], pv->r);
        }
        if (!barycentric(pv, target))
            return 0;
        mk_bernstein_replace_vertex(pv->coef, pv->c, j, pv->beta, pv->order, pv->parts, pv->t);
        for (size_t s = 0; s < k; s++)
            mpq_set(pv->vertex[j * k + s], target[s]);
    }
    return 1;
}

/* The coefficient of composition base + e_i + e_j (base of degree n - 2). */
static mpq_t *coef_plus(prover *pv, const size_t *base, size_t i, size_t j)
{
    memcpy(pv->parts, base, pv->k * sizeof *pv->parts);
    pv->parts[i]++;
    pv->parts[j]++;
    return &pv->coef[mk_compositions_find(pv->c, pv->parts)];
}

/* hlo, hhi = bounds over T of the second derivatives of f along e_i - e_s0
 * and e_j - e_s0, from pv->coef (on T): the directions are (e_i - e_s0) / r
 * in T's barycentric coordinates, so the derivative's Bernstein
 * coefficients are n (n - 1) / r^2 times the second differences below. */
static void hessian_bounds(prover *pv, size_t s0)
{
    size_t k = pv->k;
    mpq_t scale;
    mpq_init(scale);
    mpq_mul(scale, pv->r, pv->r);
    mpq_inv(scale, scale);
    mpz_mul_ui(mpq_numref(scale), mpq_numref(scale), (unsigned long)(pv->n * (pv->n - 1)));
    mpq_canonicalize(scale);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i; j < k; j++) {
            if (i == s0 || j == s0)
                continue;
            for (size_t x = 0; x < pv->c2.count; x++) {
                const size_t *base = &pv->c2.part[x * k];
                mpq_sub(pv->t, *coef_plus(pv, base, i, j), *coef_plus(pv, base, i, s0));
                mpq_sub(pv->t, pv->t, *coef_plus(pv, base, j, s0));
                mpq_add(pv->t, pv->t, *coef_plus(pv, base, s0, s0));
                if (x == 0 || mpq_cmp(pv->t, pv->hlo[i * k + j]) < 0)
                    mpq_set(pv->hlo[i * k + j], pv->t);
                if (x == 0 || mpq_cmp(pv->t, pv->hhi[i * k + j]) > 0)
                    mpq_set(pv->hhi[i * k + j], pv->t);
            }
            mpq_mul(pv->hlo[i * k + j], pv->hlo[i * k + j], scale);
            mpq_mul(pv->hhi[i * k + j], pv->hhi[i * k + j], scale);
            mpq_set(pv->hlo[j * k + i], pv->hlo[i * k + j]);
            mpq_set(pv->hhi[j * k + i], pv->hhi[i * k + j]);
        }
    mpq_clear(scale);
}

/* out = max(|hlo_ij|, |hhi_ij|), the largest |H_ij| over T. */
static void magnitude(prover *pv, size_t i, size_t j, mpq_t out)
{
    mpq_abs(out, pv->hlo[i * pv->k + j]);
    mpq_abs(pv->t, pv->hhi[i * pv->k + j]);
    if (mpq_cmp(pv->t, out) > 0)
        mpq_set(out, pv->t);
}

/* (b) along A: every H_AA over T negative definite. With H = mid + D,
 * |D_ij| <= rad_ij, and any weights w_i > 0, |z_i z_j| <= (w_j z_i^2 / w_i
 * + w_i z_j^2 / w_j) / 2 gives z'Dz <= sum_i t_i z_i^2 with t_i = sum_j
 * rad_ij w_j / w_i (a weighted Gershgorin bound); so -mid - diag(t)
 * positive definite (all pivots of its elimination positive, Sylvester)
 * suffices. w_i ~ |mid_ii|^-1/2 balances the rows: any positive w is sound,
 * so a double proposes it. */
static int face_concave(prover *pv, size_t s0)
{
    size_t k = pv->k, m = 0, face[MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES];
    for (size_t s = 0; s < k; s++)
        if (s != s0 && flat(pv, s, s0))
            face[m++] = s;
    mpq_t weight[MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES];
    int definite = 1;
    /* mat = -(hlo + hhi) = -2 mid, and hhi - hlo = 2 rad: all doubled */
    for (size_t a = 0; a < m; a++) {
        mpq_init(weight[a]);
        for (size_t b = 0; b < m; b++) {
            size_t x = face[a] * k + face[b];
            mpq_add(pv->mat[a * m + b], pv->hhi[x], pv->hlo[x]);
            mpq_neg(pv->mat[a * m + b], pv->mat[a * m + b]);
        }
        double diagonal = mpq_get_d(pv->mat[a * m + a]);
        definite &= diagonal > 0 && isfinite(diagonal);
        if (definite)
            mpq_set_d(weight[a], 1 / sqrt(diagonal));
    }
    for (size_t a = 0; definite && a < m; a++)
        for (size_t b = 0; b < m; b++) {
            size_t x = face[a] * k + face[b];
            mpq_sub(pv->t, pv->hhi[x], pv->hlo[x]);
            mpq_mul(pv->t, pv->t, weight[b]);
            mpq_div(pv->t, pv->t, weight[a]);
            mpq_sub(pv->mat[a * m + a], pv->mat[a * m + a], pv->t);
        }
    for (size_t col = 0; definite && col < m; col++) {
        definite = mpq_sgn(pv->mat[col * m + col]) > 0;
        for (size_t row = col + 1; definite && row < m; row++) {
            mpq_div(pv->u, pv->mat[row * m + col], pv->mat[col * m + col]);
            for (size_t b = col; b < m; b++) {
                mpq_mul(pv->t, pv->u, pv->mat[col * m + b]);
                mpq_sub(pv->mat[row * m + b], pv->mat[row * m + b], pv->t);
            }
        }
    }
    for (size_t a = 0; a < m; a++)
        mpq_clear(weight[a]);
    return definite;
}

/* (b) off A: mu_s > r (sum_{i in A} |H|_is + sum_{i in B} |H|_is / 2). */
static int off_face_falls(prover *pv, size_t s0)
{
    size_t k = pv->k;
    mpq_t sum, half, mag;
    mpq_inits(sum, half, mag, NULL);
    int falls = 1;
    for (size_t s = 0; falls && s < k; s++) {
        if (flat(pv, s, s0))
            continue;
        mpq_set_ui(sum, 0, 1);
        mpq_set_ui(half, 0, 1);
        for (size_t i = 0; i < k; i++) {
            if (i == s0)
                continue;
            magnitude(pv, i, s, mag);
            mpq_add(flat(pv, i, s0) ? sum : half, flat(pv, i, s0) ? sum : half, mag);
        }
        mpq_div_2exp(half, half, 1);
        mpq_add(sum, sum, half);
        mpq_mul(sum, sum, pv->r);
        mpq_sub(mag, pv->grad[s0], pv->grad[s]); /* mu_s */
        falls = mpq_cmp(sum, mag) < 0;
    }
    mpq_clears(sum, half, mag, NULL);
    return falls;
}

/* (b) for the radius pv->r: 1 when proven on T(p, r). */
static int holds(prover *pv, mpq_t *const root, mpq_t *const p)
{
    if (!on_cell(pv, root, p))
        return 0;
    /* the basis e_s - e_s0 matters to the bounds: every s0 of the support */
    for (size_t s = 0; s < pv->k; s++) {
        if (mpq_sgn(p[s]) == 0)
            continue;
        hessian_bounds(pv, s);
        if (face_concave(pv, s) && off_face_falls(pv, s))
            return 1;
    }
    return 0;
}

int mk_superrational_prove_local(const mk_compositions *c, mpq_t *const root, mpq_t *const p,
                                 mpq_t value, mpq_t *floor, mk_ctx *ctx)
{
    size_t k = c->k, s0 = 0;
    if (c->n < 2 || k > MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES)
        return 0;
    while (mpq_sgn(p[s0]) == 0)
        s0++;
    prover pv;
    int rc = prover_init(&pv, c, ctx), proven = 0;
    if (rc == 0 && stationary(&pv, root, p, s0, value)) {
        /* The smallest radius first: where it fails (a degenerate point, a
         * saddle) the larger ones are not worth their cost. */
        mpq_set_ui(pv.r, 1, 1);
        mpq_div_2exp(pv.r, pv.r, LAST_HALVINGS);
        proven = holds(&pv, root, p);
        for (int h = FIRST_HALVINGS; proven && h <= LAST_HALVINGS; h++) {
            mpq_set_ui(pv.r, 1, 1);
            mpq_div_2exp(pv.r, pv.r, (unsigned long)h);
            if (h == LAST_HALVINGS || holds(&pv, root, p))
                break; /* the last one was proven first */
        }
    }
    if (proven) {
        mpq_set_ui(pv.u, (unsigned long)k, 1);
        mpq_div(pv.u, pv.r, pv.u);
        for (size_t s = 0; s < k; s++)
            mpq_sub(floor[s], p[s], pv.u);
    }
    prover_clear(&pv);
    return rc != 0 ? rc : proven;
}
