/*
 * IRV's RCTab options (tabulation settings of RCTab, the Ranked Choice
 * Voting Resource Center's tabulator, github.com/BrightSpots/rcv) and who
 * is eliminated after a round.
 *
 * Ties for last place (RCTab's Tiebreak):
 *   - ties=lowest (the default): fewest first preferences, then the lowest
 *     number (listed first in the file);
 *   - ties=random: a lottery seeded by --seed;
 *   - ties=previous_round (RCTab "previous round counts, then random"):
 *     going back one round at a time, only the tied candidates with the
 *     fewest votes in that round stay tied; still tied after round 1, a
 *     lottery;
 *   - ties=order (RCTab "use candidate order"): the tied candidate listed
 *     latest in tie_order (every candidate, by name, comma-separated).
 *
 * batch_elimination=yes (RCTab's runBatchElimination): after a round
 * without a winner, candidates are taken from the lowest tally up, and
 * whenever the running total of those taken is below the next tally,
 * every candidate taken so far is defeated (even all their votes together
 * could not overtake anyone above them); when that defeats two or more
 * they go at once, else the usual single elimination runs. With
 * continue_until_two=yes a batch that would leave one candidate is cut
 * back to the batch before it.
 */
#include <stdlib.h>
#include <string.h>

#include "voting_internal.h"

static int yes(const mk_params *p, const char *name, int *out, mk_ctx *ctx)
{
    int k = 0, rc = mk_params_spec(p, name) != NULL ? mk_params_get_choice(p, name, &k, ctx) : 0;
    *out = k == 1;
    return rc;
}

/* tie_order: every candidate's place, by name (or 1-based number when the
 * input names none). */
static int parse_order(voting *v, const char *s, mk_ctx *ctx)
{
    size_t m = v->default_m, placed = 0;
    for (size_t j = 0; j < m; j++)
        v->tie_rank[j] = -1;
    while (s != NULL && *s != '\0') {
        const char *end = strchr(s, ',');
        size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
        while (len > 0 && s[0] == ' ')
            s++, len--;
        while (len > 0 && s[len - 1] == ' ')
            len--;
        size_t j = 0;
        char buf[24];
        for (; j < m; j++) {
            const char *name = voting_name(v, j, buf, sizeof buf);
            if (strlen(name) == len && memcmp(name, s, len) == 0)
                break;
        }
        if (j == m)
            return mk_error(ctx, MK_EPARAM, "tie_order: '%.*s' is not a candidate", (int)len, s);
        if (v->tie_rank[j] >= 0)
            return mk_error(ctx, MK_EPARAM, "tie_order: '%.*s' is listed twice", (int)len, s);
        v->tie_rank[j] = (int64_t)placed++;
        s = end != NULL ? end + 1 : NULL;
    }
    if (placed != m)
        return mk_error(ctx, MK_EPARAM, "tie_order must list all %zu candidates, it lists %zu", m,
                        placed);
    v->n_tie_rank = m;
    return MK_OK;
}

int voting_irv_options(voting *v, const mk_params *params, mk_ctx *ctx)
{
    irv_options *o = &v->irv;
    *o = (irv_options){IRV_OVERVOTE_EXHAUST_IF_MULTIPLE, -1, IRV_TIES_LOWEST, 0, 0, NULL, -1, 0};
    int k = 0, rc = MK_OK;
    if (mk_params_spec(params, "overvote") != NULL)
        rc = mk_params_get_choice(params, "overvote", &k, ctx);
    /* exhaust|recount|exhaust_immediately|always_skip_to_next_rank|
     * exhaust_if_multiple_continuing (the same as exhaust) */
    static const irv_overvote overvotes[] = {IRV_OVERVOTE_EXHAUST_IF_MULTIPLE, IRV_OVERVOTE_RECOUNT,
                                             IRV_OVERVOTE_EXHAUST_IMMEDIATELY, IRV_OVERVOTE_SKIP,
                                             IRV_OVERVOTE_EXHAUST_IF_MULTIPLE};
    o->overvote = overvotes[k >= 0 && k < 5 ? k : 0];
    k = 0;
    if (rc == 0 && mk_params_spec(params, "ties") != NULL)
        rc = mk_params_get_choice(params, "ties", &k, ctx);
    o->ties = (irv_ties)k;
    const char *ms = mk_params_spec(params, "max_skipped_ranks") != NULL
                         ? mk_params_get(params, "max_skipped_ranks")
                         : NULL;
    if (rc == 0 && ms != NULL && strcmp(ms, "unlimited") != 0)
        rc = mk_params_get_int(params, "max_skipped_ranks", 0, INT32_MAX, &o->max_skipped, ctx);
    if (rc == 0)
        rc = yes(params, "batch_elimination", &o->batch, ctx);
    if (rc == 0)
        rc = yes(params, "continue_until_two", &o->until_two, ctx);
    o->order =
        mk_params_spec(params, "tie_order") != NULL ? mk_params_get(params, "tie_order") : NULL;
    const char *wi =
        mk_params_spec(params, "writeins") != NULL ? mk_params_get(params, "writeins") : NULL;
    const char *label = mk_params_spec(params, "writein_label") != NULL
                            ? mk_params_get(params, "writein_label")
                            : NULL;
    for (size_t j = 0; wi != NULL && strcmp(wi, "undeclared") == 0 && label != NULL &&
                       v->items != NULL && j < v->n_items;
         j++)
        if (strcmp(v->items[j], label) == 0)
            o->undeclared = (long)j;
    const char *dup =
        mk_params_spec(params, "duplicates") != NULL ? mk_params_get(params, "duplicates") : NULL;
    o->repeat_ends = dup != NULL && strcmp(dup, "exhaust") == 0;
    v->n_tie_rank = 0;
    if (rc == 0 && o->ties == IRV_TIES_ORDER)
        rc = parse_order(v, o->order, ctx);
    else if (rc == 0 && o->order != NULL && o->order[0] != '\0')
        rc = mk_error(ctx, MK_EPARAM, "tie_order is given but ties is not 'order'");
    return rc;
}

