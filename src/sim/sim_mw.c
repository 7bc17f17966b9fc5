/* mw agents: Hedge over a grid of shading factors (Freund and Schapire
 * 1997, "A decision-theoretic generalization of on-line learning and an
 * application to boosting", JCSS 55(1): weights exp(eta * cumulative
 * payoff), full information). */
#include <math.h>
#include <string.h>

#include "sim_internal.h"

void sim_mw_distribution(const mk_sim *sim, size_t who, double *out)
{
    size_t g = sim->opts.grid;
    const double *score = sim->score + who * g;
    double top = score[0], sum = 0;
    for (size_t k = 1; k < g; k++)
        if (score[k] > top)
            top = score[k];
    /* Subtracting the largest score keeps every exponent <= 0, so nothing
     * overflows and the best factor's weight is exactly 1. */
    for (size_t k = 0; k < g; k++) {
        out[k] = exp(sim->opts.learning_rate * (score[k] - top));
        sum += out[k];
    }
    for (size_t k = 0; k < g; k++)
        out[k] /= sum;
}

size_t sim_mw_draw(mk_sim *sim, size_t who, mk_rng *rng)
{
    size_t g = sim->opts.grid;
    sim_mw_distribution(sim, who, sim->prob);
    double x = mk_rng_uniform(rng), acc = 0;
    for (size_t k = 0; k < g; k++) {
        acc += sim->prob[k];
        if (x < acc)
            return k + 1;
    }
    /* Rounding left the sum a little below 1 and x above it. */
    for (size_t k = g; k > 0; k--)
        if (sim->prob[k - 1] > 0)
            return k;
    return g;
}

int sim_mw_update(mk_sim *sim, size_t who, mk_ctx *ctx)
{
    size_t g = sim->opts.grid, width = sim->reports.width;
    int64_t *row = mk_profile_row(&sim->scratch, who);
    double *score = sim->score + who * g;
    for (size_t k = 1; k <= g; k++) {
        mk_rational u;
        int rc =
            sim->mech->shade(sim->inst, mk_profile_row(&sim->truth, who), width, k, g, row, ctx);
        if (rc == 0)
            rc = sim_trial_utility(sim, who, &u, ctx);
        if (rc != 0)
            return mk_error_prefix(ctx, "factor %zu/%zu", k, g);
        score[k - 1] += (double)u.num / (double)u.den;
    }
    memcpy(row, mk_profile_row(&sim->reports, who), width * sizeof *row);
    return MK_OK;
}
