/*
 * Interval branch and prune for the system of one support profile
 * (enumpoly_box.h): exclusion by interval evaluation, and the Krawczyk
 * operator K(X) = m - Y F(m) + (I - Y F'(X)) (X - m), Y an approximate
 * inverse of F'(m) (Krawczyk 1969; Moore, Kearfott and Cloud 2009,
 * section 8.4): every root in X lies in K(X), and when K(X) lies in the
 * interior of X, X holds exactly one root (Rump's test, ibid.).
 */
#include "enumpoly_box.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/enumpoly.h"

/* The search box reaches a little beyond [0, 1], so that a root on a face
 * of the simplex lies inside it; an odd number, so that simple fractions
 * are not where boxes are cut. The same for the split point. */
#define BOX_MARGIN 0.0173
#define SPLIT_AT 0.4679
#define MIN_WIDTH 1e-9
#define NONE ((size_t)-1)
/* Boxes given up in one support before the rest of it is given up too:
 * such boxes come from continua of equilibria (or of near-solutions),
 * which bisection would follow box by box. */
#define MAX_GIVEN_UP 64

typedef struct work {
    enumpoly_system *sy;
    size_t d;
    double *m, *jm, *y; /* d, d * d, d * d */
    ival *fm, *jx, *k;  /* d, d * d, d */
    ival *stack;        /* boxes of d intervals */
    size_t top, cap;
} work;

/* Inverts a (d x d, destroyed) into y by Gauss-Jordan elimination with
 * partial pivoting; -1 when a pivot is (numerically) zero. */
static int invert(double *a, double *y, size_t d)
{
    for (size_t r = 0; r < d; r++)
        for (size_t c = 0; c < d; c++)
            y[r * d + c] = r == c;
    for (size_t c = 0; c < d; c++) {
        size_t p = c;
        for (size_t r = c + 1; r < d; r++)
            if (fabs(a[r * d + c]) > fabs(a[p * d + c]))
                p = r;
        if (!(fabs(a[p * d + c]) > 1e-200))
            return -1;
        for (size_t k = 0; k < d; k++) {
            double t = a[c * d + k];
            a[c * d + k] = a[p * d + k];
            a[p * d + k] = t;
            t = y[c * d + k];
            y[c * d + k] = y[p * d + k];
            y[p * d + k] = t;
        }
        double inv = 1 / a[c * d + c];
        for (size_t k = 0; k < d; k++) {
            a[c * d + k] *= inv;
            y[c * d + k] *= inv;
        }
        for (size_t r = 0; r < d; r++) {
            double f = a[r * d + c];
            if (r == c || f == 0)
                continue;
            for (size_t k = 0; k < d; k++) {
                a[r * d + k] -= f * a[c * d + k];
                y[r * d + k] -= f * y[c * d + k];
            }
        }
    }
    return 0;
}

/* Equation e over the loaded box, or its derivative by variable v. */
static ival equation(work *w, size_t e, size_t v)
{
    enumpoly_system *sy = w->sy;
    size_t i = sy->var_player[e];
    return enumpoly_gain(sy, i, sy->var[e] - sy->first[i], v);
}

/* K(X) into w->k; -1 when F'(m) is singular. */
static int krawczyk(work *w, const ival *x)
{
    size_t d = w->d;
    for (size_t l = 0; l < d; l++)
        w->k[l] = iv_point(w->m[l] = iv_mid(x[l]));
    enumpoly_load(w->sy, w->k);
    for (size_t e = 0; e < d; e++) {
        w->fm[e] = equation(w, e, (size_t)-1);
        for (size_t l = 0; l < d; l++)
            w->jm[e * d + l] = iv_mid(equation(w, e, l));
    }
    if (invert(w->jm, w->y, d) != 0)
        return -1;
    for (size_t e = 0; e < d; e++)
        for (size_t l = 0; l < d; l++) {
            size_t i = w->sy->var_player[e];
            w->jx[e * d + l] = enumpoly_gain_range(w->sy, x, i, w->sy->var[e] - w->sy->first[i], l);
        }
    for (size_t k = 0; k < d; k++) {
        ival sum = iv_point(w->m[k]);
        for (size_t e = 0; e < d; e++)
            sum = iv_sub(sum, iv_mul(iv_point(w->y[k * d + e]), w->fm[e]));
        for (size_t l = 0; l < d; l++) {
            ival c = iv_point(k == l);
            for (size_t e = 0; e < d; e++)
                c = iv_sub(c, iv_mul(iv_point(w->y[k * d + e]), w->jx[e * d + l]));
            sum = iv_add(sum, iv_mul(c, iv_sub(x[l], iv_point(w->m[l]))));
        }
        w->k[k] = sum;
    }
    return 0;
}

