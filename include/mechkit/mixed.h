/*
 * mechkit/mixed.h - mixed Nash equilibria of two-player games, exact.
 *
 * Two solvers for bimatrix games (mechkit/game.h with two players):
 *
 *  - Lemke-Howson (mk_game_solve_lcp): some equilibria, quickly; one path
 *    from the artificial equilibrium for each of the m + n starting labels.
 *  - Vertex enumeration (mk_game_solve_enummixed): every extreme
 *    equilibrium, and the maximal Nash subsets ("cliques") that describe
 *    every equilibrium component of a degenerate game.
 *
 * Both are exact (GMP inside; no GMP in this header): probabilities and
 * payoffs come back as exact decimal fraction strings ("2/3", "0", "1").
 * Every equilibrium is verified exactly against the game's own payoffs
 * (no pure strategy of either player pays more than the equilibrium
 * payoff, and only best replies have positive probability) before it is
 * added to the result; a failed check is MK_EINTERNAL, never an output.
 *
 * Payoffs may be any rationals, negative included: each player's payoffs
 * are scaled to integers and shifted to be >= 1 internally, a positive
 * affine change that leaves the equilibria unchanged (von Stengel 2002,
 * section 2, assumes A, B > 0 so that the best-response polytopes are
 * bounded). Reported payoffs are those of the original game.
 */
#ifndef MECHKIT_MIXED_H
#define MECHKIT_MIXED_H

#include <stddef.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most (lexicographically feasible) bases mk_game_solve_enummixed
 *  visits in one best-response polytope; above it the game is refused with
 *  MK_ELIMIT. A nondegenerate polytope has one basis per vertex: random
 *  15x15 games have tens of thousands, 18x18 a few hundred thousand, 20x20
 *  more than the limit. The search keeps about 400 bytes per basis on its
 *  path, so the limit also bounds memory (about 400 MB). */
#define MK_ENUMMIXED_MAX_BASES ((size_t)1000000)

/** Most strategies of both players together for enummixed (labels are
 *  kept in 64-bit masks). */
#define MK_ENUMMIXED_MAX_LABELS 64

/** Most pivots one Lemke-Howson path may take before mk_game_solve_lcp
 *  gives up with MK_ELIMIT. Lexicographic pivoting never cycles, so this
 *  only bounds the (worst case exponential, Savani and von Stengel 2006)
 *  length of a path. */
#define MK_LCP_MAX_PIVOTS ((size_t)10000000)

/**
 * Equilibria of a two-player game with m and n strategies. Equilibrium e
 * gives player 1's probabilities in prob[e * (m + n) + 0 .. m - 1] and
 * player 2's in prob[e * (m + n) + m .. m + n - 1], in the file's strategy
 * order; payoff[2 * e + p] is player p's expected payoff. All strings are
 * reduced fractions ("1/3", "-7/2", "0") owned by the result.
 *
 * For enummixed, vertex[2 * e + p] numbers player p's strategy in e among
 * the distinct extreme strategies of that player (equal numbers, equal
 * strategies), and the cliques are the maximal Nash subsets: clique c is
 * the equilibria clique_member[clique_start[c] .. clique_start[c + 1] - 1]
 * (increasing indices), the product of a set of player 1's extreme
 * strategies and a set of player 2's, every pair an equilibrium, maximal
 * (Avis, Rosenberg, Savani and von Stengel 2010, section 4). The convex
 * hulls of the cliques' strategy sets cover every Nash equilibrium. For
 * lcp, vertex and the clique arrays are NULL and n_cliques 0.
 */
typedef struct mk_mixed_equilibria {
    size_t n;       /**< equilibria */
    size_t width;   /**< m + n */
    char **prob;    /**< n * width probabilities */
    char **payoff;  /**< n * 2 payoffs */
    size_t *vertex; /**< n * 2 extreme-strategy numbers (enummixed) or NULL */
    size_t n_cliques;
    size_t *clique_start;  /**< n_cliques + 1 offsets, or NULL */
    size_t *clique_member; /**< clique_start[n_cliques] indices, or NULL */
    size_t cap;            /**< allocated equilibria (internal) */
} mk_mixed_equilibria;

#define MK_MIXED_EQUILIBRIA_INIT                                                                   \
    {                                                                                              \
        0, 0, NULL, NULL, NULL, 0, NULL, NULL, 0                                                   \
    }

/**
 * Lemke-Howson from each starting label 1, ..., m + n (von Stengel,
 * "Computing equilibria for two-person games", Handbook of Game Theory
 * vol. 3, 2002, ch. 45, section 2), on integer tableaux with fraction-free
 * pivoting (Edmonds 1967; as in Avis's lrs) and the lexicographic
 * minimum-ratio test (von Stengel 2002, degenerate games), so degenerate games
 * never cycle. Each path ends at an equilibrium; the distinct ones are
 * returned in the order first found (label 1 first).
 *
 * out is overwritten on success (free with mk_mixed_equilibria_free) and
 * untouched on failure. Errors: MK_EINPUT when g has not two players;
 * MK_ELIMIT when a path exceeds MK_LCP_MAX_PIVOTS; MK_ENOMEM;
 * MK_EINTERNAL when a result fails the exact check (a bug).
 * Cost: per path, pivots of O((m + n) * max(m, n)) big-integer products.
 */
int mk_game_solve_lcp(const mk_game *g, mk_mixed_equilibria *out, mk_ctx *ctx);

/**
 * Every extreme Nash equilibrium of a two-player game, and its maximal
 * Nash subsets, by enumerating the vertices of the best-response
 * polytopes P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1} and keeping
 * the completely labelled pairs (von Stengel 2002, section 4; Avis et al.
 * 2010). Vertices are found by a depth-first search over the
 * lexicographically feasible bases of each polytope (exact fraction-free
 * pivots in 128-bit integers, GMP while they would overflow), which
 * reaches every vertex, degenerate ones included, so degenerate games are
 * handled completely; each distinct vertex is kept once, so no
 * equilibrium is reported twice. Equilibria are ordered by player 1's
 * vertex, then player 2's, vertices by support size, then support, then
 * their tight rows (the order of a brute-force scan of tight systems).
 *
 * Errors: MK_EINPUT when g has not two players; MK_ELIMIT when m + n >
 * MK_ENUMMIXED_MAX_LABELS or a polytope has more than
 * MK_ENUMMIXED_MAX_BASES feasible bases; MK_ENOMEM; MK_EINTERNAL.
 * Cost: O(m * n * (m + n)) word operations per feasible basis, plus an
 * exact solve per vertex that is part of an equilibrium.
 */
int mk_game_solve_enummixed(const mk_game *g, mk_mixed_equilibria *out, mk_ctx *ctx);

/** Frees what e owns and resets it to MK_MIXED_EQUILIBRIA_INIT. NULL is a
 *  no-op. */
void mk_mixed_equilibria_free(mk_mixed_equilibria *e);

#ifdef __cplusplus
}
#endif
#endif
