/*
 * mechkit/quadratic.h - quadratic voting (Lalley and Weyl, "Quadratic
 * voting: how mechanism design can radicalize democracy", AEA Papers and
 * Proceedings 108, 2018): each voter has a budget of credits, and casting
 * v votes for a candidate costs v^2 credits.
 *
 * Input (mk_quadratic_read): a CSV with the header columns `voter`,
 * `candidate` and exactly one of
 *   - `credits`: the credits a voter spends on a candidate; they buy
 *     floor(sqrt(credits)) votes (credits beyond a square buy nothing and
 *     are reported as wasted);
 *   - `votes`: the votes themselves; they cost votes^2 credits.
 * One line per voter and candidate (a pair given twice is an error); a
 * voter may spread its budget over several lines. Negative values (votes
 * against a candidate, costing the same) are allowed with the parameter
 * negative=yes; a negative credit amount c buys -floor(sqrt(-c)) votes.
 *
 * The profile: one row per voter (in order of first appearance, labelled
 * by its id, weight 1), width = m candidates (in order of first
 * appearance, the dataset's items), cell j = the signed credits the voter
 * spends on candidate j (from a votes column: v * |v|). Limits: |credits|
 * <= 10^12 per cell, |votes| <= 10^6, rows * m <= 2^28 cells.
 *
 * The mechanism `voting.quadratic` (MK_MECH_COLLECTIVE) checks each
 * voter's budget (parameter `budget`, default 100 credits; the credits a
 * voter spends are the sum of |cell|): a voter over budget is an error
 * naming the voter (over_budget=error, the default) or has its ballot
 * voided and listed (over_budget=void). The candidates with the most net
 * votes win. result_json: `winners`, `chosen` (ties parameter), `ranking`
 * (by net votes, ties by order of appearance), `votes` (net votes per
 * candidate), `credits` (credits spent on each candidate), `wasted_credits`
 * (credits that bought no vote), `voided` (voter ids) and `budget`.
 */
#ifndef MECHKIT_QUADRATIC_H
#define MECHKIT_QUADRATIC_H

#include "mechanism.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most |credits| in one cell, and most |votes|. */
#define MK_QUADRATIC_MAX_CREDITS INT64_C(1000000000000)
#define MK_QUADRATIC_MAX_VOTES INT64_C(1000000)

/**
 * Reads the CSV above (format "csv" or NULL) into out. Errors, MK_EINPUT
 * with "NAME:LINE: ..." naming the column where a cell is at fault: a
 * missing or unknown header column, both or neither of credits and votes,
 * an empty voter or candidate, a value that is not an integer or is out
 * of range, a negative value without negative=yes (parameter of params),
 * a ragged line, a voter and candidate given twice (naming the first
 * line); MK_ELIMIT past the sizes above.
 */
int mk_quadratic_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);

/** The integer square root floor(sqrt(x)) of x >= 0, exactly. */
int64_t mk_isqrt(int64_t x);

extern const mk_mechanism mk_voting_quadratic; /**< quadratic voting */

#ifdef __cplusplus
}
#endif
#endif
