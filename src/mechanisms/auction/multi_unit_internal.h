/*
 * multi_unit_internal.h - state shared by multi_unit.c (parameters, the
 * mechanism values, sybil splits) and multi_unit_run.c (the run).
 */
#ifndef MECHKIT_MULTI_UNIT_INTERNAL_H
#define MECHKIT_MULTI_UNIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "auction_internal.h"

/* Most units one auction offers: keeps 2 * units (the Vickrey ranking
 * depth) inside a 32-bit size_t. */
#define MK_MULTI_UNIT_MAX 1000000000

typedef enum mk_multi_rule {
    MK_MULTI_UNIFORM,    /* one clearing price for every unit */
    MK_MULTI_PAY_AS_BID, /* discriminatory: each winning bid is paid */
    MK_MULTI_VICKREY     /* each unit pays the bid it displaced */
} mk_multi_rule;

typedef struct mk_multi_unit {
    mk_auction_base base; /* first: the shared functions cast to it */
    mk_multi_rule rule;
    int lowest_winning; /* uniform price: 1 for price=lowest_winning */
    size_t units;
    /* Workspace, grown amortised and kept across runs: */
    size_t bid_capacity;
    size_t *bidder;  /* owner of each accepted marginal bid */
    int64_t *amount; /* accepted marginal bids; then the ranked ones */
    size_t seen_capacity;
    size_t *seen; /* per bidder: its bids met so far in rank order */
} mk_multi_unit;

/* The run of all three rules (multi_unit_run.c). */
int mk_multi_unit_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx);

/* Frees the workspace of a (not a itself). */
void mk_multi_unit_free_workspace(mk_multi_unit *a);

#endif
