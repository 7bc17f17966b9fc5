/*
 * mechkit/cardinal.h - approval and score ballots, and the rules that read
 * them: approval, score (range), STAR and majority judgment.
 *
 * The ballot CSV (mk_cardinal_read_csv): a header line naming the
 * candidates, one column each, then one line per ballot whose cells are
 * integer scores in [min, max] (approval: 0 or 1). Two header names are
 * reserved: `count` (the number of voters who cast the ballot, a positive
 * integer; 1 when there is no such column) and `voter` (an id, ignored).
 * A blank cell is the lowest score, min (STAR Voting counts a blank as 0
 * stars; Balinski and Laraki count "no opinion" as "To Reject"), unless
 * the options ask for it to be an error. Example, scores 0..5:
 *
 *     voter,Alice,Bob,Carol,count
 *     v1,5,3,0,4
 *     v2,0,5,,2
 *
 * The profile layout, shared by the four rules: one row per distinct
 * ballot (identical ballots are aggregated on reading, in order of first
 * appearance), weight = its voters, width = m, cell j = the score of
 * candidate j. A higher score is better; for majority judgment the scores
 * are grades, min the worst ("To Reject") and max the best.
 *
 * The mechanisms `voting.approval`, `voting.score`, `voting.star` and
 * `voting.majority_judgment` (MK_MECH_COLLECTIVE) have one outcome entry
 * per candidate: allocation 1 for each winner (all candidates tied after
 * the rule's own tie-breaking), 0 otherwise. result_json gives `winners`,
 * `chosen` (one winner by the `ties` parameter: lowest-numbered, or a
 * lottery from --seed), `ties`, `candidates`, `ranking` (approval, score:
 * by total, ties by candidate number; STAR: the winner, the other
 * finalist, then the rest by total score; majority judgment: the
 * majority ranking, only identical grade distributions tied) and per rule:
 * approval and score `scores` (totals); STAR `scores`, `finalists`,
 * `runoff` (ballots preferring each finalist and `no_preference`) and
 * `tiebreaks` (each tie met and the step that broke it); majority
 * judgment `majority_grades` (lower median) and `gauge` (per candidate
 * the voters grading it above and below its majority grade; at most 2^24
 * grade counts, (max - min + 1) * m, else MK_ELIMIT). `pairwise`
 * (voters scoring a strictly above b) and `condorcet_winner` are given by
 * STAR, whose runoff and tie-breaking read them.
 *
 * Audit interface: a type is a voter's sincere scores; the truthful report
 * copies them; the utility of an outcome is the voter's score of the
 * winners, averaged over tied winners (an exact rational); sample draws
 * scores uniformly in [min, max]; deviations list every ballot when
 * there are at most 4096 and they fit the caller's room, else 48
 * ballots: for each candidate the bullet vote (max for it, min for the
 * others) and the burial (min for it, max for the others), then seeded
 * random ballots.
 */
#ifndef MECHKIT_CARDINAL_H
#define MECHKIT_CARDINAL_H

#include <stddef.h>
#include <stdint.h>

#include "mechanism.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most candidates of a ballot file. */
#define MK_CARDINAL_MAX_CANDIDATES 4096

/** Most ballot lines of a ballot file. */
#define MK_CARDINAL_MAX_BALLOTS 10000000

/** Widest score range: min and max within +-MK_CARDINAL_MAX_SCORE. */
#define MK_CARDINAL_MAX_SCORE 1000000

/** How mk_cardinal_read_csv reads scores. */
typedef struct mk_cardinal_options {
    int64_t min, max;   /**< the declared range, min < max */
    int blank_is_error; /**< 1: a blank cell is an error; 0: it is min */
} mk_cardinal_options;

/* clang-format off */
#define MK_CARDINAL_OPTIONS_INIT {0, 5, 0}
/* clang-format on */

/** Score ballots: candidates, their names, the aggregated profile. */
typedef struct mk_cardinal_ballots {
    size_t m;           /**< candidates */
    char **names;       /**< m names, owned */
    mk_profile profile; /**< the layout above; weights owned */
    int64_t voters;     /**< sum of the weights */
    int64_t min, max;   /**< the range the scores were checked against */
} mk_cardinal_ballots;

/* clang-format off */
#define MK_CARDINAL_BALLOTS_INIT {0, NULL, MK_PROFILE_INIT, 0, 0, 0}
/* clang-format on */

/**
 * Reads a ballot CSV (format above) into out. Errors, each MK_EINPUT with
 * "NAME:LINE: column K ('name'): what" where they concern a cell: a score
 * that is not an integer or lies outside [min, max], a blank when the
 * options forbid it, a count that is not a positive integer, a line with
 * more or fewer cells than the header (ragged), a candidate named twice
 * or an empty name in the header (at its column), no candidate column,
 * the CSV syntax errors of csv.h. MK_EPARAM when min >= max or the range
 * is wider than MK_CARDINAL_MAX_SCORE; MK_ELIMIT past
 * MK_CARDINAL_MAX_CANDIDATES or MK_CARDINAL_MAX_BALLOTS; MK_ERANGE when
 * the voters overflow int64. On failure out is left empty.
 * Time O(size) expected (ballots aggregated by hashing), memory
 * O(distinct ballots * m).
 */
int mk_cardinal_read_csv(const mk_input *in, const mk_cardinal_options *opts,
                         mk_cardinal_ballots *out, mk_ctx *ctx);

/** Frees what b owns and resets it; mk_cardinal_ballots_free(NULL) is a no-op. */
void mk_cardinal_ballots_free(mk_cardinal_ballots *b);

/**
 * The reader of the four rules: reads a ballot CSV (format "csv" or NULL)
 * with the range of the parameters `min` and `max` (approval: 0 and 1)
 * and `blank` (min|error), into a dataset whose items are the candidates'
 * names and whose rows are labelled "1", "2", ... Errors as
 * mk_cardinal_read_csv; MK_EINPUT for another format.
 */
int mk_cardinal_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);

extern const mk_mechanism mk_voting_approval;          /**< most approvals */
extern const mk_mechanism mk_voting_score;             /**< highest total score */
extern const mk_mechanism mk_voting_star;              /**< score then automatic runoff */
extern const mk_mechanism mk_voting_majority_judgment; /**< Balinski-Laraki */

#ifdef __cplusplus
}
#endif
#endif
