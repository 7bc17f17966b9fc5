/*
 * mechkit/bids.h - bid files (CSV and JSON) and the row layout of every
 * auction profile.
 *
 * Every auction mechanism reads reports and types of one shape: a row per
 * bidder (or trader) of width 2 + K cells:
 *
 *   cell MK_BID_SIDE     MK_SIDE_BUY or MK_SIDE_SELL (double auctions)
 *   cell MK_BID_QUALITY  quality score at scale MK_QUALITY_SCALE
 *                        (MK_QUALITY_ONE when none is given)
 *   cells MK_BID_FIRST.. the bidder's marginal bids for its 1st, 2nd, ...
 *                        unit, non-increasing, in minor units at the input's
 *                        scale; unused cells hold MK_BID_NONE
 *
 * In a types profile the same cells hold true values (costs for sellers).
 *
 * CSV: a header with at least `bidder,amount`; optional `value`, `side`
 * (buy|sell) and `quality`; one row per bid, and for multi-unit auctions one
 * row per marginal unit, in order. JSON: {"scale": N (optional), "bidders":
 * [{"id": "a", "bid": "12.50" | "bids": [...], "value": ... | "values":
 * [...], "side": "buy"|"sell", "quality": "0.8"}]}. Amounts are decimal
 * strings (JSON integers are read as whole units; JSON reals are rejected
 * because they are not exact).
 */
#ifndef MECHKIT_BIDS_H
#define MECHKIT_BIDS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mechanism.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mk_bid_cell { MK_BID_SIDE = 0, MK_BID_QUALITY = 1, MK_BID_FIRST = 2 };

#define MK_SIDE_BUY 0
#define MK_SIDE_SELL 1
#define MK_BID_NONE (-1)
#define MK_QUALITY_SCALE 6
#define MK_QUALITY_ONE 1000000

/** Most marginal bids one bidder may make. */
#define MK_BIDS_MAX_UNITS 4096

typedef struct mk_bids_options {
    unsigned version;
    size_t max_bids; /**< marginal bids a bidder may make (1: a single bid) */
    int sides;       /**< 1: every bidder needs a side (double auctions) */
    int quality;     /**< 1: quality scores are allowed (position auctions) */
    int scale;       /**< decimals of every amount; -1 infers the most present */
    int min_scale;   /**< an inferred scale is at least this */
} mk_bids_options;

#define MK_BIDS_OPTIONS_VERSION 1
#define MK_BIDS_OPTIONS_INIT {MK_BIDS_OPTIONS_VERSION, 1, 0, 0, -1, 0}

/**
 * Reads a bid file (format "csv" or "json", or guessed from the name's
 * extension, else from the first byte) into out: reports, types when every
 * bid has a value, labels and scale. Errors (MK_EINPUT, MK_ERANGE,
 * MK_ELIMIT) name the input, the line (CSV) or the bidder (JSON) and the
 * field: empty input, a missing column, a duplicate bidder, a negative or
 * non-numeric amount, too many decimals for a given scale, increasing
 * marginal bids, more bids than max_bids, a value given for some bids only.
 * out is untouched on failure. O(input size).
 */
int mk_bids_read(const mk_input *in, const mk_bids_options *opt, mk_dataset *out,
                 mk_ctx *ctx);

/** Number of marginal bids in row (cells MK_BID_FIRST.. up to the first
 *  MK_BID_NONE). */
size_t mk_bids_count(const int64_t *row, size_t width);

#ifdef __cplusplus
}
#endif
#endif
