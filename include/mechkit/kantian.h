/*
 * mechkit/kantian.h - Kantian play: Hofstadter's superrational choice in
 * symmetric games, and Roemer's Kantian equilibria of effort games.
 *
 * Superrationality (Hofstadter, "Metamagical Themas", Scientific American,
 * 1983): every player of a symmetric game reasons that all will reach the
 * same choice, so each picks the mixed strategy p that maximises
 * u(p, p, ..., p), the payoff when everyone plays p.
 *
 * Kantian equilibrium (Roemer, "Kantian equilibrium", Scandinavian Journal
 * of Economics 112, 2010; "How We Cooperate", 2019): a profile of efforts e
 * such that no player would want every player's effort changed in the same
 * way: multiplicatively (r e for a factor r >= 0) or additively (e + t).
 *
 * Symmetric games may be given compactly (mk_symgame): the payoff of a
 * player depends only on its own strategy and on how many of the others
 * play each strategy, so an n-player game with k strategies needs
 * k * C(n + k - 2, k - 1) numbers instead of n * k^n (Hofstadter's
 * 20-player Platonia dilemma: 42 numbers instead of 20 * 2^20).
 */
#ifndef MECHKIT_KANTIAN_H
#define MECHKIT_KANTIAN_H

#include <stddef.h>

#include "error.h"
#include "game.h"
#include "nash.h"
#include "rational.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players of a symmetric game (the degree of u(p, ..., p)). */
#define MK_SYMGAME_MAX_PLAYERS 64

/**
 * The limits of mk_symgame_superrational's search with three or more
 * players and strategies. What it costs is set by the Bernstein
 * coefficients of u(p, ..., p) on one sub-simplex, C(n + k - 1, k - 1)
 * for n players and k strategies, each updated along the k - 1 directions
 * of a split: their product (the cost) is at most MK_SUPERRATIONAL_MAX_COST
 * (e.g. 63 players and 3 strategies: 2,080 coefficients, cost 4,160; 20 and
 * 4: 5,313; 11 and 5: 5,460; 7 and 6: 3,960; 6 and 7: 5,544; 5 and 8:
 * 5,544), so that a search ends in seconds. Besides, at most
 * MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES strategies (the room of the exact
 * local proof) and MK_SUPERRATIONAL_MAX_MIXED_PLAYERS players.
 */
#define MK_SUPERRATIONAL_MAX_MIXED_PLAYERS 63
#define MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES 8
#define MK_SUPERRATIONAL_MAX_COST 6000

/** Most payoff numbers (strategies times count vectors) of a symmetric game. */
#define MK_SYMGAME_MAX_CELLS ((size_t)1 << 22)

/**
 * A symmetric game: n_players players with the same n_strategies
 * strategies; a player's payoff depends only on its own strategy s and on
 * the counts c = (c_0, ..., c_{k-1}) of the other n - 1 players playing each
 * strategy. The count vectors (sum n - 1) are numbered in lexicographic
 * order of (c_0, c_1, ..., c_{k-2}) (c_{k-1} is the rest), so with two
 * strategies count vector j is "j others play the first strategy". The
 * payoff of s against count vector c is payoff[s * n_counts + c].
 */
typedef struct mk_symgame {
    size_t n_players;      /**< >= 1 */
    size_t n_strategies;   /**< >= 1 */
    size_t n_counts;       /**< C(n_players + n_strategies - 2, n_strategies - 1) */
    char *title;           /**< never NULL */
    char **strategy_names; /**< n_strategies names, never NULL ("" when unnamed) */
    mk_rational *payoff;   /**< n_strategies * n_counts, all 0 at first */
} mk_symgame;

/** A new symmetric game, payoffs 0, strategies unnamed. MK_EINPUT for 0
 *  players or strategies; MK_ELIMIT beyond MK_SYMGAME_MAX_PLAYERS players
 *  or MK_SYMGAME_MAX_CELLS payoffs; MK_ENOMEM. Free with mk_symgame_free. */
int mk_symgame_new(mk_symgame **out, size_t n_players, size_t n_strategies, mk_ctx *ctx);
void mk_symgame_free(mk_symgame *g);

/** The number of count vector counts[0..k) (each >= 0, sum n - 1). */
size_t mk_symgame_count_index(const mk_symgame *g, const size_t *counts);

/** The count vector numbered c (< n_counts) into counts[0..k). */
void mk_symgame_counts(const mk_symgame *g, size_t c, size_t *counts);

