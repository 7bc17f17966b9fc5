/*
 * The exact rounding of simpdiv's approximation (mechkit/simpdiv.h): the
 * support's best-reply conditions solved by exact LPs (2 players), the
 * simplest nearby fractions (any number of players), else 12-digit
 * decimals; each candidate checked by the exact regret of
 * regret_internal.h.
 */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp_exact.h"
#include "regret_internal.h"
#include "simpdiv_internal.h"

#define FRACTION_TOLERANCE 1e-9
#define FRACTION_MAX_DEN 1000000
#define DECIMAL_SCALE 1000000000000LL /* 12 digits */

typedef struct rounding {
    const mk_game *g;
    size_t n, width;
    const double *x;
    double threshold;                  /* the support: probabilities above it */
    mpq_t *p, *payoff, *best, *regret; /* width, n, n, 1 */
    mk_ctx *ctx;
} rounding;

static size_t first(const rounding *r, size_t j)
{
    size_t c = 0;
    for (size_t i = 0; i < j; i++)
        c += r->g->n_strategies[i];
    return c;
}

static int in_support(const rounding *r, size_t c)
{
    return r->x[c] > r->threshold;
}

/* The maximal regret of r->p into r->regret[0]; 1 when it is 0. */
static int check(rounding *r, int *is_nash)
{
    if (mk_regret_mpq(r->g, r->p, r->payoff, r->best, NULL, r->ctx) != 0)
        return -1;
    mpq_set_ui(r->regret[0], 0, 1);
    mpq_t d;
    mpq_init(d);
    for (size_t j = 0; j < r->n; j++) {
        mpq_sub(d, r->best[j], r->payoff[j]);
        if (mpq_cmp(d, r->regret[0]) > 0)
            mpq_set(r->regret[0], d);
    }
    mpq_clear(d);
    *is_nash = mpq_sgn(r->regret[0]) == 0;
    return 0;
}

/* For 2 players: the other player's probabilities on its support that
 * make every support strategy of player `who` a best reply, by an exact
 * feasibility LP (lp_exact.h) over y >= 0 on the other's support and the
 * value v = v+ - v-: A_h y = v for h in who's support, A_h y <= v for
 * the rest, sum y = 1. Any solution for both players is an equilibrium
 * (each support is a set of best replies), also in degenerate games whose
 * supports differ in size. 1 when found (into r->p), 0 when infeasible,
 * negative on an error. */
static int solve_other(rounding *r, size_t who)
{
    const mk_game *g = r->g;
    size_t other = 1 - who, m0 = g->n_strategies[0], mw = g->n_strategies[who];
    size_t row_from = first(r, who), col_from = first(r, other), k = 0, in_rows = 0;
    size_t *cols = malloc(g->n_strategies[other] * sizeof *cols);
    if (cols == NULL)
        return mk_error(r->ctx, MK_ENOMEM, "out of memory");
    for (size_t s = 0; s < g->n_strategies[other]; s++)
        if (in_support(r, col_from + s))
            cols[k++] = s;
    for (size_t h = 0; h < mw; h++)
        in_rows += in_support(r, row_from + h);
    lp_exact lp;
    size_t rows = mw + in_rows + 2, vars = k + 2;
    int rc = lp_exact_new(&lp, rows, vars, r->ctx);
    for (size_t h = 0, row = 0; rc == 0 && h < mw; h++) {
        int twice = in_support(r, row_from + h);
        for (int sign = 1; sign >= (twice ? -1 : 1); sign -= 2, row++) {
            for (size_t c = 0; c < k; c++) {
                size_t prof = who == 0 ? h + cols[c] * m0 : cols[c] + h * m0;
                mk_rational v = mk_game_payoff(g, prof, who);
                mpq_set_si(lp.a[row * vars + c], sign * v.num, (unsigned long)v.den);
                mpq_canonicalize(lp.a[row * vars + c]);
            }
            mpq_set_si(lp.a[row * vars + k], -sign, 1);
            mpq_set_si(lp.a[row * vars + k + 1], sign, 1);
        }
    }
    for (size_t c = 0; rc == 0 && c < k; c++) {
        mpq_set_si(lp.a[(rows - 2) * vars + c], 1, 1);
        mpq_set_si(lp.a[(rows - 1) * vars + c], -1, 1);
    }
    if (rc == 0) {
        mpq_set_si(lp.b[rows - 2], 1, 1);
        mpq_set_si(lp.b[rows - 1], -1, 1);
        mpq_t *y = malloc(vars * sizeof *y), value;
        mpq_init(value);
        for (size_t c = 0; y != NULL && c < vars; c++)
            mpq_init(y[c]);
        rc = y == NULL ? mk_error(r->ctx, MK_ENOMEM, "out of memory")
                       : lp_exact_maximize(&lp, y, value, r->ctx);
        if (rc == LP_EXACT_INFEASIBLE) {
            rc = 0;
        } else if (rc == 0) {
            for (size_t s = 0; s < g->n_strategies[other]; s++)
                mpq_set_ui(r->p[col_from + s], 0, 1);
            for (size_t c = 0; c < k; c++)
                mpq_set(r->p[col_from + cols[c]], y[c]);
            rc = 1;
        }
        for (size_t c = 0; y != NULL && c < vars; c++)
            mpq_clear(y[c]);
        free(y);
        mpq_clear(value);
    }
    lp_exact_free(&lp);
    free(cols);
    return rc;
}

