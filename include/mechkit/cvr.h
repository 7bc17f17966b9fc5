/*
 * mechkit/cvr.h - cast-vote-record (CVR) CSV files of ranked-choice
 * elections, as US jurisdictions publish them and RCTab (the Ranked Choice
 * Voting Resource Center's tabulator) reads them.
 *
 * The file: a header row, then one ballot a row. The rank columns hold,
 * left to right, the candidate the ballot ranks first, second, ... as the
 * candidate's name. Other columns (ballot id, precinct, ...) are ignored,
 * except an optional count column giving how many identical ballots the row
 * stands for. A rank cell is
 *
 *   - empty or the undervote label: the rank is skipped;
 *   - the overvote label: the voter marked several candidates at that rank
 *     (which ones the record does not say);
 *   - the write-in label: a write-in, counted as a candidate of that name or
 *     excluded (the rank is then treated as if it were not on the ballot);
 *   - with an overvote delimiter set, several names separated by it: an
 *     overvote whose candidates are known;
 *   - otherwise one candidate's name (spaces around it trimmed).
 *
 * The result is the ballot profile of preflib.h, with identical ballots
 * aggregated into one row (rows in order of first appearance): cell j of a
 * row is the rank of candidate j, ranks numbered densely from 1 in the
 * order the ballot gives them, the candidates of an overvote sharing a rank.
 * What the profile cannot hold is resolved on reading, in the way RCTab's
 * count treats it (its Tabulator walks a ballot's rankings top down; see
 * docs of the overvote, skipped-rank and duplicate options there):
 *
 *   - an overvote label ends the ballot there: the candidates not ranked
 *     before it share its rank (so a count that reaches it sees an
 *     overvote) and later ranks are dropped; with MK_CVR_OVERVOTE_SKIP the
 *     rank is dropped (the count skips it), and so is an over-vote of
 *     known candidates, which leaves them free to count at a later rank;
 *     with MK_CVR_OVERVOTE_EXHAUST_IMMEDIATELY an over-vote of known
 *     candidates that repeats an earlier-ranked one ends the ballot as a
 *     label does (a count exhausts it there whoever continues);
 *   - a candidate ranked again after an earlier rank: duplicates SKIP drops
 *     the repeat (a count never stops there: the candidate was passed
 *     already), ERROR rejects the file, EXHAUST ends the ballot there with
 *     an empty rank (two when max_skipped >= 0, where one marks skipped
 *     ranks) followed by a rank shared by the candidates not yet ranked,
 *     so that a count with voting.irv's duplicates=exhaust sees where it
 *     ends and why ("repeated rankings");
 *   - skipped ranks: with max_skipped < 0 (unlimited) they are dropped;
 *     with max_skipped = N a run of k <= N skipped ranks is dropped, and
 *     the first run of k > N becomes one empty rank followed by a rank
 *     shared by the candidates not yet ranked, where the ballot ends: a
 *     count applying RCTab's "exhaust after N consecutive skipped ranks"
 *     (voting.irv's max_skipped_ranks) exhausts the ballot on reaching it.
 *     When too few candidates are left to share such a rank (two for an
 *     overvote, one after empty ranks), or it would pass rank m, the
 *     ballot simply ends there. No tally changes: the ballot is exhausted
 *     there either way. Only the cause a count reports can: a ballot
 *     ending at a repeat with max_skipped >= 0 needs two free ranks and
 *     is otherwise reported as out of choices (the other marks only fail
 *     to fit when at most one candidate could still be continuing).
 *
 * What is not kept: a ballot whose only marks are skipped overvotes or
 * excluded write-ins is blank here, where RCTab calls it exhausted.
 *
 * Candidates are named by the `candidates` option (a comma-separated list,
 * in that order; a name not in it is an error) or else in order of first
 * appearance in the file.
 */
#ifndef MECHKIT_CVR_H
#define MECHKIT_CVR_H