/**
 * The compact form of a table game, checking that it is symmetric: every
 * player has the same number of strategies, and each player's payoff at
 * each profile equals what the compact form gives for its own strategy and
 * the others' counts (so the game is invariant under every permutation of
 * the players; strategies are matched by position, named after player 1's).
 * MK_EINPUT with the first violation ("not symmetric: player 2 gets 5 at
 * (C, D) but player 1 gets 0 at (D, C)"), MK_ELIMIT, MK_ENOMEM.
 */
int mk_symgame_from_game(const mk_game *g, mk_symgame **out, mk_ctx *ctx);

/**
 * The table game of a symmetric game (for the solvers that need a table):
 * MK_ELIMIT when it would exceed MK_GAME_MAX_CELLS; MK_ENOMEM.
 */
int mk_symgame_to_game(const mk_symgame *s, mk_game **out, mk_ctx *ctx);

/**
 * Reads the compact JSON form
 *   {"type": "symmetric", "title": "...", "players": n,
 *    "strategies": ["send", "refrain"],
 *    "payoffs": [[...], [...]]}
 * payoffs[s] lists, for own strategy s, the payoff against each count
 * vector in the order of mk_symgame (two strategies: payoffs[s][j] when j
 * of the others play the first strategy, j = 0 .. n - 1). A payoff is a
 * JSON integer or a string holding an integer, a decimal or a fraction
 * ("-3", "0.25", "7/3"), kept exact. "strategies" may be a count instead
 * of names; "title" is optional. Errors name the file and the field
 * ("platonia.json: payoffs[1][3]: not a number"): MK_EINPUT, MK_ERANGE
 * for a payoff beyond an int64 rational, MK_ELIMIT, MK_ENOMEM.
 */
int mk_symgame_read_json(const char *data, size_t len, const char *name, mk_symgame **out,
                         mk_ctx *ctx);

/** 1 when data[0..len) is a JSON object whose "type" is "symmetric". */
int mk_symgame_json_detect(const char *data, size_t len);

/**
 * One superrational strategy: probabilities of the strategies, and the
 * payoff u(p, ..., p) every player gets. When exact, prob and value are
 * reduced fractions ("3/4") and the bounds are equal to them. Otherwise
 * (an irrational optimum of two strategies; with three or more players and
 * strategies, a maximum not proven exactly) the strategy is certified: the
 * true probabilities lie in [prob_lo, prob_hi] and the payoff in
 * [value_lo, value_hi], exact decimals (two strategies: 10^-15 apart for
 * probabilities and 10^-12 for the payoff; more: see
 * mk_symgame_superrational); value is value_lo.
 */
typedef struct mk_superrational_choice {
    int exact;
    char **prob, **prob_lo, **prob_hi; /**< n_strategies strings each */
    char *value, *value_lo, *value_hi;
} mk_superrational_choice;

typedef struct mk_superrational {
    size_t n_strategies;
    size_t n;                        /**< maximisers */
    mk_superrational_choice *choice; /**< n, in decreasing probability of strategy 1 */
    int constant;                    /**< 1 when u(p, ..., p) is the same for every p: every mixed
                                          strategy is superrational; choice lists the pure ones */
} mk_superrational;

#define MK_SUPERRATIONAL_INIT                                                                      \
    {                                                                                              \
        0, 0, NULL, 0                                                                              \
    }

