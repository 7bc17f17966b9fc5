/*
 * funding.qf_pairwise: pairwise-bounded quadratic funding (Buterin,
 * "Pairwise coordination subsidies: a new quadratic funding design", 2019;
 * the rule Gitcoin used from its 2020 rounds). QF's ideal match of project
 * q is the sum over ordered pairs i != j of sqrt(c_iq c_jq); here each
 * pair's terms are discounted by k_ij = M / (M + sum_p sqrt(c_ip c_jp)),
 * where the sum runs over every project p that both fund, so that a pair
 * who fund many of the same projects (a likely colluding pair, or one
 * person's sybils) matters less:
 *     ideal_q = sum_{i != j} k_ij sqrt(c_iq c_jq).
 * As M grows, k_ij -> 1 and this tends to QF's ideal (with weights 1).
 * A contributor's weight w_i scales its roots: the pair's term uses
 * w_i w_j sqrt(c_iq c_jq). The ideals are scaled to the pool (funding.c).
 *
 * Arithmetic (arithmetic=exact, the default): pair roots in fixed point,
 * floor(sqrt(c_iq c_jq 2^128)) times w_i w_j (millionths), i.e. units of
 * 10^-12 2^-64 minor units; each discounted term floor(M' s / (M' + T))
 * in the same units, with M' = M 10^12 2^64. Every step is exact integer
 * (GMP) arithmetic, identical on every machine; the ideal is low by less
 * than one unit of 10^-12 2^-64 per pair and term. arithmetic=binary64
 * computes the same sums in IEEE doubles in a fixed order, each pair's
 * root as the product of the two contributions' roots (deterministic
 * on IEEE machines: no fused multiply-add contraction in ISO C mode), with
 * a relative error of the order of 10^-16 per term; the ideals are then
 * truncated to the same fixed point and allocated exactly, so only a
 * match whose remainder is within that error of a tie can differ by one
 * minor unit from the exact arithmetic.
 *
 * The exact arithmetic is defined here with GMP; rounds whose amounts are
 * below 2^64 (all but token rounds in wei past 18 tokens) and weights
 * non-negative compute the same integers in machine words
 * (qf_pairwise_exact.c), about ten times faster (bench/funding), and
 * split over threads (`threads`) with the same result for any number.
 *
 * Cost: O(sum over projects of (counted contributors)^2 / 2) pair terms,
 * visited twice, contributor by contributor (i, then each j > i who shares
 * a project with i) with a dense per-contributor accumulator, so no table
 * of pairs is kept: memory is O(contributions + contributors).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "qf_pairwise_internal.h"

static const mk_param_spec pairwise_params[] = {
    MK_FUNDING_COMMON_PARAMS,
    {"M", MK_PARAM_MONEY, NULL, NULL,
     "pairwise bound (required): a pair's coefficient is M / (M + its shared roots)"},
    {"arithmetic", MK_PARAM_CHOICE, "exact", "exact|binary64",
     "exact: integer fixed point (reproducible to the unit); binary64: doubles in a fixed order "
     "(deterministic, about 2x faster, relative error below 1e-12)"},
    {"threads", MK_PARAM_INT, "0", NULL,
     "threads of the exact arithmetic (0: one per online processor for a large round); the "
     "result is the same for any number"},
    {NULL, 0, NULL, NULL, NULL},
};

static void free_instance(mk_instance *inst)
{
    qf_pairwise *a = (qf_pairwise *)inst;
    if (a == NULL)
        return;
    mk_funding_base_free(&a->base);
    mpz_clears(a->m_fixed, a->s, a->d, a->term, NULL);
    for (size_t i = 0; i < a->cap_n; i++)
        mpz_clear(a->t[i]);
    free(a->t);
    free(a->t64);
    free(a->ideal64);
    free(a->row_start);
    free(a->row_entry);
    free(a->row_project);
    free(a->seen);
    free(a->touched);
    free(a->start);
    free(a->who);
    free(a->amount);
    free(a->weight);
    free(a->root64);
    free(a->entry);
    free(a);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx)
{
    qf_pairwise *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf_pairwise");
    mpz_inits(a->m_fixed, a->s, a->d, a->term, NULL);
    int rc = mk_funding_base_init(&a->base, params, setting, ctx);
    if (rc == 0)
        rc = mk_params_get_money_wide(params, "M", setting->scale, &a->m, ctx);
    if (rc == 0 && a->m == 0)
        rc = mk_error(ctx, MK_EPARAM, "parameter 'M' must be above 0");
    int arith = 0;
    if (rc == 0)
        rc = mk_params_get_choice(params, "arithmetic", &arith, ctx);
    a->arith = (pair_arith)arith;
    int64_t threads = 0;
    if (rc == 0)
        rc = mk_params_get_int(params, "threads", 0, PW_MAX_THREADS, &threads, ctx);
    a->threads = (size_t)threads;
    if (rc != 0) {
        free_instance((mk_instance *)a);
        return rc;
    }
    mpz_ui_pow_ui(a->base.unit, 10, 12);
    mpz_mul_2exp(a->base.unit, a->base.unit, PAIR_FRACTION_BITS);
    mk_mpz_set_u128(a->m_fixed, a->m);
    mpz_mul(a->m_fixed, a->m_fixed, a->base.unit);
    /* Each pair term errs low by less than one unit of 10^-12 2^-64: a
     * slack of 2^-32 minor units covers up to 10^21 terms (see qf.c). */
    mpz_fdiv_q_2exp(a->base.slack, a->base.unit, 32);
    *out = (mk_instance *)a;
    return MK_OK;
}

