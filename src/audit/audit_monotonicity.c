/*
 * Monotonicity: more support must not hurt the winner. For a mechanism
 * whose outcome is a choice of items and that can favour an item
 * (favour()), two searches (audit.h):
 *
 * - one ballot type at a time: every row that does not already rank the
 *   winner first alone has k of its voters raise the winner to the top
 *   (the compromise move), k over 1..w for a row of w <= MK_AUDIT_RAISE_ALL
 *   voters, else MK_AUDIT_RAISE_ALL numbers spread evenly up to w, until
 *   MK_AUDIT_RAISE_RUNS runs; when k < w the row keeps w - k voters and
 *   the raised ones are one more row at the end of the profile;
 * - first-choice groups: for each item c but the winner and each rival r,
 *   the rows ranking c first alone, ordered so that those whose preference
 *   between the winner and r the raise changes least come first, raise the
 *   winner: the first k voters of that order for MK_AUDIT_RAISE_ALL
 *   numbers k spread evenly (the last row touched split as above). Such a
 *   failure is recorded as participant n + c * items + r with k as its
 *   candidate.
 *
 * When the winner then loses, monotonicity fails (IRV can: Smith 1973;
 * Doron and Kronick 1977). The fewest voters are kept. No allocation once
 * the worker has grown.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

static size_t first_chosen(const mk_outcome *o)
{
    for (size_t j = 0; j < o->n; j++)
        if (o->allocation[j] != 0)
            return j;
    return SIZE_MAX;
}

/* The j-th (0-based) of `parts` numbers spread evenly up to w:
 * ceil(w (j + 1) / parts), without overflow; j + 1 when parts == w. */
static int64_t raise_count(int64_t w, size_t j, int64_t parts)
{
    int64_t step = (int64_t)j + 1;
    return w / parts * step + (w % parts * step + parts - 1) / parts;
}

/* out = truth with k of row i's voters raising item `winner` to the top
 * (as described above). */
static int raise_in(const audit_worker *w, const mk_profile *truth, size_t i, int64_t k,
                    size_t winner, mk_profile *out, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t n = truth->n, width = truth->width;
    int64_t weight = truth->weight != NULL ? truth->weight[i] : 1;
    int partial = k < weight;
    int rc = mk_profile_resize(out, n + (size_t)partial, width, ctx);
    if (rc == 0 && (partial || truth->weight != NULL))
        rc = mk_profile_weigh(out, ctx);
    if (rc != 0)
        return rc;
    memcpy(out->cells, truth->cells, n * width * sizeof *out->cells);
    for (size_t r = 0; out->weight != NULL && r < n; r++)
        out->weight[r] = truth->weight != NULL ? truth->weight[r] : 1;
    out->labels = truth->labels;
    size_t moved = partial ? n : i;
    if (partial) {
        out->weight[i] = weight - k;
        out->weight[n] = k;
    }
    return m->favour(w->inst, mk_profile_row(truth, i), width, winner, winner == 0 ? 1 : 0,
                     MK_FAVOUR_COMPROMISE, mk_profile_row(out, moved), ctx);
}

/* Whether row already ranks item first and alone (raising changes nothing). */
static int ranks_first(const audit_worker *w, const int64_t *row, size_t width, size_t item,
                       int64_t *scratch, mk_ctx *ctx)
{
    if (w->job->mech->favour(w->inst, row, width, item, item == 0 ? 1 : 0, MK_FAVOUR_COMPROMISE,
                             scratch, ctx) != 0)
        return -1;
    return memcmp(row, scratch, width * sizeof *row) == 0;
}

void audit_monotonicity_free(audit_worker *w)
{
    free(w->raise_keys);
    w->raise_keys = NULL;
    w->raise_capacity = 0;
}

/* Least harm to the winner against the rival first, then profile order. */
static int by_harm(const void *a, const void *b)
{
    const audit_raise_key *x = a, *y = b;
    return x->harm != y->harm ? (x->harm > y->harm) - (x->harm < y->harm)
                              : (x->row > y->row) - (x->row < y->row);
}

/* -1, 0 or 1: whether row i of p prefers the rival to the winner, neither,
 * or the winner (utility with each chosen alone; o is scratch of the
 * outcome's size, all zero). */
static int prefers(audit_worker *w, const mk_profile *p, size_t i, size_t winner, size_t rival,
                   mk_outcome *o, int *out, mk_ctx *ctx)
{
    mk_rational uw, ur;
    o->allocation[winner] = 1;
    int rc = w->job->mech->utility(w->inst, p, i, o, &uw, ctx);
    o->allocation[winner] = 0;
    o->allocation[rival] = 1;
    if (rc == 0)
        rc = w->job->mech->utility(w->inst, p, i, o, &ur, ctx);
    o->allocation[rival] = 0;
    *out = mk_rational_cmp(uw, ur);
    return rc;
}

