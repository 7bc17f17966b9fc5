/*
 * enumpoly_system.h - the polynomial system of one support profile
 * (mechkit/enumpoly.h) and its interval evaluation, shared by the parts
 * of enumpoly (enumpoly_box.c evaluates and certifies, enumpoly.c
 * enumerates supports and collects the equilibria). Private.
 *
 * Variables: for each player j, the probabilities of the strategies of
 * the support S_j but its first, s0_j, whose probability is 1 minus their
 * sum. Equations: for each player i and s in S_i other than s0_i,
 * u_i(s, x_-i) - u_i(s0_i, x_-i) = 0: one per variable, equation e
 * being that of variable e's strategy (var[e], player var_player[e]).
 */
#ifndef MECHKIT_GAMES_ENUMPOLY_SYSTEM_H
#define MECHKIT_GAMES_ENUMPOLY_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

#include "interval.h"
#include "mechkit/game.h"

typedef struct enumpoly_system {
    const mk_game *g;
    size_t n;          /* players */
    size_t *first;     /* n + 1 offsets of each player's strategies in flat arrays */
    uint64_t *support; /* n bit masks */
    size_t *s0;        /* n: the first strategy of each support */
    size_t *list;      /* the support of player j at list[first[j] .. + size[j]) */
    size_t *size;      /* n support sizes */
    size_t d;          /* variables = equations */
    size_t *var;       /* d flat strategy indices (first[j] + r) of the variables */
    size_t *var_player;
    long *var_of; /* flat strategy -> variable, or -1 */
    ival *payoff; /* n_profiles * n enclosures of the payoffs */
    ival *x;      /* width: the probabilities over the current box */
    size_t *odo;  /* n: odometer over support profiles */
} enumpoly_system;

/* Allocates sy for g (supports to be set with enumpoly_set_support).
 * MK_ENOMEM. */
int enumpoly_system_init(enumpoly_system *sy, const mk_game *g, mk_ctx *ctx);
void enumpoly_system_free(enumpoly_system *sy);

/* Sets the support masks (n) and the variables and equations. */
void enumpoly_set_support(enumpoly_system *sy, const uint64_t *masks);

/* Loads box (d intervals) into sy->x: variables as given, s0 probabilities
 * as 1 minus the others, other strategies 0. Returns 0 when every
 * probability can lie in [0, 1], -1 when one surely cannot (sy->x is
 * loaded either way). */
int enumpoly_load(enumpoly_system *sy, const ival *box);

/* Over the loaded box: u_i(s, x_-i) - u_i(s0_i, x_-i) for player i and
 * strategy s (any of i's strategies). When var is a variable index (not
 * (size_t)-1), its partial derivative instead. */
ival enumpoly_gain(enumpoly_system *sy, size_t i, size_t s, size_t var);

/* The range of enumpoly_gain(sy, i, s, var) over box, exactly up to
 * outward rounding: the gain is multilinear (of degree at most 1 in each
 * variable, each variable appearing in one player's factor only), so its
 * extremes over a box are at vertices, and the hull of its values at the
 * vertices of the other players' variables is its range. Leaves sy->x
 * loaded with a vertex. Cost: 2^(variables of the other players) point
 * evaluations. */
ival enumpoly_gain_range(enumpoly_system *sy, const ival *box, size_t i, size_t s, size_t var);

/* Over the loaded box: u_i(s0_i, x_-i), player i's payoff when the
 * equations hold. */
ival enumpoly_payoff(enumpoly_system *sy, size_t i);

#endif
