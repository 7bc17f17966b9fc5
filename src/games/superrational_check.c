/*
 * An independent exact check of a superrational result before it is
 * returned: each exact choice's payoff is recomputed from the compact
 * table directly, u(p, ..., p) = sum_s p_s sum_c multinomial(n-1; c)
 * prod_t p_t^c_t u(s, c), without the polynomial or the linear systems the
 * solvers built, and no choice may pay less than everyone playing any pure
 * strategy (a necessary condition of a maximum).
 */
#include <stdlib.h>
#include <string.h>

#include "superrational_internal.h"

/* v = u(p, ..., p) from the table. */
static void direct_value(const mk_symgame *g, mpq_t *p, size_t *counts, mpq_t v)
{
    size_t k = g->n_strategies, m = g->n_players - 1;
    mpq_t term, pw, u;
    mpz_t coef;
    mpq_inits(term, pw, u, NULL);
    mpz_init(coef);
    mpq_set_ui(v, 0, 1);
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        /* multinomial(m; counts) * prod p_t^counts[t] */
        mpz_fac_ui(coef, (unsigned long)m);
        mpq_set_z(term, coef);
        for (size_t t = 0; t < k; t++) {
            mpz_fac_ui(coef, (unsigned long)counts[t]);
            mpz_mul(mpq_denref(term), mpq_denref(term), coef);
            mpq_canonicalize(term);
            mpz_pow_ui(mpq_numref(pw), mpq_numref(p[t]), (unsigned long)counts[t]);
            mpz_pow_ui(mpq_denref(pw), mpq_denref(p[t]), (unsigned long)counts[t]);
            mpq_canonicalize(pw);
            mpq_mul(term, term, pw);
        }
        for (size_t s = 0; s < k; s++) {
            mk_mpq_from_rational(u, g->payoff[s * g->n_counts + c]);
            mpq_mul(u, u, term);
            mpq_mul(u, u, p[s]);
            mpq_add(v, v, u);
        }
    }
    mpq_clears(term, pw, u, NULL);
    mpz_clear(coef);
}

/* q = the value of a fraction ("3/4") or of a decimal ("-0.3849"), as the
 * results hold them; 0 or MK_ENOMEM. */
static int set_text(mpq_t q, const char *text, mk_ctx *ctx)
{
    const char *dot = strchr(text, '.');
    if (dot == NULL) {
        mpq_set_str(q, text, 10);
        mpq_canonicalize(q);
        return 0;
    }
    size_t whole = (size_t)(dot - text), places = strlen(dot + 1);
    char *digits = malloc(whole + places + 1);
    if (digits == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    memcpy(digits, text, whole);
    memcpy(digits + whole, dot + 1, places + 1);
    mpz_set_str(mpq_numref(q), digits, 10);
    mpz_ui_pow_ui(mpq_denref(q), 10, (unsigned long)places);
    mpq_canonicalize(q);
    free(digits);
    return 0;
}

int mk_superrational_check(const mk_symgame *g, const mk_superrational *r, mk_ctx *ctx)
{
    size_t k = g->n_strategies;
    mpq_t *p = malloc(k * sizeof *p), v, claimed, pure;
    size_t *counts = malloc(k * sizeof *counts);
    if (p == NULL || counts == NULL) {
        free(p);
        free(counts);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < k; s++)
        mpq_init(p[s]);
    mpq_inits(v, claimed, pure, NULL);
    int rc = 0;
    for (size_t j = 0; rc == 0 && j < r->n; j++) {
        const mk_superrational_choice *c = &r->choice[j];
        rc = set_text(claimed, c->exact ? c->value : c->value_hi, ctx);
        if (rc == 0 && c->exact) {
            for (size_t s = 0; rc == 0 && s < k; s++)
                rc = set_text(p[s], c->prob[s], ctx);
            if (rc == 0)
                direct_value(g, p, counts, v);
            if (rc == 0 && !mpq_equal(v, claimed))
                rc = mk_error(ctx, MK_EINTERNAL,
                              "superrational choice %zu: payoff %s is not "
                              "what the table gives",
                              j + 1, c->value);
        }
        for (size_t s = 0; rc == 0 && s < k; s++) {
            /* everyone plays s: the count vector with all n - 1 others on s */
            for (size_t t = 0; t < k; t++)
                counts[t] = t == s ? g->n_players - 1 : 0;
            mk_mpq_from_rational(pure,
                                 g->payoff[s * g->n_counts + mk_symgame_count_index(g, counts)]);
            if (mpq_cmp(claimed, pure) < 0)
                rc = mk_error(ctx, MK_EINTERNAL,
                              "superrational choice %zu pays less than "
                              "everyone playing strategy %zu",
                              j + 1, s + 1);
        }
    }
    for (size_t s = 0; s < k; s++)
        mpq_clear(p[s]);
    mpq_clears(v, claimed, pure, NULL);
    free(p);
    free(counts);
    return rc;
}
