/* sim_internal.h - the state of a simulation, shared by the files of sim/. */
#ifndef MECHKIT_SIM_INTERNAL_H
#define MECHKIT_SIM_INTERNAL_H

#include "mechkit/money.h"
#include "mechkit/rng.h"
#include "mechkit/sim.h"

struct mk_sim {
    const mk_mechanism *mech;
    mk_instance *inst;
    mk_sim_options opts;
    size_t n;
    mk_sim_kind *kinds;
    uint64_t next_round;

    mk_profile types;   /* this round's types */
    mk_profile truth;   /* their truthful reports */
    mk_profile reports; /* what the agents report */
    mk_profile prev;    /* last round's reports (prev.n == 0 in round 0) */
    mk_profile scratch; /* reports with one row replaced */
    mk_profile view;    /* others' reports, own type: given to deviations() */
    mk_outcome outcome;
    mk_outcome trial;
    mk_deviation_set dev; /* rows owned */

    mk_rational *utility; /* n */
    mk_rational *regret;  /* n */
    mk_rational *trial_u; /* n: utilities under trial, for welfare */
    size_t *factor;       /* n */
    double *score;        /* n * grid: mw cumulative utility per factor, money units */
    double *prob;         /* grid: scratch */

    int64_t *history; /* history_rounds earlier report profiles (fictitious) */
    size_t history_rounds, history_capacity, history_width;
    mk_rational *totals; /* max_deviations + 1: fictitious sums per candidate */

    mk_sim_round last;
    int played;
};

/* The mw agent who's distribution over factors 1..grid into out (grid
 * doubles): exp(eta (S_k - max S)), normalised (sim_mw.c). */
void sim_mw_distribution(const mk_sim *sim, size_t who, double *out);

/* Draws an mw agent's factor k (1..grid) from its distribution. */
size_t sim_mw_draw(mk_sim *sim, size_t who, mk_rng *rng);

/* Adds to who's scores the utility each factor would have earned with the
 * others' reports of this round (full information). */
int sim_mw_update(mk_sim *sim, size_t who, mk_ctx *ctx);

/* Runs the mechanism on sim->scratch (who's row replaced) into
 * sim->trial and writes who's utility for its type into *u. */
int sim_trial_utility(mk_sim *sim, size_t who, mk_rational *u, mk_ctx *ctx);

/* Candidate reports of who into sim->dev: deviations() with the others'
 * rows set to `others` and who's row to its type (sim_round.c). */
int sim_candidates(mk_sim *sim, const mk_profile *others, size_t who, mk_rng *rng, mk_ctx *ctx);

/* Appends this round's reports to the history when a fictitious agent
 * plays (sim_history.c). */
int sim_history_append(mk_sim *sim, mk_ctx *ctx);

/* A fictitious agent's report: its best response to the history, written
 * into sim->reports (truthful without history). */
int sim_fictitious(mk_sim *sim, size_t who, mk_rng *rng, mk_ctx *ctx);

/* Plays one round (sim_round.c). */
int sim_play_round(mk_sim *sim, mk_ctx *ctx);

#endif
