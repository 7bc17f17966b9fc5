/* The audit interface of the rules on score ballots (see cardinal.h): a
 * voter's type is its sincere scores, and its utility is its score of the
 * winners, averaged over tied winners. */
#include <string.h>

#include "cardinal_internal.h"

/* Most ballots listed exhaustively by deviations. */
#define CARD_EXHAUSTIVE_MAX 4096

/* Ballots tried otherwise: a pair of voters deviating at once costs their
 * square, so the sample is kept small. */
#define CARD_SAMPLED_DEVIATIONS 48

int card_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                 const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    (void)inst;
    size_t m = types->width;
    if (who >= types->n || outcome->n != m)
        return mk_error(ctx, MK_EINTERNAL, "voter %zu or an outcome of %zu candidates for %zu",
                        who + 1, outcome->n, m);
    const int64_t *row = mk_profile_row(types, who);
    int64_t sum = 0, winners = 0; /* scores within +-10^6, m <= 4096: no overflow */
    for (size_t j = 0; j < m; j++)
        if (outcome->allocation[j]) {
            sum += row[j];
            winners++;
        }
    if (winners == 0)
        return mk_error(ctx, MK_EINTERNAL, "an election outcome without a winner");
    return mk_rational_make(sum, winners, u) == 0
               ? MK_OK
               : mk_error(ctx, MK_ERANGE, "utility out of range");
}

int card_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx)
{
    const cardinal *c = (const cardinal *)inst;
    size_t m = c->default_m;
    if (m > CARD_SAMPLE_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "sampling %zu candidates; at most %d", m,
                        CARD_SAMPLE_MAX_CANDIDATES);
    int rc = mk_profile_resize(types, n, m, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; j < m; j++)
            mk_profile_row(types, i)[j] = mk_rng_range(rng, c->min, c->max);
    return rc;
}

/* The ballot after `row` in counting order (the last cell fastest). */
static void next_ballot(int64_t *row, size_t m, int64_t min, int64_t max)
{
    for (size_t j = m; j-- > 0;) {
        if (row[j] < max) {
            row[j]++;
            return;
        }
        row[j] = min;
    }
}

int card_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                    mk_deviation_set *out, mk_ctx *ctx)
{
    const cardinal *c = (const cardinal *)inst;
    size_t m = types->width;
    if (m == 0 || out->width != m || who >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "deviation rows of width %zu for %zu candidates",
                        out->width, m);
    out->n = 0;
    out->exhaustive = 0;
    uint64_t levels = (uint64_t)(c->max - c->min) + 1, total = 1;
    for (size_t j = 0; j < m && total <= CARD_EXHAUSTIVE_MAX; j++)
        total *= levels;
    if (total <= CARD_EXHAUSTIVE_MAX && total <= out->max) {
        for (size_t j = 0; j < m; j++) /* every ballot, in counting order */
            out->rows[j] = c->min;
        for (out->n = 1; out->n < total; out->n++) {
            int64_t *row = out->rows + out->n * m;
            memcpy(row, row - m, m * sizeof *row);
            next_ballot(row, m, c->min, c->max);
        }
        out->exhaustive = 1;
        return MK_OK;
    }
    /* The classic strategic ballots first: for each candidate, max for it
     * alone (bullet vote) and min for it alone (burial); then seeded
     * random ballots, CARD_SAMPLED_DEVIATIONS in all. */
    size_t want = out->max < CARD_SAMPLED_DEVIATIONS ? out->max : CARD_SAMPLED_DEVIATIONS;
    for (size_t k = 0; out->n < want && k < 2 * m; k++, out->n++)
        for (size_t j = 0; j < m; j++)
            out->rows[out->n * m + j] = (j == k % m) == (k < m) ? c->max : c->min;
    for (; out->n < want; out->n++) /* seeded: the auditor's generator */
        for (size_t j = 0; j < m; j++)
            out->rows[out->n * m + j] = mk_rng_range(rng, c->min, c->max);
    return MK_OK;
}
