/*
 * Ranked pairs under every tie-breaking order ("parallel-universes
 * tiebreaking", Conitzer, Rognlie and Xia 2009): a candidate is a winner
 * when some order of the majorities of equal margin makes it the ranked
 * pairs winner. Deciding this is NP-complete (Brill and Fischer, "The
 * price of neutrality for the ranked pairs method", AAAI 2012), so this is
 * a search, after Wang et al., "Practical algorithms for multi-stage
 * voting rules with parallel universes tiebreaking" (AAAI 2019):
 *
 *   - the majorities are cut into groups of equal margin, strongest first;
 *   - a state is the group under way and the transitive closure of the
 *     locked majorities: the closure decides which majorities can still
 *     lock (no path back) and which add nothing (already implied), so
 *     two lock orders with the same closure have the same futures, and
 *     states are memoised on it;
 *   - in a group, a majority a -> b with no path b -> a even when every
 *     majority of the group that can lock is locked is "safe": it locks in
 *     every order, so safe ones lock at once; when all are safe, any order
 *     ends in the same state; only the others are branched on;
 *   - one search per candidate x not yet known to win, which prunes a
 *     state as soon as a locked majority enters x, or when some majority
 *     y -> x still to come could not be skipped because x cannot reach y
 *     even with every majority up to y -> x's group locked; majorities leaving
 *     x or a candidate x reaches are tried first, so that a witness order
 *     is found early; every leaf reached adds all its winners.
 *
 * Checked against the enumeration of every order on random profiles
 * (tests/voting/test_rp_universes.c). The work is bounded by v->rp_limit
 * memoised states over all the searches; past it the search stops and
 * says so (v->rp_status): profiles with many candidates and very few
 * voters, whose majorities nearly all share one margin, can need more. Candidates are bitsets of
 * one word, so the search runs for at most 64 candidates.
 */
#include <stdlib.h>
#include <string.h>

#include "voting_internal.h"

typedef struct search {
    size_t m;
    const rp_pair *pairs; /* by margin, strongest first */
    const size_t *group;  /* n_groups + 1 starts into pairs */
    size_t n_groups;
    uint64_t all;    /* the m candidates' bits */
    uint64_t found;  /* winners found so far */
    uint64_t target; /* the candidates the current search is for */
    size_t total;    /* states memoised over every search */
    uint64_t *arena; /* memoised states, (m + 1) words each */
    size_t n_states, cap_states, limit;
    size_t *slots; /* hash table: state index + 1, 0 empty */
    size_t n_slots;
    uint64_t *frames; /* m words per depth: the closures being explored */
    size_t depth_cap;
    int stopped; /* 1 past the limit, -1 out of memory */
} search;

static uint64_t state_hash(size_t g, const uint64_t *reach, size_t m)
{
    uint64_t h = 1469598103934665603ull ^ g;
    for (size_t x = 0; x < m; x++) {
        h ^= reach[x];
        h *= 1099511628211ull;
        h ^= h >> 31;
    }
    return h;
}

static int grow_table(search *s)
{
    size_t n = s->n_slots ? 2 * s->n_slots : 1024, w = s->m + 1;
    size_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < s->n_states; i++) {
        const uint64_t *st = s->arena + i * w;
        size_t at = (size_t)state_hash((size_t)st[0], st + 1, s->m) & (n - 1);
        while (slots[at] != 0)
            at = (at + 1) & (n - 1);
        slots[at] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->n_slots = n;
    return 0;
}

/* 1 when (g, reach) was seen before; else records it and returns 0 (or
 * stops the search past the limit or out of memory). */
static int seen_before(search *s, size_t g, const uint64_t *reach)
{
    size_t m = s->m, w = m + 1;
    if (2 * (s->n_states + 1) > s->n_slots && grow_table(s) != 0) {
        s->stopped = -1;
        return 1;
    }
    size_t at = (size_t)state_hash(g, reach, m) & (s->n_slots - 1);
    for (; s->slots[at] != 0; at = (at + 1) & (s->n_slots - 1)) {
        const uint64_t *st = s->arena + (s->slots[at] - 1) * w;
        if (st[0] == g && memcmp(st + 1, reach, m * sizeof *reach) == 0)
            return 1;
    }
    if (s->total == s->limit) {
        s->stopped = 1;
        return 1;
    }
    if (s->n_states == s->cap_states) {
        size_t cap = s->cap_states ? 2 * s->cap_states : 256;
        uint64_t *arena = realloc(s->arena, cap * w * sizeof *arena);
        if (arena == NULL) {
            s->stopped = -1;
            return 1;
        }
        s->arena = arena;
        s->cap_states = cap;
    }
    uint64_t *st = s->arena + s->n_states * w;
    st[0] = g;
    memcpy(st + 1, reach, m * sizeof *reach);
    s->slots[at] = ++s->n_states;
    s->total++;
    return 0;
}

