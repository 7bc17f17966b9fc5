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
 * from the common case) is computed with GMP instead.
 *
 * Contributors are independent but for those sums: with threads, each
 * takes every T-th contributor with its own sums and accumulators, and
 * the accumulators are added at the end. Integer sums do not depend on
 * their order, so the ideals are the same whatever the number of threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
static void terms_setup(const qf_pairwise *a, size_t n_entries, pw_terms *k)
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

/* One thread's share of the contributors, i = first, first + stride, ..,
 * with its own scratch. */
typedef struct pw_worker {
    const qf_pairwise *a;
    const pw_terms *k;
    size_t n, first, stride;
    pw_sum *sums; /* per contributor j: R_ij of the current i */
    size_t *touched;
    mk_u128 *roots; /* the current i's pair roots, in visiting order */
    size_t cap_roots;
    mk_w256 *ideal_w; /* per project: half the machine-word terms */
    mpz_t *ideal;     /* per project: the terms that took GMP */
    size_t n_projects;
    mpz_t s, d, term;
    int rc;
} pw_worker;

/* The term of a pair root r whose operands do not fit 128 bits, by the
 * GMP definition: floor(M' s / (M' + T)), s = W r, T = W R. */
static void term_gmp(pw_worker *w, mk_u128 weight, mk_u128 r, pw_sum sum, mpz_t ideal)
{
    mk_mpz_set_u128(w->d, sum.hi);
    mpz_mul_2exp(w->d, w->d, 128);
    mk_mpz_set_u128(w->term, sum.lo);
    mpz_add(w->d, w->d, w->term);
    mk_mpz_set_u128(w->term, weight);
    mpz_mul(w->d, w->d, w->term); /* T */
    mpz_add(w->d, w->d, w->a->m_fixed);
    mk_mpz_set_u128(w->s, r);
    mpz_mul(w->s, w->s, w->term); /* s */
    mpz_mul(w->term, w->a->m_fixed, w->s);
    mpz_fdiv_q(w->term, w->term, w->d);
    mpz_addmul_ui(ideal, w->term, 2); /* (i, j) and (j, i) */
}

static int reserve_roots(pw_worker *w, size_t need)
{
    if (need <= w->cap_roots)
        return MK_OK;
    size_t cap = need < 2 * w->cap_roots ? 2 * w->cap_roots : need;
    mk_u128 *roots = cap > SIZE_MAX / sizeof *roots ? NULL : realloc(w->roots, cap * sizeof *roots);
    if (roots == NULL)
        return MK_ENOMEM;
    w->roots = roots;
    w->cap_roots = cap;
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
 * sums R_ij. */
static int roots_of(pw_worker *w, size_t i, size_t *n_touched)
{
    const qf_pairwise *a = w->a;
    size_t n_roots = 0;
    for (size_t x = a->row_start[i]; x < a->row_start[i + 1]; x++) {
        size_t e1 = a->row_entry[x], end = a->start[a->row_project[x] + 1];
        int rc = reserve_roots(w, n_roots + (end - e1));
        if (rc != 0)
            return rc;
        *n_touched = project_roots(a->entry, a->who, e1, end, w->roots + n_roots, w->sums,
                                   w->touched, *n_touched);
        n_roots += end - e1 - 1;
    }
    return MK_OK;
}

/* The terms of entry e1's pairs with the entries (e1, end) of project q,
 * roots in order, added to the worker's accumulators of q. */
static void project_terms(pw_worker *w, size_t q, size_t e1, size_t end, const mk_u128 *roots)
{
    const pw_terms *k = w->k;
    const size_t *who = w->a->who;
    const pw_sum *sums = w->sums;
    const int64_t *weight = w->a->weight;
    mk_w256 sum = w->ideal_w[q];
    if (k->quick) { /* the common case, without weights */
        for (size_t e2 = e1 + 1; e2 < end; e2++) {
            mk_u128 r = *roots++, term;
            pw_sum pair = sums[who[e2]];
            if (pw_term_quick(k, r, pair, &term)) {
                sum.lo += term;
                sum.hi += sum.lo < term;
            } else {
                term_gmp(w, (mk_u128)weight[e1] * (mk_u128)weight[e2], r, pair, w->ideal[q]);
            }
        }
    } else {
        for (size_t e2 = e1 + 1; e2 < end; e2++) {
            mk_u128 r = *roots++, term, pw = (mk_u128)weight[e1] * (mk_u128)weight[e2];
            pw_sum pair = sums[who[e2]];
            if (pw_term(k, pw, r, pair, &term)) {
                sum.lo += term;
                sum.hi += sum.lo < term;
            } else {
                term_gmp(w, pw, r, pair, w->ideal[q]);
            }
        }
    }
    w->ideal_w[q] = sum;
}

/* Second visit: each pair's terms. */
static void terms_of(pw_worker *w, size_t i)
{
    const qf_pairwise *a = w->a;
    const mk_u128 *roots = w->roots;
    for (size_t x = a->row_start[i]; x < a->row_start[i + 1]; x++) {
        size_t q = a->row_project[x], e1 = a->row_entry[x], end = a->start[q + 1];
        project_terms(w, q, e1, end, roots);
        roots += end - e1 - 1;
    }
}

static void *worker_run(void *arg)
{
    pw_worker *w = arg;
    for (size_t i = w->first; i < w->n && w->rc == 0; i += w->stride) {
        size_t n_touched = 0;
        w->rc = roots_of(w, i, &n_touched);
        if (w->rc == 0)
            terms_of(w, i);
        for (size_t t = 0; t < n_touched; t++) {
            size_t j = w->touched[t];
            w->sums[j].lo = 0;
            w->sums[j].hi = 0;
        }
    }
    return NULL;
}

static void worker_free(pw_worker *w)
{
    free(w->sums);
    free(w->touched);
    free(w->roots);
    free(w->ideal_w);
    for (size_t q = 0; q < w->n_projects; q++)
        mpz_clear(w->ideal[q]);
    free(w->ideal);
    mpz_clears(w->s, w->d, w->term, NULL);
}

/* Scratch of worker t of `stride` over n contributors and p projects. */
static int worker_init(pw_worker *w, const qf_pairwise *a, const pw_terms *k, size_t t,
                       size_t stride)
{
    size_t n = a->row_n, p = a->base.n_projects;
    memset(w, 0, sizeof *w);
    mpz_inits(w->s, w->d, w->term, NULL);
    w->a = a;
    w->k = k;
    w->n = n;
    w->first = t;
    w->stride = stride;
    w->sums = calloc(n + 1, sizeof *w->sums);
    w->touched = calloc(n + 1, sizeof *w->touched);
    w->ideal_w = calloc(p + 1, sizeof *w->ideal_w);
    w->ideal = calloc(p + 1, sizeof *w->ideal);
    if (w->ideal != NULL)
        for (; w->n_projects < p; w->n_projects++)
            mpz_init(w->ideal[w->n_projects]);
    return w->sums && w->touched && w->ideal_w && w->ideal ? MK_OK : MK_ENOMEM;
}

/* Threads for a round of `pairs` pair terms: `threads` (0: one per online
 * processor, and one alone for a round too small to gain). */
static size_t thread_count(size_t threads, size_t pairs)
{
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = pairs < PW_THREAD_MIN_PAIRS || online < 1 ? 1 : (size_t)online;
    }
    return threads < PW_MAX_THREADS ? threads : PW_MAX_THREADS;
}

