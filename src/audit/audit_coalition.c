/*
 * Coalitions of two: every pair of participants of a unit changes its two
 * reports at once, each member to its truthful report or to one of the
 * candidates its deviations() proposed in the unilateral search (kept
 * from there, so no extra rng draws). A pair is a coalition when both
 * members gain; with side payments, when the total gain is positive (a
 * bidding ring in a second-price auction: the loser shades, the winner
 * pays less). The scratch profile holds the truthful reports; only the
 * members' rows are overwritten, and restored after. Larger groups are
 * searched by audit_group.c on the same kept candidates. No allocation
 * once the worker has grown to the largest profile.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

int audit_pairs_reserve(audit_worker *w, size_t n, size_t width, mk_ctx *ctx)
{
    size_t rows, cells;
    if (__builtin_mul_overflow(n, w->job->max_deviations, &rows) ||
        __builtin_mul_overflow(rows, width, &cells) || cells > SIZE_MAX / sizeof(int64_t) ||
        n > SIZE_MAX / sizeof(mk_rational))
        return mk_error(ctx, MK_ERANGE, "coalition search of %zu participants is too large", n);
    if (cells > w->pair_capacity) {
        int64_t *grown = realloc(w->pair_rows, cells * sizeof *grown);
        if (grown == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a coalition search");
        w->pair_rows = grown;
        w->pair_capacity = cells;
    }
    if (n > w->n_capacity) {
        size_t *counts = realloc(w->pair_n, n * sizeof *counts);
        if (counts != NULL)
            w->pair_n = counts;
        mk_rational *honest = realloc(w->honest, n * sizeof *honest);
        if (honest != NULL)
            w->honest = honest;
        size_t *best = realloc(w->best_report, n * sizeof *best);
        if (best != NULL)
            w->best_report = best;
        mk_rational *pair_best = realloc(w->pair_best, n * sizeof *pair_best);
        if (pair_best != NULL)
            w->pair_best = pair_best;
        if (counts == NULL || honest == NULL || best == NULL || pair_best == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a coalition search");
        w->n_capacity = n;
    }
    return MK_OK;
}

void audit_pairs_keep(audit_worker *w, size_t who, mk_rational honest, size_t best)
{
    size_t width = w->dev.width;
    memcpy(w->pair_rows + who * w->job->max_deviations * width, w->dev.rows,
           w->dev.n * width * sizeof(int64_t));
    w->pair_n[who] = w->dev.n;
    w->honest[who] = honest;
    w->best_report[who] = best;
    w->pair_best[who] = (mk_rational){0, 1};
}

void audit_pairs_free(audit_worker *w)
{
    free(w->pair_rows);
    free(w->pair_n);
    free(w->honest);
    free(w->best_report);
    free(w->pair_best);
    w->pair_best = NULL;
    w->pair_rows = NULL;
    w->pair_n = NULL;
    w->honest = NULL;
    w->best_report = NULL;
    w->pair_capacity = w->n_capacity = 0;
}

const int64_t *audit_member_report(const audit_worker *w, size_t p, size_t a)
{
    size_t width = w->truth.width;
    return a == 0 ? mk_profile_row(&w->truth, p)
                  : w->pair_rows + (p * w->job->max_deviations + a - 1) * width;
}

int audit_group_measure(audit_worker *w, const mk_profile *types, size_t size, const size_t *member,
                        mk_rational *gain, mk_rational *total)
{
    const mk_mechanism *m = w->job->mech;
    mk_ctx *ctx = &w->ctx;
    int rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
    w->acc.runs++;
    *total = (mk_rational){0, 1};
    for (size_t k = 0; k < size && rc == 0; k++) {
        mk_rational u;
        rc = m->utility(w->inst, types, member[k], &w->lie_out, &u, ctx);
        if (rc == 0 && (mk_rational_sub(u, w->honest[member[k]], &gain[k]) != 0 ||
                        mk_rational_add(*total, gain[k], total) != 0))
            rc = mk_error(ctx, MK_ERANGE, "the gain of a coalition overflows");
    }
    return rc;
}

/* Every joint report of i and j; sets found bit 1 when both gain, bit 2
 * when they gain in total. */
static int search_pair(audit_worker *w, const mk_profile *types, uint64_t unit, size_t i, size_t j,
                       unsigned *found)
{
    audit_acc *acc = &w->acc;
    size_t width = w->scratch.width, member[2] = {i, j}, report[2];
    int64_t *ri = mk_profile_row(&w->scratch, i), *rj = mk_profile_row(&w->scratch, j);
    for (size_t a = 0; a <= w->pair_n[i]; a++) {
        memcpy(ri, audit_member_report(w, i, a), width * sizeof *ri);
        for (size_t b = a == 0 ? 1 : 0; b <= w->pair_n[j]; b++) {
            memcpy(rj, audit_member_report(w, j, b), width * sizeof *rj);
            mk_rational gain[2], total;
            if (audit_group_measure(w, types, 2, member, gain, &total) != 0)
                return mk_error_prefix(&w->ctx, "participants %zu and %zu together", i + 1, j + 1);
            if (total.num <= 0)
                continue;
            report[0] = a;
            report[1] = b;
            *found |= 2;
            for (size_t k = 0; k < 2; k++)
                if (mk_rational_cmp(total, w->pair_best[member[k]]) > 0)
                    w->pair_best[member[k]] = total;
            audit_group_offer(&acc->collusion_worst, total, unit, 2, member, report);
            audit_group_offer(&acc->collusion_k[2], total, unit, 2, member, report);
            if (gain[0].num > 0 && gain[1].num > 0) {
                *found |= 1;
                audit_group_offer(&acc->coalition_worst, total, unit, 2, member, report);
                audit_group_offer(&acc->coalition_k[2], total, unit, 2, member, report);
            }
        }
        memcpy(rj, mk_profile_row(&w->truth, j), width * sizeof *rj);
    }
    memcpy(ri, mk_profile_row(&w->truth, i), width * sizeof *ri);
    return MK_OK;
}

