/* Rules read from the pairwise-majority matrix: Copeland, minimax,
 * Schulze, ranked pairs and the Condorcet report. Each is O(m^2) or O(m^3)
 * after the matrix. */
#include <stdlib.h>

#include "voting_internal.h"

/* Copeland (1951): one point per pairwise win and alpha per pairwise tie
 * (Copeland^alpha, Faliszewski et al. 2009; alpha = 0.5 is the classic
 * rule, 1 is Llull's). Scores are kept at alpha's decimals, exactly. */
static void copeland(voting *v)
{
    size_t m = v->m;
    int64_t one = 1;
    for (int i = 0; i < v->alpha_scale; i++)
        one *= 10;
    for (size_t a = 0; a < m; a++) {
        int64_t s = 0;
        for (size_t b = 0; b < m; b++) {
            int64_t x = v->pairwise[a * m + b], y = v->pairwise[b * m + a];
            if (a != b)
                s += x > y ? one : x == y ? v->alpha : 0;
        }
        v->score[a] = s;
    }
    voting_mark_best(v, v->score, 1);
}

/* Minimax (Simpson 1969, Kramer 1977): a candidate's score is its worst
 * pairwise defeat, and the lowest score wins. The defeat of a by b is
 * measured by b's winning votes (0 unless b wins), by the margin of b over
 * a, or by b's votes over a whatever the result (pairwise opposition). */
static void minimax(voting *v)
{
    size_t m = v->m;
    for (size_t a = 0; a < m; a++) {
        int64_t worst = 0;
        int first = 1;
        for (size_t b = 0; b < m; b++) {
            if (a == b)
                continue;
            int64_t against = v->pairwise[b * m + a], pro = v->pairwise[a * m + b], d;
            if (v->measure == MINIMAX_WINNING)
                d = against > pro ? against : 0;
            else if (v->measure == MINIMAX_MARGINS)
                d = against - pro;
            else
                d = against;
            if (first || d > worst)
                worst = d;
            first = 0;
        }
        v->score[a] = worst;
    }
    voting_mark_best(v, v->score, 0);
}

/* Schulze (2011, "A new monotonic, clone-independent, reversal symmetric,
 * and Condorcet-consistent single-winner election method", section 2.3):
 * the strength of a direct link is the winning votes of a majority, of a
 * path its weakest link; a wins when its strongest path to every b is at
 * least b's to a. Widest paths by Floyd-Warshall, O(m^3). */
static void schulze(voting *v)
{
    size_t m = v->m;
    int64_t *p = v->path;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            int64_t x = v->pairwise[a * m + b], y = v->pairwise[b * m + a];
            p[a * m + b] = a != b && x > y ? x : 0;
        }
    for (size_t k = 0; k < m; k++)
        for (size_t a = 0; a < m; a++) {
            if (a == k || p[a * m + k] == 0)
                continue;
            for (size_t b = 0; b < m; b++) {
                if (b == a || b == k)
                    continue;
                int64_t via = p[a * m + k] < p[k * m + b] ? p[a * m + k] : p[k * m + b];
                if (via > p[a * m + b])
                    p[a * m + b] = via;
            }
        }
    for (size_t a = 0; a < m; a++) {
        int win = 1;
        for (size_t b = 0; b < m; b++)
            if (p[b * m + a] > p[a * m + b])
                win = 0;
        v->winner[a] = win;
        v->score[a] = 0;
        for (size_t b = 0; b < m; b++) /* score: candidates a beats by beatpath */
            v->score[a] += p[a * m + b] > p[b * m + a];
    }
    voting_choose(v);
}

/* The order in which ranked pairs considers majorities: larger margin
 * first (Tideman 1987), then more winning votes, then the lower-numbered
 * winner, then the lower-numbered loser, so that the order is total and
 * documented. */

static int rp_cmp(const void *x, const void *y)
{
    const rp_pair *p = x, *q = y;
    if (p->margin != q->margin)
        return p->margin > q->margin ? -1 : 1;
    if (p->votes != q->votes)
        return p->votes > q->votes ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* 1 when the locked graph has a path from `from` to `to` (DFS). */
static int reaches(const voting *v, size_t from, size_t to, int *stack, int *seen)
{
    size_t m = v->m, top = 0;
    for (size_t j = 0; j < m; j++)
        seen[j] = 0;
    stack[top++] = (int)from;
    seen[from] = 1;
    while (top > 0) {
        size_t x = (size_t)stack[--top];
        if (x == to)
            return 1;
        for (size_t y = 0; y < m; y++)
            if (v->path[x * m + y] && !seen[y]) {
                seen[y] = 1;
                stack[top++] = (int)y;
            }
    }
    return 0;
}

/* Ranked pairs (Tideman 1987, "Independence of clones as a criterion for
 * voting rules"): lock majorities in decreasing order of strength unless
 * one would close a cycle; the winners are the candidates no locked
 * majority beats. */
static int ranked_pairs(voting *v, mk_ctx *ctx)
{
    size_t m = v->m, n = 0;
    rp_pair *pairs = v->pairs;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            int64_t x = v->pairwise[a * m + b], y = v->pairwise[b * m + a];
            if (a != b && x > y)
                pairs[n++] = (rp_pair){x - y, x, a, b};
        }
    qsort(pairs, n, sizeof *pairs, rp_cmp);
    for (size_t i = 0; i < m * m; i++)
        v->path[i] = 0;
    int *stack = v->stack, *seen = v->stack + m;
    for (size_t i = 0; i < n; i++) {
        size_t a = pairs[i].a, b = pairs[i].b;
        int lock = !reaches(v, b, a, stack, seen);
        if (lock)
            v->path[a * m + b] = 1;
        v->lock_order[i] = (int64_t)(a * m + b);
        v->locked[i] = lock;
    }
    v->n_locks = n;
    for (size_t b = 0; b < m; b++) {
        v->winner[b] = 1;
        for (size_t a = 0; a < m; a++)
            if (v->path[a * m + b])
                v->winner[b] = 0;
    }
    voting_choose(v);
    return voting_rp_all_orders(v, n, ctx);
}

int voting_run_pairwise_rule(voting *v, mk_ctx *ctx)
{
    switch (v->rule) {
    case RULE_COPELAND: copeland(v); return MK_OK;
    case RULE_MINIMAX: minimax(v); return MK_OK;
    case RULE_SCHULZE: schulze(v); return MK_OK;
    case RULE_RANKED_PAIRS: return ranked_pairs(v, ctx);
    case RULE_CONDORCET:
    case RULE_SMITH:
        /* The Smith set (the Condorcet winner alone when there is one). */
        voting_smith(v->pairwise, v->m, v->stack, v->winner);
        voting_choose(v);
        return MK_OK;
    case RULE_SCHWARTZ:
        voting_schwartz(v->pairwise, v->m, v->stack, v->winner);
        voting_choose(v);
        return MK_OK;
    case RULE_KEMENY: return voting_kemeny(v, ctx);
    default: return mk_error(ctx, MK_EINTERNAL, "rule %d is not a pairwise rule", (int)v->rule);
    }
}
