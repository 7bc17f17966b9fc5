/* fictitious agents: the history of report profiles and the best response
 * to its empirical distribution (Brown 1951, "Iterative solution of games
 * by fictitious play", in Activity Analysis of Production and Allocation;
 * Robinson 1951, Annals of Mathematics 54). */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static int has_fictitious(const mk_sim *sim)
{
    for (size_t i = 0; i < sim->n; i++)
        if (sim->kinds[i] == MK_SIM_FICTITIOUS)
            return 1;
    return 0;
}

int sim_history_append(mk_sim *sim, mk_ctx *ctx)
{
    if (!has_fictitious(sim))
        return MK_OK;
    const mk_profile *r = &sim->reports;
    if (r->width != sim->history_width) {
        /* Reports of another shape cannot be replayed with today's: start
         * the history again. */
        sim->history_rounds = 0;
        sim->history_width = r->width;
    }
    size_t block = r->n * r->width, need, bytes;
    if (__builtin_add_overflow(sim->history_rounds, 1, &need) ||
        __builtin_mul_overflow(need, block, &need) ||
        __builtin_mul_overflow(need, sizeof(int64_t), &bytes))
        return mk_error(ctx, MK_ELIMIT, "the history of %zu rounds is too large",
                        sim->history_rounds + 1);
    if (need > sim->history_capacity) {
        size_t cap = sim->history_capacity > 0 ? sim->history_capacity : block;
        while (cap < need)
            cap = cap <= SIZE_MAX / 2 / sizeof(int64_t) ? cap * 2 : need;
        int64_t *h = realloc(sim->history, cap * sizeof *h);
        if (h == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the history of %zu rounds",
                            sim->history_rounds + 1);
        sim->history = h;
        sim->history_capacity = cap;
    }
    memcpy(sim->history + sim->history_rounds * block, r->cells, block * sizeof(int64_t));
    sim->history_rounds++;
    return MK_OK;
}

/* who's candidate c: its truthful report (c == 0) or deviation c - 1. */
static const int64_t *candidate(const mk_sim *sim, size_t who, size_t c)
{
    return c == 0 ? mk_profile_row(&sim->truth, who) : sim->dev.rows + (c - 1) * sim->dev.width;
}

int sim_fictitious(mk_sim *sim, size_t who, mk_rng *rng, mk_ctx *ctx)
{
    size_t width = sim->truth.width, block = sim->n * width;
    if (sim->history_rounds == 0 || sim->history_width != width || sim->prev.n != sim->n)
        return MK_OK; /* no history yet: the truthful report stands */
    int rc = sim_candidates(sim, &sim->prev, who, rng, ctx);
    if (rc == 0)
        rc = mk_profile_copy(&sim->scratch, &sim->prev, ctx);
    if (rc != 0)
        return rc;
    size_t count = sim->dev.n + 1;
    for (size_t c = 0; c < count; c++)
        sim->totals[c] = (mk_rational){0, 1};
    int64_t *row = mk_profile_row(&sim->scratch, who);
    for (size_t s = 0; s < sim->history_rounds && rc == 0; s++) {
        memcpy(sim->scratch.cells, sim->history + s * block, block * sizeof(int64_t));
        for (size_t c = 0; c < count && rc == 0; c++) {
            mk_rational u;
            memcpy(row, candidate(sim, who, c), width * sizeof *row);
            rc = sim_trial_utility(sim, who, &u, ctx);
            if (rc == 0 && mk_rational_add(sim->totals[c], u, &sim->totals[c]) != 0)
                rc = mk_error(ctx, MK_ERANGE, "a total utility over %zu rounds overflows",
                              sim->history_rounds);
        }
    }
    if (rc != 0)
        return rc;
    size_t best = 0;
    for (size_t c = 1; c < count; c++)
        if (mk_rational_cmp(sim->totals[c], sim->totals[best]) > 0)
            best = c;
    memcpy(mk_profile_row(&sim->reports, who), candidate(sim, who, best), width * sizeof *row);
    return MK_OK;
}