/* The simplest fraction within FRACTION_TOLERANCE of v (continued
 * fractions, denominators up to FRACTION_MAX_DEN), or 0 when none. */
static int fraction(double v, long long *num, long long *den)
{
    long long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
    double rest = v;
    for (int step = 0; step < 40; step++) {
        double a = floor(rest);
        long long ai = (long long)a, h2 = ai * h1 + h0, k2 = ai * k1 + k0;
        if (k2 > FRACTION_MAX_DEN)
            return 0;
        h0 = h1, h1 = h2, k0 = k1, k1 = k2;
        if (fabs(v - (double)h1 / (double)k1) <= FRACTION_TOLERANCE) {
            *num = h1;
            *den = k1;
            return 1;
        }
        if (rest - a < 1e-15)
            return 0;
        rest = 1.0 / (rest - a);
    }
    return 0;
}

/* Player j's probabilities as nearby fractions into r->p; 0 when some has
 * none or they do not sum to 1. */
static int fractions(rounding *r, size_t j)
{
    size_t from = first(r, j);
    mpq_t sum;
    mpq_init(sum);
    int ok = 1;
    for (size_t s = 0; ok && s < r->g->n_strategies[j]; s++) {
        long long num = 0, den = 1;
        ok = !in_support(r, from + s) || fraction(r->x[from + s], &num, &den);
        mpq_set_si(r->p[from + s], num, (unsigned long)den);
        mpq_canonicalize(r->p[from + s]);
        mpq_add(sum, sum, r->p[from + s]);
    }
    ok = ok && mpq_cmp_ui(sum, 1, 1) == 0;
    mpq_clear(sum);
    return ok;
}

/* Player j's probabilities as 12-digit decimals summing to 1 (the last
 * strategy of the support takes the rest) into r->p and their texts. */
static void decimals(rounding *r, size_t j, long long *scaled)
{
    size_t from = first(r, j), m = r->g->n_strategies[j], last = from;
    long long total = 0;
    for (size_t s = 0; s < m; s++) {
        size_t c = from + s;
        scaled[c] = in_support(r, c) ? llround(r->x[c] * (double)DECIMAL_SCALE) : 0;
        total += scaled[c];
        if (in_support(r, c))
            last = c;
    }
    scaled[last] += DECIMAL_SCALE - total;
    for (size_t s = 0; s < m; s++) {
        mpq_set_si(r->p[from + s], scaled[from + s], (unsigned long)DECIMAL_SCALE);
        mpq_canonicalize(r->p[from + s]);
    }
}

static char *decimal_text(long long scaled)
{
    char buf[32];
    if (scaled <= 0 || scaled >= DECIMAL_SCALE)
        snprintf(buf, sizeof buf, "%d", scaled > 0);
    else {
        snprintf(buf, sizeof buf, "0.%012lld", scaled);
        size_t len = strlen(buf);
        while (buf[len - 1] == '0')
            buf[--len] = '\0';
    }
    size_t len = strlen(buf) + 1;
    char *text = malloc(len);
    if (text != NULL)
        memcpy(text, buf, len);
    return text;
}

