/*
 * Two-player games as integer matrices, and the exact equilibrium check
 * shared by the Lemke-Howson and vertex-enumeration solvers.
 */
#include "bimatrix_internal.h"

#include "regret_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Player p's payoffs as integers >= 1: times the lcm of their
 * denominators, minus their minimum, plus 1. */
static void scale_player(const mk_game *g, size_t p, mpz_t *out, size_t m, size_t n)
{
    mpz_t lcm, v, min;
    mpz_inits(lcm, v, min, NULL);
    mpz_set_ui(lcm, 1);
    for (size_t k = 0; k < g->n_profiles; k++) {
        mpz_set_si(v, (long)mk_game_payoff(g, k, p).den);
        mpz_lcm(lcm, lcm, v);
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            mk_rational r = mk_game_payoff(g, i + j * m, p);
            mpz_divexact_ui(v, lcm, (unsigned long)r.den);
            mpz_mul_si(out[i * n + j], v, (long)r.num);
            if ((i == 0 && j == 0) || mpz_cmp(out[i * n + j], min) < 0)
                mpz_set(min, out[i * n + j]);
        }
    mpz_sub_ui(min, min, 1);
    for (size_t k = 0; k < m * n; k++)
        mpz_sub(out[k], out[k], min);
    mpz_clears(lcm, v, min, NULL);
}

int mk_bimatrix_init(mk_bimatrix *bm, const mk_game *g, mk_ctx *ctx)
{
    memset(bm, 0, sizeof *bm);
    if (g->n_players != 2)
        return mk_error(ctx, MK_EINPUT, "the game has %zu players; this method needs 2",
                        g->n_players);
    size_t m = g->n_strategies[0], n = g->n_strategies[1], cells = m * n;
    bm->a = malloc(cells * sizeof *bm->a);
    bm->b = malloc(cells * sizeof *bm->b);
    if (bm->a == NULL || bm->b == NULL) {
        free(bm->a), free(bm->b);
        memset(bm, 0, sizeof *bm);
        return mk_error(ctx, MK_ENOMEM, "out of memory for a %zux%zu game", m, n);
    }
    bm->m = m;
    bm->n = n;
    bm->g = g;
    for (size_t k = 0; k < cells; k++) {
        mpz_init(bm->a[k]);
        mpz_init(bm->b[k]);
    }
    scale_player(g, 0, bm->a, m, n);
    scale_player(g, 1, bm->b, m, n);
    return MK_OK;
}

void mk_bimatrix_clear(mk_bimatrix *bm)
{
    for (size_t k = 0; k < bm->m * bm->n; k++) {
        mpz_clear(bm->a[k]);
        mpz_clear(bm->b[k]);
    }
    free(bm->a), free(bm->b);
    memset(bm, 0, sizeof *bm);
}

/* Scales v (k entries, >= 0) to sum 1; 0 when the sum is 0. */
static int normalise(mpq_t *v, size_t k)
{
    mpq_t sum;
    mpq_init(sum);
    for (size_t i = 0; i < k; i++)
        mpq_add(sum, sum, v[i]);
    int ok = mpq_sgn(sum) > 0;
    for (size_t i = 0; ok && i < k; i++)
        mpq_div(v[i], v[i], sum);
    mpq_clear(sum);
    return ok;
}

/* Exact check that (x, y), both >= 0, is an equilibrium of the original
 * game by the shared check (regret_internal.h); the two payoffs go into
 * pay. 1 when it is, 0 when not, -1 when out of memory. */
static int verify(const mk_bimatrix *bm, mpq_t *x, mpq_t *y, mpq_t pay[2])
{
    size_t m = bm->m, n = bm->n;
    mpq_t *p = malloc((m + n) * sizeof *p), best[2];
    if (p == NULL)
        return -1;
    int ok = 1;
    for (size_t k = 0; k < m + n; k++) {
        mpq_init(p[k]);
        mpq_set(p[k], k < m ? x[k] : y[k - m]);
        ok &= mpq_sgn(p[k]) >= 0;
    }
    mpq_inits(best[0], best[1], NULL);
    if (ok && mk_regret_mpq(bm->g, p, pay, best, NULL, NULL) != 0)
        ok = -1;
    if (ok == 1)
        ok = mpq_equal(pay[0], best[0]) && mpq_equal(pay[1], best[1]);
    mpq_clears(best[0], best[1], NULL);
    for (size_t k = 0; k < m + n; k++)
        mpq_clear(p[k]);
    free(p);
    return ok;
}

