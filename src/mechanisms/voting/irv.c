/*
 * Instant-runoff voting (Hare 1859; the single-winner count of RCV
 * statutes): each round every ballot counts for its highest-ranked
 * continuing candidate; a candidate with more than half of the ballots
 * that count wins; otherwise the candidate with the fewest votes is
 * eliminated (or, with batch elimination, every candidate who cannot catch
 * up; irv_rules.c) and its ballots move on.
 *
 * A ballot is walked from its first rank down, as RCTab's Tabulator does
 * (github.com/BrightSpots/rcv, computeTalliesForRound): with
 * max_skipped_ranks = N, reaching a rank after an empty one exhausts it
 * ("skipped rankings"; ranks are dense but where a cast-vote record skipped
 * more than N ranks in a row, which its reader keeps as one empty rank:
 * mechkit/cvr.h); with duplicates=exhaust, reaching a rank after an empty
 * one (after exactly two when max_skipped_ranks is set) exhausts it: the
 * reader's mark of a candidate ranked again ("repeated rankings"); a rank
 * shared by several
 * candidates (an over-vote) is, under
 *   - overvote=exhaust (the default; RCTab "exhaust if multiple
 *     continuing"): exhausting when two or more of them continue, counting
 *     for the one that continues, passed when none does;
 *   - overvote=exhaust_immediately: exhausting whoever continues;
 *   - overvote=always_skip_to_next_rank: passed;
 *   - overvote=recount (the rule of shared/data/elections/SOURCES.md, and
 *     the "temporarily inactive when multiple continuing" rule proposed
 *     for RCTab in its issue 972): as exhaust, except that the ballot only
 *     waits (counted as exhausted by its over-vote this round) and counts
 *     again once a single one of them continues.
 * A ballot with no continuing candidate left is exhausted ("exhausted
 * choices"); one ranking no one is blank (an undervote). Every round
 * reports the exhausted ballots by these four causes.
 *
 * With writeins=undeclared the candidate named by writein_label stands for
 * write-ins nobody declared (RCTab's "undeclared write-ins"): no one wins
 * while it holds votes, it is eliminated first, and it cannot win.
 *
 * When the last two candidates tie, the tie rule eliminates one and the
 * other wins in that round (RCTab breaks that tie in place).
 *
 * With continue_until_two=yes the count goes on after a majority winner is
 * found until two candidates remain (RCTab's "continue until two
 * candidates remain"); the winner is the one who first had the majority.
 *
 * O(rows * m) for the first round, then O(rows + moved ballots * m) per
 * round under the default rules; the walk of the other rules costs
 * O(m * ranks passed) per moved ballot.
 */
#include <string.h>

#include "voting_internal.h"

/* What a ballot counts for, when not a candidate (>= 0). */
enum {
    DEAD_CHOICES = -1,  /* no continuing candidate left */
    WAITING = -2,       /* overvote=recount: looked at again next round */
    DEAD_OVERVOTE = -3, /* exhausted by an over-vote */
    DEAD_SKIPPED = -4,  /* exhausted by skipped ranks */
    DEAD_REPEATED = -6, /* ended at a repeated candidate */
    DEAD_BLANK = -5     /* ranks no one */
};

/* The default rules (exhaust, recount; skipped ranks unlimited) in one
 * O(m) pass: the highest rank held by a continuing candidate decides. */
static int top_choice(const int64_t *row, size_t m, const int64_t *tally, int recount)
{
    int64_t best = 0;
    int who = DEAD_BLANK, shared = 0;
    for (size_t j = 0; j < m; j++) {
        if (row[j] == MK_RANK_UNRANKED)
            continue;
        if (who == DEAD_BLANK)
            who = DEAD_CHOICES;
        if (tally[j] < 0)
            continue;
        if (who < 0 || row[j] < best) {
            best = row[j];
            who = (int)j;
            shared = 0;
        } else if (row[j] == best) {
            shared = 1;
        }
    }
    if (!shared)
        return who;
    return recount ? WAITING : DEAD_OVERVOTE;
}

/* The smallest rank of row above `after`, or 0 when there is none. */
static int64_t next_rank(const int64_t *row, size_t m, int64_t after)
{
    int64_t r = 0;
    for (size_t j = 0; j < m; j++)
        if (row[j] > after && (r == 0 || row[j] < r))
            r = row[j];
    return r;
}

/* The walk of RCTab (see the top) for every rule. */
static int walk(const voting *v, const int64_t *row, const int64_t *tally)
{
    size_t m = v->m;
    const irv_options *o = &v->irv;
    int64_t last = 0;
    for (int64_t r; (r = next_rank(row, m, last)) != 0; last = r) {
        if (o->repeat_ends && (o->max_skipped < 0 ? r > last + 1 : r == last + 3))
            return DEAD_REPEATED;
        if (o->max_skipped >= 0 && r > last + 1)
            return DEAD_SKIPPED;
        size_t group = 0, continuing = 0;
        int who = DEAD_CHOICES;
        for (size_t j = 0; j < m; j++)
            if (row[j] == r) {
                group++;
                if (tally[j] >= 0) {
                    continuing++;
                    who = (int)j;
                }
            }
        if (group > 1 && o->overvote == IRV_OVERVOTE_EXHAUST_IMMEDIATELY)
            return DEAD_OVERVOTE;
        if (group > 1 && o->overvote == IRV_OVERVOTE_SKIP)
            continue;
        if (continuing > 1)
            return o->overvote == IRV_OVERVOTE_RECOUNT ? WAITING : DEAD_OVERVOTE;
        if (continuing == 1)
            return who;
    }
    return last == 0 ? DEAD_BLANK : DEAD_CHOICES;
}

