/*
 * Kemeny-Young (Kemeny 1959, "Mathematics without numbers"; Young and
 * Levenglick 1978): the ranking that agrees with the most pairwise
 * preferences of the voters, i.e. that maximises the sum over ordered
 * pairs (a above b) of the number of voters preferring a to b.
 *
 * Exact, by dynamic programming over subsets (as Held and Karp 1962 do for
 * tours): best(S), the most agreement any ordering of the candidates in S
 * gets from the pairs inside S, is the maximum over c in S of
 * best(S - c) + sum over d in S - c of P[c][d], with c ranked first among
 * S. O(2^m m^2) time and 2^m int64 of memory, so m is limited to
 * VOTING_KEMENY_MAX.
 *
 * Winners: every candidate first in some optimal ranking. The ranking
 * reported is the optimal one that, place by place from the top, puts the
 * lowest-numbered candidate possible (documented, deterministic).
 */
#include <stdlib.h>

#include "voting_internal.h"

/* Agreement with P of ranking c first among the members of S. */
static int64_t first_gain(const int64_t *P, size_t m, size_t c, size_t S)
{
    int64_t gain = 0;
    for (size_t d = 0; d < m; d++)
        if (d != c && ((S >> d) & 1))
            gain += P[c * m + d];
    return gain;
}

static int reserve_table(voting *v, size_t subsets, mk_ctx *ctx)
{
    if (subsets <= v->kemeny_cap)
        return MK_OK;
    int64_t *grown = realloc(v->kemeny_best, subsets * sizeof *grown);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the Kemeny table of %zu subsets",
                        subsets);
    v->kemeny_best = grown;
    v->kemeny_cap = subsets;
    return MK_OK;
}

int voting_kemeny(voting *v, mk_ctx *ctx)
{
    size_t m = v->m;
    if (m > VOTING_KEMENY_MAX)
        return mk_error(ctx, MK_ELIMIT,
                        "Kemeny-Young is computed exactly for at most %d candidates, not %zu",
                        VOTING_KEMENY_MAX, m);
    size_t all = ((size_t)1 << m) - 1;
    int rc = reserve_table(v, all + 1, ctx);
    if (rc != 0)
        return rc;
    const int64_t *P = v->pairwise;
    int64_t *best = v->kemeny_best;
    best[0] = 0;
    for (size_t S = 1; S <= all; S++) {
        int64_t top = INT64_MIN;
        for (size_t c = 0; c < m; c++) {
            if (!((S >> c) & 1))
                continue;
            int64_t t = best[S & ~((size_t)1 << c)] + first_gain(P, m, c, S);
            if (t > top)
                top = t;
        }
        best[S] = top;
    }
    v->kemeny_score = best[all];
    for (size_t c = 0; c < m; c++)
        v->winner[c] =
            m > 0 && best[all & ~((size_t)1 << c)] + first_gain(P, m, c, all) == best[all];
    /* The reported ranking: at each place the lowest-numbered candidate
     * that keeps the rest optimal. */
    size_t S = all;
    for (size_t place = 0; place < m; place++) {
        for (size_t c = 0; c < m; c++) {
            size_t rest = S & ~((size_t)1 << c);
            if (((S >> c) & 1) && best[rest] + first_gain(P, m, c, S) == best[S]) {
                v->kemeny_rank[place] = c;
                S = rest;
                break;
            }
        }
    }
    voting_choose(v);
    return MK_OK;
}
