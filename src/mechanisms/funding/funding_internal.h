/*
 * funding_internal.h - what the funding rules share: parameters, the
 * per-project workspace, the allocation of the pool from ideal matches,
 * output, and the profile operations (sybil split).
 *
 * Every rule computes each project's ideal match as a non-negative GMP
 * integer in units of 1/unit of a minor unit (fixed point: `unit` is a
 * power of two times a power of ten chosen by the rule), then
 * mk_funding_allocate turns ideals into matches that are whole minor units.
 */
#ifndef MECHKIT_FUNDING_INTERNAL_H
#define MECHKIT_FUNDING_INTERNAL_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "core/money_wide.h"
#include "io/contributions_row.h"
#include "mechkit/funding.h"

typedef enum funding_below { BELOW_SCALE_UP = 0, BELOW_UNSPENT = 1 } funding_below;

typedef struct mk_funding_base {
    int scale;
    const char *const *items; /* project names (mk_setting.items), borrowed */
    size_t n_items;
    /* Amounts are 128-bit minor units (a round in wei passes int64 in
     * its pool and totals long before any one contribution does). */
    mk_u128 pool;
    funding_below below;
    int64_t cap_ppm; /* per-project cap as millionths of the pool */
    mk_u128 min_contribution;
    int wide; /* the last run's reports had two-limb amounts */
    /* per project, for the last run (result_json reads them) */
    size_t n_projects, cap_projects;
    int64_t *contributors;
    mk_u128 *total, *match;
    mk_u128 *counted; /* contributions that count toward the match */
    mpz_t *ideal;     /* cap_projects initialised integers */
    mpz_t unit;       /* ideal units per minor unit */
    /* added to an ideal before it is rounded down to whole units: a rule
     * whose fixed point errs low by less than `slack` units sets it, so
     * that an ideal that is an integer number of minor units is paid
     * (and shown) as that integer and not one unit less */
    mpz_t slack;
    mk_u128 unspent;
    /* scratch of the allocation */
    unsigned char *active;
    mpz_t *rem;
    size_t *order;
    mpz_t t1, t2, t3;
} mk_funding_base;

/* Parameters that every rule takes, in its spec array. */
#define MK_FUNDING_COMMON_PARAMS                                                                   \
    {"pool", MK_PARAM_MONEY, NULL, NULL, "matching pool (required), e.g. pool=1000"},              \
        {"below_pool", MK_PARAM_CHOICE, "scale_up", "scale_up|unspent",                            \
         "when ideal matches total less than the pool: scale them up to it, or pay them and "      \
         "leave the rest unspent"},                                                                \
        {"cap", MK_PARAM_DECIMAL, "1", NULL,                                                       \
         "most one project's match may be, as a share of the pool (0 < cap <= 1)"},                \
        {"min_contribution", MK_PARAM_MONEY, "0", NULL,                                            \
         "contributions below this count for nothing in the match"},                               \
        {"scale", MK_PARAM_INT, NULL, NULL, "decimal places of amounts (default: inferred)"},      \
    {                                                                                              \
        "skip_bad_rows", MK_PARAM_CHOICE, "false", "false|true",                                   \
            "skip malformed input rows (counted in input.skipped_rows) instead of stopping"        \
    }

/* Initialises f for setting with no parameters read: nothing allocated
 * beyond its GMP scratch, no pool (for rules without one, e.g. assurance
 * contracts, that still use the per-project tables and the reader). */
void mk_funding_base_setup(mk_funding_base *f, const mk_setting *setting);

/* Parameter `name`, a decimal share in [0, 1] (above 0 unless allow_zero)
 * with at most 6 places, as millionths. MK_EPARAM otherwise. */
int mk_funding_get_share(const mk_params *params, const char *name, int allow_zero, int64_t *ppm,
                         mk_ctx *ctx);

/* Parses the common parameters and initialises f. */
int mk_funding_base_init(mk_funding_base *f, const mk_params *params, const mk_setting *setting,
                         mk_ctx *ctx);
void mk_funding_base_free(mk_funding_base *f);

/* Sizes the per-project arrays for p projects, zeroes them (ideals too)
 * and fills contributors and total from reports. Allocates only when p
 * grows. Checks the layout (mk_funding_check). */