/* Places ballot i (weight w) in tally t: v->dead[i] is what it counts for. */
static void place(voting *v, const int64_t *row, size_t i, int64_t w, int64_t *t,
                  int64_t *exhausted)
{
    const irv_options *o = &v->irv;
    int fast =
        o->max_skipped < 0 && !o->repeat_ends &&
        (o->overvote == IRV_OVERVOTE_EXHAUST_IF_MULTIPLE || o->overvote == IRV_OVERVOTE_RECOUNT);
    int c = fast ? top_choice(row, v->m, t, o->overvote == IRV_OVERVOTE_RECOUNT) : walk(v, row, t);
    if (c >= 0)
        t[c] += w;
    else
        *exhausted += w;
    v->dead[i] = c;
}

/* The exhausted ballots of round r by cause (a waiting ballot counts as
 * exhausted by its over-vote in that round). */
static void exhausted_causes(voting *v, const mk_profile *p, size_t r)
{
    int64_t *by = v->exhausted_by + r * IRV_BY_KINDS;
    for (size_t k = 0; k < IRV_BY_KINDS; k++)
        by[k] = 0;
    for (size_t i = 0; i < p->n; i++) {
        int c = v->dead[i];
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        if (c == DEAD_OVERVOTE || c == WAITING)
            by[IRV_BY_OVERVOTE] += w;
        else if (c == DEAD_SKIPPED)
            by[IRV_BY_SKIPPED] += w;
        else if (c == DEAD_CHOICES)
            by[IRV_BY_CHOICES] += w;
        else if (c == DEAD_BLANK)
            by[IRV_BY_BLANK] += w;
        else if (c == DEAD_REPEATED)
            by[IRV_BY_REPEATED] += w;
    }
}

/* Counts round r into v->tally + r * m (-1 for an eliminated candidate).
 * After round 1 only the ballots of the candidates eliminated after round
 * r - 1, and those waiting on an over-vote, are looked at again (votes of
 * continuing candidates do not move). */
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
        exhausted_causes(v, p, 0);
        return;
    }
    int64_t prev = (int64_t)r - 1;
    memcpy(t, t - m, m * sizeof *t);
    for (size_t j = 0; j < m; j++)
        if (v->out_round[j] == prev)
            t[j] = -1;
    v->exhausted[r] = v->exhausted[r - 1];
    for (size_t i = 0; i < p->n; i++) {
        int c = v->dead[i];
        if (c != WAITING && (c < 0 || v->out_round[c] != prev))
            continue;
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        if (c == WAITING)
            v->exhausted[r] -= w; /* counted again below */
        place(v, mk_profile_row(p, i), i, w, t, &v->exhausted[r]);
    }
    exhausted_causes(v, p, r);
}

/* Ends the count: `winner` wins. */
static int declare(voting *v, long winner)
{
    for (size_t j = 0; j < v->m; j++)
        v->winner[j] = (long)j == winner;
    v->chosen = (size_t)winner;
    return MK_OK;
}

int voting_run_irv(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    size_t m = v->m;
    mk_rng rng;
    mk_rng_seed_stream(&rng, v->seed, 2);
    long winner = -1, uw = v->irv.undeclared < (long)m ? v->irv.undeclared : -1;
    for (size_t j = 0; j < m; j++)
        v->out_round[j] = -1;
    for (size_t r = 0;; r++) {
        count_round(v, p, r);
        v->rounds = r + 1;
        v->eliminated[r] = -1;
        const int64_t *t = v->tally + r * m;
        int64_t active = 0; /* <= voters: no overflow */
        size_t left = 0, lead = m;
        for (size_t j = 0; j < m; j++)
            if (t[j] >= 0) {
                active += t[j];
                left++;
                if ((long)j != uw && (lead == m || t[j] > t[lead]))
                    lead = j;
            }
        /* Undeclared write-ins: no winner while they hold votes; they go
         * first (RCTab's dropUndeclaredWriteIns). */
        if (uw >= 0 && t[uw] > 0 && left > 1) {
            v->out_round[uw] = (int64_t)r;
            v->eliminated[r] = uw;
            continue;
        }
        if (lead == m) /* only an undeclared write-in without votes is left */
            return declare(v, uw);
        if (winner < 0 && (t[lead] > active - t[lead] || left == 1))
            winner = (long)lead;
        if (winner >= 0 && (!v->irv.until_two || left <= 2))
            return declare(v, winner);
        int rc = voting_irv_eliminate(v, r, &rng, ctx);
        if (rc != 0)
            return rc;
        if (left == 2 && winner < 0) {
            /* Two tied for the win: the tie rule decided; as in RCTab no
             * round is counted with one candidate. */
            for (size_t j = 0; j < m; j++)
                if (t[j] >= 0 && v->out_round[j] < 0)
                    winner = (long)j;
            return declare(v, winner);
        }
    }
}
