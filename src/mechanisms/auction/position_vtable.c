/*
 * Utility and deviations of the position auctions. A bidder's value is per
 * click and, in the separable model (position.c), it receives q * ctr_j
 * clicks in position j, so its utility is q * ctr_j * value - payment, not
 * mk_auction_utility's value of units won.
 */
#include <string.h>

#include "mechkit/money.h"
#include "position_internal.h"

/*
 * The quality places qp of an outcome are not kept in the instance: they
 * follow from its payment scale (input scale + ctr scale + qp, position.c),
 * so any outcome this instance produced can be evaluated, whichever run
 * made it. The quality is public, so the type's quality is the one the
 * bidder reported; it therefore fits qp places, and when it does not the
 * type and the outcome do not belong together: MK_EINTERNAL.
 */
int position_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                     const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    const position_auction *a = (const position_auction *)inst;
    int64_t position = outcome->allocation[who];
    if (position < 0 || (uint64_t)position > a->positions)
        return mk_error(ctx, MK_EINTERNAL, "participant %zu holds position %lld of %zu", who,
                        (long long)position, a->positions);
    int qp = outcome->payment_scale - a->base.scale - a->ctr_scale;
    int64_t unit;
    if (qp < 0 || qp > MK_QUALITY_SCALE || mk_pow10(MK_QUALITY_SCALE - qp, &unit) != 0)
        return mk_error(ctx, MK_EINTERNAL,
                        "outcome at payment scale %d; this auction pays at scale %d (amounts) + "
                        "%d (ctr) + 0 to %d (quality)",
                        outcome->payment_scale, a->base.scale, a->ctr_scale, MK_QUALITY_SCALE);
    const int64_t *row = mk_profile_row(types, who);
    int64_t q = row[MK_BID_QUALITY];
    if (q <= 0 || q % unit != 0)
        return mk_error(ctx, MK_EINTERNAL,
                        "participant %zu's quality score %lld (at scale %d) does not fit the %d "
                        "decimal places of the outcome's payments; a type must carry the quality "
                        "its bidder reported",
                        who, (long long)q, MK_QUALITY_SCALE, qp);
    int64_t value = mk_bids_count(row, types->width) > 0 ? row[MK_BID_FIRST] : 0;
    position_i128 gain = 0;
    int64_t utility, den;
    /* (q / unit) (qp places) * ctr (ctr scale) * value (input scale) is at
     * the payment scale; (q / unit) * ctr < 2^126. */
    if ((position > 0 && __builtin_mul_overflow((q / unit) * (position_i128)a->ctr[position - 1],
                                                (position_i128)value, &gain)) ||
        gain > INT64_MAX || gain < INT64_MIN ||
        mk_checked_sub((int64_t)gain, outcome->payment[who], &utility) != 0 ||
        mk_pow10(outcome->payment_scale, &den) != 0 || mk_rational_make(utility, den, u) != 0)
        return mk_error(ctx, MK_ERANGE, "utility of participant %zu overflows", who);
    return MK_OK;
}

/* Appends `bid` as a candidate (truth's row with its bid replaced) unless
 * it is negative, already there, or the set is full (then it is no longer
 * exhaustive). */
static void add_bid(mk_deviation_set *out, const int64_t *truth, position_i128 bid)
{
    if (bid < 0 || bid > INT64_MAX)
        return;
    for (size_t i = 0; i < out->n; i++)
        if (out->rows[i * out->width + MK_BID_FIRST] == (int64_t)bid)
            return;
    if (out->n == out->max) {
        out->exhaustive = 0;
        return;
    }
    int64_t *row = out->rows + out->n * out->width;
    memcpy(row, truth, out->width * sizeof *row);
    row[MK_BID_FIRST] = (int64_t)bid;
    out->n++;
}

/*
 * Every bid that can change the outcome of bidder `who` (the others
 * reporting their types). Its clicks and payment depend only on its rank
 * (the payment scale only on the quality scores, which a deviation keeps:
 * they are public), and its rank changes only where its score q_who * b
 * crosses another accepted score s (at b = s / q_who; at an exact quotient
 * the tie goes by priority) or where b crosses the reserve. Each interval of bids with one
 * outcome therefore starts at one of: 0, the reserve, ceil(s / q_who), or
 * s / q_who + 1 when exact; with floor(s / q_who), s / q_who - 1, one unit
 * below the reserve and the own value, these are exhaustive.
 */
int position_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                        mk_deviation_set *out, mk_ctx *ctx)
{
    (void)rng;
    const position_auction *a = (const position_auction *)inst;
    if (out->width != types->width || types->width < MK_BID_FIRST + 1)
        return mk_error(ctx, MK_EINTERNAL, "deviation rows of %zu cells for a profile of %zu",
                        out->width, types->width);
    const int64_t *truth = mk_profile_row(types, who);
    position_i128 q = truth[MK_BID_QUALITY];
    if (q <= 0)
        return mk_error(ctx, MK_EINPUT, "bidder %zu has quality score %lld; it must be positive",
                        who, (long long)truth[MK_BID_QUALITY]);
    int64_t reserve = a->base.reserve;
    out->n = 0;
    out->exhaustive = 1;
    add_bid(out, truth, mk_bids_count(truth, types->width) > 0 ? truth[MK_BID_FIRST] : 0);
    add_bid(out, truth, 0);
    add_bid(out, truth, reserve);
    add_bid(out, truth, (position_i128)reserve - 1);
    for (size_t j = 0; j < types->n; j++) {
        const int64_t *other = mk_profile_row(types, j);
        if (j == who || mk_bids_count(other, types->width) == 0 || other[MK_BID_FIRST] < reserve)
            continue;
        position_i128 s = (position_i128)other[MK_BID_QUALITY] * other[MK_BID_FIRST];
        position_i128 t = s / q;
        add_bid(out, truth, t);
        add_bid(out, truth, t + 1);
        if (s % q == 0)
            add_bid(out, truth, t - 1);
    }
    return MK_OK;
}
