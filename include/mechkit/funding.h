/*
 * mechkit/funding.h - public-goods funding: contributions and the rules
 * that match them from a pool (quadratic funding and its variants).
 *
 * Profile layout (contributions). A contribution profile has one row per
 * contributor and a sparse, fixed-width row of (project, amount) pairs:
 *
 *   cell MK_FUNDING_COUNT   number m of pairs in this row
 *   cell MK_FUNDING_WEIGHT  the contributor's weight in millionths
 *                           (MK_FUNDING_WEIGHT_ONE = 1.0), which scales
 *                           its square roots (an identity score)
 *   cell MK_FUNDING_LIMBS   cells per amount, the same in every row: 1, or
 *                           2 when some amount passes int64 (below)
 *   from cell MK_FUNDING_FIRST, pair j < m at mk_funding_pair(row, j):
 *                           the project index, then the amount; project
 *                           indices strictly increasing, amounts >= 0 in
 *                           minor units
 *
 * width = MK_FUNDING_FIRST + (1 + limbs) K where K is the most projects one
 * contributor funds. Why sparse: real rounds have about 10^5 contributors
 * and 10^3 projects but each contributor funds a few projects; a dense
 * matrix would be 10^8 cells (800 MB), the sparse rows are ~2 x 10^6 cells
 * when K stays small. A contributor who funds many projects widens every
 * row; the reader reports K in the width so that callers can see it.
 *
 * Amounts are minor units at the input's scale: the most decimal places
 * written, unless some amount would then pass INT64_MAX while it fits at
 * the most places that are not trailing zeros (clr.fund's contributions,
 * written in wei, are multiples of 10^13 wei: scale 5, one cell each).
 * Amounts past int64 at their scale (token amounts in wei above about 9.2
 * tokens with all 18 places significant) are kept exact in two cells, the
 * base-10^18 limbs of the amount (amount = high * 10^18 + low, 0 <= low <
 * 10^18), up to (2^63 - 1) * 10^18 minor units; such rows have limbs = 2.
 * Only rounds that need them pay for the wider rows. Totals, matches and
 * the pool are 128-bit inside the rules, so a round in wei whose pool or
 * project totals pass int64 needs no second limb at all. The auditor works
 * in int64 minor units: it refuses two-limb rounds (and so does
 * funding.assurance, whose payments and bonuses are 64-bit).
 *
 * Groups (read only when asked, for funding.cocm): each contributor's
 * groups, written in a column (CSV) or key (JSON) "groups" as names
 * separated by ';' (the same on every row of a contributor that gives
 * them; every contributor must give them), sit at the end of its row: the
 * last cell holds their number T, the T cells before it their indices
 * (numbered by first appearance, ascending), so the width grows by
 * T_max + 1, and by the few cells more that keep the pairs' area a
 * whole number of pairs. Rules that do not read groups see them as unused
 * pair cells.
 *
 * A dataset read by mk_contributions_read has the contributor ids as its
 * labels, the project names (numbered by first appearance) as its items,
 * which reach the mechanisms as mk_setting.items, and the count of rows
 * skipped as malformed in its `skipped`.
 */
#ifndef MECHKIT_FUNDING_H
#define MECHKIT_FUNDING_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mechanism.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MK_FUNDING_COUNT 0
#define MK_FUNDING_WEIGHT 1
#define MK_FUNDING_LIMBS 2
#define MK_FUNDING_FIRST 3
#define MK_FUNDING_WEIGHT_ONE 1000000
/** Decimal places of a weight. */
#define MK_FUNDING_WEIGHT_SCALE 6
/** Most projects in one round (a limit checked before allocation). */
#define MK_FUNDING_MAX_PROJECTS 1000000

/** Cells of one (project, amount) pair of a contributions row: 2, or 3
 *  when its amounts take two limbs. */
static inline size_t mk_funding_stride(const int64_t *row)
{
    return row[MK_FUNDING_LIMBS] == 2 ? 3 : 2;
}

