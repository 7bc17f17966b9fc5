/*
 * The simplicial path with restarts of mechkit/simpdiv.h: labels, the
 * pivots of Freudenthal's triangulation inside the cones A(T), and the
 * restarts on finer grids. Floating point; simpdiv_exact.c makes the
 * answer exact.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "simpdiv_internal.h"

/* The game in doubles and the state of one path. Strategies are numbered
 * globally, player after player: c in [off[j], off[j] + m[j]). */
typedef struct path {
    const mk_game *g;
    size_t n, width;
    size_t *off, *owner; /* first strategy of each player; player of each strategy */
    double *pay;         /* n_profiles * n payoffs */
    double *v;           /* the start of the current path */
    double d;            /* grid: step 1/d in the cone coordinates */
    double *x, *p, *u;   /* a vertex, its clamped profile, pure payoffs */
    double *pre;         /* prefix products, n + 1 */
    long long *a;        /* the base point's coordinates (strategies in T) */
    unsigned char *in_t; /* T */
    size_t *t_count;     /* |T_j| */
    size_t *pi;          /* the order of the simplex's directions, t entries */
    size_t *lab;         /* the labels of its t + 1 vertices */
    size_t t;
    uint64_t pivots;
} path;

/* The pure payoffs u[c] of every strategy against p (every player's
 * probabilities summing to 1). */
static void pure_payoffs(path *s)
{
    const mk_game *g = s->g;
    size_t n = s->n;
    memset(s->u, 0, s->width * sizeof *s->u);
    for (size_t k = 0; k < g->n_profiles; k++) {
        size_t rest = k;
        /* the strategies of profile k, via the strides (player 0 fastest) */
        s->pre[0] = 1.0;
        size_t *strat = s->t_count + n; /* scratch after t_count */
        for (size_t j = 0; j < n; j++) {
            strat[j] = rest % g->n_strategies[j];
            rest /= g->n_strategies[j];
            s->pre[j + 1] = s->pre[j] * s->p[s->off[j] + strat[j]];
        }
        double suffix = 1.0;
        for (size_t j = n; j-- > 0;) {
            double w = s->pre[j] * suffix;
            if (w != 0.0)
                s->u[s->off[j] + strat[j]] += w * s->pay[k * n + j];
            suffix *= s->p[s->off[j] + strat[j]];
        }
    }
}

/* The point of cone coordinates lam (over d) into s->x, and its clamped,
 * renormalised profile into s->p: x = v + sum over h of (lam_h / d)
 * (w - e_h), w the centroid of h's player's simplex. A unit of lam_h
 * lowers x_h by (1 - 1/m) / d and raises every other strategy of its
 * player by 1 / (m d), wherever v lies. (Rays toward v itself, v - e_h,
 * raise a strategy c only by v_c / d per unit: from a restart's start on
 * or near a face, a path that must bring back a strategy of tiny v_c then
 * takes millions of pivots.) Each player's directions sum to 0 and any
 * of them but one are independent, so the cones A(T) of the proper
 * subsets T still tile the space around v. */
static void point(path *s, const double *lam)
{
    for (size_t j = 0; j < s->n; j++) {
        size_t lo = s->off[j], hi = s->off[j] + s->g->n_strategies[j];
        double spread = 0.0, pos = 0.0;
        for (size_t c = lo; c < hi; c++)
            spread += lam[c] / (double)(hi - lo);
        for (size_t c = lo; c < hi; c++) {
            s->x[c] = s->v[c] + (spread - lam[c]) / s->d;
            s->p[c] = s->x[c] > 0.0 ? s->x[c] : 0.0;
            pos += s->p[c];
        }
        for (size_t c = lo; c < hi; c++)
            s->p[c] /= pos;
    }
}

/* The label of s->x (after point()): the used strategy that falls
 * shortest of its player's best, lowest on ties. Also the maximal regret
 * of s->p into *regret when regret is not NULL. */
