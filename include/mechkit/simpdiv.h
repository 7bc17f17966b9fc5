/*
 * mechkit/simpdiv.h - one Nash equilibrium of an n-player normal-form game
 * (mechkit/game.h) by simplicial subdivision with restarts, made exact
 * where the support equations allow it.
 *
 * The path: the variable dimension algorithm of van der Laan and Talman
 * (1979) on the product of the players' simplices (van der Laan, Talman
 * and van der Heyden 1987). From a start profile v (the centroid), every
 * player j's simplex is cut into cones A(T_j): the points
 * x_j = v_j + sum over h in T_j of l_h (w_j - e_h), l >= 0, w_j the
 * centroid of j's simplex, T_j a proper subset of j's strategies (the
 * strategies whose probability went down).
 * Each cone is triangulated by Freudenthal's triangulation of grid 1/d in
 * the l coordinates. A grid point x gets the integer label (j, h): among
 * the strategies with x_jh > 0, the one whose shortfall (the best pure
 * payoff of j minus the payoff of h, against x) is largest over all
 * players (ties: lowest j, then lowest h). A label (j, h) thus says
 * "lower x_jh". The path starts at v and follows simplices that carry
 * every label of T; a new label enlarges T (one dimension up), a
 * repeated one pivots its twin out, leaving a cone through its face
 * l_h = 0 drops h from T. Since no point with x_jh = 0 carries (j, h), the
 * path stays within one grid step of the simplices and ends when one
 * player's labels cover all its strategies: at that simplex, every used
 * strategy of every player falls short of the best by O(1/d).
 *
 * Restarts: the best vertex of the final simplex (smallest regret),
 * usually on a face of the simplices, starts a new path on a grid twice
 * as fine (the directions w_j - e_h keep the step about 1/d in x
 * wherever v lies), until the maximal regret is at most tolerance times
 * the payoff range (or the grid reaches 2^40). After each path, Newton's
 * method on the indifference equations of the guessed support polishes
 * the approximation (least-norm steps, so that a continuum of equilibria
 * on the support is no obstacle), and an exact answer is tried (below);
 * either ends the restarts. Floating point is used along
 * the path only. A path may be long: when MK_SIMPDIV_MAX_PIVOTS run out
 * after a first path, the last approximation is reported with
 * converged 0 and its exact regret (not seen on the seeded random games
 * of the tests and bench/games_simpdiv, nor on a stress set of 696
 * random games up to 15x15 and 6x6x6; possible on larger ones).
 *
 * Exactness: the support (probabilities above 1e-6) of the approximation
 * gives the conditions. For 2 players, two exact feasibility LPs find
 * each player's probabilities on the guessed support that make the
 * other's support strategies best replies (supports above 1e-6, then
 * above the grid's step); for any number
 * of players the probabilities are also tried as the simplest fractions
 * within 1e-9. A candidate counts as exact only when mk_game_regret
 * (mechkit/regret.h) finds every regret exactly 0. Otherwise the
 * approximation is reported as decimals (12 digits) with its exactly
 * computed maximal regret.
 */
#ifndef MECHKIT_SIMPDIV_H
#define MECHKIT_SIMPDIV_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most pure profiles simpdiv accepts (each pivot evaluates every
 *  profile once per player). */
#define MK_SIMPDIV_MAX_PROFILES ((size_t)1 << 20)
/** Most pivots over all restarts before giving up (MK_ELIMIT). */
#define MK_SIMPDIV_MAX_PIVOTS 5000000
/** Default tolerance: maximal regret at most 1e-10 times the payoff
 *  range. */
#define MK_SIMPDIV_TOLERANCE 1e-10

typedef struct mk_simpdiv {
    size_t n_players;
    size_t width;        /**< sum of n_strategies */
    char **strategies;   /**< width probabilities, player after player */
    char **payoffs;      /**< n_players expected payoffs */
    char *max_regret;    /**< the largest regret, exact ("0" when exact) */
    int exact;           /**< 1 when the profile is an exact equilibrium */
    size_t refinements;  /**< restarts (paths) run */
    uint64_t grid;       /**< d of the last grid (step 1/d) */
    uint64_t pivots;     /**< pivots over all paths */
    double float_regret; /**< the maximal regret of the last path's
                              approximation, in floating point */
    int converged;       /**< 1 when float_regret reached the tolerance (or
                              the answer is exact); 0 when the pivot budget
                              or the finest grid ran out first */
} mk_simpdiv;

/* clang-format off */
#define MK_SIMPDIV_INIT {0, 0, NULL, NULL, NULL, 0, 0, 0, 0, 0.0, 0}
/* clang-format on */

/**
 * One equilibrium of g (see above), from the centroid, with tolerance
 * tol (> 0; MK_SIMPDIV_TOLERANCE when 0). out is written only on success;
 * free it with mk_simpdiv_free. Same game, same output.
 * Errors: MK_EINPUT for a game of one player; MK_ELIMIT for more than
 * MK_SIMPDIV_MAX_PROFILES profiles, or MK_SIMPDIV_MAX_PIVOTS pivots
 * within the first path;
 * MK_ENOMEM.
 */
int mk_game_solve_simpdiv(const mk_game *g, double tol, mk_simpdiv *out, mk_ctx *ctx);

/** Frees what s owns and resets it. NULL is a no-op. */
void mk_simpdiv_free(mk_simpdiv *s);

#ifdef __cplusplus
}
#endif
#endif
