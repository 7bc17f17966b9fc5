/*
 * Superrational choice of a two-player symmetric game with k strategies
 * (mechkit/kantian.h): the maximum of the quadratic u(p, p) = p'Ap over the
 * simplex, by its critical points on the relative interior of every face
 * (the KKT conditions of a standard quadratic program, Bomze 1998, "On
 * standard quadratic optimization problems", J. Global Optimization 13).
 */
#include <stdlib.h>
#include <string.h>

#include "superrational_internal.h"

#define MAX_STRATEGIES 12

typedef struct quadratic {
    size_t k;
    mpq_t *a;   /* A, k * k: a[i * k + j] = u(i against j) */
    mpq_t *sys; /* the linear system of one face, (k + 1) * (k + 2) */
    mpq_t *p;   /* k: the critical point of the face */
} quadratic;

/* Solves sum_{j in S} (A + A')_ij p_j - lambda = 0 (i in S), sum p_j = 1
 * by exact Gauss-Jordan elimination; 1 when the solution is unique and in
 * the relative interior of the face (every p_j > 0, j in S). */
static int face_point(quadratic *q, unsigned mask)
{
    size_t k = q->k, idx[MAX_STRATEGIES], s = 0;
    for (size_t i = 0; i < k; i++)
        if (mask & (1u << i))
            idx[s++] = i;
    size_t cols = s + 2; /* p_S, lambda, right-hand side */
    mpq_t *m = q->sys, t;
    mpq_init(t);
    for (size_t r = 0; r < s; r++) {
        for (size_t c = 0; c < s; c++)
            mpq_add(m[r * cols + c], q->a[idx[r] * k + idx[c]], q->a[idx[c] * k + idx[r]]);
        mpq_set_si(m[r * cols + s], -1, 1);
        mpq_set_ui(m[r * cols + s + 1], 0, 1);
    }
    for (size_t c = 0; c < s; c++)
        mpq_set_ui(m[s * cols + c], 1, 1);
    mpq_set_ui(m[s * cols + s], 0, 1);
    mpq_set_ui(m[s * cols + s + 1], 1, 1);
    size_t n = s + 1;
    int regular = 1;
    for (size_t c = 0; regular && c < n; c++) {
        size_t piv = c;
        while (piv < n && mpq_sgn(m[piv * cols + c]) == 0)
            piv++;
        if (piv == n) {
            regular = 0;
            break;
        }
        if (piv != c)
            for (size_t j = 0; j < cols; j++)
                mpq_swap(m[piv * cols + j], m[c * cols + j]);
        for (size_t r = 0; r < n; r++) {
            if (r == c || mpq_sgn(m[r * cols + c]) == 0)
                continue;
            mpq_div(t, m[r * cols + c], m[c * cols + c]);
            for (size_t j = c; j < cols; j++) {
                mpq_t u;
                mpq_init(u);
                mpq_mul(u, t, m[c * cols + j]);
                mpq_sub(m[r * cols + j], m[r * cols + j], u);
                mpq_clear(u);
            }
        }
    }
    int interior = regular;
    for (size_t i = 0; i < k; i++)
        mpq_set_ui(q->p[i], 0, 1);
    for (size_t r = 0; interior && r < s; r++) {
        mpq_div(q->p[idx[r]], m[r * cols + s + 1], m[r * cols + r]);
        interior = mpq_sgn(q->p[idx[r]]) > 0;
    }
    mpq_clear(t);
    return interior;
}

static void value_at(const quadratic *q, mpq_t *p, mpq_t v)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(v, 0, 1);
    for (size_t i = 0; i < q->k; i++)
        for (size_t j = 0; j < q->k; j++) {
            mpq_mul(t, p[i], p[j]);
            mpq_mul(t, t, q->a[i * q->k + j]);
            mpq_add(v, v, t);
        }
    mpq_clear(t);
}

/* A found critical point: its probabilities and value. */
typedef struct point {
    mpq_t *p;
    mpq_t v;
} point;

/* 1 when a comes after b: in decreasing probability of strategy 1, then 2... */
static int point_after(const point *a, const point *b, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        int c = mpq_cmp(a->p[i], b->p[i]);
        if (c != 0)
            return c < 0;
    }
    return 0;
}

