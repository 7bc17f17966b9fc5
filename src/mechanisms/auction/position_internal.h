/*
 * position_internal.h - state shared by the files of the position
 * (sponsored-search) auctions, auction.gsp and auction.vcg_positions:
 * position.c (parameters, run, vtables), position_price.c (ranking and
 * prices) and position_vtable.c (utility and deviations).
 */
#ifndef MECHKIT_POSITION_INTERNAL_H
#define MECHKIT_POSITION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "auction_internal.h"

/* Most positions (click-through rates) one auction sells. VCG prices cost
 * O(positions^2) per run, so this also bounds the time of a run. */
#define POSITION_MAX 1024

/* A score q*b is a product of two int64s (quality at MK_QUALITY_SCALE, bid
 * at the input scale): it needs 128 bits, and so do the payments formed
 * from it (quality-weighted clicks q * ctr times a price or a score). */
__extension__ typedef __int128 position_i128;

typedef enum position_rule { POSITION_GSP, POSITION_VCG } position_rule;

/* One accepted bidder being ranked: score descending, then priority. */
typedef struct position_key {
    position_i128 score; /* quality * bid, at scale MK_QUALITY_SCALE + input scale */
    uint64_t priority;   /* tie-break rank: lower wins */
    size_t who;
} position_key;

typedef struct position_auction {
    mk_auction_base base; /* first: the shared functions cast to it */
    position_rule rule;
    size_t positions; /* K, the number of click-through rates */
    int ctr_scale;    /* decimals of ctr[] */
    int64_t *ctr;     /* K + 1 rates, non-increasing, > 0; ctr[K] = 0 */
    int64_t *price;   /* K: price per click of each position (input scale) */
    int64_t *total;   /* K: payment per period of each position (payment scale:
                         input scale + ctr scale + the run's quality places) */
    position_key *keys;
    size_t key_capacity;
} position_auction;

/* Ranks the accepted bidders of r (bid >= reserve) by score, best first,
 * into a->keys[0..*ranked), keeping at most K + 1 of them (the last one
 * prices the last position). Needs b->priority set and a->keys sized to
 * r->n. O(n log K). */
void position_rank(position_auction *a, const mk_profile *r, size_t *ranked);

/* Prices of the min(K, ranked) filled positions into a->price and
 * a->total, the totals at payment scale input scale + ctr scale + qp,
 * where qp (0..MK_QUALITY_SCALE) is a number of decimal places that every
 * quality score of r fits (position.c: the fewest that do). MK_ERANGE
 * naming the bidder when a payment overflows; MK_EINTERNAL when a quality
 * score does not fit qp places. O(K) for GSP, O(K^2) for VCG. */
int position_prices(position_auction *a, const mk_profile *r, size_t ranked, int qp, mk_ctx *ctx);

/* Vtable functions (position_vtable.c). */
int position_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                     const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);
int position_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                        mk_deviation_set *out, mk_ctx *ctx);

#endif
