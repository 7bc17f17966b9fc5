/*
 * Correlated equilibria by an exact linear program (mechkit/correlated.h).
 *
 * The program is written with <= constraints and b >= 0 so that one phase
 * of the simplex method starts from the slack basis (lp_exact.h): the
 * incentive constraints are homogeneous (b = 0), and sum_s p(s) = 1 is
 * relaxed to sum_s p(s) <= 1 while every objective coefficient is made
 * positive by adding the same constant to all of them. Then any feasible p
 * with sum < 1 can be scaled up, still feasible and strictly better, so an
 * optimum has sum = 1, where the constant adds the same amount to every p
 * and the maximiser is the one of the original objective. A correlated
 * equilibrium always exists (a Nash equilibrium is one; Nash 1951), so the
 * optimum is a distribution.
 */
#include <stdlib.h>

#include "games/lp_exact.h"
#include "mechkit/correlated.h"

/* GMP's _si functions take long: int64_t values pass through it. */
_Static_assert(sizeof(long) >= sizeof(int64_t), "long must hold int64_t for GMP");

static void set_rational(mpq_t q, mk_rational r)
{
    mpz_set_si(mpq_numref(q), (long)r.num);
    mpz_set_si(mpq_denref(q), (long)r.den);
    mpq_canonicalize(q);
}

/* The objective weight of profile k. */
static void weight(const mk_game *g, size_t objective, size_t k, mpq_t w, mpq_t tmp)
{
    if (objective != MK_CORRELATED_WELFARE) {
        set_rational(w, mk_game_payoff(g, k, objective));
        return;
    }
    mpq_set_ui(w, 0, 1);
    for (size_t i = 0; i < g->n_players; i++) {
        set_rational(tmp, mk_game_payoff(g, k, i));
        mpq_add(w, w, tmp);
    }
}

static size_t incentive_rows(const mk_game *g)
{
    size_t rows = 0;
    for (size_t i = 0; i < g->n_players; i++)
        rows += g->n_strategies[i] * (g->n_strategies[i] - 1);
    return rows;
}

/* Row (i, a, a2): sum over s with s_i = a of p(s) (u_i(a2, s_-i) - u_i(s)). */
static void fill_incentives(const mk_game *g, lp_exact *lp, size_t *s, mpq_t tmp, mpq_t dev)
{
    size_t row = 0;
    for (size_t i = 0; i < g->n_players; i++)
        for (size_t a = 0; a < g->n_strategies[i]; a++)
            for (size_t a2 = 0; a2 < g->n_strategies[i]; a2++) {
                if (a2 == a)
                    continue;
                for (size_t k = 0; k < g->n_profiles; k++) {
                    mk_game_profile_strategies(g, k, s);
                    if (s[i] != a)
                        continue;
                    s[i] = a2;
                    set_rational(dev, mk_game_payoff(g, mk_game_profile_index(g, s), i));
                    set_rational(tmp, mk_game_payoff(g, k, i));
                    mpq_sub(lp->a[row * lp->cols + k], dev, tmp);
                }
                row++;
            }
}

static char *fraction(const mpq_t q)
{
    return mpq_get_str(NULL, 10, q); /* "1/2", or "3" for an integer */
}

int mk_game_solve_correlated(const mk_game *g, size_t objective, mk_correlated *out, mk_ctx *ctx)
{
    if (objective != MK_CORRELATED_WELFARE && objective >= g->n_players)
        return mk_error(ctx, MK_EPARAM, "objective: player %zu of %zu", objective + 1,
                        g->n_players);
    if (g->n_profiles > MK_CORRELATED_MAX_PROFILES)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu profiles; correlated equilibria are computed for at "
                        "most %d",
                        g->n_profiles, MK_CORRELATED_MAX_PROFILES);
    size_t n = g->n_profiles, rows = incentive_rows(g) + 1;
    lp_exact lp;
    int rc = lp_exact_new(&lp, rows, n, ctx);
    if (rc != 0)
        return rc;
    size_t *s = malloc(g->n_players * sizeof *s);
    mpq_t *x = malloc(n * sizeof *x);
    mpq_t tmp, dev, shift, value;
    mpq_inits(tmp, dev, shift, value, NULL);
    if (s == NULL || x == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for %zu profiles", n);
    for (size_t k = 0; x != NULL && k < n; k++)
        mpq_init(x[k]);
    if (rc == 0) {
        fill_incentives(g, &lp, s, tmp, dev);
        /* The last row: sum_s p(s) <= 1. The objective, shifted so that its
         * smallest coefficient is 1. */
        for (size_t k = 0; k < n; k++) {
            mpq_set_ui(lp.a[(rows - 1) * n + k], 1, 1);
            weight(g, objective, k, lp.c[k], tmp);
            if (k == 0 || mpq_cmp(lp.c[k], shift) < 0)
                mpq_set(shift, lp.c[k]);
        }
        mpq_set_ui(lp.b[rows - 1], 1, 1);
        mpq_set_si(tmp, 1, 1);
        mpq_sub(shift, tmp, shift);
        for (size_t k = 0; k < n; k++)
            mpq_add(lp.c[k], lp.c[k], shift);
        rc = lp_exact_maximize(&lp, x, value, ctx);
    }
    mk_correlated r = MK_CORRELATED_INIT;
    if (rc == 0) {
        r.n_profiles = n;
        r.n_players = g->n_players;
        r.probability = calloc(n, sizeof *r.probability);
        r.payoff = calloc(g->n_players, sizeof *r.payoff);
        if (r.probability == NULL || r.payoff == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    }
    for (size_t k = 0; rc == 0 && k < n; k++)
        if ((r.probability[k] = fraction(x[k])) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    for (size_t i = 0; rc == 0 && i < g->n_players; i++) {
        mpq_set_ui(value, 0, 1);
        for (size_t k = 0; k < n; k++) {
            set_rational(tmp, mk_game_payoff(g, k, i));
            mpq_mul(tmp, tmp, x[k]);
            mpq_add(value, value, tmp);
        }
        if ((r.payoff[i] = fraction(value)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    }
    if (rc == 0) { /* the objective itself, unshifted */
        mpq_set_ui(value, 0, 1);
        for (size_t k = 0; k < n; k++) {
            weight(g, objective, k, dev, tmp);
            mpq_mul(dev, dev, x[k]);
            mpq_add(value, value, dev);
        }
        if ((r.value = fraction(value)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    }
    if (rc == 0)
        *out = r;
    else
        mk_correlated_free(&r);
    for (size_t k = 0; x != NULL && k < n; k++)
        mpq_clear(x[k]);
    free(x);
    free(s);
    mpq_clears(tmp, dev, shift, value, NULL);
    lp_exact_free(&lp);
    return rc;
}

void mk_correlated_free(mk_correlated *c)
{
    if (c == NULL)
        return;
    for (size_t k = 0; c->probability != NULL && k < c->n_profiles; k++)
        free(c->probability[k]);
    for (size_t i = 0; c->payoff != NULL && i < c->n_players; i++)
        free(c->payoff[i]);
    free(c->probability);
    free(c->payoff);
    free(c->value);
    *c = (mk_correlated)MK_CORRELATED_INIT;
}