/* Candidate j's place in tie_order (candidates it does not cover, as in
 * an audit's sampled profile, after it by number). */
static int64_t order_place(const voting *v, size_t j)
{
    return j < v->n_tie_rank ? v->tie_rank[j] : (int64_t)(v->n_tie_rank + j);
}

/* Among the continuing candidates of round r with tally `low` (flagged in
 * v->stack), the one RCTab's tie rule eliminates. */
static size_t break_tie(const voting *v, size_t r, int64_t low, mk_rng *rng)
{
    size_t m = v->m, pick = m, tied = 0;
    int *in = v->stack;
    const int64_t *t = v->tally + r * m, *first = v->tally;
    for (size_t j = 0; j < m; j++) {
        in[j] = t[j] == low;
        tied += (size_t)in[j];
    }
    if (v->irv.ties == IRV_TIES_PREVIOUS) {
        for (size_t back = r; back-- > 0 && tied > 1;) {
            const int64_t *old = v->tally + back * m;
            int64_t least = -1;
            for (size_t j = 0; j < m; j++)
                if (in[j] && (least < 0 || old[j] < least))
                    least = old[j];
            tied = 0;
            for (size_t j = 0; j < m; j++) {
                in[j] = in[j] && old[j] == least;
                tied += (size_t)in[j];
            }
        }
    }
    if (v->irv.ties == IRV_TIES_ORDER) {
        for (size_t j = 0; j < m; j++)
            if (in[j] && (pick == m || order_place(v, j) > order_place(v, pick)))
                pick = j;
        return pick;
    }
    if (v->irv.ties == IRV_TIES_LOWEST) {
        for (size_t j = 0; j < m; j++)
            if (in[j] && (pick == m || first[j] < first[pick]))
                pick = j;
        return pick;
    }
    uint64_t k = tied > 1 ? mk_rng_below(rng, tied) : 0;
    for (size_t j = 0; j < m; j++)
        if (in[j] && k-- == 0)
            return j;
    return 0; /* not reached: k < tied */
}

static int by_tally(const void *a, const void *b)
{
    const int64_t *x = a, *y = b; /* pairs (tally, candidate) */
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* RCTab's batch elimination (see the top): how many of the candidates in
 * order (pairs tally, candidate, lowest first; n of them) are defeated. */
static size_t batch_size(const int64_t *order, size_t n, size_t out_before, size_t m, int until_two)
{
    int64_t total = 0;
    size_t seen = 0, batch = 0, previous = 0;
    for (size_t i = 0; i < n;) {
        int64_t tally = order[2 * i];
        if (total < tally && seen > batch) {
            previous = batch;
            batch = seen;
        }
        for (; i < n && order[2 * i] == tally; i++, seen++)
            total += tally; /* <= voters: no overflow */
    }
    if (until_two && batch + out_before == m - 1)
        batch = previous;
    return batch;
}

int voting_irv_eliminate(voting *v, size_t r, mk_rng *rng, mk_ctx *ctx)
{
    (void)ctx;
    size_t m = v->m, n = 0, out_before = 0;
    const int64_t *t = v->tally + r * m;
    int64_t *order = v->path; /* m * m cells of scratch, m >= 2 here */
    for (size_t j = 0; j < m; j++) {
        if (t[j] < 0) {
            out_before++;
            continue;
        }
        order[2 * n] = t[j];
        order[2 * n + 1] = (int64_t)j;
        n++;
    }
    qsort(order, n, 2 * sizeof *order, by_tally);
    size_t batch = v->irv.batch ? batch_size(order, n, out_before, m, v->irv.until_two) : 0;
    if (batch >= 2) {
        for (size_t i = 0; i < batch; i++)
            v->out_round[order[2 * i + 1]] = (int64_t)r;
        v->eliminated[r] = -2; /* several: see out_round */
        return MK_OK;
    }
    size_t gone = break_tie(v, r, order[0], rng);
    v->out_round[gone] = (int64_t)r;
    v->eliminated[r] = (int64_t)gone;
    return MK_OK;
}
