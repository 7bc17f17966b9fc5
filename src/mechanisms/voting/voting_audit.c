/* The audit interface of the voting rules (voting.h): types are sincere
 * rankings, the truthful report copies them, utility is Borda utility,
 * types are drawn from impartial culture, and deviations are every
 * complete strict ranking when there are at most max of them (m! <= max:
 * m <= 5 at the auditor's default of 256, m <= 6 with 720), else sampled
 * swaps. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "voting_internal.h"

/* Borda utility (voting.h): candidates the voter ranks strictly below the
 * winner, averaged over the tied winners. */
int voting_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    (void)inst;
    size_t m = types->width;
    if (who >= types->n || outcome->n != m)
        return mk_error(ctx, MK_EINTERNAL, "voter %zu or an outcome of %zu candidates for %zu",
                        who + 1, outcome->n, m);
    const int64_t *row = mk_profile_row(types, who);
    int64_t sum = 0, winners = 0;
    for (size_t w = 0; w < m; w++) {
        if (!outcome->allocation[w])
            continue;
        winners++;
        for (size_t c = 0; c < m; c++)
            sum += mk_rank_prefers(row[w], row[c]);
    }
    if (winners == 0)
        return mk_error(ctx, MK_EINTERNAL, "an election outcome without a winner");
    return mk_rational_make(sum, winners, u) == 0
               ? MK_OK
               : mk_error(ctx, MK_ERANGE, "utility out of range");
}

/* Impartial culture: every voter an independent, uniformly random complete
 * ranking (Guilbaud 1952; the standard null model of social choice). */
int voting_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx)
{
    const voting *v = (const voting *)inst;
    size_t m = v->default_m, perm[VOTING_SAMPLE_MAX_CANDIDATES];
    if (m > VOTING_SAMPLE_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "sampling %zu candidates; at most %d", m,
                        VOTING_SAMPLE_MAX_CANDIDATES);
    int rc = mk_profile_resize(types, n, m, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        mk_rng_permutation(rng, perm, m);
        int64_t *row = mk_profile_row(types, i);
        for (size_t k = 0; k < m; k++)
            row[perm[k]] = (int64_t)k + 1;
    }
    return rc;
}

/* Next permutation in lexicographic order of ranks; 0 after the last. */
static int next_perm(int64_t *a, size_t m)
{
    size_t i = m - 1;
    while (i > 0 && a[i - 1] >= a[i])
        i--;
    if (i == 0)
        return 0;
    size_t j = m - 1;
    while (a[j] <= a[i - 1])
        j--;
    int64_t t = a[i - 1];
    a[i - 1] = a[j];
    a[j] = t;
    for (size_t l = i, r = m - 1; l < r; l++, r--) {
        t = a[l];
        a[l] = a[r];
        a[r] = t;
    }
    return 1;
}

int voting_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                      mk_deviation_set *out, mk_ctx *ctx)
{
    (void)inst;
    size_t m = types->width;
    if (m == 0 || out->width != m || who >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "deviation rows of width %zu for %zu candidates",
                        out->width, m);
    out->n = 0;
    out->exhaustive = 0;
    if (out->max == 0)
        return MK_OK;
    size_t orders = 1; /* m!, the complete strict rankings, while it fits max */
    for (size_t j = 2; j <= m && orders <= out->max; j++)
        orders *= j;
    if (orders <= out->max && m <= VOTING_EXHAUSTIVE_MAX) {
        int64_t r[VOTING_EXHAUSTIVE_MAX];
        for (size_t j = 0; j < m; j++)
            r[j] = (int64_t)j + 1;
        int more = 1;
        while (out->n < out->max && more) {
            memcpy(out->rows + out->n * m, r, m * sizeof *r);
            out->n++;
            more = next_perm(r, m);
        }
        out->exhaustive = !more; /* every complete strict ranking written */
        return MK_OK;
    }
    /* Sampled swaps of two candidates of the sincere ranking. */
    const int64_t *truth = mk_profile_row(types, who);
    for (; out->n < out->max; out->n++) {
        int64_t *row = out->rows + out->n * m;
        memcpy(row, truth, m * sizeof *row);
        size_t a = (size_t)mk_rng_below(rng, m), b = (size_t)mk_rng_below(rng, m - 1);
        b += b >= a;
        int64_t t = row[a];
        row[a] = row[b];
        row[b] = t;
    }
    return MK_OK;
}

void voting_format_report(const mk_instance *inst, const mk_profile *reports, size_t i, char *buf,
                          size_t cap)
{
    (void)inst;
    const int64_t *row = mk_profile_row(reports, i);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < reports->width && used + 1 < cap; j++) {
        int n = snprintf(buf + used, cap - used, "%s%" PRId64, j ? " " : "", row[j]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Whether another candidate than c shares c's rank. */
static int tied(const int64_t *row, size_t m, size_t c)
{
    for (size_t j = 0; j < m; j++)
        if (j != c && row[j] == row[c])
            return 1;
    return 0;
}

/* target strictly first, the others in their order below it. */
static void compromise(int64_t *row, size_t m, size_t target)
{
    int64_t t = row[target];
    int64_t shift = t == MK_RANK_UNRANKED || tied(row, m, target);
    for (size_t j = 0; j < m; j++)
        if (j != target && row[j] != MK_RANK_UNRANKED &&
            (t == MK_RANK_UNRANKED || row[j] <= t || shift))
            row[j] += row[j] < t || t == MK_RANK_UNRANKED ? 1 : shift;
    row[target] = 1;
}

/* against unranked (below every ranked candidate), the others closing up. */
static void bury(int64_t *row, size_t m, size_t against)
{
    int64_t a = row[against];
    if (a == MK_RANK_UNRANKED)
        return;
    int64_t shift = !tied(row, m, against);
    row[against] = MK_RANK_UNRANKED;
    for (size_t j = 0; j < m; j++)
        if (row[j] > a)
            row[j] -= shift;
}

/* The strategic-voting moves of a bloc (mechanism.h): dense ranks stay
 * dense, ties elsewhere are kept. */
int voting_favour(const mk_instance *inst, const int64_t *truth, size_t width, size_t target,
                  size_t against, unsigned kind, int64_t *out, mk_ctx *ctx)
{
    (void)inst;
    if (kind >= MK_FAVOUR_KINDS || target >= width || against >= width || target == against)
        return mk_error(ctx, MK_EINTERNAL, "favour %u of candidate %zu over %zu of %zu", kind,
                        target + 1, against + 1, width);
    memcpy(out, truth, width * sizeof *out);
    if (kind != MK_FAVOUR_BURY)
        compromise(out, width, target);
    if (kind != MK_FAVOUR_COMPROMISE)
        bury(out, width, against);
    return MK_OK;
}
