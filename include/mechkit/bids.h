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
 *
 * The details, for both formats:
 *
 * - Amounts (bids and values) are decimals >= 0: digits with an optional
 *   '.' and more digits ("12", "12.50"); no sign, exponent or spaces.
 * - Bidders keep the order in which they first appear; a bidder's bids keep
 *   the order of its rows (CSV) or of its list (JSON) and must not
 *   increase, nor may its values.
 * - Values are given for every bid or for none (then types.n == 0).
 * - A side is required for every bidder when the options ask for sides and
 *   rejected otherwise; a quality score (a decimal > 0 with at most
 *   MK_QUALITY_SCALE places) is optional when the options allow it and
 *   rejected otherwise. Side words are read in any case.
 *
 * CSV specifics: column names are case-sensitive (a known name in another
 * case is reported, not ignored); other columns are ignored; spaces and tabs
 * around a field are dropped; every row has as many fields as the header.
 * The rows of one bidder need not be adjacent. A bidder's side or quality
 * may be given on any of its rows; the others leave the cell empty or
 * repeat the same value.
 *
 * JSON specifics: the top level may also be the list of bidders alone.
 * "bid" and "value" are single amounts, "bids" and "values" lists of the
 * same length; quality may be a string or an integer. Unknown and
 * duplicate keys, and duplicate ids, are errors. Messages number bidders
 * from 1 and list items from 1.
 *
 * The scale (decimal places of every amount) is, in order: the options'
 * scale when >= 0 (an amount with more places is an error); else the JSON
 * file's "scale" (the same check), raised to the options' min_scale; else
 * the most places of any amount, raised to min_scale.
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
    unsigned version; /**< MK_BIDS_OPTIONS_VERSION */
    size_t max_bids;  /**< marginal bids a bidder may make, 1..MK_BIDS_MAX_UNITS */
    int sides;        /**< 1: every bidder needs a side (double auctions); 0: none may */
    int quality;      /**< 1: quality scores are allowed (position auctions) */
    int scale;        /**< decimals of every amount, 0..MK_SCALE_MAX; -1 infers */
    int min_scale;    /**< an inferred scale (or the file's) is at least this */
} mk_bids_options;

#define MK_BIDS_OPTIONS_VERSION 1
/* clang-format off */
#define MK_BIDS_OPTIONS_INIT {MK_BIDS_OPTIONS_VERSION, 1, 0, 0, -1, 0}
/* clang-format on */

/**
 * Reads a bid file into out: reports, types when every bid has a value
 * (types.n == 0 when none has), labels and scale. The format is in->format
 * ("csv" or "json", any case) when given, else the extension of in->name
 * (.csv, .json), else JSON when the first byte that is not white space
 * (after a UTF-8 byte-order mark) is '{' or '[', else CSV. opt may be NULL
 * for MK_BIDS_OPTIONS_INIT.
 *
 * out: reports and types have n = bidders rows of width MK_BID_FIRST + the
 * most bids of any bidder (unused cells MK_BID_NONE, side MK_SIDE_BUY and
 * quality MK_QUALITY_ONE unless given), no weights; out->labels owns the
 * ids and reports.labels (and types.labels) point to it. out must hold
 * MK_DATASET_INIT or an earlier result: on success its old contents are
 * freed and replaced; on failure it is untouched. Free it with
 * mk_dataset_free.
 *
 * Errors name the input and the line (CSV: "bids.csv:3: field 'amount':
 * ...") or the bidder (JSON: "bids.json: bidder 3 ('carol'): field 'bid':
 * ...") and say what was expected:
 * - MK_EINPUT: an unknown format; empty input or no bids; a CSV or JSON
 *   syntax error (with line and column); a missing or duplicate column; a
 *   row with the wrong number of fields; an empty, missing or duplicate
 *   bidder id; an unknown JSON key; an amount that is not a decimal, is
 *   negative, or has more places than a fixed scale (the message suggests
 *   "-p scale=N"); a JSON real; increasing marginal bids or values; more
 *   bids than max_bids; values for some bids only; a side or quality
 *   missing, malformed, conflicting or not allowed.
 * - MK_ERANGE: an amount that does not fit int64 at the scale; more than
 *   MK_SCALE_MAX decimal places; a scale option above MK_SCALE_MAX.
 * - MK_ELIMIT: 2^31 bidders or more. MK_ENOMEM.
 * - MK_EINTERNAL: in or out NULL, in->data NULL with len > 0, options of
 *   another version, or max_bids outside 1..MK_BIDS_MAX_UNITS.
 *
 * Cost: O(input size) expected time (bidder ids are hashed); about 40
 * bytes per bid and 100 per bidder besides the result. A million CSV rows
 * take a fraction of a second.
 */
int mk_bids_read(const mk_input *in, const mk_bids_options *opt, mk_dataset *out, mk_ctx *ctx);

/** Number of marginal bids in row (cells MK_BID_FIRST.. up to the first
 *  MK_BID_NONE or the end of the row); 0 when width <= MK_BID_FIRST. */
size_t mk_bids_count(const int64_t *row, size_t width);

/**
 * Writes reports as a bid CSV that mk_bids_read takes back into the same
 * rows (the inverse of the reader, for replayable counterexamples):
 * header `bidder,amount` plus `value` when types are given with the same
 * rows and as many values as bids in every row, `side` when `sides`, and
 * `quality` when some bidder's score is not MK_QUALITY_ONE; then one line
 * per marginal bid, amounts with exactly `scale` places so that the
 * scale read back is the same. Bidder i is labels[i] when i < n_labels
 * (labels may be NULL), else "#" and its 1-based row. A row without bids
 * (a sybil identity left without one) has no line: the reader has no way
 * to say "no bid", and such a bidder wins and pays nothing. The text is
 * NUL-terminated; the caller frees it; *len gets its length (may be NULL).
 * MK_EINPUT for a scale outside 0..MK_SCALE_MAX, MK_ENOMEM.
 */
int mk_bids_write_csv(const mk_profile *reports, const mk_profile *types, int scale, int sides,
                      const char *const *labels, size_t n_labels, char **text, size_t *len,
                      mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
