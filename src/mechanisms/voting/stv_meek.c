/*
 * STV by Meek's method (B. L. Meek 1969; Hill, Wichmann and Woodall,
 * "Algorithm 123: Single Transferable Vote by Meek's method", Computer
 * Journal 30, 1987), with the fixed-point arithmetic of I. D. Hill's
 * implementation notes (Voting matters 22, 2006) and of New Zealand's
 * Local Electoral Regulations 2001, schedule 1A: numbers are integers in
 * units of 10^-9 of a vote.
 *
 * A distribution: each ballot starts with weight 1 and meets its
 * candidates in order; a hopeful candidate takes all that is left; an
 * elected one keeps weight x k rounded up (k its keep value) and the rest
 * goes on; an excluded one (k = 0) passes all on. The quota is the votes
 * counted / (seats + 1), truncated, plus 10^-9. A hopeful candidate with
 * the quota is elected. Otherwise each elected candidate's keep value
 * becomes k x quota / votes (each product and quotient rounded up, at
 * most 1), and the distribution is repeated until the total surplus is
 * at most OMEGA or stops falling; then the hopeful candidate with the
 * fewest votes is excluded.
 *
 * A distribution only depends on each ballot's ranking up to its first
 * hopeful candidate, so the ballots are held as a prefix tree in preorder
 * (node: candidate, weight of the ballots through it, end of its
 * subtree): a hopeful node takes its subtree's weight and the walk skips
 * the subtree. Rounding is per ballot (a node's ballots are identical up
 * to there), so the result does not depend on how ballots are grouped.
 */
#include <stdlib.h>
#include <string.h>

#include "stv_internal.h"

__extension__ typedef unsigned __int128 u128; /* keep products reach 10^28 */

#define ONE 1000000000          /* one vote, in units of 10^-9 */
#define OMEGA 1000              /* 10^-6 of a vote: the iteration's tolerance */
#define MAX_VOTERS 9000000000LL /* so that votes in units fit int64 */

/* The count's workspace, kept in the stv instance between runs (sized for
 * cap_rows rows and cap_m candidates). */
typedef struct meek {
    size_t cap_rows, cap_m;
    int32_t *cand; /* per node */
    size_t *end;   /* per node: one past its subtree */
    int64_t *w;    /* per node: voters whose ballots pass through it */
    size_t n, cap;
    size_t *rows, *scratch; /* building: row indices */
    size_t *count;          /* building: (m + 1) per depth */
    int64_t *keep, *votes;  /* m */
    size_t *stack_end;      /* m: the walk's open subtrees */
    int64_t *stack_left;    /* m: the weight left on their ballots */
    int64_t quota;
} meek;

static int emit(meek *k, int32_t c, int64_t w, mk_ctx *ctx)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 1024;
        int32_t *cd = realloc(k->cand, cap * sizeof *cd);
        if (cd != NULL)
            k->cand = cd;
        size_t *e = cd != NULL ? realloc(k->end, cap * sizeof *e) : NULL;
        if (e != NULL)
            k->end = e;
        int64_t *ww = e != NULL ? realloc(k->w, cap * sizeof *ww) : NULL;
        if (ww == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the ballot tree");
        k->w = ww;
        k->cap = cap;
    }
    k->cand[k->n] = c;
    k->w[k->n++] = w;
    return MK_OK;
}

static size_t length(const stv *s, size_t r)
{
    return s->start[r + 1] - s->start[r];
}

/* The subtree of the n rows in rows, which agree on their first `depth`
 * preferences: one node per next preference (in candidate order), by a
 * counting sort; a single row is a chain. */
