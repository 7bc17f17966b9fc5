/*
 * Domination by a mixed strategy (dominance_internal.h), as one exact
 * linear program over the mixture x of the player's other strategies T
 * (mechkit/dominance.h states the programs), written for lp_exact as
 * maximise c.x subject to A x <= b, x >= 0:
 *
 *   -sum_t x_t u(t, b) + e <= -u(s, b)   for every profile b of the others
 *    sum_t x_t             <=  1
 *   -sum_t x_t             <= -1
 *
 * strict: variables x and e, maximise e (the least margin by which x
 * beats s); s is strictly dominated when the optimum is positive.
 * weak: variables x only, maximise sum_b sum_t x_t u(t, b); s is weakly
 * dominated when the optimum exceeds sum_b u(s, b). Either program is
 * infeasible exactly when no mixture pays at least u(s, .) everywhere.
 */
#include <stdlib.h>

#include "dominance_internal.h"
#include "lp_exact.h"
#include "regret_internal.h"

static void payoff_mpq(mpq_t q, mk_rational r)
{
    mpq_set_si(q, (long)r.num, (unsigned long)r.den);
}

/* The strategies of T (alive, not s) into t; returns their number. */
static size_t others(const mk_game *g, size_t i, size_t s, const unsigned char *alive, size_t *t)
{
    size_t k = 0;
    for (size_t u = 0; u < g->n_strategies[i]; u++)
        if (u != s && alive[u])
            t[k++] = u;
    return k;
}

static void fill_program(const mk_game *g, size_t i, size_t s, const size_t *t, size_t k,
                         const size_t *base, size_t n, mk_dominance_kind kind, lp_exact *lp,
                         mpq_t sum_s)
{
    size_t cols = lp->cols, stride = g->stride[i];
    mpq_set_ui(sum_s, 0, 1);
    for (size_t b = 0; b < n; b++) {
        for (size_t c = 0; c < k; c++) {
            mpq_t *a = &lp->a[b * cols + c];
            payoff_mpq(*a, mk_game_payoff(g, base[b] + t[c] * stride, i));
            if (kind == MK_DOMINANCE_WEAK)
                mpq_add(lp->c[c], lp->c[c], *a);
            mpq_neg(*a, *a);
        }
        if (kind == MK_DOMINANCE_STRICT)
            mpq_set_ui(lp->a[b * cols + k], 1, 1);
        payoff_mpq(lp->b[b], mk_game_payoff(g, base[b] + s * stride, i));
        mpq_add(sum_s, sum_s, lp->b[b]);
        mpq_neg(lp->b[b], lp->b[b]);
    }
    for (size_t c = 0; c < k; c++) {
        mpq_set_ui(lp->a[n * cols + c], 1, 1);
        mpq_set_si(lp->a[(n + 1) * cols + c], -1, 1);
    }
    mpq_set_ui(lp->b[n], 1, 1);
    mpq_set_si(lp->b[n + 1], -1, 1);
    if (kind == MK_DOMINANCE_STRICT)
        mpq_set_ui(lp->c[k], 1, 1);
}

/* The exact re-check of the mixture x over t: strict, it beats s against
 * every profile; weak, it is never worse and once better. */
static int recheck(const mk_game *g, size_t i, size_t s, const size_t *t, size_t k, mpq_t *x,
                   const size_t *base, size_t n, mk_dominance_kind kind)
{
    mpq_t pay, v, own;
    mpq_inits(pay, v, own, NULL);
    int ok = 1, better = 0;
    for (size_t b = 0; b < n && ok; b++) {
        mpq_set_ui(pay, 0, 1);
        for (size_t c = 0; c < k; c++) {
            payoff_mpq(v, mk_game_payoff(g, base[b] + t[c] * g->stride[i], i));
            mpq_mul(v, v, x[c]);
            mpq_add(pay, pay, v);
        }
        payoff_mpq(own, mk_game_payoff(g, base[b] + s * g->stride[i], i));
        int cmp = mpq_cmp(pay, own);
        ok = kind == MK_DOMINANCE_STRICT ? cmp > 0 : cmp >= 0;
        better |= cmp > 0;
    }
    mpq_clears(pay, v, own, NULL);
    return ok && better;
}

/* The mixture as n_strategies[i] strings. */
static int mixture_text(const mk_game *g, size_t i, const size_t *t, size_t k, mpq_t *x,
                        char ***out)
{
    size_t m = g->n_strategies[i];
    char **text = calloc(m, sizeof *text);
    int failed = text == NULL;
    for (size_t u = 0, c = 0; !failed && u < m; u++) {
        int used = c < k && t[c] == u;
        mpq_t zero;
        mpq_init(zero);
        failed = (text[u] = mk_mpq_text(used ? x[c] : zero)) == NULL;
        mpq_clear(zero);
        c += used;
    }
    if (failed) {
        for (size_t u = 0; text != NULL && u < m; u++)
            free(text[u]);
        free(text);
        return -1;
    }
    *out = text;
    return 0;
}

int mk_dominance_by_mixture(const mk_game *g, size_t i, size_t s, const unsigned char *alive,
                            const size_t *base, size_t n, mk_dominance_kind kind, char ***mixture,
                            mk_ctx *ctx)
{
    if (n > MK_DOMINANCE_MAX_LP_PROFILES)
        return mk_error(ctx, MK_ELIMIT,
                        "dominance by mixed strategies: player %zu faces %zu profiles of the "
                        "others, more than the %zu an exact program takes here (use by=pure)",
                        i + 1, n, (size_t)MK_DOMINANCE_MAX_LP_PROFILES);
    size_t *t = malloc(g->n_strategies[i] * sizeof *t);
    if (t == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for dominance");
    size_t k = others(g, i, s, alive, t), cols = k + (kind == MK_DOMINANCE_STRICT);
    lp_exact lp;
    int rc = lp_exact_new(&lp, n + 2, cols, ctx);
    if (rc != 0) {
        free(t);
        return rc;
    }
    mpq_t *x = malloc(cols * sizeof *x), value, sum_s;
    mpq_inits(value, sum_s, NULL);
    for (size_t c = 0; x != NULL && c < cols; c++)
        mpq_init(x[c]);
    if (x == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for dominance");
    if (rc == 0) {
        fill_program(g, i, s, t, k, base, n, kind, &lp, sum_s);
        rc = lp_exact_maximize(&lp, x, value, ctx);
    }
    int dominated = 0;
    if (rc == 0)
        dominated = kind == MK_DOMINANCE_STRICT ? mpq_sgn(value) > 0 : mpq_cmp(value, sum_s) > 0;
    if (rc == 0 && dominated && !recheck(g, i, s, t, k, x, base, n, kind))
        rc = mk_error(ctx, MK_EINTERNAL,
                      "a dominating mixture of player %zu failed the exact re-check", i + 1);
    if (rc == 0 && dominated && mixture_text(g, i, t, k, x, mixture) != 0)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for dominance");
    for (size_t c = 0; x != NULL && c < cols; c++)
        mpq_clear(x[c]);
    free(x);
    mpq_clears(value, sum_s, NULL);
    lp_exact_free(&lp);
    free(t);
    if (rc == LP_EXACT_INFEASIBLE)
        return 0;
    return rc != 0 ? rc : dominated;
}