static size_t label_of(path *s, double *regret)
{
    pure_payoffs(s);
    size_t best_c = 0;
    double worst = -1.0, max_regret = 0.0;
    for (size_t j = 0; j < s->n; j++) {
        size_t lo = s->off[j], hi = s->off[j] + s->g->n_strategies[j];
        double best = s->u[lo], value = 0.0;
        for (size_t c = lo; c < hi; c++) {
            if (s->u[c] > best)
                best = s->u[c];
            value += s->p[c] * s->u[c];
        }
        if (best - value > max_regret)
            max_regret = best - value;
        for (size_t c = lo; c < hi; c++)
            if (s->x[c] > 0.0 && best - s->u[c] > worst) {
                worst = best - s->u[c];
                best_c = c;
            }
    }
    if (regret != NULL)
        *regret = max_regret;
    return best_c;
}

/* Vertex r of the simplex (base point plus the first r directions of pi)
 * into s->x and s->p; lam is scratch of width entries. */
static void vertex(path *s, size_t r, double *lam)
{
    for (size_t c = 0; c < s->width; c++)
        lam[c] = s->in_t[c] ? (double)s->a[c] : 0.0;
    for (size_t k = 0; k < r; k++)
        lam[s->pi[k]] += 1.0;
    point(s, lam);
}

static size_t vertex_label(path *s, size_t r, double *lam)
{
    vertex(s, r, lam);
    s->pivots++;
    return label_of(s, NULL);
}

static size_t find_label(const path *s, size_t label, size_t except)
{
    for (size_t r = 0; r <= s->t; r++)
        if (r != except && s->lab[r] == label)
            return r;
    return SIZE_MAX;
}

/* Removes vertex r (its label is repeated elsewhere, or it leaves a cone)
 * and returns the index of the vertex that replaces it, or SIZE_MAX on a
 * broken invariant. */
static size_t pivot_out(path *s, size_t r, double *lam)
{
    for (;;) {
        size_t t = s->t;
        if (t == 0 || r > t)
            return SIZE_MAX;
        if (r == 0) { /* y += q(pi_1); pi rotates left */
            size_t h = s->pi[0];
            s->a[h]++;
            memmove(s->pi, s->pi + 1, (t - 1) * sizeof *s->pi);
            s->pi[t - 1] = h;
            memmove(s->lab, s->lab + 1, t * sizeof *s->lab);
            s->lab[t] = vertex_label(s, t, lam);
            return t;
        }
        if (r < t) { /* swap two directions */
            size_t h = s->pi[r - 1];
            s->pi[r - 1] = s->pi[r];
            s->pi[r] = h;
            s->lab[r] = vertex_label(s, r, lam);
            return r;
        }
        size_t h = s->pi[t - 1];
        if (s->a[h] == 0) { /* the face l_h = 0: drop h from T, then its vertex */
            s->in_t[h] = 0;
            s->t_count[s->owner[h]]--;
            s->t--;
            r = find_label(s, h, SIZE_MAX);
            continue;
        }
        s->a[h]--; /* y -= q(pi_t); pi rotates right */
        memmove(s->pi + 1, s->pi, (t - 1) * sizeof *s->pi);
        s->pi[0] = h;
        memmove(s->lab + 1, s->lab, t * sizeof *s->lab);
        s->lab[0] = vertex_label(s, 0, lam);
        return 0;
    }
}

/* One path from s->v on grid 1/s->d; the best vertex of the final
 * simplex into best (width), its regret into *regret. 1 (best untouched)
 * when the pivot budget runs out first. */
static int follow(path *s, double *lam, double *best, double *regret, mk_ctx *ctx)
{
    memset(s->in_t, 0, s->width);
    memset(s->a, 0, s->width * sizeof *s->a);
    memset(s->t_count, 0, s->n * sizeof *s->t_count);
    s->t = 0;
    s->lab[0] = vertex_label(s, 0, lam);
    size_t newest = 0;
    for (;;) {
        if (s->pivots > MK_SIMPDIV_MAX_PIVOTS)
            return 1; /* the budget is spent */
        size_t l = s->lab[newest], j = s->owner[l];
        if (!s->in_t[l] && s->t_count[j] + 1 == s->g->n_strategies[j])
            break;         /* player j's labels are complete */
        if (!s->in_t[l]) { /* one dimension up, in direction l */
            s->in_t[l] = 1;
            s->a[l] = 0;
            s->t_count[j]++;
            s->pi[s->t++] = l;
            newest = s->t;
            s->lab[newest] = vertex_label(s, newest, lam);
            continue;
        }
        size_t twin = find_label(s, l, newest);
        newest = twin == SIZE_MAX ? SIZE_MAX : pivot_out(s, twin, lam);
        if (newest == SIZE_MAX)
            return mk_error(ctx, MK_EINTERNAL, "simpdiv: the path lost its labels");
    }
    *regret = INFINITY;
    for (size_t r = 0; r <= s->t; r++) {
        double reg;
        vertex(s, r, lam);
        label_of(s, &reg);
        if (reg < *regret) {
            *regret = reg;
            memcpy(best, s->p, s->width * sizeof *best);
        }
    }
    return 0;
}