/* Insertion sort: a handful of points. */
static void points_sort(point *pts, size_t n, size_t k)
{
    for (size_t i = 1; i < n; i++) {
        point x = pts[i];
        size_t j = i;
        for (; j > 0 && point_after(&pts[j - 1], &x, k); j--)
            pts[j] = pts[j - 1];
        pts[j] = x;
    }
}

static int quadratic_init(quadratic *q, const mk_symgame *g, mk_ctx *ctx)
{
    size_t k = g->n_strategies, counts[MAX_STRATEGIES];
    q->k = k;
    q->a = malloc(k * k * sizeof *q->a);
    q->sys = malloc((k + 1) * (k + 2) * sizeof *q->sys);
    q->p = malloc(k * sizeof *q->p);
    if (q->a == NULL || q->sys == NULL || q->p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; i < k * k; i++)
        mpq_init(q->a[i]);
    for (size_t i = 0; i < (k + 1) * (k + 2); i++)
        mpq_init(q->sys[i]);
    for (size_t i = 0; i < k; i++)
        mpq_init(q->p[i]);
    for (size_t j = 0; j < k; j++) {
        memset(counts, 0, sizeof counts);
        counts[j] = 1; /* the other player plays j */
        size_t c = mk_symgame_count_index(g, counts);
        for (size_t i = 0; i < k; i++)
            mk_mpq_from_rational(q->a[i * k + j], g->payoff[i * g->n_counts + c]);
    }
    return 0;
}

static void quadratic_clear(quadratic *q)
{
    size_t k = q->k;
    if (q->a != NULL)
        for (size_t i = 0; i < k * k; i++)
            mpq_clear(q->a[i]);
    if (q->sys != NULL)
        for (size_t i = 0; i < (k + 1) * (k + 2); i++)
            mpq_clear(q->sys[i]);
    if (q->p != NULL)
        for (size_t i = 0; i < k; i++)
            mpq_clear(q->p[i]);
    free(q->a);
    free(q->sys);
    free(q->p);
}

static void points_free(point *pts, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            mpq_clear(pts[i].p[j]);
        free(pts[i].p);
        mpq_clear(pts[i].v);
    }
    free(pts);
}

/* Records the critical point q->p and its value. */
static int keep(point **pts, size_t *n, const quadratic *q, mk_ctx *ctx)
{
    point *x = realloc(*pts, (*n + 1) * sizeof *x);
    if (x == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    *pts = x;
    point *np = &x[*n];
    np->p = malloc(q->k * sizeof *np->p);
    if (np->p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    mpq_init(np->v);
    for (size_t j = 0; j < q->k; j++) {
        mpq_init(np->p[j]);
        mpq_set(np->p[j], q->p[j]);
    }
    value_at(q, q->p, np->v);
    (*n)++;
    return 0;
}

int mk_superrational_quadratic(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx)
{
    if (g->n_strategies > MAX_STRATEGIES)
        return mk_error(ctx, MK_ELIMIT,
                        "superrational choice of a two-player game with %zu strategies: at most "
                        "%d",
                        g->n_strategies, MAX_STRATEGIES);
    quadratic q = {0, NULL, NULL, NULL};
    point *pts = NULL;
    size_t n = 0;
    int rc = quadratic_init(&q, g, ctx);
    /* p'Ap = p'(A + A')p / 2 is the same everywhere on the simplex exactly
     * when every entry of A + A' is the same. */
    out->constant = rc == 0;
    for (size_t i = 0; out->constant && i < q.k * q.k; i++) {
        mpq_t s0, si;
        mpq_inits(s0, si, NULL);
        mpq_add(s0, q.a[0], q.a[0]);
        mpq_add(si, q.a[i], q.a[(i % q.k) * q.k + i / q.k]);
        out->constant = mpq_equal(s0, si);
        mpq_clears(s0, si, NULL);
    }
    for (unsigned mask = 1; rc == 0 && mask < (1u << q.k); mask++)
        if (face_point(&q, mask))
            rc = keep(&pts, &n, &q, ctx);
    mpq_t best;
    mpq_init(best);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || mpq_cmp(pts[i].v, best) > 0)
            mpq_set(best, pts[i].v);
    if (rc == 0)
        points_sort(pts, n, q.k);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (mpq_equal(pts[i].v, best))
            rc = mk_superrational_add_exact(out, pts[i].p, pts[i].v, ctx);
    mpq_clear(best);
    points_free(pts, n, q.k);
    quadratic_clear(&q);
    return rc;
}