/** Index in row of pair j's project cell; its amount's cells follow. */
static inline size_t mk_funding_pair(const int64_t *row, size_t j)
{
    return MK_FUNDING_FIRST + j * mk_funding_stride(row);
}

/** How mk_contributions_read reads. */
typedef struct mk_contributions_options {
    int scale;         /**< decimal places of amounts; -1: the most in the input */
    int min_scale;     /**< the inferred scale is at least this (money parameters) */
    int skip_bad_rows; /**< 1: skip malformed rows and count them; 0: stop */
    int groups;        /**< 1: read each contributor's groups (column or key "groups") */
} mk_contributions_options;

/* clang-format off */
#define MK_CONTRIBUTIONS_OPTIONS_INIT {-1, 0, 0, 0}
/* clang-format on */

/**
 * Reads contributions into out (reports in the layout above; no types).
 *
 * CSV (RFC 4180): a header with at least contributor,project,amount and
 * optionally weight (a decimal >= 0 with at most 6 places, default 1; all
 * rows of one contributor that give it must agree) and timestamp (read and
 * ignored) and, when opt->groups, groups (see above). JSON: {"scale": N
 * (optional), "contributions": [{"contributor": "a", "project": "p",
 * "amount": "1.50", "weight": "1", "groups": "g;h", "timestamp": ...}]}
 * with amounts as decimal strings or integers. Amounts are exact decimals
 * >= 0 (see mk_money_parse); several contributions of one contributor to
 * one project are summed. A malformed row is an MK_EINPUT error naming the
 * file, line (CSV) or record (JSON) and field, unless opt->skip_bad_rows,
 * in which case it is skipped and counted (in out->skipped). Errors that
 * are not one row's (the header,
 * broken quoting, an empty input, an amount that overflows once rescaled)
 * always stop. Rows are ordered by first appearance of the contributor;
 * projects are numbered by first appearance. O(N log N) for N rows.
 */
int mk_contributions_read(const mk_input *in, const mk_contributions_options *opt, mk_dataset *out,
                          mk_ctx *ctx);

/**
 * Writes a contributions profile as CSV that mk_contributions_read takes
 * back (the inverse of the reader, for replayable counterexamples):
 * header `contributor,project,amount`, plus `weight` when some weight is
 * not MK_FUNDING_WEIGHT_ONE, then one line per (contributor, project)
 * pair with a non-zero amount at exactly `scale` places. Contributor i is
 * labels[i] when i < n_labels (labels may be NULL), else "#" and its
 * 1-based row; project j is projects[j] when j < n_projects, else "#"
 * and j + 1. Reading back numbers projects by first appearance, so a
 * project nobody funds is absent and the order may change; amounts per
 * name are the same. The text is NUL-terminated; the caller frees it.
 * MK_EINPUT for a scale outside 0..MK_SCALE_MAX or a layout that
 * mk_funding_check rejects, MK_ENOMEM.
 */
int mk_contributions_write_csv(const mk_profile *reports, int scale, const char *const *labels,
                               size_t n_labels, const char *const *projects, size_t n_projects,
                               char **text, size_t *len, mk_ctx *ctx);

/** One more than the largest project index in the rows of a
 *  contributions profile (0 for none). Assumes a valid layout. O(cells). */
size_t mk_funding_projects(const mk_profile *p);

/**
 * Checks that p holds a valid contributions layout: limbs 1 or 2, the same
 * in every row, width MK_FUNDING_FIRST plus whole pairs, counts within the
 * width, project indices in [0, MK_FUNDING_MAX_PROJECTS) and strictly
 * increasing in each row, amounts (and a second limb's low cell below
 * 10^18) and weights >= 0.
 * MK_EINPUT naming the row and cell otherwise.
 */
int mk_funding_check(const mk_profile *p, mk_ctx *ctx);

