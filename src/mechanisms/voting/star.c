/*
 * STAR voting, "Score Then Automatic Runoff" (Equal Vote Coalition,
 * starvoting.org): the two highest total scores advance; each ballot then
 * counts for the finalist it scores higher (equal scores: no preference).
 *
 * Ties follow the Official STAR Voting Tiebreaker Protocol
 * (starvoting.org/ties), as the reference tabulator starvote implements it:
 *   - scoring round (candidates tied for a place in the runoff): keep the
 *     tied candidates who win the most head-to-head match-ups among the
 *     tied, repeated while that narrows them; then the most ballots giving
 *     the top score ("five-star tiebreaker");
 *   - runoff: the higher total score; then the most top scores;
 *   - then a tie: the `ties` parameter chooses (lowest-numbered, or a
 *     lottery from --seed). An unbroken runoff tie leaves both finalists
 *     as tied winners.
 */
#include "cardinal_internal.h"

/* Keeps in set[0..*n) the candidates with the most head-to-head wins over
 * the others of the set (c->grade, unused by STAR, holds the counts). */
static void keep_most_wins(cardinal *c, size_t *set, size_t *n)
{
    size_t m = c->m, kept = 0;
    int64_t best = -1, *wins = c->grade;
    for (size_t i = 0; i < *n; i++) {
        wins[i] = 0;
        for (size_t k = 0; k < *n; k++)
            wins[i] += c->pairwise[set[i] * m + set[k]] > c->pairwise[set[k] * m + set[i]];
        if (wins[i] > best)
            best = wins[i];
    }
    for (size_t i = 0; i < *n; i++)
        if (wins[i] == best)
            set[kept++] = set[i];
    *n = kept;
}

/* Keeps the candidates of the set with the most top scores. */
static void keep_most_top(const cardinal *c, size_t *set, size_t *n)
{
    int64_t best = -1;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (c->top[set[i]] > best)
            best = c->top[set[i]];
    for (size_t i = 0; i < *n; i++)
        if (c->top[set[i]] == best)
            set[kept++] = set[i];
    *n = kept;
}

static void log_tiebreak(cardinal *c, int runoff, star_step step, size_t tied, size_t chosen)
{
    if (c->n_tiebreaks < sizeof c->tiebreak / sizeof c->tiebreak[0])
        c->tiebreak[c->n_tiebreaks++] = (star_tiebreak){runoff, step, tied, chosen};
}

/* One candidate of the tied set (scoring round), logged. */
static size_t break_scoring_tie(cardinal *c, size_t *set, size_t n)
{
    size_t tied = n, before;
    do {
        before = n;
        keep_most_wins(c, set, &n);
    } while (n > 1 && n < before);
    if (n == 1) {
        log_tiebreak(c, 0, STAR_HEAD_TO_HEAD, tied, set[0]);
        return set[0];
    }
    keep_most_top(c, set, &n);
    size_t pick = n == 1 ? set[0] : card_lot(c, set, n);
    log_tiebreak(c, 0, n == 1 ? STAR_MOST_MAX : STAR_LOT, tied, pick);
    return pick;
}

/* The two finalists: the highest scores, ties broken as above. */
static void pick_finalists(cardinal *c)
{
    size_t m = c->m;
    c->n_finalists = 0;
    while (c->n_finalists < 2 && c->n_finalists < m) {
        size_t n = 0;
        int64_t best = 0;
        for (size_t j = 0; j < m; j++) {
            if (c->n_finalists > 0 && j == c->finalist[0])
                continue;
            if (n == 0 || c->score[j] > best) {
                best = c->score[j];
                n = 0;
            }
            if (c->score[j] == best)
                c->scratch[n++] = j;
        }
        size_t slots = 2 - c->n_finalists;
        if (n <= slots) {
            for (size_t k = 0; k < n; k++)
                c->finalist[c->n_finalists++] = c->scratch[k];
        } else {
            c->finalist[c->n_finalists++] = break_scoring_tie(c, c->scratch, n);
        }
    }
}

/* The runoff between the finalists; sets winner flags and chosen. */
static void runoff(cardinal *c)
{
    size_t m = c->m, a = c->finalist[0], b = c->finalist[1];
    int64_t for_a = c->pairwise[a * m + b], for_b = c->pairwise[b * m + a];
    size_t win = a;
    int tie = 0;
    if (for_a != for_b) {
        win = for_a > for_b ? a : b;
    } else if (c->score[a] != c->score[b]) {
        win = c->score[a] > c->score[b] ? a : b;
        log_tiebreak(c, 1, STAR_HIGHER_SCORE, 2, win);
    } else if (c->top[a] != c->top[b]) {
        win = c->top[a] > c->top[b] ? a : b;
        log_tiebreak(c, 1, STAR_MOST_MAX, 2, win);
    } else {
        tie = 1;
        win = card_lot(c, c->finalist, 2);
        log_tiebreak(c, 1, STAR_LOT, 2, win);
    }
    for (size_t j = 0; j < m; j++)
        c->winner[j] = j == win || (tie && (j == a || j == b));
    c->chosen = win;
}

/* Ranking: the runoff's winner, the other finalist, then the others by
 * total score (ties by candidate number). STAR itself orders only the two
 * finalists; the rest is the scoring round's order. */
static void rank(cardinal *c)
{
    size_t m = c->m, k = 0;
    c->ranking[k++] = c->chosen;
    for (size_t f = 0; f < c->n_finalists; f++)
        if (c->finalist[f] != c->chosen)
            c->ranking[k++] = c->finalist[f];
    size_t first = k;
    for (size_t j = 0; j < m; j++) {
        if (j == c->finalist[0] || (c->n_finalists > 1 && j == c->finalist[1]))
            continue;
        size_t at = k++;
        while (at > first && c->score[c->ranking[at - 1]] < c->score[j]) {
            c->ranking[at] = c->ranking[at - 1];
            at--;
        }
        c->ranking[at] = j;
    }
}

void card_star(cardinal *c)
{
    pick_finalists(c);
    if (c->n_finalists == 1) { /* a single candidate */
        c->winner[0] = 1;
        c->chosen = 0;
    } else {
        runoff(c);
    }
    rank(c);
}