static int strictly_inside(const ival *k, const ival *x, size_t d)
{
    for (size_t l = 0; l < d; l++)
        if (!(k[l].lo > x[l].lo && k[l].hi < x[l].hi))
            return 0;
    return 1;
}

/* x := x meet k; 0 when they are disjoint. */
static int meet(ival *x, const ival *k, size_t d)
{
    for (size_t l = 0; l < d; l++) {
        x[l].lo = k[l].lo > x[l].lo ? k[l].lo : x[l].lo;
        x[l].hi = k[l].hi < x[l].hi ? k[l].hi : x[l].hi;
        if (x[l].lo > x[l].hi)
            return 0;
    }
    return 1;
}

static double widest(const ival *x, size_t d, size_t *at)
{
    double best = -1;
    for (size_t l = 0; l < d; l++)
        if (iv_width(x[l]) > best) {
            best = iv_width(x[l]);
            *at = l;
        }
    return best;
}

/* Narrows x to the probabilities that can sum to at most 1 + BOX_MARGIN
 * per player: each variable at most that minus the lower bounds of the
 * player's others (constraint propagation; no root is lost). 0 when the
 * box becomes empty. */
static int narrow(const enumpoly_system *sy, ival *x)
{
    for (size_t l = 0; l < sy->d; l++) {
        double rest = 1 + BOX_MARGIN;
        for (size_t k = 0; k < sy->d; k++)
            if (k != l && sy->var_player[k] == sy->var_player[l])
                rest -= x[k].lo;
        rest = nextafter(rest, INFINITY);
        if (rest < x[l].hi)
            x[l].hi = rest;
        if (x[l].hi < x[l].lo)
            return 0;
    }
    return 1;
}

/* 1 when interval evaluation shows that box x holds no equilibrium of
 * this support: an equation that cannot vanish, or a strategy outside
 * the support that surely pays more. */
static int excluded(work *w, ival *x)
{
    enumpoly_system *sy = w->sy;
    if (x != NULL && !narrow(sy, x))
        return 1;
    if (enumpoly_load(sy, x) != 0)
        return 1;
    for (size_t e = 0; e < w->d; e++) {
        size_t i = sy->var_player[e];
        if (!iv_contains_zero(enumpoly_gain_range(sy, x, i, sy->var[e] - sy->first[i], NONE)))
            return 1;
    }
    for (size_t i = 0; i < sy->n; i++)
        for (size_t t = 0; t < sy->g->n_strategies[i]; t++)
            if (!(sy->support[i] >> t & 1) && enumpoly_gain_range(sy, x, i, t, NONE).lo > 0)
                return 1;
    return 0;
}

/* A root proven unique in cert: narrows a copy of it by Krawczyk steps
 * while they shrink it, and reports both. */
static int certified(work *w, const ival *cert, ival *encl, enumpoly_found found, void *user)
{
    size_t d = w->d, at;
    memcpy(encl, cert, d * sizeof *encl);
    meet(encl, w->k, d);
    for (int step = 0; step < 60; step++) {
        double before = widest(encl, d, &at);
        if (krawczyk(w, encl) != 0 || !meet(encl, w->k, d) || widest(encl, d, &at) > 0.9 * before)
            break;
    }
    return found(user, w->sy, cert, encl);
}

