/*
 * Coombs (1964, "A Theory of Data"): count each ballot's first choice
 * among the continuing candidates; a candidate with more than half of the
 * ballots counted wins; otherwise the candidate that the most ballots rank
 * last among the continuing ones is eliminated, and the count repeats.
 *
 * Ballots as in IRV and plurality: a ballot whose top continuing place is
 * shared (an over-vote) or that ranks no continuing candidate counts for
 * no one in that round (it is "exhausted" for the round's majority); a
 * ballot whose last continuing place is shared (unranked candidates are
 * tied last) names no one to eliminate. Ties for the most last places:
 * the lowest-numbered candidate is eliminated (documented, deterministic);
 * two candidates left with equal tallies both win (the ties rule chooses).
 * Rounds are kept as IRV keeps them, so results print the same way.
 * O(rounds * ballots * m).
 */
#include "voting_internal.h"

/* The unique top (best = 1) or bottom (best = 0) continuing candidate of
 * row, or -1 when that place is shared or the row ranks no one. */
static long extreme(const int64_t *row, size_t m, const int *alive, int best)
{
    int64_t found = 0;
    long who = -1;
    size_t count = 0;
    for (size_t j = 0; j < m; j++) {
        if (!alive[j])
            continue;
        /* Unranked is below every rank: map it past the largest. */
        int64_t r = row[j] == MK_RANK_UNRANKED ? INT64_MAX : row[j];
        if (best && r == INT64_MAX)
            continue;
        if (count == 0 || (best ? r < found : r > found)) {
            found = r;
            who = (long)j;
            count = 1;
        } else if (r == found) {
            count++;
        }
    }
    return count == 1 ? who : -1;
}

/* Whether the two continuing candidates hold equal tallies t. */
static int tied_pair(const int64_t *t, size_t m, const int *alive)
{
    int64_t first = -1;
    for (size_t j = 0; j < m; j++) {
        if (!alive[j])
            continue;
        if (first >= 0)
            return t[j] == first;
        first = t[j];
    }
    return 0;
}

int voting_run_coombs(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    (void)ctx;
    size_t m = v->m, left = m;
    int *alive = v->stack;
    int64_t *last = v->score;
    for (size_t j = 0; j < m; j++) {
        alive[j] = 1;
        v->winner[j] = 0;
    }
    for (size_t r = 0; r < m; r++) {
        int64_t *t = v->tally + r * m, counted = 0;
        v->exhausted[r] = 0;
        for (size_t j = 0; j < m; j++) {
            t[j] = alive[j] ? 0 : -1;
            last[j] = 0;
        }
        for (size_t i = 0; i < p->n; i++) {
            const int64_t *row = mk_profile_row(p, i);
            int64_t w = p->weight != NULL ? p->weight[i] : 1;
            long top = extreme(row, m, alive, 1), bottom = extreme(row, m, alive, 0);
            if (top >= 0) {
                t[top] += w;
                counted += w;
            } else {
                v->exhausted[r] += w;
            }
            if (bottom >= 0)
                last[bottom] += w;
        }
        v->rounds = r + 1;
        v->eliminated[r] = -1;
        long majority = -1;
        for (size_t j = 0; j < m; j++)
            if (alive[j] && (left == 1 || 2 * t[j] > counted))
                majority = (long)j;
        if (majority >= 0) {
            v->winner[majority] = 1;
            break;
        }
        if (left == 2 && tied_pair(t, m, alive)) { /* a tie for the win: both win */
            for (size_t j = 0; j < m; j++)
                v->winner[j] = alive[j];
            break;
        }
        size_t out = m;
        for (size_t j = 0; j < m; j++)
            if (alive[j] && (out == m || last[j] > last[out]))
                out = j;
        v->eliminated[r] = (int64_t)out;
        alive[out] = 0;
        left--;
    }
    voting_choose(v);
    return MK_OK;
}