int audit_pairs_search(audit_worker *w, const mk_profile *types, mk_rng *rng, uint64_t unit)
{
    audit_acc *acc = &w->acc;
    unsigned found[MK_AUDIT_COALITION_MAX + 1] = {0};
    for (size_t i = 0; i < types->n; i++)
        for (size_t j = i + 1; j < types->n; j++) {
            int rc = search_pair(w, types, unit, i, j, &found[2]);
            if (rc != 0)
                return rc;
        }
    int capped = 0;
    int rc = audit_groups_search(w, types, rng, unit, found, &capped);
    if (rc != 0)
        return rc;
    unsigned any = 0;
    for (size_t s = 2; s <= MK_AUDIT_COALITION_MAX; s++) {
        acc->coalition_profitable_k[s] += (found[s] & 1) != 0;
        acc->collusion_profitable_k[s] += (found[s] & 2) != 0;
        any |= found[s];
    }
    acc->coalition_profitable += (any & 1) != 0;
    acc->collusion_profitable += (any & 2) != 0;
    acc->coalition_capped += capped != 0;
    return MK_OK;
}

int audit_replay_group(audit_worker *w, const mk_profile *types, mk_rng *rng,
                       const audit_group_pick *g, mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t width = ex->truth.width, size = g->size, last = g->member[size - 1];
    if (size < 2 || size > MK_AUDIT_COALITION_MAX || last >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "a coalition of %zu up to participant %zu of %zu", size,
                        last + 1, types->n);
    int rc = audit_pairs_reserve(w, types->n, width, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&ex->lie, &ex->truth, ctx);
    /* The candidates of participants 0..last, drawn in the search's order. */
    for (size_t p = 0; p <= last && rc == 0; p++) {
        w->dev.n = 0;
        w->dev.exhaustive = 0;
        rc = m->deviations(w->inst, types, p, rng, &w->dev, ctx);
        if (rc == 0)
            audit_pairs_keep(w, p, (mk_rational){0, 1}, 0);
    }
    if (rc != 0)
        return rc;
    ex->member = calloc(size, sizeof *ex->member);
    ex->member_candidate = calloc(size, sizeof *ex->member_candidate);
    ex->member_truth_utility = calloc(size, sizeof *ex->member_truth_utility);
    ex->member_lie_utility_all = calloc(size, sizeof *ex->member_lie_utility_all);
    if (ex->member == NULL || ex->member_candidate == NULL || ex->member_truth_utility == NULL ||
        ex->member_lie_utility_all == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a coalition");
    for (size_t k = 0; k < size; k++) {
        size_t p = g->member[k], a = g->report[k];
        if (a > w->pair_n[p])
            return mk_error(ctx, MK_EINTERNAL, "%s: replaying unit %llu gave other candidates",
                            m->name, (unsigned long long)ex->unit);
        /* Rows of the truth (a == 0) come from ex, the worker's may differ. */
        memcpy(mk_profile_row(&ex->lie, p),
               a == 0 ? mk_profile_row(&ex->truth, p) : audit_member_report(w, p, a),
               width * sizeof(int64_t));
        ex->member[k] = p;
        ex->member_candidate[k] = a;
    }
    ex->has_lie = 1;
    ex->members = size;
    ex->partner = g->member[1];
    ex->candidate = g->report[0];
    ex->partner_candidate = g->report[1];
    rc = m->run(w->inst, &ex->lie, &ex->lie_outcome, ctx);
    mk_rational truth_sum = {0, 1}, lie_sum = {0, 1};
    for (size_t k = 0; k < size && rc == 0; k++) {
        rc = m->utility(w->inst, types, g->member[k], &ex->outcome, &ex->member_truth_utility[k],
                        ctx);
        if (rc == 0)
            rc = m->utility(w->inst, types, g->member[k], &ex->lie_outcome,
                            &ex->member_lie_utility_all[k], ctx);
        if (rc == 0 && (mk_rational_add(truth_sum, ex->member_truth_utility[k], &truth_sum) != 0 ||
                        mk_rational_add(lie_sum, ex->member_lie_utility_all[k], &lie_sum) != 0))
            rc = mk_error(ctx, MK_ERANGE, "the utility of a coalition overflows");
        if (k < 2) {
            ex->member_utility[k] = ex->member_truth_utility[k];
            ex->member_lie_utility[k] = ex->member_lie_utility_all[k];
        }
    }
    if (rc == 0 && mk_rational_sub(lie_sum, truth_sum, &ex->gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a coalition overflows");
    ex->utility = truth_sum;
    ex->lie_utility = lie_sum;
    return rc;
}
