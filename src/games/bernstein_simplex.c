/* Bernstein polynomials on simplices (bernstein_simplex_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "bernstein_simplex_internal.h"

/* C(m, q) for m <= n + k, q < k: binom[m * k + q]. */
static size_t binomial(const mk_compositions *c, size_t m, size_t q)
{
    return c->binom[m * c->k + q];
}

int mk_compositions_make(mk_compositions *c, size_t n, size_t k, mk_ctx *ctx)
{
    memset(c, 0, sizeof *c);
    c->n = n;
    c->k = k;
    /* count = C(n + k - 1, k - 1), computed exactly step by step */
    size_t count = 1;
    for (size_t s = 1; s < k; s++)
        count = count * (n + s) / s;
    c->part = calloc(count * k, sizeof *c->part);
    c->binom = calloc((n + k + 1) * k, sizeof *c->binom);
    if (c->part == NULL || c->binom == NULL) {
        mk_compositions_free(c);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t m = 0; m <= n + k; m++)
        for (size_t q = 0; q < k && q <= m; q++)
            c->binom[m * k + q] =
                q == 0 ? 1 : binomial(c, m - 1, q - 1) + (q < m ? binomial(c, m - 1, q) : 0);
    /* Odometer over a_0 .. a_{k-2} with sum <= n; a_{k-1} the rest. */
    size_t *a = c->part;
    for (;;) {
        size_t used = 0;
        for (size_t s = 0; s + 1 < k; s++)
            used += a[s];
        a[k - 1] = n - used;
        c->count++;
        size_t *next = a + k;
        if (c->count == count)
            break;
        memcpy(next, a, k * sizeof *a);
        /* increment the last part that may grow, zeroing those after it */
        for (size_t s = k - 1; s-- > 0;) {
            if (used < n) {
                next[s]++;
                break;
            }
            used -= next[s];
            next[s] = 0;
        }
        a = next;
    }
    return 0;
}

void mk_compositions_free(mk_compositions *c)
{
    free(c->part);
    free(c->binom);
    c->part = c->binom = NULL;
}

/* Lexicographic rank of (a_0, ..., a_{k-2}): with rest = n - a_0 - ... -
 * a_{s-1} and q = k - 1 - s parts after a_s, the compositions before a
 * with the same a_0 .. a_{s-1} and a smaller a_s = v number sum_{v < a_s}
 * C(rest - v + q - 1, q - 1) = C(rest + q, q) - C(rest - a_s + q, q). */
size_t mk_compositions_find(const mk_compositions *c, const size_t *a)
{
    size_t rank = 0, rest = c->n;
    for (size_t s = 0; s + 1 < c->k; s++) {
        size_t q = c->k - 1 - s;
        rank += binomial(c, rest + q, q) - binomial(c, rest - a[s] + q, q);
        rest -= a[s];
    }
    return rank;
}

mk_bsimplex *mk_bsimplex_new(const mk_compositions *c)
{
    mk_bsimplex *s = malloc(sizeof *s);
    if (s == NULL)
        return NULL;
    s->vertex = malloc(c->k * c->k * sizeof *s->vertex);
    s->coef = malloc(c->count * sizeof *s->coef);
    if (s->vertex == NULL || s->coef == NULL) {
        free(s->vertex);
        free(s->coef);
        free(s);
        return NULL;
    }
    for (size_t x = 0; x < c->k * c->k; x++)
        mpq_init(s->vertex[x]);
    for (size_t x = 0; x < c->count; x++)
        mpq_init(s->coef[x]);
    mpq_init(s->top);
    return s;
}

void mk_bsimplex_free(mk_bsimplex *s, const mk_compositions *c)
{
    if (s == NULL)
        return;
    for (size_t x = 0; x < c->k * c->k; x++)
        mpq_clear(s->vertex[x]);
    for (size_t x = 0; x < c->count; x++)
        mpq_clear(s->coef[x]);
    mpq_clear(s->top);
    free(s->vertex);
    free(s->coef);
    free(s);
}