static int grow(void **p, size_t *cap, size_t need, size_t size, mk_ctx *ctx)
{
    if (need <= *cap)
        return MK_OK;
    size_t bytes;
    if (mk_checked_size_mul(need, size, &bytes) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.qf_pairwise: round too large");
    void *q = realloc(*p, bytes);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf_pairwise");
    *p = q;
    *cap = need;
    return MK_OK;
}

/* Entry `at` of the grouping: contributor i's amount c (counted) with
 * the per-entry values its arithmetic needs. Clears a->narrow for an
 * amount past 64 bits or a negative weight. */
static void set_entry(qf_pairwise *a, size_t at, size_t i, mk_u128 c, int64_t weight)
{
    a->who[at] = i;
    a->amount[at] = c;
    a->weight[at] = weight;
    if (a->arith == ARITH_BINARY64) {
        a->root64[at] = (double)weight * 1e-6 * sqrt((double)c);
        return;
    }
    if (c >> 64 != 0 || weight < 0)
        a->narrow = 0;
    if (a->narrow) {
        a->entry[at].c = (uint64_t)c;
        a->entry[at].root = pw_root_of((uint64_t)c);
    }
}

/* Groups the counted contributions by project: entries start[q] ..
 * start[q+1]-1 of who/amount/weight, contributors in row order. */
static int group(qf_pairwise *a, const mk_profile *r, mk_ctx *ctx)
{
    const mk_funding_base *f = &a->base;
    size_t p = f->n_projects, cap = a->cap_start, n_entries = 0;
    int rc = grow((void **)&a->start, &cap, p + 2, sizeof *a->start, ctx);
    a->cap_start = cap;
    if (rc != 0)
        return rc;
    memset(a->start, 0, (p + 2) * sizeof *a->start);
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++)
            if (mk_funding_counts(f, mk_funding_amount_at(row, j))) {
                a->start[mk_funding_project_at(row, j) + 2]++;
                n_entries++;
            }
    }
    for (size_t q = 0; q < p; q++)
        a->start[q + 2] += a->start[q + 1];
    size_t cap_who = a->cap_entries;
    rc = grow((void **)&a->who, &cap_who, n_entries + 1, sizeof *a->who, ctx);
    if (rc == 0)
        rc = grow((void **)&a->amount, &a->cap_entries, n_entries + 1, sizeof *a->amount, ctx);
    if (rc == 0)
        rc = grow((void **)&a->weight, &a->cap_weight, n_entries + 1, sizeof *a->weight, ctx);
    if (rc == 0 && a->arith == ARITH_BINARY64)
        rc = grow((void **)&a->root64, &a->cap_root64, n_entries + 1, sizeof *a->root64, ctx);
    if (rc == 0 && a->arith == ARITH_EXACT)
        rc = grow((void **)&a->entry, &a->cap_entry, n_entries + 1, sizeof *a->entry, ctx);
    if (rc == 0)
        rc = grow((void **)&a->row_start, &a->cap_row_start, r->n + 1, sizeof *a->row_start, ctx);
    if (rc == 0)
        rc = grow((void **)&a->row_entry, &a->cap_row_entry, n_entries + 1, sizeof *a->row_entry,
                  ctx);
    if (rc == 0)
        rc = grow((void **)&a->row_project, &a->cap_row_project, n_entries + 1,
                  sizeof *a->row_project, ctx);
    if (rc != 0)
        return rc;
    a->narrow = 1;
    a->row_n = r->n;
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        a->row_start[i] = k;
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            mk_u128 c = mk_funding_amount_at(row, j);
            size_t q = mk_funding_project_at(row, j);
            if (!mk_funding_counts(f, c))
                continue;
            a->row_entry[k] = a->start[q + 1]++;
            a->row_project[k++] = q;
            set_entry(a, a->row_entry[k - 1], i, c, row[MK_FUNDING_WEIGHT]);
        }
    }
    a->row_start[r->n] = k;
    /* a contributor listed twice in one project (not from the reader,
     * which sums such rows) is left to the GMP definition */
    for (size_t q = 0; q < p && a->narrow; q++)
        for (size_t e = a->start[q] + 1; e < a->start[q + 1]; e++)
            a->narrow &= a->who[e] != a->who[e - 1];
    return MK_OK;
}

