/*
 * mechkit/liquid.h - liquid democracy (delegative voting; Blum and
 * Zuber, "Liquid democracy: potentials, problems, and perspectives",
 * Journal of Political Philosophy 24(2), 2016): each voter votes for a
 * candidate, or delegates its vote to another voter, who may delegate in
 * turn; a vote carries the weight of every voter whose chain of
 * delegations ends at it.
 *
 * Input (mk_liquid_read): a CSV with the header columns `voter`,
 * `delegate` and `vote`, one line per voter. `vote` names a candidate (or
 * is blank); `delegate` names another voter of the file (or is blank). A
 * voter who gives both votes itself: a direct vote overrides its
 * delegation (as in LiquidFeedback). A voter who gives neither abstains.
 * Errors naming the line: a voter listed twice, a delegate who is not a
 * voter of the file, a missing column, a ragged line.
 *
 * The profile: one row per voter (file order, labelled by its id, weight
 * 1), width 2: cell 0 = the row of its delegate or -1, cell 1 = the index
 * of its candidate (candidates in order of first appearance, the
 * dataset's items) or -1.
 *
 * The mechanism `voting.liquid` (MK_MECH_COLLECTIVE) follows every
 * voter's chain to the voter who votes. Two policies, as parameters:
 * cycles=lost|error (a chain that loops, including a voter delegating to
 * itself: the votes in it count for no one, or an error naming the
 * cycle), abstainers=lost|error (a chain ending at a voter who neither
 * votes nor delegates: lost, or an error). The candidate with the most
 * weight wins (plurality). result_json: `winners`, `chosen`, `ranking`,
 * `tally` (weight per candidate), `weights` (each voter who votes and the
 * weight it carries, itself included), `lost` (`cycles`, `abstainers`:
 * voters whose vote was lost that way), `abstained` (voters who neither
 * voted nor delegated) and `longest_chain` (delegations followed by the
 * longest resolved chain). Time O(voters).
 */
#ifndef MECHKIT_LIQUID_H
#define MECHKIT_LIQUID_H

#include "mechanism.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most voters of a liquid-democracy file. */
#define MK_LIQUID_MAX_VOTERS 10000000

/** Reads the CSV above (format "csv" or NULL) into out; errors above. */
int mk_liquid_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);

extern const mk_mechanism mk_voting_liquid; /**< liquid democracy */

#ifdef __cplusplus
}
#endif
#endif
