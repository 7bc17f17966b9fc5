/*
 * Coalitions of 3 to max_coalition participants: the product of their
 * candidates is too large to search, so each group is searched by block coordinate ascent over the
 * candidates kept by the unilateral search. Two objectives: every member gains (raise the smallest
 * member gain, then the total) and side payments (raise the total). From each start, each pair of
 * members in turn switches to the two reports, over the product of theirs (its current ones
 * included), that most raise the objective; a sweep over the pairs is repeated until it changes
 * nothing. Starts: all truthful, all at their best unilateral report, then random reports from the
 * unit's stream. Every joint report met is offered to the worst cases, so what is reported is the
 * best seen. Which groups: the participants are ranked by the largest total gain of a pair they are
 * in (then by index), so that groups grow from the pairs that collude best; the groups of each size
 * follow in lexicographic order of ranks, at most MK_AUDIT_COALITION_GROUPS per size and unit. Like
 * the pair search, only the members' rows of the scratch profile are overwritten (and restored
 * after); nothing is allocated.
 */
#include <string.h>

#include "audit_internal.h"

enum { EVERY_MEMBER = 0, SIDE_PAYMENTS = 1 };

/* A joint report and how good it is for the group. */
typedef struct group_state {
    size_t report[MK_AUDIT_COALITION_MAX];
    mk_rational least, total; /* the smallest member gain, the total gain */
} group_state;

typedef struct group {
    const mk_profile *types;
    uint64_t unit;
    size_t size;
    size_t rank[MK_AUDIT_COALITION_MAX];   /* positions in the ranking, ascending */
    size_t member[MK_AUDIT_COALITION_MAX]; /* the participants at them, ascending */
    unsigned found;                        /* bit 1: all gain, bit 2: a total gain */
} group;

static void set_row(audit_worker *w, size_t p, size_t a)
{
    memcpy(mk_profile_row(&w->scratch, p), audit_member_report(w, p, a),
           w->scratch.width * sizeof(int64_t));
}

/* Runs the scratch (the members at s->report) into s's gains and offers
 * the joint report to the worst cases. */
static int evaluate(audit_worker *w, group *g, group_state *s)
{
    audit_acc *acc = &w->acc;
    mk_rational gain[MK_AUDIT_COALITION_MAX];
    int rc = audit_group_measure(w, g->types, g->size, g->member, gain, &s->total);
    if (rc != 0)
        return rc;
    s->least = gain[0];
    for (size_t k = 1; k < g->size; k++)
        if (mk_rational_cmp(gain[k], s->least) < 0)
            s->least = gain[k];
    if (s->total.num > 0) {
        g->found |= 2;
        audit_group_offer(&acc->collusion_worst, s->total, g->unit, g->size, g->member, s->report);
        audit_group_offer(&acc->collusion_k[g->size], s->total, g->unit, g->size, g->member,
                          s->report);
    }
    if (s->least.num > 0) {
        g->found |= 1;
        audit_group_offer(&acc->coalition_worst, s->total, g->unit, g->size, g->member, s->report);
        audit_group_offer(&acc->coalition_k[g->size], s->total, g->unit, g->size, g->member,
                          s->report);
    }
    return MK_OK;
}

/* Whether a is strictly better than b for the objective. */
static int better(const group_state *a, const group_state *b, int objective)
{
    if (objective == SIDE_PAYMENTS)
        return mk_rational_cmp(a->total, b->total) > 0;
    int c = mk_rational_cmp(a->least, b->least);
    return c > 0 || (c == 0 && mk_rational_cmp(a->total, b->total) > 0);
}

/* Members x and y switch to their best joint reports against *cur; the
 * scratch holds *cur before and after. Sets *moved when *cur changed. */
static int move_pair(audit_worker *w, group *g, size_t x, size_t y, int objective, group_state *cur,
                     int *moved)
{
    size_t px = g->member[x], py = g->member[y];
    group_state best = *cur, trial = *cur;
    for (size_t a = 0; a <= w->pair_n[px]; a++) {
        trial.report[x] = a;
        set_row(w, px, a);
        for (size_t b = 0; b <= w->pair_n[py]; b++) {
            if (a == cur->report[x] && b == cur->report[y])
                continue;
            trial.report[y] = b;
            set_row(w, py, b);
            int rc = evaluate(w, g, &trial);
            if (rc != 0)
                return rc;
            if (better(&trial, &best, objective))
                best = trial;
        }
    }
    *moved = best.report[x] != cur->report[x] || best.report[y] != cur->report[y];
    *cur = best;
    set_row(w, px, cur->report[x]);
    set_row(w, py, cur->report[y]);
    return MK_OK;
}

