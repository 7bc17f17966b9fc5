/*
 * qf_pairwise_internal.h - the instance of funding.qf_pairwise shared by
 * its files: qf_pairwise.c (the mechanism, the grouping of contributions
 * by project, binary64 and the GMP definition of the exact arithmetic)
 * and qf_pairwise_exact.c (the exact arithmetic in machine integers, for
 * rounds whose amounts are below 2^64 and weights non-negative).
 */
#ifndef MECHKIT_QF_PAIRWISE_INTERNAL_H
#define MECHKIT_QF_PAIRWISE_INTERNAL_H

#include "funding_internal.h"
#include "qf_pairwise_fixed.h"

#define PAIR_FRACTION_BITS 64

typedef enum pair_arith { ARITH_EXACT = 0, ARITH_BINARY64 = 1 } pair_arith;

/* Most threads of one run, and the pair terms below which a run with the
 * default thread count stays on the caller's thread. */
#define PW_MAX_THREADS 64
#define PW_THREAD_MIN_PAIRS ((size_t)1 << 20)

typedef struct qf_pairwise {
    mk_funding_base base; /* first: the shared functions cast to it */
    mk_u128 m;            /* M in minor units */
    pair_arith arith;
    size_t threads; /* narrow exact: 0 = one per online processor */
    mpz_t m_fixed, s, d, term;
    /* per run: contributions grouped by project (CSR), contributors
     * ascending within each project */
    size_t *start, *who;
    mk_u128 *amount;
    int64_t *weight; /* the entry's contributor's weight */
    double *root64;  /* binary64: w sqrt(c) of each entry */
    pw_entry *entry; /* narrow exact: c and its normalised root */
    size_t cap_start, cap_entries, cap_weight, cap_root64, cap_entry;
    int narrow; /* exact: every counted amount < 2^64, every weight >= 0 */
    /* per run, by contributor: row i's counted contributions are
     * row_entry/row_project[row_start[i] .. row_start[i+1]-1] */
    size_t row_n, *row_start, *row_entry, *row_project;
    size_t cap_row_start, cap_row_entry, cap_row_project;
    /* per contributor i: the shared sums T_ij of the pairs (i, j > i) */
    mpz_t *t;
    double *t64;
    double *ideal64; /* per project, binary64 arithmetic */
    unsigned char *seen;
    size_t *touched;
    size_t cap_n, cap_p;
} qf_pairwise;

/* The narrow exact arithmetic of the grouped round: every pair's terms
 * added to a->base.ideal (qf_pairwise_exact.c). MK_ENOMEM. */
int mk_qf_pairwise_exact_narrow(qf_pairwise *a, mk_ctx *ctx);

#endif