int mk_qf_pairwise_exact_narrow(qf_pairwise *a, mk_ctx *ctx)
{
    mk_funding_base *f = &a->base;
    size_t n_entries = a->start[f->n_projects], pairs = 0;
    for (size_t q = 0; q < f->n_projects; q++) {
        size_t m = a->start[q + 1] - a->start[q];
        pairs += m / 2 * (m - 1 + m % 2); /* m (m - 1) / 2 without overflow */
    }
    pw_terms k;
    terms_setup(a, n_entries, &k);
    size_t n_threads = thread_count(a->threads, pairs);
    pw_worker workers[PW_MAX_THREADS];
    pthread_t ids[PW_MAX_THREADS];
    int started[PW_MAX_THREADS] = {0}, rc = MK_OK;
    size_t ready = 0;
    for (; ready < n_threads && rc == MK_OK; ready++)
        rc = worker_init(&workers[ready], a, &k, ready, n_threads);
    for (size_t t = 1; t < n_threads && rc == MK_OK; t++)
        started[t] = pthread_create(&ids[t], NULL, worker_run, &workers[t]) == 0;
    if (rc == MK_OK)
        worker_run(&workers[0]);
    for (size_t t = 1; t < n_threads && rc == MK_OK; t++) {
        if (started[t])
            pthread_join(ids[t], NULL);
        else
            worker_run(&workers[t]); /* no thread: the caller takes its share */
    }
    for (size_t t = 0; t < ready; t++) {
        if (rc == MK_OK && workers[t].rc != 0)
            rc = workers[t].rc;
        for (size_t q = 0; rc == MK_OK && q < f->n_projects; q++) { /* 2 (hi 2^128 + lo) */
            mk_mpz_set_u128(a->term, workers[t].ideal_w[q].hi);
            mpz_mul_2exp(a->term, a->term, 128);
            mk_mpz_set_u128(a->s, workers[t].ideal_w[q].lo);
            mpz_add(a->term, a->term, a->s);
            mpz_addmul_ui(f->ideal[q], a->term, 2);
            mpz_add(f->ideal[q], f->ideal[q], workers[t].ideal[q]);
        }
        worker_free(&workers[t]);
    }
    return rc == MK_OK ? MK_OK : mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf_pairwise");
}