/* The indifference residuals of profile p on the support (res, dim
 * entries): for each player, every support strategy's payoff minus the
 * first one's. */
static void residuals(path *s, const double *p, const size_t *sup, size_t dim, double *res)
{
    memcpy(s->p, p, s->width * sizeof *s->p);
    pure_payoffs(s);
    for (size_t k = 0; k < dim; k++)
        res[k] = s->u[sup[k]] - s->u[sup[dim + k]];
}

/* Solves the dim x dim system jac * step = res in place (partial
 * pivoting); -1 when singular. */
static int gauss(double *jac, double *res, size_t dim)
{
    for (size_t col = 0; col < dim; col++) {
        size_t piv = col;
        for (size_t i = col + 1; i < dim; i++)
            if (fabs(jac[i * dim + col]) > fabs(jac[piv * dim + col]))
                piv = i;
        if (fabs(jac[piv * dim + col]) < 1e-300)
            return -1;
        for (size_t c = 0; c < dim; c++) {
            double t = jac[piv * dim + c];
            jac[piv * dim + c] = jac[col * dim + c];
            jac[col * dim + c] = t;
        }
        double t = res[piv];
        res[piv] = res[col];
        res[col] = t;
        for (size_t i = col + 1; i < dim; i++) {
            double f = jac[i * dim + col] / jac[col * dim + col];
            for (size_t c = col; c < dim; c++)
                jac[i * dim + c] -= f * jac[col * dim + c];
            res[i] -= f * res[col];
        }
    }
    for (size_t i = dim; i-- > 0;) {
        for (size_t c = i + 1; c < dim; c++)
            res[i] -= jac[i * dim + c] * res[c];
        res[i] /= jac[i * dim + i];
    }
    return 0;
}

/* The least-norm solution of jac * step = res (dim x dim, rows the
 * equations) into res: step = jac^T z with (jac jac^T + mu) z = res, mu
 * a 1e-13 relative regularisation, so that a singular system (a degenerate
 * game's continuum of equilibria on the support) still converges onto
 * its solutions. -1 when jac is 0 or memory runs out. */
static int least_norm(const double *jac, double *res, size_t dim)
{
    double *m = malloc((dim * dim + 1) * sizeof *m), *z = malloc((dim + 1) * sizeof *z);
    double top = 0.0;
    int rc = m == NULL || z == NULL ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < dim; i++) {
        z[i] = res[i];
        for (size_t k = 0; k < dim; k++) {
            double dot = 0.0;
            for (size_t c = 0; c < dim; c++)
                dot += jac[i * dim + c] * jac[k * dim + c];
            m[i * dim + k] = dot;
        }
        top = fmax(top, m[i * dim + i]);
    }
    if (rc == 0 && top == 0.0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < dim; i++)
        m[i * dim + i] += 1e-13 * top;
    if (rc == 0)
        rc = gauss(m, z, dim);
    for (size_t k = 0; rc == 0 && k < dim; k++) {
        res[k] = 0.0;
        for (size_t i = 0; i < dim; i++)
            res[k] += jac[i * dim + k] * z[i];
    }
    free(m);
    free(z);
    return rc;
}

#define POLISH_MAX_DIM 64

/* Newton's method on the indifference equations of the support (the
 * strategies of x above threshold) from x (each
 * support strategy but the first of its player is an unknown; the first
 * takes the rest). On success (a profile with probabilities >= 0 and a
 * smaller maximal regret) x and *regret are replaced and 0 returned; else
 * -1 and nothing changes. */
