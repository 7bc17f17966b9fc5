/*
 * The exact arithmetic of funding.qf_pairwise in machine integers
 * (qf_pairwise_fixed.h), for rounds whose counted amounts are below 2^64
 * and whose weights are non-negative: the same integers as the GMP
 * definition in qf_pairwise.c, term by term, so the same output bytes.
 *
 * Contributor i's pairs (i, j > i) are visited twice, as there: first
 * each pair root r is computed once (kept in visiting order for the
 * second visit) and added to the pair's sum R_ij (192 bits), then each
 * term floor(M' W r / (M' + W R_ij)) is added to its project's 256-bit
 * accumulator; a term whose operands pass 128 bits (weights or M far
 * from the common case) is computed with GMP instead. i's position in a
 * project's entries is a cursor per project: contributors are visited in
 * ascending order, the order of each project's entries.
 */
#include <stdlib.h>

#include "qf_pairwise_internal.h"

/* v's low 128 bits when v < 2^limit (limit <= 128); else 0 in *fits. */
static mk_u128 mpz_low(const mpz_t v, size_t limit, int *fits)
{
    if (mpz_sizeinbase(v, 2) > limit)
        *fits = 0;
    return *fits ? mk_mpz_get_u128(v) : 0;
}

/* The constants of the round's terms (pw_terms): a = M 10^12 / g and
 * b = W / g, g = gcd(M 10^12, W) when every entry has the same weight. */
static void terms_setup(qf_pairwise *a, size_t n_entries, pw_terms *k)
{
    mpz_t m, w, g;
    mpz_inits(m, w, g, NULL);
    mk_mpz_set_u128(m, a->m);
    mpz_mul_ui(m, m, 1000000);
    mpz_mul_ui(m, m, 1000000); /* M 10^12 */
    k->uniform = 1;
    for (size_t e = 1; e < n_entries && k->uniform; e++)
        k->uniform = a->weight[e] == a->weight[0];
    k->fits = 1;
    k->b = k->aw = 0;
    if (k->uniform && n_entries > 0) {
        mk_mpz_set_u128(w, (mk_u128)a->weight[0]);
        mpz_mul(w, w, w); /* W */
        mpz_gcd(g, m, w);
        mpz_divexact(m, m, g);
        mpz_divexact(w, w, g);
        k->b = mpz_low(w, 128, &k->fits);
        mpz_mul(w, w, g);
        mpz_mul(w, w, m); /* a W */
        k->aw = mpz_low(w, 128, &k->fits);
    }
    k->a = mpz_low(m, 64, &k->fits);
    mpz_clears(m, w, g, NULL);
    k->quick = k->fits && k->uniform && k->aw >> 64 == 0;
    mk_u128 room = ~(mk_u128)0 - (k->a << 64);
    k->r_max = k->b == 0 ? ~(mk_u128)0 : room / k->b;
}

/* The term of a pair root r whose operands do not fit 128 bits, by the
 * GMP definition: floor(M' s / (M' + T)), s = W r, T = W R. */
static void term_gmp(qf_pairwise *a, mk_u128 w, mk_u128 r, pw_sum sum, mpz_t ideal)
{
    mk_mpz_set_u128(a->d, sum.hi);
    mpz_mul_2exp(a->d, a->d, 128);
    mk_mpz_set_u128(a->term, sum.lo);
    mpz_add(a->d, a->d, a->term);
    mk_mpz_set_u128(a->term, w);
    mpz_mul(a->d, a->d, a->term); /* T */
    mpz_add(a->d, a->d, a->m_fixed);
    mk_mpz_set_u128(a->s, r);
    mpz_mul(a->s, a->s, a->term); /* s */
    mpz_mul(a->term, a->m_fixed, a->s);
    mpz_fdiv_q(a->term, a->term, a->d);
    mpz_addmul_ui(ideal, a->term, 2); /* (i, j) and (j, i) */
}