void mk_bsimplex_update_top(mk_bsimplex *s, const mk_compositions *c)
{
    mpq_set(s->top, s->coef[0]);
    for (size_t x = 1; x < c->count; x++)
        if (mpq_cmp(s->coef[x], s->top) > 0)
            mpq_set(s->top, s->coef[x]);
}

void mk_bsimplex_split(const mk_bsimplex *s, const mk_compositions *c, size_t i, size_t j,
                       const mpq_t t, mk_bsimplex *left, mk_bsimplex *right, mpq_t *work, size_t *a)
{
    size_t k = c->k;
    for (size_t x = 0; x < k * k; x++) {
        mpq_set(left->vertex[x], s->vertex[x]);
        mpq_set(right->vertex[x], s->vertex[x]);
    }
    for (size_t d = 0; d < k; d++) {
        mpq_t *p = &left->vertex[j * k + d];
        mpq_sub(*p, s->vertex[j * k + d], s->vertex[i * k + d]);
        mpq_mul(*p, *p, t);
        mpq_add(*p, *p, s->vertex[i * k + d]);
        mpq_set(right->vertex[i * k + d], *p);
    }
    mpq_t diff;
    mpq_init(diff);
    for (size_t g = 0; g < c->count; g++) {
        const size_t *lead = &c->part[g * k];
        if (lead[j] != 0)
            continue; /* each group once: from its member with a_j = 0 */
        size_t r = lead[i];
        memcpy(a, lead, k * sizeof *a);
        for (size_t l = 0; l <= r; l++) {
            a[i] = r - l;
            a[j] = l;
            mpq_set(work[l], s->coef[mk_compositions_find(c, a)]);
        }
        for (size_t level = 0; level <= r; level++) {
            if (level > 0)
                for (size_t m = 0; m + level <= r; m++) {
                    mpq_sub(diff, work[m + 1], work[m]);
                    mpq_mul(diff, diff, t);
                    mpq_add(work[m], work[m], diff);
                }
            /* left: index l = level gets d^(level)_0; right: index r - level gets
             * d^(level)_(r-level) */
            a[i] = r - level;
            a[j] = level;
            mpq_set(left->coef[mk_compositions_find(c, a)], work[0]);
            a[i] = level;
            a[j] = r - level;
            mpq_set(right->coef[mk_compositions_find(c, a)], work[r - level]);
        }
    }
    mpq_clear(diff);
    mk_bsimplex_update_top(left, c);
    mk_bsimplex_update_top(right, c);
}

void mk_bernstein_replace_vertex(mpq_t *coef, const mk_compositions *c, size_t j, mpq_t *const beta,
                                 size_t *order, size_t *a, mpq_t tmp)
{
    size_t k = c->k, n = c->n, filled = 0;
    /* The compositions by decreasing a_j: level r + 1 writes a location
     * with a_j = d from the level-r values at a - e_j + e_i (a_j = d - 1),
     * so larger a_j go first and the locations with a_j = r keep level r. */
    for (size_t d = n + 1; d-- > 0;)
        for (size_t x = 0; x < c->count; x++)
            if (c->part[x * k + j] == d)
                order[filled++] = x;
    for (size_t r = 0; r < n; r++)
        for (size_t o = 0; o < c->count && c->part[order[o] * k + j] > r; o++) {
            size_t t = order[o];
            mpq_mul(coef[t], coef[t], beta[j]);
            for (size_t i = 0; i < k; i++) {
                if (i == j)
                    continue;
                memcpy(a, &c->part[t * k], k * sizeof *a);
                a[j]--;
                a[i]++;
                mpq_mul(tmp, beta[i], coef[mk_compositions_find(c, a)]);
                mpq_add(coef[t], coef[t], tmp);
            }
        }
}
