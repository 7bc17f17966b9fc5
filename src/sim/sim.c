/* A simulation's life cycle: checks, preparation, the view of the last
 * round, and the mw agents' probabilities. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static int check_options(const mk_sim_options *o, mk_ctx *ctx)
{
    if (o == NULL || o->version != MK_SIM_OPTIONS_VERSION)
        return mk_error(ctx, MK_EPARAM, "simulation options of an unknown version");
    if (o->grid < 1 || o->grid > MK_SIM_GRID_MAX)
        return mk_error(ctx, MK_EPARAM, "the mw grid must have 1 to %d factors, not %zu",
                        MK_SIM_GRID_MAX, o->grid);
    if (!(o->learning_rate > 0) || !isfinite(o->learning_rate))
        return mk_error(ctx, MK_EPARAM, "the learning rate must be a finite number > 0");
    if (o->max_deviations < 1 || o->max_deviations > 65536)
        return mk_error(ctx, MK_EPARAM, "max_deviations must be from 1 to 65536, not %zu",
                        o->max_deviations);
    return MK_OK;
}

/* Can mech host these agents? */
static int check_mechanism(const mk_mechanism *m, const mk_sim_kind *kinds, size_t n, mk_ctx *ctx)
{
    if (m->sample == NULL || m->truthful == NULL || m->utility == NULL)
        return mk_error(ctx, MK_EPARAM,
                        "%s cannot be simulated: it defines no types (sample, truthful and "
                        "utility are needed)",
                        m->name);
    if (n < 1 || n > MK_SIM_AGENTS_MAX)
        return mk_error(ctx, MK_EPARAM, "a simulation needs 1 to %d agents, not %zu",
                        MK_SIM_AGENTS_MAX, n);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned)kinds[i] >= MK_SIM_KINDS)
            return mk_error(ctx, MK_EPARAM, "agent %zu has an unknown kind", i + 1);
        if ((kinds[i] == MK_SIM_BEST_RESPONSE || kinds[i] == MK_SIM_ADVERSARIAL ||
             kinds[i] == MK_SIM_FICTITIOUS) &&
            m->deviations == NULL)
            return mk_error(ctx, MK_EPARAM,
                            "%s proposes no candidate reports (deviations), which %s agents "
                            "choose from",
                            m->name, mk_sim_kind_name(kinds[i]));
        if (kinds[i] == MK_SIM_MW && m->shade == NULL)
            return mk_error(ctx, MK_EPARAM,
                            "mw agents shade their reports, and %s defines no shading (shade)",
                            m->name);
    }
    return MK_OK;
}

static int allocate(mk_sim *s, mk_ctx *ctx)
{
    size_t cells;
    if (mk_checked_size_mul(s->n, s->opts.grid, &cells) != 0)
        return mk_error(ctx, MK_ERANGE, "%zu agents with a grid of %zu are too many", s->n,
                        s->opts.grid);
    s->kinds = malloc(s->n * sizeof *s->kinds);
    s->utility = calloc(s->n, sizeof *s->utility);
    s->regret = calloc(s->n, sizeof *s->regret);
    s->trial_u = calloc(s->n, sizeof *s->trial_u);
    s->factor = calloc(s->n, sizeof *s->factor);
    s->score = calloc(cells, sizeof *s->score);
    s->prob = calloc(s->opts.grid, sizeof *s->prob);
    if (s->kinds == NULL || s->utility == NULL || s->regret == NULL || s->trial_u == NULL ||
        s->factor == NULL || s->score == NULL || s->prob == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu agents", s->n);
    return MK_OK;
}

int mk_sim_new(mk_sim **out, const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
               const mk_sim_kind *kinds, size_t n, const mk_sim_options *opts, mk_ctx *ctx)
{
    if (out == NULL || mech == NULL || params == NULL || setting == NULL || kinds == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_sim_new: NULL argument");
    int rc = check_options(opts, ctx);
    if (rc == 0)
        rc = check_mechanism(mech, kinds, n, ctx);
    if (rc != 0)
        return rc;
    mk_sim *s = calloc(1, sizeof *s);
    if (s == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a simulation");
    s->mech = mech;
    s->opts = *opts;
    s->n = n;
    s->types = s->truth = s->reports = s->prev = s->scratch = s->view = (mk_profile)MK_PROFILE_INIT;
    s->outcome = s->trial = (mk_outcome)MK_OUTCOME_INIT;
    rc = allocate(s, ctx);
    if (rc == 0) {
        memcpy(s->kinds, kinds, n * sizeof *kinds);
        mk_setting sized = *setting;
        sized.n = n;
        rc = mk_mechanism_prepare(mech, params, &sized, &s->inst, ctx);
    }
    if (rc != 0) {
        mk_sim_free(s);
        return rc;
    }
    *out = s;
    return MK_OK;
}

int mk_sim_step(mk_sim *sim, mk_ctx *ctx)
{
    if (sim == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_sim_step: NULL simulation");
    return sim_play_round(sim, ctx);
}

const mk_sim_round *mk_sim_last(const mk_sim *sim)
{
    return sim != NULL && sim->played ? &sim->last : NULL;
}

const mk_instance *mk_sim_instance(const mk_sim *sim)
{
    return sim != NULL ? sim->inst : NULL;
}

int mk_sim_mw_probabilities(const mk_sim *sim, size_t who, double *out, mk_ctx *ctx)
{
    if (sim == NULL || out == NULL || who >= sim->n || sim->kinds[who] != MK_SIM_MW)
        return mk_error(ctx, MK_EPARAM, "agent %zu is not an mw agent", who + 1);
    sim_mw_distribution(sim, who, out);
    return MK_OK;
}

void mk_sim_free(mk_sim *sim)
{
    if (sim == NULL)
        return;
    if (sim->inst != NULL)
        sim->mech->free(sim->inst);
    mk_profile_free(&sim->types);
    mk_profile_free(&sim->truth);
    mk_profile_free(&sim->reports);
    mk_profile_free(&sim->prev);
    mk_profile_free(&sim->scratch);
    mk_profile_free(&sim->view);
    mk_outcome_free(&sim->outcome);
    mk_outcome_free(&sim->trial);
    free(sim->dev.rows);
    free(sim->history);
    free(sim->totals);
    free(sim->kinds);
    free(sim->utility);
    free(sim->regret);
    free(sim->trial_u);
    free(sim->factor);
    free(sim->score);
    free(sim->prob);
    free(sim);
}