static int grow(mk_mixed_equilibria *out, size_t width)
{
    if (out->n < out->cap)
        return 0;
    size_t cap = out->cap == 0 ? 8 : 2 * out->cap;
    char **prob = realloc(out->prob, cap * width * sizeof *prob);
    if (prob == NULL)
        return -1;
    out->prob = prob;
    char **payoff = realloc(out->payoff, cap * 2 * sizeof *payoff);
    if (payoff == NULL)
        return -1;
    out->payoff = payoff;
    size_t *vertex = realloc(out->vertex, cap * 2 * sizeof *vertex);
    if (vertex == NULL)
        return -1;
    out->vertex = vertex;
    out->cap = cap;
    return 0;
}

/* The index of an equilibrium of out equal to the strings s, or out->n. */
static size_t find(const mk_mixed_equilibria *out, char **s)
{
    for (size_t e = 0; e < out->n; e++) {
        size_t k = 0;
        while (k < out->width && strcmp(out->prob[e * out->width + k], s[k]) == 0)
            k++;
        if (k == out->width)
            return e;
    }
    return out->n;
}

static void free_strings(char **s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        free(s[i]);
}

int mk_bimatrix_add(const mk_bimatrix *bm, mpq_t *x, mpq_t *y, size_t vx, size_t vy,
                    mk_mixed_equilibria *out, size_t *index, mk_ctx *ctx)
{
    size_t m = bm->m, n = bm->n, width = m + n;
    out->width = width;
    if (!normalise(x, m) || !normalise(y, n))
        return mk_error(ctx, MK_EINTERNAL, "a solver returned a zero strategy");
    mpq_t pay[2];
    mpq_inits(pay[0], pay[1], NULL);
    int ok = verify(bm, x, y, pay);
    if (ok <= 0) {
        mpq_clears(pay[0], pay[1], NULL);
        return ok < 0 ? mk_error(ctx, MK_ENOMEM, "out of memory")
                      : mk_error(ctx, MK_EINTERNAL,
                                 "a computed profile failed the exact equilibrium check");
    }
    if (grow(out, width) != 0) {
        mpq_clears(pay[0], pay[1], NULL);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu equilibria", out->n + 1);
    }
    char **s = out->prob + out->n * width, **p = out->payoff + out->n * 2;
    int failed = 0;
    for (size_t k = 0; k < width; k++)
        failed |= (s[k] = mk_mpq_text(k < m ? x[k] : y[k - m])) == NULL;
    for (size_t k = 0; k < 2; k++)
        failed |= (p[k] = mk_mpq_text(pay[k])) == NULL;
    mpq_clears(pay[0], pay[1], NULL);
    size_t e = failed ? out->n : find(out, s);
    if (failed || e < out->n) {
        free_strings(s, width);
        free_strings(p, 2);
        if (failed)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        *index = e;
        return MK_OK;
    }
    out->vertex[2 * e] = vx;
    out->vertex[2 * e + 1] = vy;
    out->n++;
    *index = e;
    return MK_OK;
}

void mk_mixed_equilibria_free(mk_mixed_equilibria *e)
{
    if (e == NULL)
        return;
    if (e->prob != NULL)
        free_strings(e->prob, e->n * e->width);
    if (e->payoff != NULL)
        free_strings(e->payoff, e->n * 2);
    free(e->prob);
    free(e->payoff);
    free(e->vertex);
    free(e->clique_start);
    free(e->clique_member);
    mk_mixed_equilibria e0 = MK_MIXED_EQUILIBRIA_INIT;
    *e = e0;
}
