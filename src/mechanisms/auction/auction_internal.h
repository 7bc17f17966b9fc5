/*
 * auction_internal.h - what every auction mechanism shares: common
 * parameters, tie-breaking, sorting by bid, and the vtable functions that
 * only depend on the bid layout of mechkit/bids.h.
 *
 * Each mechanism's instance struct starts with an mk_auction_base, so the
 * shared functions can take the instance as an mk_auction_base.
 */
#ifndef MECHKIT_AUCTION_INTERNAL_H
#define MECHKIT_AUCTION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/bids.h"
#include "mechkit/distribution.h"
#include "mechkit/mechanism.h"

/* Parameters every auction takes; a mechanism's spec array lists these
 * first, then its own, then {NULL}. */
#define MK_AUCTION_COMMON_PARAMS                                                                   \
    {"scale", MK_PARAM_INT, NULL, NULL,                                                            \
     "decimal places of every amount (default: the most present in the input)"},                   \
        {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",                                       \
         "equal bids: the bidder listed first wins, or a lottery drawn from --seed"},              \
    {                                                                                              \
        "values", MK_PARAM_TEXT, "uniform:0:100", NULL,                                            \
            "distribution of the values that sample() draws for audits and simulations"            \
    }

/* One (participant, amount) pair being sorted, with its tie-break rank. */
typedef struct mk_auction_key {
    uint64_t amount;   /* order-preserving (or reversing) image of the amount */
    uint64_t priority; /* tie-break rank of the participant: lower wins */
    size_t who;
} mk_auction_key;

/* Shared state and workspace, first member of every auction instance. */
typedef struct mk_auction_base {
    int scale;
    mk_ties ties;
    uint64_t seed;
    int64_t reserve;        /* 0 when the mechanism has none */
    int exhaustive;         /* 1: mk_auction_deviations' critical points are all
                               the reports that matter for this mechanism */
    mk_distribution values; /* what sample() draws */
    size_t sample_units;    /* marginal units per sampled bidder (default 1) */
    int sample_sides;       /* 1: sample() alternates buyers and sellers */
    size_t capacity;        /* participants the workspace holds */
    size_t item_capacity;   /* (participant, amount) pairs it can sort */
    size_t *priority;       /* tie-break rank of each participant: lower wins */
    size_t *order;          /* participants of the sorted pairs, best first */
    mk_auction_key *keys;   /* sort workspace */
} mk_auction_base;

/* Reads the common parameters into b and sizes its workspace for setting->n. */
int mk_auction_base_init(mk_auction_base *b, const mk_params *params, const mk_setting *setting,
                         mk_ctx *ctx);

/* Grows the workspace to n participants and `items` sortable pairs
 * (amortised: no allocation once the largest profile has been seen). */
int mk_auction_base_reserve(mk_auction_base *b, size_t n, size_t items, mk_ctx *ctx);

void mk_auction_base_free(mk_auction_base *b);

/* Fills b->priority for n participants: 0..n-1 by index, or a seeded
 * random permutation when ties=random (the same for every run with the
 * same seed and n, so a profile always gets the same outcome). */
void mk_auction_set_priorities(mk_auction_base *b, size_t n);

/*
 * Sorts the `count` (participant, amount) pairs given by who[] and amount[]
 * into b->order by amount descending, or ascending when ascending != 0,
 * with ties by priority (so the order is total and the same on every
 * machine). who == NULL means pair i belongs to participant i.
 * O(count log count). Writes the participant of each rank into
 * b->order[0..count).
 */
void mk_auction_sort(mk_auction_base *b, const size_t *who, const int64_t *amount, size_t count,
                     int ascending);

/*
 * Like mk_auction_sort, but only the best k of the count pairs (k <= count)
 * in b->order[0..k), in the same order a full sort would give them. A heap
 * of size k: O(count log k), so that 10 positions among 10^6 bidders cost
 * one pass.
 */
void mk_auction_top(mk_auction_base *b, const size_t *who, const int64_t *amount, size_t count,
                    size_t k, int ascending);

/* Vtable functions for any mechanism whose outcome is units (or -1 for a
 * seller) and payments at the input scale: */

/* Utility: the value of the units won (sum of the first k marginal values;
 * minus the cost for a seller who sells) minus the payment. */
int mk_auction_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                       const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);

