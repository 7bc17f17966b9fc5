/* The pairwise-majority matrix shared by every Condorcet-family rule, and
 * the Condorcet winner, loser and Smith set read from it. */
#include <stdlib.h>
#include <string.h>

#include "voting_columns.h"
#include "voting_internal.h"

/* Ballots per block of the matrix's count: the block's keys of every
 * candidate stay in the second level of cache while the pairs are read. */
#define BLOCK 8192

void voting_pairwise(const mk_profile *p, int64_t *out, void *columns)
{
    size_t m = p->width, n = p->n;
    int unit = 1;
    for (size_t i = 0; p->weight != NULL && i < n; i++)
        unit &= p->weight[i] == 1;
    voting_columns_fill(p, columns);
    memset(out, 0, m * m * sizeof *out);
    const int64_t *w = unit ? NULL : p->weight;
    for (size_t lo = 0; lo < n; lo += BLOCK) {
        size_t hi = n - lo < BLOCK ? n : lo + BLOCK;
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++)
                voting_columns_count(columns, n, m, a, b, lo, hi, w, &out[a * m + b],
                                     &out[b * m + a]);
    }
}

int mk_voting_pairwise(const mk_profile *p, int64_t *out, mk_ctx *ctx)
{
    size_t m = p->width, bytes = 0;
    int64_t total = 0;
    /* Every cell is at most the total weight, so checking the total once
     * rules out overflow in the count. */
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int rc = voting_add_weight(p, i, &total, ctx);
        if (rc != 0)
            return rc;
        if (!voting_ranks_ok(row, m))
            return voting_bad_rank(row, m, i, ctx);
    }
    if (voting_columns_size(p->n, m, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "%zu ballots of %zu candidates overflow", p->n, m);
    void *columns = malloc(bytes > 0 ? bytes : 1);
    if (columns == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", p->n);
    voting_pairwise(p, out, columns);
    free(columns);
    return MK_OK;
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
