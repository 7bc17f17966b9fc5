/*
 * mechkit/metagame.h - the decision-procedure game: which way of deciding
 * (Nash best responding, Kantian superrationality, or a fixed strategy)
 * should players adopt, and how would a population of them evolve?
 *
 * Given a symmetric two-player base game, the metagame is the symmetric
 * two-player game whose strategies are decision procedures; the payoff of
 * procedure a against procedure b is what a's player gets in the base game
 * when both play as their procedures say:
 *
 *  - a fixed strategy s plays s, whatever the other does;
 *  - Kantian plays the superrational strategy p* (the mixed strategy
 *    maximising u(p, p), mechkit/kantian.h; the first listed when several
 *    maximise), whatever the other does: it assumes, as Hofstadter's
 *    superrational player does, that everyone reasons alike;
 *  - Nash against a procedure that does not depend on it (Kantian or
 *    fixed, playing y) plays a best reply to y: a Nash equilibrium of the
 *    game induced by fixing the other's strategy. Among several pure best
 *    replies it plays the first (lowest numbered);
 *  - Nash against Nash: both play a symmetric Nash equilibrium (x, x) of
 *    the base game, the one with the highest payoff among the symmetric
 *    extreme equilibria that vertex enumeration finds (mechkit/mixed.h;
 *    ties to the first found). A base game without a symmetric extreme
 *    equilibrium is refused (MK_EINPUT).
 *
 * All payoffs are exact. The metagame is an mk_game, so every solver
 * applies to it; mk_game_replicator runs replicator dynamics on it.
 */
#ifndef MECHKIT_METAGAME_H
#define MECHKIT_METAGAME_H

#include <stddef.h>

#include "error.h"
#include "game.h"
#include "kantian.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mk_procedure_kind {
    MK_PROCEDURE_NASH,
    MK_PROCEDURE_KANTIAN,
    MK_PROCEDURE_FIXED
} mk_procedure_kind;

typedef struct mk_procedure {
    mk_procedure_kind kind;
    size_t strategy; /**< MK_PROCEDURE_FIXED: the base game's strategy */
} mk_procedure;

/** Most procedures of a metagame. */
#define MK_METAGAME_MAX_PROCEDURES 32

/**
 * A metagame: game is the two-player symmetric table game between the
 * procedures (strategy names "nash", "kantian" or the fixed strategy's
 * name); play[(a * n + b) * k + s] is the probability (exact string) that
 * a's player plays base strategy s when procedure a meets procedure b
 * (k = the base game's strategies).
 */
typedef struct mk_metagame {
    size_t n, k;
    mk_procedure *procedure;
    mk_game *game;
    char **play;
} mk_metagame;

#define MK_METAGAME_INIT                                                                           \
    {                                                                                              \
        0, 0, NULL, NULL, NULL                                                                     \
    }

/**
 * Builds the metagame of the symmetric two-player base game among the n
 * procedures (1 <= n <= MK_METAGAME_MAX_PROCEDURES). Errors: MK_EINPUT when
 * base has not two players, a fixed strategy is out of range, a procedure
 * repeats, or Nash-against-Nash has no symmetric extreme equilibrium;
 * MK_ERANGE when a payoff does not fit an int64 rational; MK_ELIMIT from
 * the solvers; MK_ENOMEM. out is overwritten on success.
 */
int mk_metagame_build(const mk_symgame *base, const mk_procedure *procedures, size_t n,
                      mk_metagame *out, mk_ctx *ctx);

void mk_metagame_free(mk_metagame *m);

/** Shares of a population are integers out of this many units, so that
 *  every step is exact integer arithmetic and prints as an exact decimal
 *  with 12 places. */
#define MK_REPLICATOR_UNITS 1000000000000LL

/**
 * A trajectory of discrete-time replicator dynamics (Taylor and Jonker,
 * "Evolutionarily stable strategies and game dynamics", Math. Biosciences
 * 40, 1978; Hofbauer and Sigmund, "Evolutionary Games and Population
 * Dynamics", 1998, on its discrete-time form): a population whose
 * members play the strategies of a symmetric two-player game g in shares
 * x. Each step every share grows in proportion to its fitness,
 *     x_a' = x_a w_a / sum_b x_b w_b,  w_a = sum_b x_b (u(a, b) - m + 1),
 * u player 1's payoff and m the least payoff of the game (fitness is
 * payoff shifted so that the least is 1: always positive). Shares are
 * kept in units of 1/MK_REPLICATOR_UNITS: each new share is rounded down
 * and the units left over go one each to the largest remainders (ties to
 * the lower strategy), so the shares always sum to 1, exactly and
 * identically on every machine. The run stops after steps steps or at a
 * rest point of this map (no share changes).
 */
typedef struct mk_replicator_path {
    size_t k;       /**< strategies */
    size_t n;       /**< recorded mixes (the first is the start) */
    size_t *step;   /**< n step numbers */
    long long *mix; /**< n * k shares, in units */
    size_t steps;   /**< steps taken */
    int rest;       /**< 1 when the run stopped at a rest point */
} mk_replicator_path;

#define MK_REPLICATOR_PATH_INIT                                                                    \
    {                                                                                              \
        0, 0, NULL, NULL, 0, 0                                                                     \
    }

/**
 * Runs the dynamics from start (k exact shares, each >= 0, summing to 1;
 * converted to units by the same largest-remainder rule) for at most steps
 * steps, recording the start, every every-th step (every >= 1) and the
 * last. Errors: MK_EINPUT when g is not a symmetric two-player game (player
 * 2's payoffs the transpose of player 1's) or the shares do not sum to 1
 * or are negative; MK_ENOMEM. out is overwritten on success (free with
 * mk_replicator_path_free). Cost: O(k^2) big-integer products a step.
 */
int mk_game_replicator(const mk_game *g, const mk_rational *start, size_t steps, size_t every,
                       mk_replicator_path *out, mk_ctx *ctx);

void mk_replicator_path_free(mk_replicator_path *p);

#ifdef __cplusplus
}
#endif
#endif
