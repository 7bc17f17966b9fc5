/*
 * IRV's ballots in the compact form its count walks (irv.c): each ballot's
 * ranked candidates sorted by rank, so that a ballot moving on reads the
 * few entries after the one it stood at instead of its whole row; and the
 * ranks by candidate (column-major), so that a head-to-head of the
 * Condorcet winner's knockout reads two contiguous columns.
 */
#include <stdlib.h>
#include <string.h>

#include "voting_internal.h"

/* Sizes b for n ballots of m candidates (grows only). */
static int reserve(irv_ballots *b, size_t n, size_t m, mk_ctx *ctx)
{
    size_t cells = 0, ballot = 0;
    if (__builtin_mul_overflow(n, m, &cells) || __builtin_mul_overflow(n, m + IRV_HEAD, &ballot))
        return mk_error(ctx, MK_ERANGE, "%zu ballots of %zu candidates overflow", n, m);
    int failed = 0;
    if (ballot > b->cap_ballot) {
        b->ballot = voting_grow(b->ballot, ballot, sizeof *b->ballot, &failed);
        if (!failed)
            b->cap_ballot = ballot;
    }
    if (cells > b->cap_cells) {
        b->rank = voting_grow(b->rank, cells, sizeof *b->rank, &failed);
        b->keys = voting_grow(b->keys, cells, sizeof *b->keys, &failed);
        if (!failed)
            b->cap_cells = cells;
    }
    if (m > b->cap_m) {
        b->piles = voting_grow(b->piles, m + 2, sizeof *b->piles, &failed);
        for (size_t j = b->cap_m + (b->cap_m > 0 ? 2 : 0); !failed && j < m + 2; j++)
            b->piles[j] = (irv_pile){NULL, 0, 0};
        b->count = voting_grow(b->count, m + 2, sizeof *b->count, &failed);
        if (!failed)
            b->cap_m = m;
    }
    return failed ? mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", n) : MK_OK;
}

/* A counting sort of row's ranked candidates by rank (ties in candidate
 * order) into entry, their ranks into rank: for rows with tied or
 * skipped ranks. */
static void sort_by_rank(const int64_t *row, size_t m, uint16_t *entry, uint16_t *rank,
                         size_t *count)
{
    memset(count, 0, (m + 2) * sizeof *count);
    for (size_t j = 0; j < m; j++)
        if (row[j] != MK_RANK_UNRANKED)
            count[row[j] + 1]++;
    for (size_t r = 1; r <= m + 1; r++)
        count[r] += count[r - 1]; /* count[r]: entries ranked before r */
    for (size_t j = 0; j < m; j++)
        if (row[j] != MK_RANK_UNRANKED) {
            size_t k = count[row[j]]++;
            entry[k] = (uint16_t)j;
            rank[k] = (uint16_t)row[j];
        }
}

/* Most candidates whose ranks (0..m) fit the bits of one word: the
 * ballots of larger elections are sorted. */
#define STRAIGHT_MAX 63

/* Ballot i of row: its column keys, its header and entries sorted by
 * rank. Most ballots rank 1..len once each: with at most STRAIGHT_MAX
 * candidates each candidate is then placed straight at its rank (a loop
 * without branches), which the ranks seen confirm (all of 1..len, held by
 * len candidates); the sort is only for the others. */
static void prepare_ballot(irv_ballots *b, const int64_t *row, size_t i, size_t n, size_t m)
{
    uint16_t *header = b->ballot + i * (m + IRV_HEAD), *entry = header + IRV_HEAD;
    uint16_t *key = b->keys + i;
    uint8_t *narrow = (uint8_t *)b->keys + i; /* the layout when m <= VOTING_NARROW_MAX */
    size_t len = 0;
    uint64_t seen = 0;
    for (size_t j = 0; j < m; j++) {
        int64_t r = row[j]; /* 0..m (checked) */
        size_t on = r != MK_RANK_UNRANKED;
        /* the key of voting_columns.h, written here with the entries */
        if (m <= VOTING_NARROW_MAX)
            narrow[j * n] = (uint8_t)(r - 1);
        else
            key[j * n] = (uint16_t)(r - 1);
        len += on;
        if (m <= STRAIGHT_MAX) {
            seen |= (uint64_t)1 << r;
            entry[r - 1] = (uint16_t)j; /* unranked: header[IRV_HEAD - 1], set below */
        }
    }
    header[0] = (uint16_t)len;
    header[1] = 0;
    /* Bits 1..len, len <= STRAIGHT_MAX (2 << 63 wraps to 0, leaving bits
     * 1..63). */
    uint64_t first = m <= STRAIGHT_MAX ? ((uint64_t)2 << len) - 2 : 0;
    if (m <= STRAIGHT_MAX && (seen & first) == first)
        return;
    header[0] |= IRV_RANKS_APART;
    b->apart++;
    sort_by_rank(row, m, entry, b->rank + i * m, b->count);
}

int voting_irv_ballots(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    irv_ballots *b = &v->ballots;
    size_t n = p->n, m = p->width;
    int rc = reserve(b, n, m, ctx);
    if (rc != 0)
        return rc;
    v->voters = 0;
    b->unit = 1;
    b->apart = 0;
    for (size_t i = 0; i < n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1, voters;
        /* voting_check_ballot's test inline; it says what is wrong */
        if (w < 0 || __builtin_add_overflow(v->voters, w, &voters) || !voting_ranks_ok(row, m)) {
            rc = voting_check_ballot(v, p, i, ctx);
            return rc != 0 ? rc : mk_error(ctx, MK_EINTERNAL, "IRV: ballot %zu", i + 1);
        }
        v->voters = voters;
        b->unit &= w == 1;
        prepare_ballot(b, row, i, n, m);
    }
    for (size_t j = 0; j < m + 2; j++)
        b->piles[j].n = 0;
    return MK_OK;
}

/* The margin of candidate a over c on p's n ballots (weights w, NULL for
 * 1 each) from b's keys. */
static int64_t margin(const irv_ballots *b, size_t a, size_t c, size_t m, size_t n,
                      const int64_t *w)
{
    int64_t ac = 0, ca = 0;
    voting_columns_count(b->keys, n, m, a, c, 0, n, w, &ac, &ca);
    return ac - ca;
}

long voting_irv_condorcet_winner(const voting *v, const mk_profile *p)
{
    size_t m = p->width, n = p->n, c = 0;
    const irv_ballots *b = &v->ballots;
    const int64_t *weight = b->unit ? NULL : p->weight;
    int *beaten = v->stack; /* by the survivor, strictly, in a head-to-head already counted */
    /* A knockout in candidate order, then the survivor against every
     * other it has not met as survivor: a Condorcet winner, once met,
     * wins every later head-to-head. */
    for (size_t j = 0; j < m; j++)
        beaten[j] = 0;
    for (size_t j = 1; j < m; j++) {
        int64_t d = margin(b, j, c, m, n, weight);
        if (d > 0) {
            for (size_t k = 0; k < j; k++)
                beaten[k] = k == c;
            c = j;
        }
        beaten[j] = d < 0;
    }
    for (size_t j = 0; j < m; j++)
        if (j != c && !beaten[j] && margin(b, c, j, m, n, weight) <= 0)
            return -1;
    return m > 0 ? (long)c : -1;
}

void voting_irv_ballots_free(irv_ballots *b)
{
    free(b->ballot);
    free(b->rank);
    free(b->keys);
    for (size_t j = 0; b->cap_m > 0 && j < b->cap_m + 2; j++)
        free(b->piles[j].ballots);
    free(b->piles);
    free(b->count);
}
