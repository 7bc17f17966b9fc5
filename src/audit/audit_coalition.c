/*
 * Coalitions of two: every pair of participants of a unit changes its two
 * reports at once, each member to its truthful report or to one of the
 * candidates its deviations() proposed in the unilateral search (kept
 * from there, so no extra rng draws). A pair is a coalition when both
 * members gain; with side payments, when the total gain is positive (a
 * bidding ring in a second-price auction: the loser shades, the winner
 * pays less). The scratch profile holds the truthful reports; only the two
 * members' rows are overwritten, and restored after. No allocation once
 * the worker has grown to the largest profile.
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
        if (counts == NULL || honest == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a coalition search");
        w->n_capacity = n;
    }
    return MK_OK;
}

void audit_pairs_keep(audit_worker *w, size_t who, mk_rational honest)
{
    size_t width = w->dev.width;
    memcpy(w->pair_rows + who * w->job->max_deviations * width, w->dev.rows,
           w->dev.n * width * sizeof(int64_t));
    w->pair_n[who] = w->dev.n;
    w->honest[who] = honest;
}

void audit_pairs_free(audit_worker *w)
{
    free(w->pair_rows);
    free(w->pair_n);
    free(w->honest);
    w->pair_rows = NULL;
    w->pair_n = NULL;
    w->honest = NULL;
    w->pair_capacity = w->n_capacity = 0;
}

/* The code orders pairs as the search meets them (j, then a, then b), so
 * that the lowest code is the first found. It needs 64-bit size_t for
 * large max_deviations: j < 64 and a, b <= 65536 give codes below 2^39. */
uint64_t audit_pair_code(const audit_job *job, size_t j, size_t a, size_t b)
{
    uint64_t m = (uint64_t)job->max_deviations + 1;
    return ((uint64_t)j * m + a) * m + b;
}

void audit_pair_decode(const audit_job *job, uint64_t code, size_t *j, size_t *a, size_t *b)
{
    uint64_t m = (uint64_t)job->max_deviations + 1;
    *b = (size_t)(code % m);
    *a = (size_t)(code / m % m);
    *j = (size_t)(code / m / m);
}

/* Report a of participant p: 0 truthful, c its candidate c - 1. */
static const int64_t *pair_report(const mk_profile *truth, const int64_t *candidates, size_t p,
                                  size_t a)
{
    return a == 0 ? mk_profile_row(truth, p) : candidates + (a - 1) * truth->width;
}

typedef struct pair_gain {
    mk_rational member[2]; /* each member's gain */
    mk_rational total;
} pair_gain;