/* Sample: n bidders, each with b->sample_units non-increasing marginal
 * values drawn from the `values` distribution; buyers and sellers in turn
 * when b->sample_sides. */
int mk_auction_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types,
                      mk_ctx *ctx);

/* Deviations of one participant: its marginal bids shifted together to
 * each critical point (every other participant's value, one minor unit
 * either side, zero, its own value and fractions of it), exhaustive over
 * the points where a single-unit outcome can change. */
int mk_auction_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx);

/* Bid shading (mk_mechanism.shade): each bid times k/grid, rounded down; a
 * seller's ask times (2 - k/grid). */
int mk_auction_shade(const mk_instance *inst, const int64_t *truth, size_t width, size_t k,
                     size_t grid, int64_t *out, mk_ctx *ctx);

/* "bidder 'alice'", or "bidder 3" (1-based row) when there are no labels,
 * for messages. */
const char *mk_auction_bidder_name(const mk_profile *p, size_t i, char *buf, size_t cap);

/* Checks reports against the rules of the bid reader for the given shape
 * (sides, quality, min_bids to max_bids non-increasing bids >= 0, one row
 * per bidder), for profiles built by code or perturbed by an auditor.
 * min_bids is 0 where a bidder may bid for nothing (a sybil identity left
 * without a bid). MK_EINPUT naming the bidder. O(cells). */
int mk_auction_check_reports(const mk_profile *p, const mk_bids_options *shape, size_t min_bids,
                             int scale, mk_ctx *ctx);

/* A bidder's report as text: "sell 4.00", "12.50", "10.00/8.00/2.00",
 * with "q=0.8" appended when a quality score is not 1. */
void mk_auction_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                              char *buf, size_t cap);

/* Input writer (mk_mechanism.write_input): a bid CSV, with sides for the
 * double auctions. */
int mk_auction_write_input(const mk_instance *inst, const mk_profile *reports,
                           const mk_profile *types, const char *const *labels, size_t n_labels,
                           char **text, const char **extension, mk_ctx *ctx);

/* Best welfare (mk_mechanism.best_welfare, auction_welfare.c): the highest
 * value for one item; the `units` highest marginal values (an
 * mk_multi_unit); the gains from trade; the assortative assignment of
 * positions (a position_auction). */
int mk_auction_best_welfare_single(const mk_instance *inst, const mk_profile *types,
                                   mk_rational *out, mk_ctx *ctx);
int mk_auction_best_welfare_units(const mk_instance *inst, const mk_profile *types,
                                  mk_rational *out, mk_ctx *ctx);
int mk_auction_best_welfare_double(const mk_instance *inst, const mk_profile *types,
                                   mk_rational *out, mk_ctx *ctx);
int mk_auction_best_welfare_positions(const mk_instance *inst, const mk_profile *types,
                                      mk_rational *out, mk_ctx *ctx);

/* The mechanism-table entries of an auction that uses every shared
 * function above, in a designated initialiser. */
#define MK_AUCTION_SHARED_FUNCTIONS                                                                \
    .utility = mk_auction_utility, .truthful = mk_truthful_copy, .sample = mk_auction_sample,      \
    .deviations = mk_auction_deviations, .shade = mk_auction_shade,                                \
    .format_report = mk_auction_format_report, .write_input = mk_auction_write_input

/* Readers for the mechanism table: one bid per bidder; marginal bids up to
 * `units`; one unit per trader with sides; one bid per bidder with quality. */
int mk_auction_read_single(const mk_input *in, const mk_params *params, mk_dataset *out,
                           mk_ctx *ctx);
int mk_auction_read_multi(const mk_input *in, const mk_params *params, mk_dataset *out,
                          mk_ctx *ctx);
int mk_auction_read_double(const mk_input *in, const mk_params *params, mk_dataset *out,
                           mk_ctx *ctx);
int mk_auction_read_position(const mk_input *in, const mk_params *params, mk_dataset *out,
                             mk_ctx *ctx);

#endif
