/*
 * mechkit/blt.h - the ".blt" ballot format of STV counts (the ERS / OpenSTV
 * / Scottish "ballot file", read by eSTV, OpenSTV, Droop and others).
 *
 *   4 2                  candidates and seats
 *   -4                   optional: withdrawn candidates, as negative numbers
 *   3 1 2 0              a ballot: its weight (voters), the candidates from
 *   2 3=1 4 0            first preference down, then 0; "a=b" ranks a and b
 *   1 2 0                equal (the rank is shared)
 *   0                    the end of the ballots
 *   "Alice"              one quoted name per candidate, in number order
 *   "Bob"
 *   "Carol"
 *   "Dave"
 *   "Example election"   the title (optional)
 *
 * A ballot line may start with a ballot id in parentheses, "(17) 1 2 3 0",
 * which is ignored. Blank lines are ignored.
 *
 * The result is the ranked-ballot profile of preflib.h: withdrawn
 * candidates are left out (their names and their places on ballots; the
 * preferences after them move up), so `m` counts only the candidates
 * standing. Identical ballots are aggregated into one row whose weight is
 * their total (first occurrence order). A ballot that ranks no standing
 * candidate is not a vote and is left out; `empty` counts its weight.
 */
#ifndef MECHKIT_BLT_H
#define MECHKIT_BLT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mechanism.h"
#include "preflib.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a .blt file declares beside its ballots. */
typedef struct mk_blt_info {
    int64_t seats;    /**< the header's number of seats */
    size_t withdrawn; /**< candidates withdrawn (left out of the ballots) */
    int64_t empty;    /**< voters whose ballots rank no standing candidate */
    int64_t declared; /**< the header's number of candidates, withdrawn included */
} mk_blt_info;

/**
 * Reads a .blt file into out (the layout of preflib.h, title from the
 * title line, DATA TYPE soi/toi/soc/toc as the ballots are) and info.
 *
 * Checks, each an MK_EINPUT naming in->name and the line: a header that is
 * not two whole numbers (candidates >= 1, 1 <= seats <= candidates), a
 * token that is not a whole number, a candidate number outside
 * 1..candidates, a weight below 1, a ballot line that does not end with
 * 0, a candidate given twice on one ballot (policy: an error, never a
 * silent fix), a withdrawn line after the first ballot or naming a
 * candidate twice, a missing "0" line ending the ballots, a name that is
 * not one double-quoted string, fewer names than candidates, and lines
 * after the title; every candidate withdrawn. MK_ELIMIT beyond
 * MK_PREFLIB_MAX_CANDIDATES candidates or MK_PREFLIB_MAX_ORDERS distinct
 * ballots; MK_ERANGE when the voters overflow int64. On failure out is
 * left empty. Time O(size + ballots * m), memory O(distinct ballots * m).
 */
int mk_blt_read(const mk_input *in, mk_ballots *out, mk_blt_info *info, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
