/*
 * Instant-runoff voting (Hare 1859; the single-winner count of RCV
 * statutes): each round every ballot counts for its highest-ranked
 * continuing candidate; a candidate with more than half of the ballots
 * that count wins; otherwise the candidate with the fewest votes is
 * eliminated and its ballots move on.
 *
 * Ballot policy: a ballot with no continuing candidate is exhausted. A
 * ballot whose highest continuing rank is shared by several continuing
 * candidates (an over-vote) is, with overvote=exhaust (the default, RCTab's
 * "exhaust immediately" rule), exhausted for good; with overvote=recount
 * (the rule of shared/data/elections/SOURCES.md) it counts for no one in
 * that round but counts again once a single one of the tied candidates
 * continues.
 *
 * Ties for last place: by default the tied candidate with the fewest first
 * preferences (round 1 votes) is eliminated, and among those the one
 * listed first in the file (lowest number); with ties=random, a lottery
 * seeded by --seed picks among the tied candidates.
 *
 * O(rows * m) for the first round, then O(rows + moved ballots * m) per
 * round.
 */
#include <string.h>

#include "voting_internal.h"

enum { EXHAUSTED = -1, OVERVOTED = -2 };

/* The candidate ballot row counts for; EXHAUSTED when it ranks no
 * continuing candidate, OVERVOTED when its highest continuing rank is
 * shared. */
static int top_choice(const int64_t *row, size_t m, const int64_t *tally)
{
    int64_t best = 0;
    int who = EXHAUSTED, shared = 0;
    for (size_t j = 0; j < m; j++) {
        if (row[j] == MK_RANK_UNRANKED || tally[j] < 0)
            continue;
        if (who < 0 || row[j] < best) {
            best = row[j];
            who = (int)j;
            shared = 0;
        } else if (row[j] == best) {
            shared = 1;
        }
    }
    return shared ? OVERVOTED : who;
}

/* Places ballot i in tally t (its weight w): v->dead[i] is the candidate it
 * counts for, EXHAUSTED for good, or OVERVOTED (overvote=recount: counted
 * as exhausted this round, looked at again next round). */
static void place(voting *v, const int64_t *row, size_t i, int64_t w, int64_t *t,
                  int64_t *exhausted)
{
    int c = top_choice(row, v->m, t);
    if (c == OVERVOTED && !v->overvote_recount)
        c = EXHAUSTED;
    if (c >= 0)
        t[c] += w;
    else
        *exhausted += w;
    v->dead[i] = c;
}

/* Counts round r into v->tally + r * m (-1 for an eliminated candidate).
 * After round 1 only the ballots of the eliminated candidate, and those
 * waiting on an over-vote, are looked at again (votes of continuing
 * candidates do not move), so a round costs O(rows + moved * m). */
static void count_round(voting *v, const mk_profile *p, size_t r)
{
    size_t m = v->m;
    int64_t *t = v->tally + r * m;
    if (r == 0) {
        v->exhausted[0] = 0;
        for (size_t j = 0; j < m; j++)
            t[j] = 0;
        for (size_t i = 0; i < p->n; i++)
            place(v, mk_profile_row(p, i), i, p->weight != NULL ? p->weight[i] : 1, t,
                  &v->exhausted[0]);
        return;
    }
    int gone = (int)v->eliminated[r - 1];
    memcpy(t, t - m, m * sizeof *t);
    t[gone] = -1;
    v->exhausted[r] = v->exhausted[r - 1];
    for (size_t i = 0; i < p->n; i++) {
        int c = v->dead[i];
        if (c != gone && c != OVERVOTED)
            continue;
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        if (c == OVERVOTED)
            v->exhausted[r] -= w; /* counted again below */
        place(v, mk_profile_row(p, i), i, w, t, &v->exhausted[r]);
    }
}

/* The candidate to eliminate after round r (ties: see the top). */
static size_t loser(const voting *v, size_t r, mk_rng *rng)
{
    size_t m = v->m, tied = 0, pick = 0;
    const int64_t *t = v->tally + r * m, *first = v->tally;
    int64_t low = -1;
    for (size_t j = 0; j < m; j++)
        if (t[j] >= 0 && (low < 0 || t[j] < low))
            low = t[j];
    for (size_t j = 0; j < m; j++)
        if (t[j] == low) {
            if (tied == 0 || first[j] < first[pick])
                pick = j;
            tied++;
        }
    if (!v->ties_random || tied < 2)
        return pick;
    uint64_t k = mk_rng_below(rng, tied);
    for (size_t j = 0; j < m; j++)
        if (t[j] == low && k-- == 0)
            return j;
    return pick; /* not reached: k < tied */
}

int voting_run_irv(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    (void)ctx;
    size_t m = v->m;
    mk_rng rng;
    mk_rng_seed_stream(&rng, v->seed, 2);
    for (size_t r = 0;; r++) {
        count_round(v, p, r);
        v->rounds = r + 1;
        const int64_t *t = v->tally + r * m;
        int64_t active = 0; /* <= voters: no overflow */
        size_t left = 0, lead = 0;
        for (size_t j = 0; j < m; j++)
            if (t[j] >= 0) {
                active += t[j];
                if (left++ == 0 || t[j] > t[lead])
                    lead = j;
            }
        if (t[lead] > active - t[lead] || left == 1) {
            for (size_t j = 0; j < m; j++)
                v->winner[j] = j == lead;
            v->eliminated[r] = -1;
            v->chosen = lead;
            return MK_OK;
        }
        v->eliminated[r] = (int64_t)loser(v, r, &rng);
    }
}