static int simpdiv_polish(path *s, double *x, double *regret, double threshold)
{
    size_t sup[2 * POLISH_MAX_DIM], dim = 0, w = s->width;
    for (size_t j = 0; j < s->n; j++) {
        size_t base = SIZE_MAX;
        for (size_t c = s->off[j]; c < s->off[j] + s->g->n_strategies[j]; c++) {
            if (x[c] <= threshold)
                continue;
            if (base == SIZE_MAX) {
                base = c;
            } else if (dim < POLISH_MAX_DIM) {
                sup[dim] = c;
                sup[POLISH_MAX_DIM + dim++] = base;
            } else {
                return -1;
            }
        }
    }
    for (size_t k = 0; k < dim; k++)
        sup[dim + k] = sup[POLISH_MAX_DIM + k];
    double *p = malloc(w * sizeof *p), *q = malloc(w * sizeof *q);
    double *res = malloc((dim + 1) * sizeof *res), *r2 = malloc((dim + 1) * sizeof *r2);
    double *jac = malloc((dim * dim + 1) * sizeof *jac);
    int ok = p != NULL && q != NULL && res != NULL && r2 != NULL && jac != NULL;
    if (ok) {
        for (size_t c = 0; c < w; c++)
            p[c] = x[c] > threshold ? x[c] : 0.0;
    }
    for (int iter = 0; ok && iter < 40; iter++) {
        for (size_t j = 0; j < s->n; j++) { /* every player's probabilities sum to 1 */
            double sum = 0.0;
            for (size_t c = s->off[j]; c < s->off[j] + s->g->n_strategies[j]; c++)
                sum += p[c];
            for (size_t c = s->off[j]; c < s->off[j] + s->g->n_strategies[j]; c++)
                p[c] /= sum;
        }
        residuals(s, p, sup, dim, res);
        double norm = 0.0;
        for (size_t k = 0; k < dim; k++)
            norm = fmax(norm, fabs(res[k]));
        if (norm == 0.0 || dim == 0)
            break;
        for (size_t k = 0; k < dim; k++) { /* central differences */
            const double h = 1e-7;
            memcpy(q, p, w * sizeof *q);
            q[sup[k]] += h, q[sup[dim + k]] -= h;
            residuals(s, q, sup, dim, r2);
            q[sup[k]] -= 2 * h, q[sup[dim + k]] += 2 * h;
            residuals(s, q, sup, dim, jac + k * dim); /* column k, stored as row k */
            for (size_t i = 0; i < dim; i++)
                jac[k * dim + i] = (r2[i] - jac[k * dim + i]) / (2 * h);
        }
        for (size_t i = 0; i < dim; i++) /* transpose into rows of equations */
            for (size_t k = i + 1; k < dim; k++) {
                double t = jac[i * dim + k];
                jac[i * dim + k] = jac[k * dim + i];
                jac[k * dim + i] = t;
            }
        if (least_norm(jac, res, dim) != 0) {
            ok = 0;
            break;
        }
        for (size_t k = 0; k < dim; k++)
            p[sup[k]] -= res[k], p[sup[dim + k]] += res[k];
        for (size_t c = 0; c < w; c++)
            ok = ok && isfinite(p[c]) && p[c] > -1e-12;
    }
    double reg = INFINITY;
    if (ok) {
        for (size_t c = 0; c < w; c++)
            p[c] = p[c] > 0.0 ? p[c] : 0.0;
        memcpy(s->x, p, w * sizeof *s->x);
        memcpy(s->p, p, w * sizeof *s->p);
        label_of(s, &reg);
    }
    ok = ok && reg < *regret;
    if (ok) {
        memcpy(x, p, w * sizeof *x);
        *regret = reg;
    }
    free(p);
    free(q);
    free(res);
    free(r2);
    free(jac);
    return ok ? 0 : -1;
}

static void path_free(path *s)
{
    free(s->off);
    free(s->owner);
    free(s->pay);
    free(s->v);
    free(s->x);
    free(s->p);
    free(s->u);
    free(s->pre);
    free(s->a);
    free(s->in_t);
    free(s->t_count);
    free(s->pi);
    free(s->lab);
}