static int push(work *w, const ival *x)
{
    if (w->top == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        ival *grown = realloc(w->stack, cap * w->d * sizeof *grown);
        if (grown == NULL)
            return -1;
        w->stack = grown;
        w->cap = cap;
    }
    memcpy(w->stack + w->top++ * w->d, x, w->d * sizeof *x);
    return 0;
}

/* Tries to certify x after widening it around itself by its width (a
 * root on a face of x is then inside: Rump's epsilon-inflation). */
static int inflated(work *w, ival *x, ival *scratch, enumpoly_found found, void *user, int *done)
{
    size_t d = w->d, at;
    double grow = widest(x, d, &at) + 1e-15;
    for (size_t l = 0; l < d; l++)
        scratch[l] = (ival){x[l].lo - grow, x[l].hi + grow};
    *done = krawczyk(w, scratch) == 0 && strictly_inside(w->k, scratch, d);
    return *done ? certified(w, scratch, x, found, user) : MK_OK;
}

/* One box: excluded, certified, contracted and split, or given up. */
static int examine(work *w, ival *x, ival *scratch, enumpoly_found found, void *user,
                   size_t *unresolved)
{
    size_t d = w->d, at = 0;
    if (excluded(w, x))
        return MK_OK;
    if (krawczyk(w, x) == 0) {
        if (strictly_inside(w->k, x, d)) {
            memcpy(scratch, x, d * sizeof *x);
            return certified(w, scratch, x, found, user);
        }
        if (!meet(x, w->k, d))
            return MK_OK;
    }
    double width = widest(x, d, &at);
    if (width < MIN_WIDTH) {
        int done = 0, rc = inflated(w, x, scratch, found, user, &done);
        *unresolved += !done && rc == 0;
        return rc;
    }
    double cut = x[at].lo + SPLIT_AT * width;
    ival hi = {cut, x[at].hi};
    x[at].hi = cut;
    if (push(w, x) != 0)
        return MK_ENOMEM;
    x[at] = hi;
    return push(w, x) != 0 ? MK_ENOMEM : MK_OK;
}

int enumpoly_solve(enumpoly_system *sy, enumpoly_found found, void *user, size_t *unresolved,
                   mk_ctx *ctx)
{
    size_t d = sy->d;
    if (d == 0) { /* every support a single strategy: one candidate point */
        enumpoly_load(sy, NULL);
        return excluded(&(work){.sy = sy}, NULL) ? MK_OK : found(user, sy, NULL, NULL);
    }
    work w = {sy, d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0};
    w.m = malloc(d * sizeof *w.m);
    w.jm = malloc(d * d * sizeof *w.jm);
    w.y = malloc(d * d * sizeof *w.y);
    w.fm = malloc(d * sizeof *w.fm);
    w.jx = malloc(d * d * sizeof *w.jx);
    w.k = malloc(d * sizeof *w.k);
    ival *x = malloc(2 * d * sizeof *x);
    int rc = w.m && w.jm && w.y && w.fm && w.jx && w.k && x ? MK_OK : MK_ENOMEM;
    for (size_t l = 0; rc == 0 && l < d; l++)
        x[l] = (ival){-BOX_MARGIN, 1 + BOX_MARGIN};
    if (rc == 0 && push(&w, x) != 0)
        rc = MK_ENOMEM;
    size_t boxes = 0, given_up = 0;
    while (rc == 0 && w.top > 0) {
        if (++boxes > MK_ENUMPOLY_MAX_BOXES || given_up >= MAX_GIVEN_UP) {
            given_up += w.top;
            break;
        }
        memcpy(x, w.stack + --w.top * d, d * sizeof *x);
        rc = examine(&w, x, x + d, found, user, &given_up);
    }
    *unresolved += given_up > 0;
    free(w.m), free(w.jm), free(w.y), free(w.fm), free(w.jx), free(w.k), free(w.stack), free(x);
    return rc == MK_ENOMEM ? mk_error(ctx, MK_ENOMEM, "out of memory for enumpoly") : rc;
}