/**
 * Every mixed strategy p maximising u(p, ..., p) over the simplex.
 *
 * Two strategies, any number of players: u(p, ..., p) is a polynomial of
 * degree <= n in x = p_1. Its maximum over [0, 1] is at an end or at a real
 * root of its derivative; those are isolated exactly by Sturm sequences
 * and bisection, rational roots recognised exactly (upoly_internal.h), and
 * the candidates' values compared exactly (rational ones), by equality
 * tests with gcds, or by certified enclosures refined until they separate;
 * two critical points whose enclosures do not separate are tested for
 * exactly equal values (the roots of the characteristic polynomial of
 * multiplication by u modulo u'), and equal maxima are all listed (e.g.
 * r and 1 - r when u(x) = u(1 - x)).
 * Two players, any number k of strategies: u(p, p) = p'Ap is a quadratic;
 * on the relative interior of each face S of the simplex (2^k - 1 faces)
 * its critical points solve (A + A')_S p_S = lambda 1, sum p_S = 1, a
 * linear system solved exactly; the maximum over the simplex is at one of
 * these points (a face whose system is singular has its maximum on a
 * smaller face too, where it is found), so the answer is exact (rational).
 * At most 12 strategies then (4,095 faces).
 * More players and strategies (within MK_SUPERRATIONAL_MAX_COST, at most
 * MK_SUPERRATIONAL_MAX_MIXED_PLAYERS players and
 * MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES strategies): u's
 * Bernstein coefficients on the simplex are the average payoffs of the
 * pure profiles. Every edge (two strategies) is solved exactly as above;
 * then an exact branch and bound on sub-simplices (largest coefficient an
 * upper bound, corners exact values, subdivision by de Casteljau's
 * algorithm, splitting at the edge maximisers found) either proves that no
 * point beats the best known ones, an exact answer listing them all, or
 * narrows the maximisers down. A maximiser inside a face is then made
 * exact when it is rational: the simplest fraction point (denominator up to
 * 1,000) near each group of sub-simplices left is proven a strict local
 * maximiser on a neighbourhood, exactly (Karush-Kuhn-Tucker conditions,
 * and a negative definite Hessian over the neighbourhood by Bernstein
 * bounds), and the branch and bound goes on against its value outside the
 * neighbourhoods; proven, every maximiser is listed exactly, e.g. the
 * centre (1/3, 1/3, 1/3) of a 3-strategy anti-coordination game.
 * Otherwise (an irrational optimum, a continuum of maximisers, a point
 * where the local proof fails) the search stops when the upper bound is
 * within 10^-9 max(1, largest |payoff|) of the best value found: then one
 * certified choice (exact = 0) whose
 * value_lo/value_hi enclose the maximum (12 decimals, rounded outwards),
 * whose prob_lo/prob_hi give a box holding every maximiser (15 decimals)
 * and whose prob is a point paying at least value_lo (rounded down to 15
 * decimals). A whole continuum of maximisers is reported in this way.
 * Every result is checked before it is returned: exact payoffs are
 * recomputed from the table directly, and no choice may pay less than
 * everyone playing a pure strategy (MK_EINTERNAL otherwise).
 *
 * Cost: a split of a sub-simplex updates C(n + k - 1, k - 1) coefficients
 * along k - 1 directions; the search makes at most 20,000 splits, fewer
 * when that product exceeds 1,365 (27.3 million coefficient updates in
 * all, e.g. about 4,500 splits at the largest cost admitted). Measured
 * (Release, one core): centres of anti-coordination games, 3 players x 5
 * strategies 0.09 s, 3 x 6 0.7 s, 7 x 6 4.6 s, 20 x 3 0.03 s, 63 x 3 0.9 s,
 * 11 x 5 0.4 s; an interior optimum with 7 or 8 strategies (dimension 6
 * or 7) generally exhausts the splits (MK_ELIMIT after 2 to 4 s), while
 * optima at vertices or on edges are found in milliseconds.
 *
 * Errors: MK_ELIMIT for more than 12 strategies of a two-player game, more
 * than the limits above with three or more of both (the message names the
 * coefficients and the cost), when the branch and bound runs out of
 * subdivisions, or when two irrational
 * candidates of a two-strategy game cannot be told apart after 400
 * bisections; MK_ENOMEM. out is overwritten on success (free with
 * mk_superrational_free).
 */
int mk_symgame_superrational(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx);

void mk_superrational_free(mk_superrational *s);

/** Roemer's variants of Kantian equilibrium. */
typedef enum mk_kantian_kind {
    MK_KANTIAN_MULTIPLICATIVE, /**< no player wants r e for any factor r >= 0 */
    MK_KANTIAN_ADDITIVE        /**< no player wants e + t for any shift t */
} mk_kantian_kind;

/**
 * Every pure Kantian equilibrium of a game whose strategies are effort
 * levels. The levels are levels[first_i + s] for strategy s of player i
 * (first_i = the strategies of the players before i), exact; with levels
 * NULL each strategy's name is its level, a number ("0", "0.5", "3/2": an
 * integer, decimal or fraction). A player's levels must differ. A profile
 * e is a multiplicative Kantian equilibrium when for every player i and
 * every factor r >= 0 such that r * e_j is a level of player j for every
 * j, u_i(r e) <= u_i(e); additive when the same holds for every t (of any
 * sign) with e_j + t a level of every j. Only the finitely many factors
 * r = level / e_j and shifts t = level - e_j can map e onto the grid, and
 * all of them are checked exactly. The profile of zero efforts is
 * multiplicatively Kantian whenever it is a profile (r 0 = 0), as in
 * Roemer's continuous model; on a finite grid a profile that no change
 * keeps on the grid is Kantian too.
 * out receives the profile indices in increasing order (free with
 * mk_pure_equilibria_free). Errors: MK_EINPUT when a strategy has no name
 * or its name is not a number ("player 2, strategy 3 \"high\" is not a
 * number (an effort level)"), or two levels of a player are equal;
 * MK_ERANGE; MK_ENOMEM. Cost: O(profiles * players * levels * players).
 */
int mk_game_solve_kantian(const mk_game *g, mk_kantian_kind kind, const mk_rational *levels,
                          mk_pure_equilibria *out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
