/*
 * From ideal matches to payments out of the pool, in whole minor units.
 *
 * Buterin, Hitzig and Weyl (2018), section 4.3 ("capital-constrained
 * liberal radicalism"): when the ideal matches exceed the budget, every
 * match is scaled by the same factor so that they total the pool. The same
 * scaling applies when they total less and below_pool=scale_up (the
 * default: the rule "scaled to the pool", and what Gitcoin and
 * clr.fund rounds do, which always distribute their pool); with
 * below_pool=unspent each project then gets its ideal match, rounded down
 * to the minor unit (after the rule's slack, see funding_internal.h), and
 * the rest of the pool is reported unspent.
 *
 * Cap (Gitcoin's per-grant match cap): no project's match may exceed
 * floor(cap * pool). A project whose share would exceed it gets exactly
 * the cap and leaves the scaling; the rest of the pool is shared again
 * among the others, until none exceeds it. When every project with an
 * ideal match is capped, what is left is unspent.
 *
 * Rounding: the scaled shares pool * ideal_q / sum(ideal) are exact
 * rationals (GMP integers throughout); each project gets the floor and the
 * units left over go to the largest remainders, equal remainders to the
 * lowest project index (Hamilton's method, as mk_allocate_largest_remainder
 * does for int64 weights), so the matches total the pool exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"

typedef struct by_rem {
    __mpz_struct *rem;
    size_t q;
} by_rem;

static int larger_remainder_first(const void *pa, const void *pb)
{
    const by_rem *a = pa, *b = pb;
    int c = mpz_cmp(b->rem, a->rem);
    if (c != 0)
        return c;
    return a->q < b->q ? -1 : (a->q > b->q);
}

/* Hamilton's method: r over the active projects in proportion to ideal. */
static int largest_remainder(mk_funding_base *f, mk_u128 r, const mpz_t sum, mk_ctx *ctx)
{
    size_t m = 0;
    mk_u128 given = 0;
    mk_mpz_set_u128(f->t3, r);
    for (size_t q = 0; q < f->n_projects; q++) {
        if (!f->active[q])
            continue;
        mpz_mul(f->t1, f->ideal[q], f->t3);
        mpz_tdiv_qr(f->t2, f->rem[q], f->t1, sum);
        f->match[q] = mk_mpz_get_u128(f->t2); /* <= r */
        given += f->match[q];
        f->order[m++] = q;
    }
    if (given > r || r - given > (mk_u128)m)
        return mk_error(ctx, MK_EINTERNAL, "largest remainder: more units left than %zu projects",
                        m);
    size_t left = (size_t)(r - given);
    if (left == 0)
        return MK_OK;
    by_rem *items = malloc(m * sizeof *items);
    if (items == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the largest remainders");
    for (size_t i = 0; i < m; i++)
        items[i] = (by_rem){f->rem[f->order[i]], f->order[i]};
    qsort(items, m, sizeof *items, larger_remainder_first);
    for (size_t i = 0; i < left; i++)
        f->match[items[i].q]++;
    free(items);
    return MK_OK;
}

/* Does project q's share exceed cap? share = ideal/unit when paying
 * ideals, else r * ideal / sum. */
static int exceeds(mk_funding_base *f, size_t q, int paying_ideal, mk_u128 r, const mpz_t sum,
                   mk_u128 cap)
{
    mk_mpz_set_u128(f->t3, cap);
    if (paying_ideal) {
        mpz_mul(f->t1, f->unit, f->t3);
        return mpz_cmp(f->ideal[q], f->t1) > 0;
    }
    mpz_mul(f->t2, sum, f->t3);
    mk_mpz_set_u128(f->t3, r);
    mpz_mul(f->t1, f->ideal[q], f->t3);
    return mpz_cmp(f->t1, f->t2) > 0;
}

/* Each active project gets its ideal rounded down (after the rule's
 * slack); 0 when that would pay more than r in all (possible only within
 * the slack of r), in which case the caller scales instead. */
static int pay_ideals(mk_funding_base *f, mk_u128 r)
{
    mpz_set_ui(f->t2, 0);
    for (size_t q = 0; q < f->n_projects; q++) {
        if (!f->active[q])
            continue;
        mpz_add(f->t1, f->ideal[q], f->slack);
        mpz_fdiv_q(f->t1, f->t1, f->unit);
        mpz_add(f->t2, f->t2, f->t1);
    }
    mk_mpz_set_u128(f->t3, r);
    if (mpz_cmp(f->t2, f->t3) > 0)
        return 0;
    for (size_t q = 0; q < f->n_projects; q++) {
        if (!f->active[q])
            continue;
        mpz_add(f->t1, f->ideal[q], f->slack);
        mpz_fdiv_q(f->t1, f->t1, f->unit);
        f->match[q] = mk_mpz_get_u128(f->t1); /* the paid total is <= r */
    }
    return 1;
}

int mk_funding_allocate(mk_funding_base *f, mk_ctx *ctx)
{
    mk_mpz_set_u128(f->t1, f->pool);
    mpz_mul_si(f->t1, f->t1, f->cap_ppm);
    mpz_fdiv_q_ui(f->t1, f->t1, MK_FUNDING_WEIGHT_ONE);
    mk_u128 cap = mk_mpz_get_u128(f->t1); /* <= pool */
    mk_u128 r = f->pool;
    int paying_ideal = 0;
    mpz_t sum;
    mpz_init(sum);
    for (size_t q = 0; q < f->n_projects; q++) {
        f->match[q] = 0;
        f->active[q] = mpz_sgn(f->ideal[q]) > 0;
    }
    for (;;) {
        mpz_set_ui(sum, 0);
        for (size_t q = 0; q < f->n_projects; q++)
            if (f->active[q])
                mpz_add(sum, sum, f->ideal[q]);
        if (mpz_sgn(sum) == 0)
            break;
        mk_mpz_set_u128(f->t3, r);
        mpz_mul(f->t3, f->unit, f->t3);
        paying_ideal = f->below == BELOW_UNSPENT && mpz_cmp(sum, f->t3) <= 0;
        int capped = 0;
        for (size_t q = 0; q < f->n_projects; q++) {
            if (!f->active[q] || !exceeds(f, q, paying_ideal, r, sum, cap))
                continue;
            f->active[q] = 0;
            f->match[q] = cap;
            capped = 1;
        }
        if (!capped)
            break;
        r = f->pool;
        for (size_t q = 0; q < f->n_projects; q++)
            if (!f->active[q])
                r -= f->match[q];
    }
    int rc = MK_OK;
    if (mpz_sgn(sum) > 0 && paying_ideal)
        paying_ideal = pay_ideals(f, r);
    if (mpz_sgn(sum) > 0 && !paying_ideal) {
        rc = largest_remainder(f, r, sum, ctx);
    }
    mpz_clear(sum);
    f->unspent = f->pool;
    for (size_t q = 0; q < f->n_projects; q++)
        f->unspent -= f->match[q];
    return rc;
}

char *mk_funding_format_mpz(const mpz_t v, int scale)
{
    char *digits = mpz_get_str(NULL, 10, v);
    if (digits == NULL)
        return NULL;
    size_t len = strlen(digits), whole = len > (size_t)scale ? len - (size_t)scale : 0;
    size_t size = (whole > 0 ? whole : 1) + (scale > 0 ? 1 + (size_t)scale : 0) + 1;
    char *out = malloc(size);
    if (out != NULL) {
        char *at = out;
        if (whole == 0)
            *at++ = '0';
        memcpy(at, digits, whole);
        at += whole;
        if (scale > 0) {
            *at++ = '.';
            for (size_t i = len; i < (size_t)scale; i++)
                *at++ = '0';
            memcpy(at, digits + whole, len - whole);
            at += len - whole;
        }
        *at = '\0';
    }
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    free_fn(digits, len + 1);
    return out;
}
