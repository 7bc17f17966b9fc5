/*
 * sim_plot.h - the trajectories of `mechkit sim --plot FILE`: per round,
 * revenue and welfare, each kind's mean regret and, when there are mw
 * agents, their mean shading factor, drawn with cairo as SVG (FILE ends in
 * .svg) or PNG (.png). The numbers are doubles: a picture, not a record
 * (the exact values are in the JSON lines).
 */
#ifndef MECHKIT_CLI_SIM_PLOT_H
#define MECHKIT_CLI_SIM_PLOT_H

#include <stddef.h>

#include "mechkit/sim.h"

typedef struct sim_plot sim_plot;

/* A plot for `rounds` rounds; MK_EPARAM when path ends in neither .svg nor
 * .png (checked before any round is played), MK_ENOMEM. */
int sim_plot_new(sim_plot **out, const char *path, size_t rounds, mk_ctx *ctx);

/* Records round r (rounds are added in order). */
void sim_plot_add(sim_plot *p, const mk_sim_round *r);

/* Draws the plot into its file (written whole or not at all); MK_EIO. */
int sim_plot_write(const sim_plot *p, const char *mechanism, mk_ctx *ctx);

void sim_plot_free(sim_plot *p);

#endif