/* The rows ranking item c first alone, into w->raise_keys, those whose
 * preference between the winner and the rival the raise helps least
 * first; *count gets how many. Uses w->lie_out and w->split_types. */
static int group_rows(audit_worker *w, const mk_profile *types, size_t c, size_t rival,
                      size_t winner, size_t *count, mk_ctx *ctx)
{
    if (types->n > w->raise_capacity) {
        audit_raise_key *keys = types->n <= SIZE_MAX / sizeof *keys
                                    ? realloc(w->raise_keys, types->n * sizeof *keys)
                                    : NULL;
        if (keys == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a monotonicity search");
        w->raise_keys = keys;
        w->raise_capacity = types->n;
    }
    const mk_mechanism *m = w->job->mech;
    mk_profile *one = &w->split_types; /* one row of the reports' width */
    int rc = mk_outcome_reset(&w->lie_out, w->truth_out.n, w->truth_out.payment_scale, ctx);
    *count = 0;
    for (size_t i = 0; i < w->truth.n && rc == 0; i++) {
        const int64_t *row = mk_profile_row(&w->truth, i);
        int first = ranks_first(w, row, w->truth.width, c, one->cells, ctx), before, after;
        if (first <= 0) {
            rc = first < 0 ? MK_EINTERNAL : MK_OK;
            continue;
        }
        rc = prefers(w, types, i, winner, rival, &w->lie_out, &before, ctx);
        if (rc == 0)
            rc = m->favour(w->inst, row, w->truth.width, winner, c, MK_FAVOUR_COMPROMISE,
                           one->cells, ctx);
        if (rc == 0)
            rc = prefers(w, one, 0, winner, rival, &w->lie_out, &after, ctx);
        w->raise_keys[*count] = (audit_raise_key){after - before, i};
        (*count)++;
    }
    if (rc == 0)
        qsort(w->raise_keys, *count, sizeof *w->raise_keys, by_harm);
    return rc;
}

/* The first `voters` voters of the group's rows in w->raise_keys raise the
 * winner, into w->scratch: whole rows, then part of the next one (its
 * raised voters become one more row at the end, as raise_in does);
 * *rows gets the number of rows touched. */
static int raise_voters(audit_worker *w, size_t c, size_t winner, int64_t voters, size_t *rows,
                        mk_ctx *ctx)
{
    const mk_profile *truth = &w->truth;
    const mk_mechanism *m = w->job->mech;
    int64_t left = voters;
    size_t j = 0;
    for (; left > 0; j++) {
        size_t i = w->raise_keys[j].row;
        int64_t weight = truth->weight != NULL ? truth->weight[i] : 1;
        if (weight > left)
            break;
        left -= weight;
    }
    /* Rows 0..j-1 whole; left voters of row j. */
    int rc = left > 0 ? raise_in(w, truth, w->raise_keys[j].row, left, winner, &w->scratch, ctx)
                      : mk_profile_copy(&w->scratch, truth, ctx);
    for (size_t k = 0; k < j && rc == 0; k++) {
        size_t i = w->raise_keys[k].row;
        rc = m->favour(w->inst, mk_profile_row(truth, i), truth->width, winner, c,
                       MK_FAVOUR_COMPROMISE, mk_profile_row(&w->scratch, i), ctx);
    }
    *rows = j + (left > 0);
    return rc;
}

/* One first-choice group c against one rival: at most MK_AUDIT_RAISE_ALL
 * numbers of its voters, spread evenly; offers the first that defeats the
 * winner. */
static int search_group(audit_worker *w, const mk_profile *types, uint64_t unit, size_t winner,
                        size_t c, size_t rival, int *found, mk_ctx *ctx)
{
    size_t count, items = w->truth_out.n;
    int rc = group_rows(w, types, c, rival, winner, &count, ctx);
    int64_t total = 0;
    for (size_t j = 0; j < count; j++)
        total += w->truth.weight != NULL ? w->truth.weight[w->raise_keys[j].row] : 1;
    int64_t tries = total < MK_AUDIT_RAISE_ALL ? total : MK_AUDIT_RAISE_ALL;
    w->acc.monotonicity_sampled |= total > MK_AUDIT_RAISE_ALL;
    for (int64_t j = 0; j < tries && rc == 0; j++) {
        int64_t voters = raise_count(total, (size_t)j, tries);
        size_t rows;
        rc = raise_voters(w, c, winner, voters, &rows, ctx);
        if (rc == 0)
            rc = w->job->mech->run(w->inst, &w->scratch, &w->lie_out, ctx);
        w->acc.runs++;
        if (rc == 0 && w->lie_out.allocation[winner] == 0) {
            *found = 1;
            audit_pick_offer(&w->acc.monotonicity_worst, (mk_rational){voters, 1}, -1, unit,
                             w->truth.n + c * items + rival, (size_t)voters);
            break;
        }
    }
    return rc;
}

/* Every first-choice group c against every rival (neither the winner nor
 * c), within MK_AUDIT_RAISE_RUNS prefixes in all. */
static int search_groups(audit_worker *w, const mk_profile *types, uint64_t unit, size_t winner,
                         int *found)
{
    mk_ctx *ctx = &w->ctx;
    size_t items = w->truth_out.n, budget = MK_AUDIT_RAISE_RUNS / MK_AUDIT_RAISE_ALL;
    for (size_t c = 0; c < items; c++)
        for (size_t rival = 0; rival < items; rival++) {
            if (c == winner || rival == winner || rival == c)
                continue;
            if (budget-- == 0) {
                w->acc.monotonicity_sampled = 1;
                return MK_OK;
            }
            int rc = search_group(w, types, unit, winner, c, rival, found, ctx);
            if (rc != 0)
                return mk_error_prefix(ctx, "voters ranking item %zu first raising the winner",
                                       c + 1);
        }
    return MK_OK;
}

int audit_monotonicity_search(audit_worker *w, const mk_profile *types, uint64_t unit)
{
    mk_ctx *ctx = &w->ctx;
    const mk_profile *truth = &w->truth;
    size_t winner = first_chosen(&w->truth_out);
    if (winner == SIZE_MAX || truth->n == 0 || w->truth_out.n < 2)
        return MK_OK;
    int found = 0, rc = mk_profile_resize(&w->split_types, 1, truth->width, ctx);
    size_t runs = 0;
    for (size_t i = 0; i < truth->n && rc == 0; i++) {
        int first = ranks_first(w, mk_profile_row(truth, i), truth->width, winner,
                                w->split_types.cells, ctx);
        if (first != 0) {
            rc = first < 0 ? MK_EINTERNAL : MK_OK;
            continue;
        }
        int64_t weight = truth->weight != NULL ? truth->weight[i] : 1;
        int64_t tries = weight < MK_AUDIT_RAISE_ALL ? weight : MK_AUDIT_RAISE_ALL;
        if (runs + (size_t)tries > MK_AUDIT_RAISE_RUNS) {
            w->acc.monotonicity_sampled = 1;
            break;
        }
        runs += (size_t)tries;
        w->acc.monotonicity_sampled |= weight > MK_AUDIT_RAISE_ALL;
        for (int64_t j = 0; rc == 0 && j < tries; j++) {
            int64_t k = raise_count(weight, (size_t)j, tries);
            rc = raise_in(w, truth, i, k, winner, &w->scratch, ctx);
            if (rc == 0)
                rc = w->job->mech->run(w->inst, &w->scratch, &w->lie_out, ctx);
            w->acc.runs++;
            if (rc != 0)
                return mk_error_prefix(ctx, "participant %zu's voters raising the winner", i + 1);
            if (w->lie_out.allocation[winner] == 0) {
                found = 1;
                audit_pick_offer(&w->acc.monotonicity_worst, (mk_rational){k, 1}, -1, unit, i,
                                 (size_t)k);
                break; /* fewer voters of this row cannot come later */
            }
        }
    }
    if (rc == 0)
        rc = search_groups(w, types, unit, winner, &found);
    w->acc.monotonicity_failures += found;
    return rc;
}

int audit_replay_raise(audit_worker *w, const mk_profile *types, size_t who, int64_t raised,
                       mk_audit_example *ex, mk_ctx *ctx)
{
    size_t winner = first_chosen(&ex->outcome), n = ex->truth.n;
    if (winner == SIZE_MAX || who >= n + ex->outcome.n * ex->outcome.n)
        return mk_error(ctx, MK_EINTERNAL, "replaying a monotonicity failure of row %zu", who + 1);
    ex->raised_group = SIZE_MAX;
    ex->raised_rows = 1;
    int rc = mk_profile_resize(&w->split_types, 1, ex->truth.width, ctx);
    if (rc == 0 && who >= n) {
        size_t count, items = ex->outcome.n, group = (who - n) / items, rival = (who - n) % items;
        ex->raised_group = group;
        ex->raised_rival = rival;
        ex->who = 0;
        rc = group_rows(w, types, group, rival, winner, &count, ctx);
        if (rc == 0)
            rc = raise_voters(w, group, winner, raised, &ex->raised_rows, ctx);
        if (rc == 0)
            rc = mk_profile_copy(&ex->lie, &w->scratch, ctx);
    } else if (rc == 0) {
        rc = raise_in(w, &ex->truth, who, raised, winner, &ex->lie, ctx);
    }
    if (rc == 0)
        rc = w->job->mech->run(w->inst, &ex->lie, &ex->lie_outcome, ctx);
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->lie_outcome, &ex->lie_revenue, ctx);
    ex->has_lie = 1;
    ex->raised = raised;
    ex->raised_item = winner;
    return rc;
}
