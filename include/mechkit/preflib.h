/*
 * mechkit/preflib.h - ranked ballots and the PrefLib formats (.soc, .soi,
 * .toc, .toi) that hold them.
 *
 * The ballot profile layout, shared by every voting rule:
 *
 *   - one row per distinct ballot (one PrefLib data line), weight = the
 *     number of voters who cast it (the line's count);
 *   - width = m, the number of candidates; cell j of a row is the rank the
 *     ballot gives candidate j (candidates are numbered from 0 here, from 1
 *     in the file);
 *   - ranks are 1 for the first group, 2 for the second, ...: candidates
 *     tied in braces share a rank and the next group takes the next number
 *     (so `2,{1,3},4` gives ranks 2 1 2 3 to candidates 1..4);
 *   - MK_RANK_UNRANKED (0) marks a candidate a truncated ballot leaves out;
 *     it is below every ranked candidate (PrefLib: "unranked alternatives
 *     are below all ranked ones").
 *
 * A rule compares two cells with mk_rank_prefers; any positive rank is
 * accepted (a lower rank is preferred), so rows built by code need not
 * number their groups densely.
 */
#ifndef MECHKIT_PREFLIB_H
#define MECHKIT_PREFLIB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mechanism.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The rank of a candidate the ballot leaves out (below every ranked one). */
#define MK_RANK_UNRANKED 0

/** Most candidates a PrefLib file may declare. */
#define MK_PREFLIB_MAX_CANDIDATES 4096

/** Most data lines (distinct ballots) a PrefLib file may hold. */
#define MK_PREFLIB_MAX_ORDERS 10000000

/** 1 when rank a is strictly preferred to rank b (unranked is worst). */
static inline int mk_rank_prefers(int64_t a, int64_t b)
{
    if (a == MK_RANK_UNRANKED)
        return 0;
    return b == MK_RANK_UNRANKED || a < b;
}

/** A ranked-ballot election: candidates, their names and the ballots. */
typedef struct mk_ballots {
    size_t m;           /**< candidates */
    char **names;       /**< m candidate names, owned */
    char *title;        /**< the file's TITLE, owned; "" when absent */
    char data_type[4];  /**< "soc", "soi", "toc" or "toi" */
    mk_profile profile; /**< the layout above; weights owned */
    int64_t voters;     /**< sum of the weights */
} mk_ballots;

/* clang-format off */
#define MK_BALLOTS_INIT {0, NULL, NULL, {0}, MK_PROFILE_INIT, 0}
/* clang-format on */

/**
 * Reads one PrefLib file in the current format (preflib.org/format):
 * `# KEY: value` metadata lines, of which NUMBER ALTERNATIVES, NUMBER
 * VOTERS, NUMBER UNIQUE ORDERS and one `ALTERNATIVE NAME i: name` per
 * candidate are required, then `count: a,b,{c,d},...` data lines.
 *
 * Checks, each an MK_EINPUT naming in->name and the line: a malformed line
 * or number, a count below 1, a candidate number outside 1..m, a candidate
 * listed twice on one ballot (policy: an error, never a silent fix),
 * duplicate or missing ALTERNATIVE NAME lines, an empty brace group, a tie
 * or a truncation that the DATA TYPE forbids (soc/soi strict, soc/toc
 * complete), and totals that differ from NUMBER VOTERS or NUMBER UNIQUE
 * ORDERS. MK_ELIMIT beyond MK_PREFLIB_MAX_CANDIDATES or
 * MK_PREFLIB_MAX_ORDERS; MK_ERANGE when the voters overflow int64.
 * On failure out is left empty. Time and memory O(size + orders * m).
 */
int mk_preflib_read(const mk_input *in, mk_ballots *out, mk_ctx *ctx);

/**
 * Writes b in the PrefLib format (the header lines mk_preflib_read needs,
 * TITLE and DATA TYPE, then one line per row) into a NUL-terminated text
 * the caller frees; *len gets its length (may be NULL). Reading the text
 * back gives the same names, rows, ranks and weights (ranks renumbered
 * densely). MK_EINPUT for a row whose cells are not ranks, MK_ENOMEM.
 */
int mk_preflib_write(const mk_ballots *b, char **text, size_t *len, mk_ctx *ctx);

/** Frees what b owns and resets it; mk_ballots_free(NULL) is a no-op. */
void mk_ballots_free(mk_ballots *b);

#ifdef __cplusplus
}
#endif
#endif