/* The game in doubles, and its payoff range (at least 1e-300). */
static int path_init(path *s, const mk_game *g, double *range, mk_ctx *ctx)
{
    memset(s, 0, sizeof *s);
    s->g = g;
    s->n = g->n_players;
    for (size_t j = 0; j < s->n; j++)
        s->width += g->n_strategies[j];
    size_t w = s->width, n = s->n;
    s->off = malloc(n * sizeof *s->off);
    s->owner = malloc(w * sizeof *s->owner);
    s->pay = malloc(g->n_profiles * n * sizeof *s->pay);
    s->v = malloc(w * sizeof *s->v);
    s->x = malloc(w * sizeof *s->x);
    s->p = malloc(w * sizeof *s->p);
    s->u = malloc(w * sizeof *s->u);
    s->pre = malloc((n + 1) * sizeof *s->pre);
    s->a = malloc(w * sizeof *s->a);
    s->in_t = malloc(w);
    s->t_count = malloc(2 * n * sizeof *s->t_count); /* and the profile scratch */
    s->pi = malloc(w * sizeof *s->pi);
    s->lab = malloc((w + 1) * sizeof *s->lab);
    if (!s->off || !s->owner || !s->pay || !s->v || !s->x || !s->p || !s->u || !s->pre || !s->a ||
        !s->in_t || !s->t_count || !s->pi || !s->lab)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t j = 0, c = 0; j < n; j++) {
        s->off[j] = c;
        for (size_t h = 0; h < g->n_strategies[j]; h++, c++) {
            s->owner[c] = j;
            s->v[c] = 1.0 / (double)g->n_strategies[j];
        }
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < g->n_profiles * n; k++) {
        s->pay[k] = (double)g->payoff[k].num / (double)g->payoff[k].den;
        lo = fmin(lo, s->pay[k]);
        hi = fmax(hi, s->pay[k]);
    }
    *range = fmax(hi - lo, 1e-300);
    return 0;
}

int mk_game_solve_simpdiv(const mk_game *g, double tol, mk_simpdiv *out, mk_ctx *ctx)
{
    if (g->n_players < 2)
        return mk_error(ctx, MK_EINPUT, "simpdiv needs a game of at least 2 players (this has %zu)",
                        g->n_players);
    if (g->n_profiles > MK_SIMPDIV_MAX_PROFILES)
        return mk_error(ctx, MK_ELIMIT,
                        "simpdiv takes at most %zu pure profiles (this game has %zu)",
                        MK_SIMPDIV_MAX_PROFILES, g->n_profiles);
    if (tol <= 0.0)
        tol = MK_SIMPDIV_TOLERANCE;
    path s;
    double range = 1.0, regret = INFINITY;
    mk_simpdiv r = MK_SIMPDIV_INIT;
    int rc = path_init(&s, g, &range, ctx);
    double *lam = rc == 0 ? malloc(s.width * sizeof *lam) : NULL;
    double *best = rc == 0 ? malloc(s.width * sizeof *best) : NULL;
    if (rc == 0 && (lam == NULL || best == NULL))
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (s.d = 4.0; rc == 0; s.d *= 2.0) {
        int spent = follow(&s, lam, best, &regret, ctx);
        if (spent < 0 || (spent == 1 && r.refinements == 0)) {
            rc = spent < 0 ? spent
                           : mk_error(ctx, MK_ELIMIT,
                                      "simpdiv: more than %d pivots without an equilibrium",
                                      MK_SIMPDIV_MAX_PIVOTS);
            break;
        }
        if (spent == 1)
            break; /* report the last approximation, with its regret */
        r.refinements++;
        r.grid = (uint64_t)s.d;
        /* the support as the probabilities above 1e-6, or above the grid's noise */
        if (simpdiv_polish(&s, best, &regret, 1e-6) == 0 && regret <= tol * range)
            break;
        if (simpdiv_polish(&s, best, &regret, fmin(0.1, 1.0 / s.d)) == 0 && regret <= tol * range)
            break;
        if ((rc = simpdiv_round(g, best, fmin(0.1, 1.0 / s.d), 1, &r, ctx)) != 0 || r.exact)
            break;
        if (s.d >= 0x1p40)
            break;
        /* The next path starts at the approximation itself, usually on a
         * face of the simplices: point()'s directions do not depend on v. */
        memcpy(s.v, best, s.width * sizeof *s.v);
    }
    r.pivots = s.pivots;
    r.float_regret = regret;
    r.converged = regret <= tol * range;
    if (rc == 0 && !r.exact)
        rc = simpdiv_round(g, best, 0.0, 0, &r, ctx);
    if (rc == 0) {
        *out = r;
    } else {
        mk_simpdiv_free(&r);
    }
    free(lam);
    free(best);
    path_free(&s);
    return rc;
}
