/*
 * mechkit/stv.h - multi-winner elections by the single transferable vote.
 *
 * Three counts, each a mechanism `voting.stv_<rule>` with
 * MK_MECH_COLLECTIVE, reading the ballots of voting.h (a PrefLib or .blt
 * file; see mk_voting_read) and electing `seats` candidates (parameter
 * `seats`, default 1; a .blt file's declared seats must be given):
 *
 *   voting.stv_scottish  The Scottish Local Government Elections Order
 *       2007 (SSI 2007/42), schedule 1, rules 45-52: Droop quota
 *       floor(valid / (seats + 1)) + 1; a candidate with the quota is
 *       elected; the largest surplus is transferred first, every paper of
 *       the candidate at value (surplus x the paper's value) / the
 *       candidate's votes, truncated to 5 decimal places (weighted
 *       inclusive Gregory); otherwise the candidate with the fewest votes
 *       is excluded and its papers move at the values they carry; when as
 *       many candidates continue as seats remain, they are elected. Ties
 *       (equal surpluses, equal lowest votes) go to the most recent stage
 *       at which the tied candidates had unequal votes, then to a lot
 *       drawn from --seed. All numbers are exact decimals (5 places).
 *   voting.stv_gregory   The same count with exact transfer values (GMP
 *       fractions, no truncation): the weighted inclusive Gregory method
 *       that the Scottish rules approximate. Numbers are exact fractions.
 *   voting.stv_meek      Meek's method (Hill, Wichmann and Woodall,
 *       "Algorithm 123", Computer Journal 30, 1987; the arithmetic of
 *       Hill's 2006 implementation notes and New Zealand's Local Electoral
 *       Regulations 2001, schedule 1A): every elected candidate has a keep
 *       value k; a ballot gives each candidate it reaches k of its
 *       remaining weight (rounded up to 10^-9) and passes on the rest;
 *       the quota is (votes counted) / (seats + 1) truncated to 10^-9,
 *       plus 10^-9; after each distribution every keep value becomes
 *       k x quota / votes (each step rounded up to 10^-9). A stage
 *       iterates until a candidate reaches the quota or the total surplus
 *       is at most 10^-6 of a vote or stops falling (the documented
 *       tolerance); then the candidate with the fewest votes is excluded
 *       (keep value 0). Fixed-point integers at 10^-9, no floats.
 *
 * Ties (all three): equal surpluses, and equal lowest votes (Meek: equal
 * to 10^-9), are decided as the Scottish rules 49 and 51 say: the most
 * recent stage at which the tied candidates had unequal votes, then a lot
 * drawn from --seed; the stage reports which. Candidates reaching the
 * quota at the same stage are elected in order of votes (ties the same
 * way).
 *
 * Ballot policy (all three): a ballot counts for its preferences in rank
 * order, skipping candidates who are elected (Meek: passing them the
 * part they keep) or excluded; a rank shared by two or more candidates
 * (an over-vote, or "=" in a .blt file) ends the ballot there, as in
 * RCTab's "exhaust immediately" rule. A ballot whose first rank is shared
 * is not a valid vote (the Scottish rules reject it) and is reported as
 * invalid; the quota counts the valid votes.
 *
 * result_json: `winners` (names in the order elected), `seats`, `quota`
 * (Meek: of the last stage), `valid_votes`, `invalid_votes`,
 * `arithmetic`, `excluded` (names in order), and `rounds`: per stage its
 * `action` ("first preferences", "surplus", "exclusion"), `candidate`
 * (whose surplus or papers moved, or null), `tie` when that choice was a
 * tie ("earlier stage" or "lot"), `tally` (each candidate not excluded
 * earlier), `transfers` (the change from the stage before, with
 * `non_transferable`), `non_transferable` (votes that reach no
 * continuing candidate, including what truncation drops), `quota`,
 * `elected` (names elected at the end of the stage) and, for Meek,
 * `keep` (each elected candidate's keep value) and `iterations`. Every
 * value is an exact decimal string (Gregory: an exact fraction).
 *
 * Audit interface: that of voting.h (types are sincere rankings, the
 * truthful report copies them, deviations are every complete ranking for
 * m <= 5, else sampled swaps), with a voter's utility for a committee the
 * Borda utility averaged over the elected members; sample draws impartial
 * culture over `candidates` (parameter, default 4) or the input's
 * candidates.
 *
 * Limits: at most 256 candidates; Meek at most 9 * 10^9 voters (so that
 * votes at 10^-9 fit int64). Time: Scottish and Gregory O(rows * m) moves
 * of papers, identical ballots moving together; Meek O(stages *
 * iterations * nodes) over a prefix tree of the ballots, so that ballots
 * sharing the part of their ranking that matters share the work.
 */
#ifndef MECHKIT_STV_H
#define MECHKIT_STV_H

#include "mechanism.h"
#include "voting.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const mk_mechanism mk_voting_stv_scottish; /**< Scottish STV (SSI 2007/42) */
extern const mk_mechanism mk_voting_stv_gregory;  /**< weighted inclusive Gregory, exact */
extern const mk_mechanism mk_voting_stv_meek;     /**< Meek's method, 10^-9 fixed point */

#ifdef __cplusplus
}
#endif
#endif