#include "error.h"
#include "mechanism.h"
#include "preflib.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A candidate ranked again on one ballot. */
typedef enum mk_cvr_duplicates {
    MK_CVR_DUPLICATE_SKIP = 0, /**< the repeat is ignored (RCTab's default) */
    MK_CVR_DUPLICATE_EXHAUST,  /**< the ballot ends at the repeat */
    MK_CVR_DUPLICATE_ERROR     /**< the file is rejected */
} mk_cvr_duplicates;

/** The count's rule for over-votes (RCTab's overvote rule), which decides
 *  what the profile must keep of them. */
typedef enum mk_cvr_overvote {
    MK_CVR_OVERVOTE_EXHAUST_IF_MULTIPLE = 0, /**< decided by who continues */
    MK_CVR_OVERVOTE_EXHAUST_IMMEDIATELY,     /**< exhausts on reaching it */
    MK_CVR_OVERVOTE_SKIP                     /**< always skipped */
} mk_cvr_overvote;

/** What a write-in cell counts as. */
typedef enum mk_cvr_writeins {
    MK_CVR_WRITEIN_CANDIDATE = 0, /**< a candidate named by the write-in label */
    MK_CVR_WRITEIN_EXCLUDE        /**< nothing: the rank is dropped */
} mk_cvr_writeins;

typedef struct mk_cvr_options {
    /** Comma-separated header names of the rank columns, in rank order; NULL
     *  or "": every column whose header is "Rank N", "Choice N" or
     *  "Preference N" (any case, N = 1, 2, ...), ordered by N. */
    const char *rank_columns;
    /** Header of the count column; NULL: a column named "Count" or "Weight"
     *  (any case) when there is one; "": none. Counts are integers >= 1. */
    const char *count_column;
    /** Comma-separated candidate names, or NULL: names from the file. */
    const char *candidates;
    const char *overvote_label;     /**< "overvote" */
    const char *undervote_label;    /**< "undervote" */
    const char *writein_label;      /**< "Write-in" */
    const char *overvote_delimiter; /**< NULL: a cell holds one name */
    mk_cvr_duplicates duplicates;
    mk_cvr_writeins writeins;
    mk_cvr_overvote overvote; /**< the count's over-vote rule */
    int max_skipped;          /**< consecutive skipped ranks allowed; < 0 unlimited */
} mk_cvr_options;

/* clang-format off */
#define MK_CVR_OPTIONS_INIT {NULL, NULL, NULL, "overvote", "undervote", "Write-in", NULL, \
                             MK_CVR_DUPLICATE_SKIP, MK_CVR_WRITEIN_CANDIDATE, \
                             MK_CVR_OVERVOTE_EXHAUST_IF_MULTIPLE, -1}
/* clang-format on */

/** Most rank columns a CVR may have. */
#define MK_CVR_MAX_RANKS 1024

/**
 * Reads the CVR CSV in `in` (format ignored) into out (names, profile,
 * voters; data_type "toi", title ""). Errors, each MK_EINPUT naming in->name
 * and the line (and the column for a cell): an empty file or no rank
 * columns, a rank column or count column the header lacks, a header name
 * given twice, a row whose field count differs from the header's, a count
 * that is not an integer >= 1, a name not in `candidates`, a cell with only
 * delimiters, a repeated candidate under MK_CVR_DUPLICATE_ERROR, an
 * overvote label among other names, no ballots; CSV errors as csv.h.
 * MK_ELIMIT beyond MK_PREFLIB_MAX_CANDIDATES candidates, MK_CVR_MAX_RANKS
 * ranks or MK_PREFLIB_MAX_ORDERS distinct ballots; MK_ERANGE when the voters
 * overflow. On failure out is left empty. Identical ballots are merged as
 * they are read, so memory beyond the input is O(distinct ballots * (ranks
 * + m)). Time O(size + distinct * m log distinct).
 */
int mk_cvr_read(const mk_input *in, const mk_cvr_options *opt, mk_ballots *out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
