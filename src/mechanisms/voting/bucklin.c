/*
 * Bucklin (Grand Junction, Colorado, 1909; Hoag and Hallett 1926,
 * "Proportional Representation"): in round k each ballot supports every
 * candidate it ranks in its first k places (ranks 1..k; tied candidates
 * share a place, so a ballot with ties supports them together). The first
 * round in which some candidate is supported by more than half of all
 * ballots elects the candidate(s) with the most support in that round.
 * When no round gives a majority (truncated ballots), the last round's
 * most supported candidates win. Rounds are kept as IRV keeps them (no one
 * eliminated; "exhausted" counts ballots supporting no one), so results
 * print the same way. O(m * ballots * m).
 */
#include "voting_internal.h"

int voting_run_bucklin(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    (void)ctx;
    size_t m = v->m;
    for (size_t k = 1; k <= m; k++) {
        int64_t *t = v->tally + (k - 1) * m;
        v->exhausted[k - 1] = 0;
        v->eliminated[k - 1] = -1;
        for (size_t j = 0; j < m; j++)
            t[j] = 0;
        for (size_t i = 0; i < p->n; i++) {
            const int64_t *row = mk_profile_row(p, i);
            int64_t w = p->weight != NULL ? p->weight[i] : 1;
            int any = 0;
            for (size_t j = 0; j < m; j++)
                if (row[j] != MK_RANK_UNRANKED && row[j] <= (int64_t)k) {
                    t[j] += w;
                    any = 1;
                }
            if (!any)
                v->exhausted[k - 1] += w;
        }
        v->rounds = k;
        int64_t best = 0;
        for (size_t j = 0; j < m; j++)
            if (t[j] > best)
                best = t[j];
        if (2 * best > v->voters || k == m) {
            for (size_t j = 0; j < m; j++)
                v->winner[j] = best > 0 && t[j] == best;
            break;
        }
    }
    voting_choose(v);
    return MK_OK;
}