/* Runs the scratch profile and measures the gains of members i and j. */
static int measure(audit_worker *w, const mk_profile *types, size_t i, size_t j, pair_gain *g,
                   mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
    w->acc.runs++;
    size_t who[2] = {i, j};
    for (size_t k = 0; k < 2 && rc == 0; k++) {
        mk_rational u;
        rc = m->utility(w->inst, types, who[k], &w->lie_out, &u, ctx);
        if (rc == 0 && mk_rational_sub(u, w->honest[who[k]], &g->member[k]) != 0)
            rc = mk_error(ctx, MK_ERANGE, "the gain of a coalition overflows");
    }
    if (rc == 0 && mk_rational_add(g->member[0], g->member[1], &g->total) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a coalition overflows");
    return rc;
}

/* Every joint report of i and j; sets found[0] when both gain, found[1]
 * when they gain in total. */
static int search_pair(audit_worker *w, const mk_profile *types, uint64_t unit, size_t i, size_t j,
                       int *found)
{
    mk_ctx *ctx = &w->ctx;
    audit_acc *acc = &w->acc;
    size_t width = w->scratch.width, stride = w->job->max_deviations * width;
    int64_t *ri = mk_profile_row(&w->scratch, i), *rj = mk_profile_row(&w->scratch, j);
    const int64_t *ci = w->pair_rows + i * stride, *cj = w->pair_rows + j * stride;
    for (size_t a = 0; a <= w->pair_n[i]; a++) {
        memcpy(ri, pair_report(&w->truth, ci, i, a), width * sizeof *ri);
        for (size_t b = a == 0 ? 1 : 0; b <= w->pair_n[j]; b++) {
            memcpy(rj, pair_report(&w->truth, cj, j, b), width * sizeof *rj);
            pair_gain g;
            int rc = measure(w, types, i, j, &g, ctx);
            if (rc != 0)
                return mk_error_prefix(ctx, "participants %zu and %zu together", i + 1, j + 1);
            if (g.total.num <= 0)
                continue;
            uint64_t code = audit_pair_code(w->job, j, a, b);
            found[1] = 1;
            audit_pick_offer(&acc->collusion_worst, g.total, 1, unit, i, (size_t)code);
            if (g.member[0].num > 0 && g.member[1].num > 0) {
                found[0] = 1;
                audit_pick_offer(&acc->coalition_worst, g.total, 1, unit, i, (size_t)code);
            }
        }
        memcpy(rj, mk_profile_row(&w->truth, j), width * sizeof *rj);
    }
    memcpy(ri, mk_profile_row(&w->truth, i), width * sizeof *ri);
    return MK_OK;
}

int audit_pairs_search(audit_worker *w, const mk_profile *types, uint64_t unit)
{
    int found[2] = {0, 0};
    for (size_t i = 0; i < types->n; i++)
        for (size_t j = i + 1; j < types->n; j++) {
            int rc = search_pair(w, types, unit, i, j, found);
            if (rc != 0)
                return rc;
        }
    w->acc.coalition_profitable += found[0] != 0;
    w->acc.collusion_profitable += found[1] != 0;
    return MK_OK;
}

int audit_replay_pair(audit_worker *w, const mk_profile *types, mk_rng *rng, size_t who,
                      uint64_t code, mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t j, a, b, width = ex->truth.width;
    audit_pair_decode(w->job, code, &j, &a, &b);
    if (j <= who || j >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "coalition %zu and %zu of %zu", who, j, types->n);
    int rc = audit_pairs_reserve(w, types->n, width, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&ex->lie, &ex->truth, ctx);
    /* The candidates of participants 0..j, drawn in the search's order. */
    for (size_t p = 0; p <= j && rc == 0; p++) {
        w->dev.n = 0;
        w->dev.exhaustive = 0;
        rc = m->deviations(w->inst, types, p, rng, &w->dev, ctx);
        if (rc == 0)
            audit_pairs_keep(w, p, (mk_rational){0, 1});
    }
    if (rc != 0)
        return rc;
    if (a > w->pair_n[who] || b > w->pair_n[j])
        return mk_error(ctx, MK_EINTERNAL, "%s: replaying unit %llu gave other candidates", m->name,
                        (unsigned long long)ex->unit);
    size_t stride = w->job->max_deviations * width;
    memcpy(mk_profile_row(&ex->lie, who),
           pair_report(&ex->truth, w->pair_rows + who * stride, who, a), width * sizeof(int64_t));
    memcpy(mk_profile_row(&ex->lie, j), pair_report(&ex->truth, w->pair_rows + j * stride, j, b),
           width * sizeof(int64_t));
    ex->has_lie = 1;
    ex->members = 2;
    ex->partner = j;
    ex->candidate = a;
    ex->partner_candidate = b;
    rc = m->run(w->inst, &ex->lie, &ex->lie_outcome, ctx);
    size_t members[2] = {who, j};
    mk_rational truth_sum = {0, 1}, lie_sum = {0, 1};
    for (size_t k = 0; k < 2 && rc == 0; k++) {
        rc = m->utility(w->inst, types, members[k], &ex->outcome, &ex->member_utility[k], ctx);
        if (rc == 0)
            rc = m->utility(w->inst, types, members[k], &ex->lie_outcome,
                            &ex->member_lie_utility[k], ctx);
        if (rc == 0 && (mk_rational_add(truth_sum, ex->member_utility[k], &truth_sum) != 0 ||
                        mk_rational_add(lie_sum, ex->member_lie_utility[k], &lie_sum) != 0))
            rc = mk_error(ctx, MK_ERANGE, "the utility of a coalition overflows");
    }
    if (rc == 0 && mk_rational_sub(lie_sum, truth_sum, &ex->gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a coalition overflows");
    ex->utility = truth_sum;
    ex->lie_utility = lie_sum;
    return rc;
}
