/*
 * mechkit/voting.h - elections on ranked ballots (issue 5, first part).
 *
 * Every rule is a mechanism `voting.<rule>` with MK_MECH_COLLECTIVE. Its
 * reports are the ballot profile of preflib.h (one row per distinct
 * ballot, weight = voters, cell j = the rank of candidate j, 0 =
 * unranked). Its reader, mk_voting_read, reads a PrefLib file, a .blt file
 * or a cast-vote-record CSV (cvr.h); the candidates' names become the
 * dataset's items, which reach the
 * mechanism as mk_setting.items so that results name candidates. Without
 * them (a sampled profile) candidates are named by their 1-based numbers.
 *
 * The outcome has one entry per candidate: allocation 1 for each winner
 * (all candidates tied for the win), 0 otherwise; no payments. Facts:
 * "voters" and "candidates". result_json adds `winners` (names), `chosen`
 * (one winner by the ties rule), `candidates`, the rule's `scores` and
 * `ranking` (score rules), `rounds` (IRV: tally, exhausted, exhausted_by
 * {overvotes, skipped_rankings, exhausted_choices, undervotes,
 * repeated_rankings}, eliminated (a name, null, or a list when batch
 * elimination took several at once), transfers; Baldwin, Nanson: Borda
 * scores and eliminated), `pairs`
 * (ranked pairs: each majority, locked or skipped), `runoff` (two-round),
 * and wherever the pairwise matrix is built (every rule but plurality)
 * `pairwise` (matrix[a][b] = voters ranking a above b) and
 * `condorcet_winner` (a name or null); voting.condorcet adds
 * `condorcet_loser` and `smith_set`.
 *
 * Audit interface: a type is a voter's sincere ranking (a row); the
 * truthful report copies it; a voter's utility for an outcome is its Borda
 * utility, the number of candidates it ranks strictly below the winner
 * (unranked below ranked), averaged over tied winners, as an exact
 * rational. sample draws impartial culture: n voters of weight 1, each a
 * uniformly random complete ranking of m candidates (m = the input's, or
 * parameter `candidates`, default 4), so that a deviation of row `who`
 * moves one voter. On a file's aggregated rows a deviation of row `who`
 * moves all voters of that row together (identical voters acting alike).
 * deviations lists every complete strict ranking when all m! fit the
 * auditor's max_deviations and m <= 8 (exhaustive over complete strict
 * rankings: m <= 5 at the default 256, m <= 6 with 720), else a seeded
 * sample of rankings that swap two candidates of the truthful ranking.
 */
#ifndef MECHKIT_VOTING_H
#define MECHKIT_VOTING_H

#include "mechanism.h"
#include "preflib.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const mk_mechanism mk_voting_plurality;     /**< first preferences */
extern const mk_mechanism mk_voting_borda;         /**< Borda count */
extern const mk_mechanism mk_voting_copeland;      /**< Copeland, tie weight alpha */
extern const mk_mechanism mk_voting_minimax;       /**< Simpson-Kramer minimax */
extern const mk_mechanism mk_voting_schulze;       /**< Schulze beatpath */
extern const mk_mechanism mk_voting_ranked_pairs;  /**< Tideman ranked pairs */
extern const mk_mechanism mk_voting_irv;           /**< instant-runoff (Hare) */
extern const mk_mechanism mk_voting_condorcet;     /**< Condorcet winner/loser, Smith set */
extern const mk_mechanism mk_voting_smith;         /**< the Smith set as tied winners */
extern const mk_mechanism mk_voting_schwartz;      /**< the Schwartz set as tied winners */
extern const mk_mechanism mk_voting_antiplurality; /**< veto rule: fewest last places */
extern const mk_mechanism mk_voting_coombs;        /**< eliminate the most last places */
extern const mk_mechanism mk_voting_bucklin;       /**< majority of the first k places */
extern const mk_mechanism mk_voting_kemeny;        /**< Kemeny-Young, exact, m <= 20 */
extern const mk_mechanism mk_voting_llull;         /**< Copeland with alpha = 1 */
extern const mk_mechanism mk_voting_black;         /**< Condorcet winner, else Borda */
extern const mk_mechanism mk_voting_two_round;     /**< top-two runoff */
extern const mk_mechanism mk_voting_baldwin;       /**< Borda elimination, one at a time */
extern const mk_mechanism mk_voting_nanson;        /**< Borda elimination below the mean */

/**
 * The reader of every voting mechanism: reads a PrefLib file (format
 * "preflib", "soc", "soi", "toc", "toi" or NULL) with mk_preflib_read, or
 * a .blt file (format "blt", or NULL and a name ending ".blt") with
 * mk_blt_read, or a cast-vote-record CSV (format "cvr", or NULL with a
 * name ending in ".csv") with mk_cvr_read, its options taken from the
 * parameters the rule has (rank_columns, count_column, candidate_names,
 * overvote_label, undervote_label, writein_label, writeins,
 * overvote_delimiter, duplicates, and IRV's overvote and
 * max_skipped_ranks), and makes the dataset described above (ballot rows
 * labelled "1", "2", ... in file order; the candidates' names as items).
 * Errors as those readers; MK_EINPUT for another format; MK_EPARAM for a
 * bad max_skipped_ranks, or when the rule has a `seats` parameter whose
 * value differs from the seats a .blt file declares.
 */
int mk_voting_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);

/**
 * The pairwise-majority matrix of a ballot profile: out[a * m + b] is the
 * total weight of ballots ranking a strictly above b (an unranked
 * candidate is below every ranked one; two unranked ones are tied). m =
 * p->width; out holds m * m cells. Ranks are 1..m, 0 for unranked (as
 * PrefLib files give them; equal ranks are a tie). MK_ERANGE on overflow,
 * MK_EINPUT for a negative weight or a rank outside 0..m, MK_ENOMEM.
 * O(rows * m^2), counted over the ranks by candidate, 16 ballots an
 * operation (n * m bytes of scratch; 2 n m past 255 candidates).
 */
int mk_voting_pairwise(const mk_profile *p, int64_t *out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
