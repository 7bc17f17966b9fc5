/*
 * cocm_internal.h - what the files of funding.cocm share: the instance and
 * its per-run tables (cocm_tables.c) and the match of one project
 * (cocm_match.c). The rule is documented in cocm.c.
 */
#ifndef MECHKIT_COCM_INTERNAL_H
#define MECHKIT_COCM_INTERNAL_H

#include "funding_internal.h"

#define COCM_FRACTION_BITS 64
/* G x G doubles for the walk matrix and for one project's S. */
#define COCM_MAX_GROUPS 20000
#define COCM_NONE ((size_t)-1)
/* 2^-40: far above the rounding of a sum of walk probabilities */
#define COCM_ONE_TOLERANCE 9.094947017729282e-13

typedef enum cocm_variant { VARIANT_PAPER = 0, VARIANT_GITCOIN = 1 } cocm_variant;

typedef struct cocm {
    mk_funding_base base; /* first: the shared functions cast to it */
    cocm_variant variant;
    int column_groups; /* 1: groups from the input, else the projects funded */
    double money_unit; /* 10^scale: minor units per whole unit */
    size_t n_groups, words;
    /* counted contributions by project (CSR), contributors ascending */
    size_t *pstart, *pwho;
    double *pamount;
    /* memberships by contributor (CSR, groups ascending), their weights
     * w_ig and amounts c_ig */
    size_t *mstart, *mgroup;
    double *mweight, *mamount;
    double *pjp;        /* gitcoin: the walk matrix, G x G */
    double *walk;       /* gitcoin: PJP on the active groups of one project, A x A */
    double *colsum;     /* gitcoin: each group's total membership */
    size_t *member_of;  /* gitcoin: contributor index + 1 when in the group */
    uint64_t *together; /* paper, groups given: bit h of row g, a contributor in g and h */
    uint64_t *conn;     /* paper, groups given: the groups one contributor is connected to */
    double *s, *k;
    size_t *local, *active;
    size_t cap_pstart, cap_pwho, cap_pamount, cap_mstart, cap_mgroup, cap_mweight, cap_mamount,
        cap_pjp, cap_colsum, cap_member, cap_s, cap_k, cap_local, cap_active, cap_together,
        cap_conn, cap_walk;
} cocm;

/* The number of groups of reports (the projects, or the given groups,
 * checked); MK_EINPUT for a malformed group cell. */
int mk_cocm_count_groups(cocm *a, const mk_profile *r, mk_ctx *ctx);
/* Sizes the per-project scratch for a->n_groups groups. */
int mk_cocm_reserve_scratch(cocm *a, mk_ctx *ctx);
/* Contributions by project and memberships by contributor. */
int mk_cocm_build_tables(cocm *a, const mk_profile *r, mk_ctx *ctx);
/* paper with given groups: which groups share a contributor. */
int mk_cocm_build_together(cocm *a, size_t n, mk_ctx *ctx);
/* gitcoin: the walk matrix PJP. */
int mk_cocm_build_walk(cocm *a, size_t n, mk_ctx *ctx);
/* The match of project q before scaling, in whole units of money. */
double mk_cocm_project_match(cocm *a, size_t q);

#endif