static int build(const stv *s, meek *k, size_t *rows, size_t n, size_t depth, mk_ctx *ctx)
{
    int rc = MK_OK;
    if (n == 1) {
        size_t r = rows[0], first = k->n;
        for (size_t d = depth; rc == 0 && d < length(s, r); d++)
            rc = emit(k, s->pref[s->start[r] + d], s->weight[r], ctx);
        for (size_t i = first; i < k->n; i++)
            k->end[i] = k->n;
        return rc;
    }
    size_t m = s->m, *count = k->count + depth * (m + 1);
    memset(count, 0, (m + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        if (length(s, rows[i]) > depth)
            count[s->pref[s->start[rows[i]] + depth] + 1]++;
    for (size_t c = 0; c < m; c++)
        count[c + 1] += count[c];
    size_t *out = k->scratch;
    size_t placed = count[m];
    for (size_t i = 0; i < n; i++)
        if (length(s, rows[i]) > depth)
            out[count[s->pref[s->start[rows[i]] + depth]]++] = rows[i];
    memcpy(rows, out, placed * sizeof *rows);
    /* count[c] is now the end of candidate c's group. */
    for (size_t c = 0, lo = 0; rc == 0 && c < m; c++) {
        size_t hi = count[c];
        if (hi == lo)
            continue;
        int64_t w = 0;
        for (size_t i = lo; i < hi; i++)
            w += s->weight[rows[i]]; /* <= valid voters */
        size_t node = k->n;
        rc = emit(k, (int32_t)c, w, ctx);
        if (rc == 0)
            rc = build(s, k, rows + lo, hi - lo, depth + 1, ctx);
        if (rc == 0)
            k->end[node] = k->n;
        lo = hi;
    }
    return rc;
}

/* One distribution of every ballot with the current keep values. */
static void distribute(const stv *s, meek *k)
{
    size_t sp = 0;
    memset(k->votes, 0, s->m * sizeof *k->votes);
    for (size_t i = 0; i < k->n;) {
        while (sp > 0 && k->stack_end[sp - 1] <= i)
            sp--;
        int64_t left = sp > 0 ? k->stack_left[sp - 1] : ONE, keep = k->keep[k->cand[i]];
        if (keep == ONE) {
            k->votes[k->cand[i]] += k->w[i] * left; /* <= MAX_VOTERS * ONE */
            i = k->end[i];
            continue;
        }
        int64_t kept = (left * keep + ONE - 1) / ONE; /* rounded up; left * keep <= 10^18 */
        k->votes[k->cand[i]] += k->w[i] * kept;
        if (left == kept) {
            i = k->end[i];
            continue;
        }
        k->stack_end[sp] = k->end[i];
        k->stack_left[sp++] = left - kept;
        i++;
    }
    int64_t total = 0;
    for (size_t j = 0; j < s->m; j++)
        total += k->votes[j];
    k->quota = total / (s->seats + 1) + 1;
}

/* The total surplus of the elected candidates (units). */
static int64_t surplus(const stv *s, const meek *k)
{
    int64_t sum = 0;
    for (size_t j = 0; j < s->m; j++)
        if (s->state[j] == STV_ELECTED && k->votes[j] > k->quota)
            sum += k->votes[j] - k->quota;
    return sum;
}

/* k := k x quota / votes, each step rounded up to 10^-9, at most 1. */
static void update_keeps(const stv *s, meek *k)
{
    for (size_t j = 0; j < s->m; j++) {
        if (s->state[j] != STV_ELECTED || k->votes[j] <= 0)
            continue;
        u128 kq = ((u128)k->keep[j] * (u128)k->quota + ONE - 1) / ONE;
        u128 v = (u128)k->votes[j];
        u128 next = (kq * ONE + v - 1) / v;
        k->keep[j] = next > ONE ? ONE : (int64_t)next;
    }
}

static int record(stv *s, meek *k, stv_action action, long from, stv_tie tie, size_t iterations,
                  mk_ctx *ctx)
{
    int rc = stv_stage_push(s, action, from, tie, ctx);
    if (rc != 0)
        return rc;
    stv_stage *st = stv_stage_last(s);
    st->iterations = iterations;
    mpq_t *v = st->value;
    size_t m = s->m;
    int64_t counted = 0;
    for (size_t j = 0; j < m; j++) {
        mpq_set_si(v[j], k->votes[j], ONE);
        mpq_set_si(v[m + j], s->state[j] == STV_ELECTED ? k->keep[j] : 0, ONE);
        counted += k->votes[j];
    }
    mpq_set_si(v[2 * m], s->valid * ONE - counted, ONE);
    mpq_set_si(v[2 * m + 1], k->quota, ONE);
    for (size_t i = 0; i < 2 * m + 2; i++)
        mpq_canonicalize(v[i]);
    if (action == STV_EXCLUSION)
        s->stage_excluded[from] = (long)s->n_stages - 1;
    return MK_OK;
}

/* Distributes until a candidate reaches the quota (*elected = 1) or the
 * surplus is within OMEGA or stops falling. */
static size_t iterate(const stv *s, meek *k, int *elected)
{
    int64_t last = INT64_MAX;
    for (size_t it = 1;; it++) {
        distribute(s, k);
        for (size_t j = 0; j < s->m; j++)
            if (s->state[j] == STV_HOPEFUL && k->votes[j] >= k->quota)
                *elected = 1;
        int64_t sur = surplus(s, k);
        if (*elected || sur <= OMEGA || sur >= last)
            return it;
        last = sur;
        update_keeps(s, k);
    }
}

static void elect_hopeful(stv *s, meek *k, int all)
{
    size_t cand[STV_MAX_CANDIDATES], n = 0;
    for (size_t j = 0; j < s->m; j++)
        if (s->state[j] == STV_HOPEFUL && (all || k->votes[j] >= k->quota)) {
            cand[n++] = j;
            k->keep[j] = ONE;
        }
    stv_elect_in_order(s, cand, n, stv_stage_last(s)->value, all);
}

/* The hopeful candidate with the fewest votes (ties: stv_break_tie). */
static size_t lowest(stv *s, const meek *k, stv_tie *how)
{
    size_t cand[STV_MAX_CANDIDATES], n = 0;
    for (size_t j = 0; j < s->m; j++) {
        if (s->state[j] != STV_HOPEFUL)
            continue;
        if (n > 0 && k->votes[j] < k->votes[cand[0]])
            n = 0;
        if (n == 0 || k->votes[j] == k->votes[cand[0]])
            cand[n++] = j;
    }
    return stv_break_tie(s, cand, n, 0, how);
}

static int count(stv *s, meek *k, mk_ctx *ctx)
{
    stv_action action = STV_FIRST;
    long from = -1;
    stv_tie tie = STV_TIE_NONE;
    for (;;) {
        int elected = 0;
        size_t its = iterate(s, k, &elected);
        int rc = record(s, k, action, from, tie, its, ctx);
        if (rc != 0)
            return rc;
        if (elected)
            elect_hopeful(s, k, 0);
        size_t hopeful = stv_count_state(s, STV_HOPEFUL);
        if ((int64_t)s->n_elected >= s->seats)
            return MK_OK;
        if ((int64_t)hopeful <= s->seats - (int64_t)s->n_elected) {
            elect_hopeful(s, k, 1);
            return MK_OK;
        }
        action = elected ? STV_SURPLUS : STV_EXCLUSION;
        from = -1;
        tie = STV_TIE_NONE;
        if (!elected) {
            size_t c = lowest(s, k, &tie);
            s->state[c] = STV_EXCLUDED;
            k->keep[c] = 0;
            from = (long)c;
        }
    }
}

/* Sizes k for s (grows only) and empties it for a new count. */
static int reset_meek(const stv *s, meek *k, mk_ctx *ctx)
{
    size_t m = s->m, rows = s->rows;
    int failed = 0;
    if (rows > k->cap_rows) {
        k->rows = voting_grow(k->rows, rows, sizeof *k->rows, &failed);
        k->scratch = voting_grow(k->scratch, rows, sizeof *k->scratch, &failed);
        if (!failed)
            k->cap_rows = rows;
    }
    if (m > k->cap_m) {
        k->count = voting_grow(k->count, (m + 1) * (m + 1), sizeof *k->count, &failed);
        k->keep = voting_grow(k->keep, m, sizeof *k->keep, &failed);
        k->votes = voting_grow(k->votes, m, sizeof *k->votes, &failed);
        k->stack_end = voting_grow(k->stack_end, m + 1, sizeof *k->stack_end, &failed);
        k->stack_left = voting_grow(k->stack_left, m + 1, sizeof *k->stack_left, &failed);
        if (!failed)
            k->cap_m = m;
    }
    if (failed)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", rows);
    for (size_t j = 0; j < m; j++) {
        k->keep[j] = ONE;
        k->votes[j] = 0;
    }
    for (size_t r = 0; r < rows; r++)
        k->rows[r] = r;
    k->n = 0;
    return MK_OK;
}

void stv_meek_free(stv *s)
{
    meek *k = s->meek;
    if (k == NULL)
        return;
    free(k->cand);
    free(k->end);
    free(k->w);
    free(k->rows);
    free(k->scratch);
    free(k->count);
    free(k->keep);
    free(k->votes);
    free(k->stack_end);
    free(k->stack_left);
    free(k);
    s->meek = NULL;
}

int stv_count_meek(stv *s, mk_ctx *ctx)
{
    if (s->valid > MAX_VOTERS)
        return mk_error(ctx, MK_ELIMIT, "%lld voters; Meek's count takes at most %lld",
                        (long long)s->valid, (long long)MAX_VOTERS);
    if (s->meek == NULL && (s->meek = calloc(1, sizeof *s->meek)) == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an STV count");
    meek *k = s->meek;
    int rc = reset_meek(s, k, ctx);
    if (rc == 0 && s->rows > 0)
        rc = build(s, k, k->rows, s->rows, 0, ctx);
    if (rc == 0)
        rc = count(s, k, ctx);
    return rc;
}