/* Locks a -> b in the closure: whoever reaches a (and a) now reaches b and
 * all b reaches. */
static void lock(uint64_t *reach, size_t m, size_t a, size_t b)
{
    uint64_t gain = reach[b] | (UINT64_C(1) << b);
    for (size_t x = 0; x < m; x++)
        if (x == a || (reach[x] >> a & 1))
            reach[x] |= gain;
}

/* Candidates no locked majority enters. */
static uint64_t sources(const uint64_t *reach, size_t m, uint64_t all)
{
    uint64_t entered = 0;
    for (size_t x = 0; x < m; x++)
        entered |= reach[x];
    return all & ~entered;
}

static int can_lock(const uint64_t *reach, const rp_pair *p)
{
    return !(reach[p->b] >> p->a & 1) && !(reach[p->a] >> p->b & 1);
}

/* The two closures of one depth of the search (2m words): the state, and
 * scratch for the group locked whole. NULL when out of memory. */
static uint64_t *frame(search *s, size_t depth)
{
    if (depth >= s->depth_cap) {
        size_t cap = 2 * depth + 16;
        uint64_t *f = realloc(s->frames, cap * 2 * s->m * sizeof *f);
        if (f == NULL)
            return NULL;
        s->frames = f;
        s->depth_cap = cap;
    }
    return s->frames + depth * 2 * s->m;
}

static int acyclic(const uint64_t *reach, size_t m)
{
    for (size_t x = 0; x < m; x++)
        if (reach[x] >> x & 1)
            return 0;
    return 1;
}

/* 1 when pair p helps the target: it leaves the target or a candidate the
 * target reaches, so that locking it first tends to keep the target on
 * top. Such pairs are tried first, to find a witness order early. */
static int helps(const search *s, const uint64_t *reach, const rp_pair *p)
{
    for (size_t x = 0; x < s->m; x++)
        if ((s->target >> x & 1) && (p->a == x || (reach[x] >> p->a & 1)))
            return 1;
    return 0;
}

/* 0 when the target can no longer win from this state: some majority
 * y -> target of a group h still to come could only be skipped by a path
 * target -> y locked before it, and no such path exists even with every
 * majority of the groups up to h locked (`all`, scratch of m words). */
static int target_can_win(const search *s, size_t g, const uint64_t *reach, uint64_t *all)
{
    size_t m = s->m;
    memcpy(all, reach, m * sizeof *all);
    for (size_t h = g; h < s->n_groups; h++) {
        for (size_t i = s->group[h]; i < s->group[h + 1]; i++)
            if (can_lock(reach, &s->pairs[i]))
                lock(all, m, s->pairs[i].a, s->pairs[i].b);
        for (size_t i = s->group[h]; i < s->group[h + 1]; i++) {
            const rp_pair *p = &s->pairs[i];
            if ((s->target >> p->b & 1) && can_lock(reach, p) && !(all[p->b] >> p->a & 1))
                return 0;
        }
    }
    return 1;
}

static void explore(search *s, size_t g, size_t depth);

/* Branches on the majority of group g that locks next (state at depth). */
static void branch(search *s, size_t g, size_t depth)
{
    size_t m = s->m;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = s->group[g]; i < s->group[g + 1] && !s->stopped; i++) {
            const uint64_t *reach = s->frames + depth * 2 * m;
            if (!can_lock(reach, &s->pairs[i]) || helps(s, reach, &s->pairs[i]) != (pass == 0))
                continue;
            uint64_t *next = s->frames + (depth + 1) * 2 * m;
            memcpy(next, reach, m * sizeof *next);
            lock(next, m, s->pairs[i].a, s->pairs[i].b);
            explore(s, g, depth + 1);
        }
}