static int reserve_roots(qf_pairwise *a, size_t need, mk_ctx *ctx)
{
    if (need <= a->cap_roots)
        return MK_OK;
    size_t cap = need < 2 * a->cap_roots ? 2 * a->cap_roots : need;
    mk_u128 *roots = cap > SIZE_MAX / sizeof *roots ? NULL : realloc(a->roots, cap * sizeof *roots);
    if (roots == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf_pairwise");
    a->roots = roots;
    a->cap_roots = cap;
    return MK_OK;
}

/* The roots of entry e1's pairs with the entries (e1, end) of its
 * project: into roots (in order) and the pairs' sums; a contributor j
 * whose sum was 0 is new in touched. Returns the count in touched. */
static size_t project_roots(const pw_entry *restrict entry, const size_t *restrict who, size_t e1,
                            size_t end, mk_u128 *restrict roots, pw_sum *restrict sums,
                            size_t *restrict touched, size_t n_touched)
{
    pw_entry first = entry[e1];
    for (size_t e2 = e1 + 1; e2 < end; e2++) {
        size_t j = who[e2];
        mk_u128 r = pw_pair_root(first.c, first.root, entry[e2].c, entry[e2].root);
        *roots++ = r;
        pw_sum sum = sums[j];
        touched[n_touched] = j; /* kept when new: roots are above 0 */
        n_touched += sum.lo == 0 && sum.hi == 0;
        pw_sum_add(&sum, r);
        sums[j] = sum;
    }
    return n_touched;
}

/* First visit of i's pairs: their roots, in visiting order, and their
 * sums R_ij. Advances the cursors of i's projects. */
static int roots_of(qf_pairwise *a, const int64_t *row, size_t *n_touched, mk_ctx *ctx)
{
    const mk_funding_base *f = &a->base;
    size_t n_roots = 0;
    for (size_t x = 0; x < (size_t)row[MK_FUNDING_COUNT]; x++) {
        if (!mk_funding_counts(f, mk_funding_amount_at(row, x)))
            continue;
        size_t q = mk_funding_project_at(row, x), e1 = a->cursor[q]++, end = a->start[q + 1];
        int rc = reserve_roots(a, n_roots + (end - e1), ctx);
        if (rc != 0)
            return rc;
        *n_touched = project_roots(a->entry, a->who, e1, end, a->roots + n_roots, a->sums,
                                   a->touched, *n_touched);
        n_roots += end - e1 - 1;
    }
    return MK_OK;
}

/* The terms of entry e1's pairs with the entries (e1, end) of its
 * project, roots in order, added to *ideal; those that do not fit the
 * machine words go to the GMP ideal of the project, `exact`. */
static void project_terms(qf_pairwise *a, const pw_terms *k, size_t e1, size_t end,
                          const mk_u128 *roots, mk_w256 *ideal, mpz_t exact)
{
    const size_t *who = a->who;
    const pw_sum *sums = a->sums;
    const int64_t *weight = a->weight;
    mk_w256 sum = *ideal;
    if (k->quick) { /* the common case, without weights */
        for (size_t e2 = e1 + 1; e2 < end; e2++) {
            mk_u128 r = *roots++, term;
            pw_sum pair = sums[who[e2]];
            if (pw_term_quick(k, r, pair, &term)) {
                sum.lo += term;
                sum.hi += sum.lo < term;
            } else {
                term_gmp(a, (mk_u128)weight[e1] * (mk_u128)weight[e2], r, pair, exact);
            }
        }
    } else {
        for (size_t e2 = e1 + 1; e2 < end; e2++) {
            mk_u128 r = *roots++, term, w = (mk_u128)weight[e1] * (mk_u128)weight[e2];
            pw_sum pair = sums[who[e2]];
            if (pw_term(k, w, r, pair, &term)) {
                sum.lo += term;
                sum.hi += sum.lo < term;
            } else {
                term_gmp(a, w, r, pair, exact);
            }
        }
    }
    *ideal = sum;
}

/* Second visit: each pair's terms, added to its project's ideal. */
static void terms_of(qf_pairwise *a, const pw_terms *k, const int64_t *row)
{
    mk_funding_base *f = &a->base;
    const mk_u128 *roots = a->roots;
    for (size_t x = 0; x < (size_t)row[MK_FUNDING_COUNT]; x++) {
        if (!mk_funding_counts(f, mk_funding_amount_at(row, x)))
            continue;
        size_t q = mk_funding_project_at(row, x), e1 = a->cursor[q] - 1, end = a->start[q + 1];
        project_terms(a, k, e1, end, roots, &a->ideal_w[q], f->ideal[q]);
        roots += end - e1 - 1;
    }
}

int mk_qf_pairwise_exact_narrow(qf_pairwise *a, const mk_profile *reports, mk_ctx *ctx)
{
    mk_funding_base *f = &a->base;
    size_t n_entries = a->start[f->n_projects];
    pw_terms k;
    terms_setup(a, n_entries, &k);
    for (size_t q = 0; q < f->n_projects; q++) {
        a->cursor[q] = a->start[q];
        a->ideal_w[q].hi = a->ideal_w[q].lo = 0;
    }
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        size_t n_touched = 0;
        int rc = roots_of(a, row, &n_touched, ctx);
        if (rc == 0)
            terms_of(a, &k, row);
        for (size_t t = 0; t < n_touched; t++) { /* zero again, for the next run too */
            size_t j = a->touched[t];
            a->sums[j].lo = 0;
            a->sums[j].hi = 0;
        }
        if (rc != 0)
            return rc;
    }
    for (size_t q = 0; q < f->n_projects; q++) { /* ideal += 2 (hi 2^128 + lo) */
        mk_mpz_set_u128(a->term, a->ideal_w[q].hi);
        mpz_mul_2exp(a->term, a->term, 128);
        mk_mpz_set_u128(a->s, a->ideal_w[q].lo);
        mpz_add(a->term, a->term, a->s);
        mpz_addmul_ui(f->ideal[q], a->term, 2);
    }
    return MK_OK;
}