/*
 * clr.fund rounds. clr.fund publishes each round's on-chain record as JSON
 * (top-level "round", "projects", "tally"; big numbers as decimal
 * strings). mk_clrfund_read makes one row per vote option of the tally
 * (unused options included, so that sums over all options are complete),
 * with MK_CLRFUND_WIDTH cells: the option's quadratic vote total
 * (tallyResult, the sum over voters of the square roots of their credits)
 * and spent voice credits, the 1-based position of the project that holds
 * the option in the file's "projects" (0: none), its state (1 Accepted, 0
 * otherwise), and, repeated in every row, the round's constants: the
 * voice credit factor (token units per credit), the matching pool in
 * token units as two base-10^18 limbs (pool = hi * 10^18 + lo) and the
 * total of spent credits. The dataset's scale is the token's decimals;
 * labels are the project names ("" for an option no project holds).
 * Projects are keyed by recipientIndex, never by name (a round may list
 * one name twice, or a project named "?").
 */
#define MK_CLRFUND_VOTES 0
#define MK_CLRFUND_SPENT 1
#define MK_CLRFUND_PROJECT 2
#define MK_CLRFUND_STATE 3
#define MK_CLRFUND_FACTOR 4
#define MK_CLRFUND_POOL_HI 5
#define MK_CLRFUND_POOL_LO 6
#define MK_CLRFUND_TOTAL_SPENT 7
#define MK_CLRFUND_WIDTH 8

/**
 * Reads a clr.fund round file into out (see above). MK_EINPUT, naming the
 * JSON path (e.g. "round.matchingPoolSize", "projects[3].recipientIndex"),
 * for a missing or malformed field, a number that is not a decimal string
 * of digits, a vote or credit total past 2^63-1, a pool past 2^63 * 10^18,
 * tally arrays of different lengths, or a recipientIndex outside the
 * tally or held by two projects. O(size of the file).
 */
int mk_clrfund_read(const mk_input *in, mk_dataset *out, mk_ctx *ctx);

/*
 * Conviction voting. Stake changes (CSV: block,voter,proposal,stake,
 * requested; stake a signed change of the voter's stake on the proposal,
 * requested the proposal's requested amount, the same on every row of one
 * proposal) are read into one row per voter of MK_CONVICTION_FIRST + 4K
 * cells: the count m of changes, then m quadruples (block, proposal
 * index, stake change, the proposal's requested amount), ordered by block
 * then proposal, several changes in one block summed. A voter's stake on
 * a proposal never goes below 0. Labels are the voters, items the
 * proposals (numbered by first appearance); the scale is the most
 * decimals of stake and requested unless scale >= 0.
 */
#define MK_CONVICTION_COUNT 0
#define MK_CONVICTION_FIRST 1
#define MK_CONVICTION_BLOCK 0
#define MK_CONVICTION_PROPOSAL 1
#define MK_CONVICTION_DELTA 2
#define MK_CONVICTION_REQUESTED 3

/**
 * Reads stake changes (above) into out. MK_EINPUT naming the file, line
 * and field for a missing column, a block that is not a number, an empty
 * voter or proposal, a malformed amount, two requested amounts for one
 * proposal or a stake going negative. O(N log N) for N rows.
 */
int mk_conviction_read(const mk_input *in, int scale, mk_dataset *out, mk_ctx *ctx);

/** Quadratic funding (Buterin, Hitzig and Weyl 2018). */
extern const mk_mechanism mk_funding_qf;
/** Pairwise-bounded quadratic funding (Buterin 2019). */
extern const mk_mechanism mk_funding_qf_pairwise;
/** Connection-oriented cluster match (Miller, Weyl and Erichsen 2022),
 *  the paper's equation or Gitcoin's calculator (-p variant=). */
extern const mk_mechanism mk_funding_cocm;
/** Conviction voting (1Hive / Commons Stack) on stake changes. */
extern const mk_mechanism mk_funding_conviction;
/** Dominant assurance contracts (Tabarrok 1998): one per project. */
extern const mk_mechanism mk_funding_assurance;
/** clr.fund's capital-constrained QF, on a round file (mk_clrfund_read). */
extern const mk_mechanism mk_funding_clrfund;

#ifdef __cplusplus
}
#endif
#endif
