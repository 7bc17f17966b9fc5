/*
 * simpdiv_internal.h - what the path (simpdiv.c) hands to the exact
 * rounding (simpdiv_exact.c) of mechkit/simpdiv.h.
 */
#ifndef MECHKIT_SIMPDIV_INTERNAL_H
#define MECHKIT_SIMPDIV_INTERNAL_H

#include "mechkit/simpdiv.h"

/* Makes x (width probabilities, each player's summing to 1 in floating
 * point) into out's strategies, payoffs, max_regret and exact: an exact
 * equilibrium on x's support (probabilities above 1e-6, and for 2 players
 * also above noise, the grid's step) when one is found and checked, else (unless
 * exact_only, which then leaves out->exact 0 and nothing else written)
 * x as decimals with its exact maximal regret. */
int simpdiv_round(const mk_game *g, const double *x, double noise, int exact_only, mk_simpdiv *out,
                  mk_ctx *ctx);

#endif