/* Grows one per-contributor or per-project array of `size` bytes. */
static int grow_scratch(void **p, size_t n, size_t size, mk_ctx *ctx)
{
    size_t bytes;
    if (mk_checked_size_mul(n, size, &bytes) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.qf_pairwise: round too large");
    void *q = realloc(*p, bytes);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.qf_pairwise");
    *p = q;
    return MK_OK;
}

/* Per-contributor scratch for n contributors (and p projects), zeroed. */
static int reserve_scratch(qf_pairwise *a, size_t n, size_t p, mk_ctx *ctx)
{
    if (p > a->cap_p) {
        int rc = grow_scratch((void **)&a->ideal64, p, sizeof *a->ideal64, ctx);
        if (rc != 0)
            return rc;
        a->cap_p = p;
    }
    if (n <= a->cap_n)
        return MK_OK;
    int rc = grow_scratch((void **)&a->t64, n, sizeof *a->t64, ctx);
    if (rc == 0)
        rc = grow_scratch((void **)&a->seen, n, sizeof *a->seen, ctx);
    if (rc == 0)
        rc = grow_scratch((void **)&a->touched, n, sizeof *a->touched, ctx);
    if (rc == 0)
        rc = grow_scratch((void **)&a->t, n, sizeof *a->t, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = a->cap_n; i < n; i++)
        mpz_init(a->t[i]);
    a->cap_n = n;
    memset(a->seen, 0, n);
    for (size_t i = 0; i < n; i++) {
        a->t64[i] = 0;
    }
    return MK_OK;
}

/* s = w_i w_j floor(sqrt(c_i c_j 2^128)), exact fixed point. */
static void pair_root(qf_pairwise *a, size_t e1, size_t e2)
{
    mk_mpz_set_u128(a->s, a->amount[e1]);
    mk_mpz_set_u128(a->term, a->amount[e2]);
    mpz_mul(a->s, a->s, a->term);
    mpz_mul_2exp(a->s, a->s, 2 * PAIR_FRACTION_BITS);
    mpz_sqrt(a->s, a->s);
    mpz_mul_si(a->s, a->s, a->weight[e1]);
    mpz_mul_si(a->s, a->s, a->weight[e2]);
}

/* binary64: the pair's root as the product of the entries' roots (one
 * multiplication per pair instead of a square root). */
static double pair_root64(const qf_pairwise *a, size_t e1, size_t e2)
{
    return a->root64[e1] * a->root64[e2];
}

/* Position of contributor i in project q's entries (present: i funds q). */
static size_t entry_of(const qf_pairwise *a, size_t q, size_t i)
{
    size_t lo = a->start[q], hi = a->start[q + 1];
    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->who[mid] <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Contributor i's pairs (i, j > i): first their shared sums T_ij over
 * every project both fund, then their discounted terms, added to the
 * ideals of the projects they share. The pairs' order (i ascending, then
 * i's projects ascending, then j ascending) is fixed, so binary64 sums are
 * the same on every machine. */
static void pairs_of(qf_pairwise *a, const mk_profile *r, size_t i)
{
    mk_funding_base *f = &a->base;
    const int64_t *row = mk_profile_row(r, i);
    size_t n_touched = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < (size_t)row[MK_FUNDING_COUNT]; k++) {
            if (!mk_funding_counts(f, mk_funding_amount_at(row, k)))
                continue;
            size_t q = mk_funding_project_at(row, k), e1 = entry_of(a, q, i);
            for (size_t e2 = e1 + 1; e2 < a->start[q + 1]; e2++) {
                size_t j = a->who[e2];
                if (a->arith == ARITH_BINARY64) {
                    double s = pair_root64(a, e1, e2);
                    if (pass == 0)
                        a->t64[j] += s;
                    else
                        a->ideal64[q] += 2 * s * ((double)a->m / ((double)a->m + a->t64[j]));
                } else {
                    pair_root(a, e1, e2);
                    if (pass == 0) {
                        mpz_add(a->t[j], a->t[j], a->s);
                    } else {
                        mpz_add(a->d, a->m_fixed, a->t[j]);
                        mpz_mul(a->term, a->m_fixed, a->s);
                        mpz_fdiv_q(a->term, a->term, a->d);
                        mpz_addmul_ui(f->ideal[q], a->term, 2); /* (i, j) and (j, i) */
                    }
                }
                if (pass == 0 && !a->seen[j]) {
                    a->seen[j] = 1;
                    a->touched[n_touched++] = j;
                }
            }
        }
    for (size_t t = 0; t < n_touched; t++) {
        size_t j = a->touched[t];
        a->seen[j] = 0;
        a->t64[j] = 0;
        mpz_set_ui(a->t[j], 0);
    }
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    qf_pairwise *a = (qf_pairwise *)inst;
    mk_funding_base *f = &a->base;
    int rc = mk_funding_begin(f, reports, ctx);
    if (rc == 0)
        rc = group(a, reports, ctx);
    if (rc == 0)
        rc = reserve_scratch(a, reports->n, f->n_projects + 1, ctx);
    if (rc != 0)
        return rc;
    for (size_t q = 0; q < f->n_projects; q++)
        a->ideal64[q] = 0;
    if (a->arith == ARITH_EXACT && a->narrow)
        rc = mk_qf_pairwise_exact_narrow(a, ctx);
    else
        for (size_t i = 0; i < reports->n; i++)
            pairs_of(a, reports, i);
    if (rc != 0)
        return rc;
    if (a->arith == ARITH_BINARY64) {
        /* to the exact fixed point of the allocation: 2^-64 minor units,
         * the double's value rounded down (mpz_set_d truncates) */
        for (size_t q = 0; q < f->n_projects; q++) {
            mpz_set_d(f->ideal[q], ldexp(a->ideal64[q], PAIR_FRACTION_BITS));
            mpz_mul_ui(f->ideal[q], f->ideal[q], 1000000);
            mpz_mul_ui(f->ideal[q], f->ideal[q], 1000000);
        }
    }
    rc = mk_funding_allocate(f, ctx);
    if (rc == 0)
        rc = mk_funding_outcome(f, reports, out, ctx);
    return rc;
}

const mk_mechanism mk_funding_qf_pairwise = {
    .name = "funding.qf_pairwise",
    .summary = "pairwise-bounded QF (Buterin 2019): each pair's match discounted by M/(M+shared)",
    .input_help = "Contributions, as for funding.qf (see 'mechkit describe funding.qf').",
    .params = pairwise_params,
    .claims = 0,
    .prepare = prepare,
    .run = run,
    MK_FUNDING_SHARED_FUNCTIONS,
    .free = free_instance,
};