int mk_funding_begin(mk_funding_base *f, const mk_profile *reports, mk_ctx *ctx);

/* 1 when amount counts toward the match (positive, >= min_contribution). */
static inline int mk_funding_counts(const mk_funding_base *f, mk_u128 amount)
{
    return amount > 0 && amount >= f->min_contribution;
}

/* v into an initialised GMP integer, and back (v < 2^128). */
static inline void mk_mpz_set_u128(mpz_t out, mk_u128 v)
{
    uint64_t high = (uint64_t)(v >> 64);
    mpz_set_ui(out, high != 0 ? (unsigned long)high : (unsigned long)(uint64_t)v);
    if (high == 0) /* the common case: one limb */
        return;
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)v);
}

static inline mk_u128 mk_mpz_get_u128(const mpz_t v)
{
    mpz_t high;
    mpz_init(high);
    mpz_fdiv_q_2exp(high, v, 64);
    mk_u128 out = ((mk_u128)mpz_get_ui(high) << 64) | (mk_u128)(uint64_t)mpz_get_ui(v);
    mpz_clear(high);
    return out;
}

/* From f->ideal and f->unit: f->match and f->unspent (see funding.c). */
int mk_funding_allocate(mk_funding_base *f, mk_ctx *ctx);

/* The outcome of a run: each contributor pays its contributions; its
 * column "match_share" is its pro-rata share of the matches of the
 * projects it funds, sum_q floor(c_iq match_q / counted_q) (see
 * mk_funding_utility). Payments past int64 (a round in wei) take the
 * outcome's payment_high limbs, and shares past int64 leave the column
 * out (the audit refuses such rounds). Pool, matched and unspent are in
 * the result (mk_funding_result_json), not facts: they may pass int64. */
int mk_funding_outcome(mk_funding_base *f, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx);

/* Reader, split, output and free shared by the rules. */
int mk_funding_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);
/* The same, reading each contributor's groups when groups is 1. */
int mk_funding_read_as(const mk_input *in, const mk_params *params, int groups, mk_dataset *out,
                       mk_ctx *ctx);
int mk_funding_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                       const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);
int mk_funding_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx);
int mk_funding_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                     mk_profile *out, mk_ctx *ctx);
int mk_funding_result_json(const mk_instance *inst, const mk_profile *reports,
                           const mk_outcome *outcome, void *result, mk_ctx *ctx);
int mk_funding_result_text(const mk_instance *inst, const mk_profile *reports,
                           const mk_outcome *outcome, char **text, mk_ctx *ctx);

void mk_funding_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                              char *buf, size_t cap);

/* The input writer (mk_mechanism.write_input): a contributions CSV. */
int mk_funding_write_input(const mk_instance *inst, const mk_profile *reports,
                           const mk_profile *types, const char *const *labels, size_t n_labels,
                           char **text, const char **extension, mk_ctx *ctx);

/* The mechanism-table entries shared by the QF rules on contributions
 * (funding.qf, funding.qf_pairwise, funding.cocm), in a designated initialiser. */
#define MK_FUNDING_SHARED_FUNCTIONS .read = mk_funding_read, MK_FUNDING_SHARED_ENTRIES

/* The same but the reader, for a rule that reads its input its own way. */
#define MK_FUNDING_SHARED_ENTRIES                                                                  \
    .flags = MK_MECH_COLLECTIVE, .utility = mk_funding_utility, .truthful = mk_truthful_copy,      \
    .deviations = mk_funding_deviations, .split = mk_funding_split,                                \
    .result_json = mk_funding_result_json, .result_text = mk_funding_result_text,                  \
    .format_report = mk_funding_format_report, .write_input = mk_funding_write_input

/* Project q's name (from the input), or "#q+1" written into buf. */
const char *mk_funding_project_name(const mk_funding_base *f, size_t q, char *buf, size_t cap);

/* Writes v / 10^scale (v >= 0, an integer count of minor units) as a
 * decimal string with exactly scale places; the caller frees it. */
char *mk_funding_format_mpz(const mpz_t v, int scale);

#endif
