/*
 * Local improvement of a participant's lie (issue 7: "a seeded search
 * otherwise: grid, then local improvement"). When the mechanism's
 * deviations() for `who` were sampled rather than exhaustive, and one of
 * them gains, the search goes on from the best one: deviations() is asked
 * again with who's row of a copy of the types replaced by that report, so
 * its candidates are neighbours of the lie (swaps of a ranking, fractions
 * of a bid, rescaled contributions), and each is judged with who's true
 * type; the best that gains more becomes the next start, for at most
 * AUDIT_LOCAL_ROUNDS rounds. The rounds draw from their own stream
 * (seed, unit, who), so the unit's stream, and every other participant's
 * candidates, are the same with or without them. Round r's candidate c is
 * numbered (r + 1) * max_deviations + c, after the first pass's, so a
 * counterexample found here replays by running the same rounds. No
 * allocation once the worker has grown.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

/* The stream of who's rounds in unit. */
static void local_stream(const audit_worker *w, size_t who, uint64_t unit, mk_rng *rng)
{
    mk_rng_seed_stream(
        rng, w->job->seed ^ 0x6c6f63616c5f5f5fULL ^ ((uint64_t)who * 0x9e3779b97f4a7c15ULL), unit);
}

int audit_local_reserve(audit_worker *w, const mk_profile *types, mk_ctx *ctx)
{
    size_t width = types->width, cells = w->dev_capacity;
    if (cells > w->local_capacity) {
        int64_t *rows = realloc(w->local_dev.rows, cells * sizeof *rows);
        if (rows == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a local search");
        w->local_dev.rows = rows;
        w->local_capacity = cells;
    }
    if (width > w->local_width) {
        int64_t *best = realloc(w->local_best, width * sizeof *best);
        if (best == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a local search");
        w->local_best = best;
        w->local_width = width;
    }
    w->local_dev.width = width;
    w->local_dev.max = w->job->max_deviations;
    return mk_profile_copy(&w->local_types, types, ctx);
}

void audit_local_free(audit_worker *w)
{
    free(w->local_dev.rows);
    free(w->local_best);
    mk_profile_free(&w->local_types);
    w->local_dev.rows = NULL;
    w->local_best = NULL;
    w->local_capacity = w->local_width = 0;
}

/* Who's utility (true type) with report `cand`, the others truthful. */
static int judge(audit_worker *w, const mk_profile *types, size_t who, const int64_t *cand,
                 mk_rational *u, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    int64_t *row = mk_profile_row(&w->scratch, who);
    memcpy(row, cand, w->scratch.width * sizeof *row);
    int rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
    w->acc.runs++;
    if (rc == 0)
        rc = m->utility(w->inst, types, who, &w->lie_out, u, ctx);
    memcpy(row, mk_profile_row(&w->truth, who), w->scratch.width * sizeof *row);
    return rc;
}

int audit_local_search(audit_worker *w, const mk_profile *types, size_t who, mk_rational honest,
                       uint64_t unit, const int64_t *start, mk_rational start_gain,
                       mk_rational *regret, size_t stop_at, int64_t *found, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t width = types->width, max = w->job->max_deviations;
    mk_deviation_set *dev = &w->local_dev;
    mk_rng rng;
    local_stream(w, who, unit, &rng);
    memcpy(w->local_best, start, width * sizeof *start);
    mk_rational best_gain = start_gain;
    for (size_t r = 0; r < AUDIT_LOCAL_ROUNDS; r++) {
        memcpy(mk_profile_row(&w->local_types, who), w->local_best, width * sizeof *start);
        dev->n = 0;
        dev->exhaustive = 0;
        int rc = m->deviations(w->inst, &w->local_types, who, &rng, dev, ctx);
        memcpy(mk_profile_row(&w->local_types, who), mk_profile_row(types, who),
               width * sizeof *start);
        if (rc != 0)
            return mk_error_prefix(ctx, "participant %zu, local search", who + 1);
        size_t next = SIZE_MAX;
        for (size_t c = 0; c < dev->n; c++) {
            const int64_t *cand = dev->rows + c * width;
            size_t code = (r + 1) * max + c;
            if (code == stop_at) {
                memcpy(found, cand, width * sizeof *cand);
                return MK_OK;
            }
            mk_rational u, gain;
            rc = judge(w, types, who, cand, &u, ctx);
            if (rc == 0 && mk_rational_sub(u, honest, &gain) != 0)
                rc = mk_error(ctx, MK_ERANGE, "a gain from lying overflows");
            if (rc != 0)
                return mk_error_prefix(ctx, "participant %zu, local search", who + 1);
            if (gain.num > 0 && regret != NULL && mk_rational_cmp(gain, *regret) > 0)
                *regret = gain;
            if (gain.num > 0 && stop_at == SIZE_MAX)
                audit_pick_offer(&w->acc.worst, gain, 1, unit, who, code);
            if (mk_rational_cmp(gain, best_gain) > 0) {
                best_gain = gain;
                next = c;
            }
        }
        if (next == SIZE_MAX)
            break;
        memcpy(w->local_best, dev->rows + next * width, width * sizeof *start);
    }
    return stop_at == SIZE_MAX
               ? MK_OK
               : mk_error(ctx, MK_EINTERNAL, "%s: replaying a local search gave other candidates",
                          m->name);
}
