/* funding.conviction's profile operations for the auditor: candidate
 * misreports of a voter and the sybil split (see conviction.c). */
#include <string.h>

#include "conviction_internal.h"

/* A copy of truth as the next candidate row, or NULL when full. */
static int64_t *next_row(mk_deviation_set *out, const int64_t *truth)
{
    if (out->n >= out->max)
        return NULL;
    int64_t *row = out->rows + out->n * out->width;
    memcpy(row, truth, out->width * sizeof *row);
    return row;
}

/* Withholding every stake; doubling every change (when none overflows);
 * and staking only on one of the voter's proposals. Each keeps every
 * stake >= 0. Never exhaustive. */
int mk_conviction_deviations(const mk_instance *inst, const mk_profile *types, size_t who,
                             mk_rng *rng, mk_deviation_set *out, mk_ctx *ctx)
{
    (void)inst;
    (void)rng;
    if (out->width != types->width || who >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "conviction deviations: row %zu, width %zu", who + 1,
                        out->width);
    const int64_t *truth = mk_profile_row(types, who);
    int64_t m = truth[MK_CONVICTION_COUNT];
    out->n = 0;
    out->exhaustive = 0;
    int64_t *row = next_row(out, truth);
    for (int64_t j = 0; row != NULL && j < m; j++)
        row[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_DELTA] = 0;
    out->n += row != NULL;
    row = next_row(out, truth);
    int ok = row != NULL;
    for (int64_t j = 0; ok && j < m; j++) {
        int64_t *d = row + MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_DELTA;
        ok = !__builtin_mul_overflow(*d, 2, d);
    }
    out->n += ok;
    for (int64_t k = 0; k < m; k++) {
        int64_t q = truth[MK_CONVICTION_FIRST + 4 * k + MK_CONVICTION_PROPOSAL], dup = 0;
        for (int64_t j = 0; j < k && !dup; j++)
            dup = truth[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_PROPOSAL] == q;
        if (dup || (row = next_row(out, truth)) == NULL)
            continue;
        for (int64_t j = 0; j < m; j++)
            if (row[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_PROPOSAL] != q)
                row[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_DELTA] = 0;
        out->n++;
    }
    return MK_OK;
}

/* Identity j (0-based) of k holds floor((S + j) / k) of each stake S, so
 * the identities' stakes sum to S and never go below 0. */
int mk_conviction_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                        mk_profile *out, mk_ctx *ctx)
{
    (void)inst;
    int rc = mk_profile_split_copies(reports, who, k, out, ctx);
    if (rc != 0)
        return rc;
    const int64_t *src = mk_profile_row(reports, who);
    for (size_t id = 0; id < k; id++) {
        int64_t *row = mk_profile_identity(out, reports->n, who, id);
        for (int64_t j = 0; j < src[MK_CONVICTION_COUNT]; j++) {
            /* the stake on this proposal before and after change j */
            int64_t q = src[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_PROPOSAL], before = 0;
            for (int64_t x = 0; x < j; x++)
                if (src[MK_CONVICTION_FIRST + 4 * x + MK_CONVICTION_PROPOSAL] == q)
                    before += src[MK_CONVICTION_FIRST + 4 * x + MK_CONVICTION_DELTA];
            int64_t after = before + src[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_DELTA];
            int64_t kk = (int64_t)k, jj = (int64_t)id;
            row[MK_CONVICTION_FIRST + 4 * j + MK_CONVICTION_DELTA] =
                (after / kk + (after % kk > jj)) - (before / kk + (before % kk > jj));
        }
    }
    return MK_OK;
}