/* The result's strings from r->p (or the decimals when scaled is not
 * NULL), r->payoff and r->regret. */
static int fill(rounding *r, const long long *scaled, mk_simpdiv *out)
{
    out->n_players = r->n;
    out->width = r->width;
    out->strategies = calloc(r->width, sizeof *out->strategies);
    out->payoffs = calloc(r->n, sizeof *out->payoffs);
    if (out->strategies == NULL || out->payoffs == NULL)
        return mk_error(r->ctx, MK_ENOMEM, "out of memory");
    for (size_t c = 0; c < r->width; c++)
        if ((out->strategies[c] =
                 scaled != NULL ? decimal_text(scaled[c]) : mk_mpq_text(r->p[c])) == NULL)
            return mk_error(r->ctx, MK_ENOMEM, "out of memory");
    for (size_t j = 0; j < r->n; j++)
        if ((out->payoffs[j] = mk_mpq_text(r->payoff[j])) == NULL)
            return mk_error(r->ctx, MK_ENOMEM, "out of memory");
    if ((out->max_regret = mk_mpq_text(r->regret[0])) == NULL)
        return mk_error(r->ctx, MK_ENOMEM, "out of memory");
    return 0;
}

static mpq_t *mpq_array(size_t n)
{
    mpq_t *a = malloc((n ? n : 1) * sizeof *a);
    for (size_t i = 0; a != NULL && i < n; i++)
        mpq_init(a[i]);
    return a;
}

static void mpq_array_free(mpq_t *a, size_t n)
{
    for (size_t i = 0; a != NULL && i < n; i++)
        mpq_clear(a[i]);
    free(a);
}

int simpdiv_round(const mk_game *g, const double *x, double noise, int exact_only, mk_simpdiv *out,
                  mk_ctx *ctx)
{
    rounding r = {g, g->n_players, 0, x, 1e-6, NULL, NULL, NULL, NULL, ctx};
    for (size_t j = 0; j < r.n; j++)
        r.width += g->n_strategies[j];
    r.p = mpq_array(r.width);
    r.payoff = mpq_array(r.n);
    r.best = mpq_array(r.n);
    r.regret = mpq_array(1);
    long long *scaled = malloc(r.width * sizeof *scaled);
    int rc = 0, is_nash = 0;
    if (!r.p || !r.payoff || !r.best || !r.regret || !scaled)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    /* 2 players: supports above 1e-6, then above the grid's noise */
    for (int guess = 0; rc == 0 && r.n == 2 && !is_nash && guess < 2; guess++) {
        r.threshold = guess == 0 ? 1e-6 : noise;
        int found = guess == 1 && noise <= 1e-6 ? 0 : solve_other(&r, 0);
        found = found == 1 ? solve_other(&r, 1) : found;
        rc = found < 0 ? found : found == 1 ? check(&r, &is_nash) : 0;
    }
    r.threshold = 1e-6;
    int all = 1;
    for (size_t j = 0; rc == 0 && !is_nash && j < r.n; j++)
        all = all && fractions(&r, j);
    if (rc == 0 && !is_nash && all)
        rc = check(&r, &is_nash);
    if (rc == 0 && !is_nash && !exact_only) {
        for (size_t j = 0; j < r.n; j++)
            decimals(&r, j, scaled);
        rc = check(&r, &is_nash);
    }
    out->exact = is_nash;
    if (rc == 0 && (is_nash || !exact_only))
        rc = fill(&r, is_nash ? NULL : scaled, out);
    free(scaled);
    mpq_array_free(r.p, r.width);
    mpq_array_free(r.payoff, r.n);
    mpq_array_free(r.best, r.n);
    mpq_array_free(r.regret, 1);
    return rc;
}

void mk_simpdiv_free(mk_simpdiv *s)
{
    if (s == NULL)
        return;
    for (size_t c = 0; s->strategies != NULL && c < s->width; c++)
        free(s->strategies[c]);
    for (size_t j = 0; s->payoffs != NULL && j < s->n_players; j++)
        free(s->payoffs[j]);
    free(s->strategies);
    free(s->payoffs);
    free(s->max_regret);
    *s = (mk_simpdiv)MK_SIMPDIV_INIT;
}
