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
 * other wins in that round (RCTab breaks that tie in place): both are
 * reported as tied winners, the one the tie rule keeps as chosen.
 *
 * With continue_until_two=yes the count goes on after a majority winner is
 * found until two candidates remain (RCTab's "continue until two
 * candidates remain"); the winner is the one who first had the majority.
 *
 * The ballots are read once into a compact form (irv_ballots.c): each
 * ballot's ranked candidates sorted by rank, and the position of the rank
 * it stands at. Eliminated candidates never come back, so the rank a
 * ballot is counted at only moves down, and a ballot moving on resumes
 * the walk where it stood (every rank before it stays passed). Each
 * candidate keeps the pile of the ballots counted for it, so a round only
 * walks the piles of the candidates just eliminated (and the ballots
 * waiting on an over-vote): O(rows * m) to prepare the ballots, then
 * O(m + ballots moved * ranks passed) per round. When every ballot ranks
 * 1, 2, ... in turn and a round would move many of them (late in a
 * count), that round and the later ones are counted from the columns of
 * ranks instead (irv_columns.c): O(rows * continuing) per round, read in
 * order.
 */
#include <stdlib.h>
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

/* The walk of a ballot ranking 1, 2, ... in turn (header[0] without
 * IRV_RANKS_APART): it skips no rank, marks no repeat and holds no
 * over-vote, so under every rule it counts for its first continuing
 * candidate from where it stands. */
static int walk_straight(const voting *v, uint16_t *header)
{
    const uint16_t *entry = header + IRV_HEAD;
    size_t len = header[0], k = header[1];
    while (k < len && v->out_round[entry[k]] >= 0)
        k++;
    if (k == len)
        return len == 0 ? DEAD_BLANK : DEAD_CHOICES;
    header[1] = (uint16_t)k;
    return entry[k];
}

/* RCTab's walk (see the top) of ballot i, flagged IRV_RANKS_APART, from
 * the rank it stands at: what it counts for now; the ballot's header
 * records the rank where it stops. Kept out of line: place, inlined in
 * the loops over ballots, mostly walks straight ballots. */
__attribute__((noinline)) static int walk_apart(voting *v, size_t i)
{
    uint16_t *header = v->ballots.ballot + i * (v->m + IRV_HEAD);
    const irv_options *o = &v->irv;
    const uint16_t *entry = header + IRV_HEAD, *rank = v->ballots.rank + i * v->m;
    size_t len = header[0] & ~IRV_RANKS_APART;
    for (size_t k = header[1], end; k < len; k = end) {
        int64_t r = rank[k], last = k > 0 ? rank[k - 1] : 0;
        if (o->repeat_ends && (o->max_skipped < 0 ? r > last + 1 : r == last + 3))
            return DEAD_REPEATED;
        if (o->max_skipped >= 0 && r > last + 1)
            return DEAD_SKIPPED;
        size_t continuing = 0;
        int who = DEAD_CHOICES;
        for (end = k; end < len && rank[end] == r; end++)
            if (v->out_round[entry[end]] < 0) {
                continuing++;
                who = entry[end];
            }
        if (end - k > 1 && o->overvote == IRV_OVERVOTE_EXHAUST_IMMEDIATELY)
            return DEAD_OVERVOTE;
        if (end - k > 1 && o->overvote == IRV_OVERVOTE_SKIP)
            continue;
        header[1] = (uint16_t)k;
        if (continuing > 1)
            return o->overvote == IRV_OVERVOTE_RECOUNT ? WAITING : DEAD_OVERVOTE;
        if (continuing == 1)
            return who;
    }
    return len == 0 ? DEAD_BLANK : DEAD_CHOICES;
}

/* The cause (IRV_BY_*) of an exhausted ballot's state c (a waiting ballot
 * counts as exhausted by its over-vote in that round). */
static size_t cause(int c)
{
    switch (c) {
    case DEAD_SKIPPED: return IRV_BY_SKIPPED;
    case DEAD_CHOICES: return IRV_BY_CHOICES;
    case DEAD_BLANK: return IRV_BY_BLANK;
    case DEAD_REPEATED: return IRV_BY_REPEATED;
    default: /* DEAD_OVERVOTE, WAITING */ return IRV_BY_OVERVOTE;
    }
}

/* Adds ballot i to pile, whose array is kept between runs and grown as
 * needed. MK_ENOMEM (the count reports it). */
static int pile_push(irv_pile *pile, size_t i)
{
    if (pile->n == pile->cap) {
        size_t cap = pile->cap > 0 ? 2 * pile->cap : 64;
        size_t *more =
            cap < SIZE_MAX / sizeof *more ? realloc(pile->ballots, cap * sizeof *more) : NULL;
        if (more == NULL)
            return MK_ENOMEM;
        pile->ballots = more;
        pile->cap = cap;
    }
    pile->ballots[pile->n++] = i;
    return MK_OK;
}

/* Counts ballot i (weight w) in round r: where its walk stops, into the
 * tally and pile of its candidate, else into the exhausted of round r (and
 * the waiting pile, number m, when it waits). MK_ENOMEM. */
static int place(voting *v, size_t i, int64_t w, size_t r)
{
    size_t m = v->m;
    uint16_t *header = v->ballots.ballot + i * (m + IRV_HEAD);
    int c = (header[0] & IRV_RANKS_APART) == 0 ? walk_straight(v, header) : walk_apart(v, i);
    if (c >= 0) {
        v->tally[r * m + (size_t)c] += w;
        return pile_push(v->ballots.piles + c, i);
    }
    v->exhausted[r] += w;
    v->exhausted_by[r * IRV_BY_KINDS + cause(c)] += w;
    return c == WAITING ? pile_push(v->ballots.piles + m, i) : MK_OK;
}

/* How many ballots ahead of the one moving on move_pile asks the memory
 * for: a pile's ballots are scattered over the rows. */
#define PREFETCH_AHEAD 16

/* Moves on the ballots of pile `pile` into round r, emptying it; the
 * ballots that waited (pile m) leave round r's exhausted over-votes
 * first. The waiting pile trades places with the spare (m + 1), so that
 * ballots waiting again can join it while it is walked; nothing joins an
 * eliminated candidate's pile. MK_ENOMEM. */
static int move_pile(voting *v, const mk_profile *p, size_t pile, size_t r)
{
    irv_pile *piles = v->ballots.piles, taken = piles[pile];
    int waited = pile == v->m, rc = MK_OK;
    if (waited) {
        piles[pile] = piles[pile + 1];
        piles[pile + 1] = taken;
    }
    piles[pile].n = 0;
    for (size_t k = 0; rc == 0 && k < taken.n; k++) {
        size_t i = taken.ballots[k];
        if (k + PREFETCH_AHEAD < taken.n) {
            const uint16_t *ahead =
                v->ballots.ballot + taken.ballots[k + PREFETCH_AHEAD] * (v->m + IRV_HEAD);
            __builtin_prefetch(ahead);
            __builtin_prefetch(ahead + 32); /* the next cache line */
        }
        int64_t w = v->ballots.unit ? 1 : p->weight[i]; /* no read when all are 1 */
        if (waited) {
            v->exhausted[r] -= w; /* counted again by place */
            v->exhausted_by[r * IRV_BY_KINDS + IRV_BY_OVERVOTE] -= w;
        }
        rc = place(v, i, w, r);
    }
    return rc;
}

/* Whether a round is better counted from the columns of keys
 * (irv_columns.c) than by moving `moved` of the n ballots, `continuing`
 * candidates left: only when every ballot ranks 1, 2, ... in turn, and
 * then every later round too (the piles are no longer kept). A round from
 * the columns reads a key of each ballot per continuing candidate and
 * tallies them (about one column more); a moved ballot costs about as
 * much as IRV_COLUMN_MOVE keys read in order (measured on bench/voting's
 * election of 100,000 ballots: about 11 ns a moved ballot, 0.1 ms a round
 * from the columns with 10 to 20 candidates continuing). */
static int columns_pay(const voting *v, size_t moved, size_t continuing, size_t n)
{
    const irv_ballots *b = &v->ballots;
    if (b->apart > 0 || v->m > VOTING_NARROW_MAX)
        return 0;
    return b->columns || moved >= n / IRV_COLUMN_MOVE * (continuing + 1);
}

/* Counts round r into v->tally + r * m (-1 for an eliminated candidate).
 * After round 1 only the ballots of the candidates eliminated after round
 * r - 1, and those waiting on an over-vote, move (votes of continuing
 * candidates do not). MK_ENOMEM. */
static int count_round(voting *v, const mk_profile *p, size_t r, mk_ctx *ctx)
{
    size_t m = v->m;
    int64_t *t = v->tally + r * m, *by = v->exhausted_by + r * IRV_BY_KINDS;
    int rc = MK_OK;
    if (r == 0) {
        v->ballots.columns = 0;
        v->exhausted[0] = 0;
        memset(by, 0, IRV_BY_KINDS * sizeof *by);
        memset(t, 0, m * sizeof *t);
        for (size_t i = 0; rc == 0 && i < p->n; i++)
            rc = place(v, i, v->ballots.unit ? 1 : p->weight[i], 0);
    } else {
        int64_t prev = (int64_t)r - 1;
        memcpy(t, t - m, m * sizeof *t);
        memcpy(by, by - IRV_BY_KINDS, IRV_BY_KINDS * sizeof *by);
        v->exhausted[r] = v->exhausted[r - 1];
        size_t moved = 0, continuing = 0;
        for (size_t j = 0; j < m; j++) {
            if (v->out_round[j] == prev) {
                t[j] = -1;
                moved += v->ballots.piles[j].n;
            }
            continuing += v->out_round[j] < 0;
        }
        if (columns_pay(v, moved, continuing, p->n)) {
            v->ballots.columns = 1;
            v->exhausted[r] = v->voters - voting_irv_column_round(v, p, t);
            by[IRV_BY_CHOICES] = v->exhausted[r] - by[IRV_BY_BLANK];
            return MK_OK;
        }
        rc = move_pile(v, p, m, r);
        for (size_t j = 0; rc == 0 && j < m; j++)
            if (v->out_round[j] == prev)
                rc = move_pile(v, p, j, r);
    }
    return rc != 0 ? mk_error(ctx, rc, "out of memory for the count of %zu ballots", p->n) : MK_OK;
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
    int rc = voting_irv_ballots(v, p, ctx);
    if (rc != 0)
        return rc;
    v->condorcet = voting_irv_condorcet_winner(v, p);
    for (size_t j = 0; j < m; j++)
        v->out_round[j] = -1;
    for (size_t r = 0;; r++) {
        rc = count_round(v, p, r, ctx);
        if (rc != 0)
            return rc;
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
        rc = voting_irv_eliminate(v, r, &rng, ctx);
        if (rc != 0)
            return rc;
        if (left == 2 && winner < 0) {
            /* Two tied for the win: both are tied winners, and the one the
             * tie rule keeps is chosen; as in RCTab no round is counted
             * with one candidate. */
            for (size_t j = 0; j < m; j++)
                if (t[j] >= 0 && v->out_round[j] < 0)
                    winner = (long)j;
            declare(v, winner);
            for (size_t j = 0; j < m; j++)
                v->winner[j] = t[j] >= 0;
            return MK_OK;
        }
    }
}