static void explore(search *s, size_t g, size_t depth)
{
    size_t m = s->m;
    const uint64_t *reach = s->frames + depth * 2 * m;
    uint64_t src = sources(reach, m, s->all);
    if (s->stopped || (src & s->target & ~s->found) == 0)
        return; /* the target lost, or every winner this state can give is known */
    if (g == s->n_groups) {
        s->found |= src;
        return;
    }
    if (seen_before(s, g, reach))
        return;
    if (!target_can_win(s, g, reach, s->frames + depth * 2 * m + m))
        return;
    if (frame(s, depth + 1) == NULL) {
        s->stopped = -1;
        return;
    }
    reach = s->frames + depth * 2 * m; /* frame() may have moved the frames */
    uint64_t *whole = s->frames + depth * 2 * m + m, *next = s->frames + (depth + 1) * 2 * m;
    /* whole: every majority of the group that can still lock, locked. A
     * majority a -> b with no path back b -> a even there locks in every
     * order ("safe"); if all are safe, every order ends in whole. */
    memcpy(whole, reach, m * sizeof *whole);
    size_t lockable = 0, safe = 0;
    for (size_t i = s->group[g]; i < s->group[g + 1]; i++)
        if (can_lock(reach, &s->pairs[i])) {
            lock(whole, m, s->pairs[i].a, s->pairs[i].b);
            lockable++;
        }
    if (lockable == 0 || acyclic(whole, m)) {
        memcpy(next, lockable == 0 ? reach : whole, m * sizeof *next);
        explore(s, g + 1, depth + 1);
        return;
    }
    memcpy(next, reach, m * sizeof *next);
    for (size_t i = s->group[g]; i < s->group[g + 1]; i++) {
        const rp_pair *p = &s->pairs[i];
        if (can_lock(reach, p) && !(whole[p->b] >> p->a & 1)) {
            lock(next, m, p->a, p->b);
            safe++;
        }
    }
    if (safe > 0) /* lock the safe ones first: it changes no outcome */
        explore(s, g, depth + 1);
    else
        branch(s, g, depth);
}

int voting_rp_all_orders(voting *v, size_t n_pairs, mk_ctx *ctx)
{
    size_t m = v->m;
    v->rp_states = 0;
    for (size_t j = 0; j < m; j++)
        v->rp_any[j] = 0;
    if (m > 64) {
        v->rp_status = RP_ANY_TOO_MANY;
        return MK_OK;
    }
    size_t *group = malloc((n_pairs + 1) * sizeof *group), n_groups = 0;
    if (group == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for ranked pairs' tie groups");
    for (size_t i = 0; i < n_pairs; i++)
        if (i == 0 || v->pairs[i].margin != v->pairs[i - 1].margin)
            group[n_groups++] = i;
    group[n_groups] = n_pairs;
    search s = {0};
    s.m = m;
    s.pairs = v->pairs;
    s.group = group;
    s.n_groups = n_groups;
    s.all = m == 64 ? ~UINT64_C(0) : (UINT64_C(1) << m) - 1;
    s.limit = (size_t)v->rp_limit;
    /* One search per candidate not yet known to win: states where it has
     * lost (a locked majority enters it) are pruned, and the pairs that
     * help it are tried first, so that a witness order comes early. */
    uint64_t *root = frame(&s, 0);
    for (size_t x = 0; root != NULL && x < m && !s.stopped; x++) {
        if (s.found >> x & 1)
            continue;
        s.target = UINT64_C(1) << x;
        s.n_states = 0;
        if (s.slots != NULL)
            memset(s.slots, 0, s.n_slots * sizeof *s.slots);
        root = s.frames;
        memset(root, 0, m * sizeof *root);
        explore(&s, 0, 0);
    }
    free(group);
    free(s.arena);
    free(s.slots);
    free(s.frames);
    if (root == NULL || s.stopped < 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory for ranked pairs' tie orders");
    v->rp_states = s.total;
    v->rp_status = s.stopped ? RP_ANY_LIMIT : RP_ANY_DONE;
    for (size_t j = 0; j < m && !s.stopped; j++)
        v->rp_any[j] = (int)(s.found >> j & 1);
    return MK_OK;
}