/* The start of number `start` (see above). */
static void start_reports(const audit_worker *w, const group *g, size_t start, mk_rng *rng,
                          group_state *s)
{
    for (size_t k = 0; k < g->size; k++) {
        size_t p = g->member[k];
        s->report[k] = start == 0   ? 0
                       : start == 1 ? w->best_report[p]
                                    : (size_t)mk_rng_below(rng, (uint64_t)w->pair_n[p] + 1);
    }
}

/* Whether start `start` of seen is one of the starts before it (e.g. all
 * truthful twice when no member gains alone): its ascent would be the
 * same. */
static int repeated(size_t (*seen)[MK_AUDIT_COALITION_MAX], size_t start, size_t size)
{
    for (size_t s = 0; s < start; s++)
        if (memcmp(seen[s], seen[start], size * sizeof seen[s][0]) == 0)
            return 1;
    return 0;
}

/* Block coordinate ascent from every start (each once), for one objective. */
static int ascend(audit_worker *w, group *g, int objective, mk_rng *rng)
{
    size_t seen[MK_AUDIT_COALITION_STARTS][MK_AUDIT_COALITION_MAX];
    for (size_t start = 0; start < MK_AUDIT_COALITION_STARTS; start++) {
        group_state cur = {{0}, {0, 1}, {0, 1}};
        start_reports(w, g, start, rng, &cur);
        memcpy(seen[start], cur.report, g->size * sizeof cur.report[0]);
        if (repeated(seen, start, g->size))
            continue;
        for (size_t k = 0; k < g->size; k++)
            set_row(w, g->member[k], cur.report[k]);
        int rc = evaluate(w, g, &cur);
        for (size_t sweep = 0; sweep < MK_AUDIT_COALITION_SWEEPS && rc == 0; sweep++) {
            int changed = 0;
            for (size_t x = 0; x < g->size && rc == 0; x++)
                for (size_t y = x + 1; y < g->size && rc == 0; y++) {
                    int moved = 0;
                    rc = move_pair(w, g, x, y, objective, &cur, &moved);
                    changed |= moved;
                }
            if (!changed)
                break;
        }
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

/* The next g->size ranks after g->rank in lexicographic order among n;
 * 0 when g->rank was the last. */
static int next_ranks(group *g, size_t n)
{
    size_t k = g->size;
    while (k > 0 && g->rank[k - 1] == n - g->size + k - 1)
        k--;
    if (k == 0)
        return 0;
    g->rank[k - 1]++;
    for (size_t j = k; j < g->size; j++)
        g->rank[j] = g->rank[j - 1] + 1;
    return 1;
}

/* The members at g->rank in order, ascending by index. */
static void set_members(group *g, const size_t *order)
{
    for (size_t k = 0; k < g->size; k++) {
        size_t p = order[g->rank[k]], j = k;
        for (; j > 0 && g->member[j - 1] > p; j--)
            g->member[j] = g->member[j - 1];
        g->member[j] = p;
    }
}

/* order = the participants by pair_best, largest first, then by index. */
static void rank_participants(const audit_worker *w, size_t n, size_t *order)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && mk_rational_cmp(w->pair_best[order[j - 1]], w->pair_best[i]) < 0; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

int audit_groups_search(audit_worker *w, const mk_profile *types, mk_rng *rng, uint64_t unit,
                        unsigned *found, int *capped)
{
    size_t order[MK_AUDIT_COALITION_PARTICIPANTS_MAX];
    if (types->n > MK_AUDIT_COALITION_PARTICIPANTS_MAX)
        return mk_error(&w->ctx, MK_EINTERNAL, "a coalition search of %zu participants", types->n);
    rank_participants(w, types->n, order);
    for (size_t size = 3; size <= w->job->max_coalition && size <= types->n; size++) {
        group g = {types, unit, size, {0}, {0}, 0};
        for (size_t k = 0; k < size; k++)
            g.rank[k] = k;
        size_t searched = 0;
        int more = 1;
        for (; more && searched < MK_AUDIT_COALITION_GROUPS; searched++) {
            set_members(&g, order);
            for (int objective = EVERY_MEMBER; objective <= SIDE_PAYMENTS; objective++) {
                int rc = ascend(w, &g, objective, rng);
                for (size_t k = 0; k < size; k++)
                    set_row(w, g.member[k], 0);
                if (rc != 0)
                    return mk_error_prefix(&w->ctx, "a coalition of %zu from participant %zu", size,
                                           g.member[0] + 1);
            }
            more = next_ranks(&g, types->n);
        }
        if (more)
            *capped = 1;
        found[size] |= g.found;
    }
    return MK_OK;
}
