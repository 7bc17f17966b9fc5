/*
 * conviction_internal.h - what the files of funding.conviction share: the
 * instance (parameters and the last run's per-proposal results), its
 * profile operations (conviction_profile.c) and its output
 * (conviction_output.c). The rule itself is documented in conviction.c.
 */
#ifndef MECHKIT_CONVICTION_INTERNAL_H
#define MECHKIT_CONVICTION_INTERNAL_H

#include "funding_internal.h"

#define CONVICTION_FRACTION_BITS 64
#define MK_CONVICTION_MAX_BLOCKS 10000000

typedef struct decimal {
    int64_t num, den;
} decimal;

typedef struct event {
    int64_t block, delta;
    size_t voter, proposal;
} event;

typedef struct conviction {
    mk_funding_base base; /* first: format names, scale and items */
    decimal alpha, beta, rho;
    int64_t supply; /* 0: the total staked */
    int64_t until;  /* -1: the last block of the input */
    /* per proposal, for the last run */
    int64_t *requested, *stake, *passed_at, *voters;
    mpz_t *y, *threshold;
    size_t cap;
    int64_t pool;  /* the funds R at the start, minor units */
    int64_t funds;
    event *events;
    size_t cap_events;
    mpz_t t1, t2;
} conviction;

/* Profile operations (conviction_profile.c). */
int mk_conviction_deviations(const mk_instance *inst, const mk_profile *types, size_t who,
                             mk_rng *rng, mk_deviation_set *out, mk_ctx *ctx);
int mk_conviction_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                        mk_profile *out, mk_ctx *ctx);

/* Output (conviction_output.c). */
int mk_conviction_result_json(const mk_instance *inst, const mk_profile *reports,
                              const mk_outcome *outcome, void *result, mk_ctx *ctx);
int mk_conviction_result_text(const mk_instance *inst, const mk_profile *reports,
                              const mk_outcome *outcome, char **text, mk_ctx *ctx);
void mk_conviction_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                                 char *buf, size_t cap);

#endif
