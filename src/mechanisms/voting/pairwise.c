/* The pairwise-majority matrix shared by every Condorcet-family rule, and
 * the Condorcet winner, loser and Smith set read from it. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "voting_internal.h"

int voting_pairwise(const mk_profile *p, int64_t *out, int64_t *keys, mk_ctx *ctx)
{
    size_t m = p->width;
    int64_t total = 0;
    /* Every cell is at most the total weight, so checking the total once
     * rules out overflow in the loop below. */
    for (size_t i = 0; i < p->n; i++) {
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        if (w < 0)
            return mk_error(ctx, MK_EINPUT, "ballot %zu has weight %" PRId64, i + 1, w);
        if (mk_checked_add(total, w, &total) != 0)
            return mk_error(ctx, MK_ERANGE, "the number of voters overflows");
    }
    memset(out, 0, m * m * sizeof *out);
    for (size_t i = 0; i < p->n; i++) {
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        const int64_t *row = mk_profile_row(p, i);
        if (w == 0)
            continue;
        /* Unranked sorts last (INT64_MAX), so "a above b" is key[a] <
         * key[b]: a branch-free inner loop the compiler vectorises. */
        for (size_t a = 0; a < m; a++) {
            if (row[a] < 0)
                return mk_error(ctx, MK_EINPUT, "ballot %zu: rank %" PRId64, i + 1, row[a]);
            keys[a] = row[a] == MK_RANK_UNRANKED ? INT64_MAX : row[a];
        }
        for (size_t a = 0; a < m; a++) {
            int64_t ka = keys[a];
            if (ka == INT64_MAX)
                continue; /* an unranked candidate beats no one */
            int64_t *line = out + a * m;
            for (size_t b = 0; b < m; b++)
                line[b] += (int64_t)(ka < keys[b]) * w;
        }
    }
    return MK_OK;
}

int mk_voting_pairwise(const mk_profile *p, int64_t *out, mk_ctx *ctx)
{
    int64_t *keys = malloc((p->width > 0 ? p->width : 1) * sizeof *keys);
    if (keys == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", p->width);
    int rc = voting_pairwise(p, out, keys, ctx);
    free(keys);
    return rc;
}

long voting_condorcet(const int64_t *pw, size_t m, int loser)
{
    for (size_t a = 0; a < m; a++) {
        size_t b = 0;
        for (; b < m; b++) {
            if (b == a)
                continue;
            int64_t mine = pw[a * m + b], theirs = pw[b * m + a];
            if (loser ? mine >= theirs : mine <= theirs)
                break;
        }
        if (b == m)
            return (long)a;
    }
    return -1;
}

/* reach becomes its own transitive closure (Warshall 1962). O(m^3). */
static void transitive_closure(int *reach, size_t m)
{
    for (size_t k = 0; k < m; k++)
        for (size_t a = 0; a < m; a++)
            if (reach[a * m + k])
                for (size_t b = 0; b < m; b++)
                    reach[a * m + b] |= reach[k * m + b];
}

/* Smith 1973, "Aggregation of preferences with variable electorate": the
 * smallest set whose members all beat every outsider. Every pair is joined
 * one way or both in the "beats or ties" digraph, so the Smith set is the
 * set of candidates that reach every other in it (its top component);
 * transitive closure by Warshall's algorithm, O(m^3). */
void voting_smith(const int64_t *pw, size_t m, int *reach, int *out)
{
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            reach[a * m + b] = a == b || pw[a * m + b] >= pw[b * m + a];
    transitive_closure(reach, m);
    for (size_t a = 0; a < m; a++) {
        out[a] = 1;
        for (size_t b = 0; b < m; b++)
            out[a] &= reach[a * m + b];
    }
}

/* Schwartz (1986, "The Logic of Collective Choice"): the union of the
 * minimal sets that no outsider beats strictly. With the closure R of the
 * strict "beats" relation, a is in it when every b that reaches a is
 * reached by a (a's component has no edge coming in). O(m^3). */
void voting_schwartz(const int64_t *pw, size_t m, int *reach, int *out)
{
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            reach[a * m + b] = a == b || pw[a * m + b] > pw[b * m + a];
    transitive_closure(reach, m);
    for (size_t a = 0; a < m; a++) {
        out[a] = 1;
        for (size_t b = 0; b < m; b++)
            if (reach[b * m + a] && !reach[a * m + b])
                out[a] = 0;
    }
}
