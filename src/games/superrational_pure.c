/*
 * Superrational choice with more than two players and two strategies
 * (mechkit/kantian.h), where it is pure: u(p, ..., p) is a polynomial of
 * degree n on the simplex whose Bernstein coefficients are
 *     b_a = sum_s (a_s / n) u(s, a - e_s),
 * the average payoff of the pure profile in which a_s players play s
 * (expand u = sum_s p_s sum_c multinomial(n-1; c) p^c u(s, c) and collect
 * p^a = B_a(p) a! / n!). Bernstein polynomials are >= 0 and sum to 1 on
 * the simplex, so u(p) <= max_a b_a everywhere (the range-enclosure
 * property, e.g. Farouki, "The Bernstein polynomial basis: a centennial
 * retrospective", CAGD 29, 2012), with equality at a vertex e_s exactly
 * when b_{n e_s} = u(s, everyone else s) is that maximum. So when everyone
 * playing some s is at least as good on average as any pure profile, the
 * best such s are superrational, exactly. A maximum that ties with a
 * non-vertex coefficient may be attained by mixtures too, and a maximum
 * above every vertex is a mixture: both are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "superrational_internal.h"

/* Next composition of n into k parts (lexicographic odometer on a[0..k-2],
 * a[k-1] the rest); 0 after the last. */
static int next_composition(size_t *a, size_t k, size_t n)
{
    for (size_t i = k - 1; i-- > 0;) {
        size_t used = 0;
        for (size_t j = 0; j <= i; j++)
            used += a[j];
        if (used < n) {
            a[i]++;
            for (size_t j = i + 1; j + 1 < k; j++)
                a[j] = 0;
            a[k - 1] = n - used - 1;
            return 1;
        }
    }
    return 0;
}

/* b = the Bernstein coefficient of composition a (n players). */
static void coefficient(const mk_symgame *g, const size_t *a, size_t *c, mpq_t b, mpq_t t)
{
    size_t k = g->n_strategies;
    mpq_set_ui(b, 0, 1);
    for (size_t s = 0; s < k; s++) {
        if (a[s] == 0)
            continue;
        memcpy(c, a, k * sizeof *c);
        c[s]--;
        mk_mpq_from_rational(t, g->payoff[s * g->n_counts + mk_symgame_count_index(g, c)]);
        mpz_mul_ui(mpq_numref(t), mpq_numref(t), (unsigned long)a[s]);
        mpq_canonicalize(t);
        mpq_add(b, b, t);
    }
    mpz_mul_ui(mpq_denref(b), mpq_denref(b), (unsigned long)g->n_players);
    mpq_canonicalize(b);
}

/* 1 when composition a puts everyone on one strategy. */
static int is_vertex(const size_t *a, size_t k, size_t n)
{
    for (size_t s = 0; s < k; s++)
        if (a[s] == n)
            return 1;
    return 0;
}

int mk_superrational_pure(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx)
{
    size_t k = g->n_strategies, n = g->n_players;
    size_t *a = calloc(k, sizeof *a), *c = calloc(k, sizeof *c);
    mpq_t *p = malloc(k * sizeof *p), b, t, best, best_vertex;
    if (a == NULL || c == NULL || p == NULL) {
        free(a), free(c), free(p);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < k; s++)
        mpq_init(p[s]);
    mpq_inits(b, t, best, best_vertex, NULL);
    /* Pass 1: the largest coefficient overall and at the vertices. */
    int first = 1, first_vertex = 1, all_equal = 1, tie_inside = 0;
    a[k - 1] = n;
    do {
        coefficient(g, a, c, b, t);
        if (!first && !mpq_equal(b, best))
            all_equal = 0;
        if (first || mpq_cmp(b, best) > 0)
            mpq_set(best, b);
        if (is_vertex(a, k, n) && (first_vertex || mpq_cmp(b, best_vertex) > 0)) {
            mpq_set(best_vertex, b);
            first_vertex = 0;
        }
        first = 0;
    } while (next_composition(a, k, n));
    /* Pass 2: does a non-vertex coefficient reach the maximum? */
    memset(a, 0, k * sizeof *a);
    a[k - 1] = n;
    do {
        coefficient(g, a, c, b, t);
        tie_inside |= !is_vertex(a, k, n) && mpq_equal(b, best);
    } while (next_composition(a, k, n));
    int rc = 0;
    if (!mpq_equal(best, best_vertex) || (tie_inside && !all_equal)) {
        char *text = mk_mpq_fraction(best);
        rc = mk_error(ctx, MK_EINPUT,
                      "superrational choice with %zu players and %zu strategies: a pure profile "
                      "pays %s on average, %s every player on one strategy, so the optimum may "
                      "be mixed; mixed optima are supported for two strategies (any number of "
                      "players) or two players (up to 12 strategies) only",
                      n, k, text != NULL ? text : "more",
                      mpq_equal(best, best_vertex) ? "as much as" : "more than");
        free(text);
    }
    out->constant = all_equal;
    for (size_t s = 0; rc == 0 && s < k; s++) {
        memset(a, 0, k * sizeof *a);
        a[s] = n;
        coefficient(g, a, c, b, t);
        if (!mpq_equal(b, best))
            continue;
        for (size_t j = 0; j < k; j++)
            mpq_set_ui(p[j], j == s, 1);
        rc = mk_superrational_add_exact(out, p, b, ctx);
    }
    for (size_t s = 0; s < k; s++)
        mpq_clear(p[s]);
    mpq_clears(b, t, best, best_vertex, NULL);
    free(a), free(c), free(p);
    return rc;
}
