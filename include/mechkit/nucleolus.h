/*
 * mechkit/nucleolus.h - the core, the least core, the nucleolus and the
 * pre-nucleolus of an explicit game (mechkit/tu_game.h), exact.
 *
 * An allocation x gives coalition S the excess e(S, x) = v(S) - x(S):
 * what S could get alone beyond what x gives it. With x(N) = v(N):
 *
 * - the core is {x : e(S, x) <= 0 for every S} (Gillies 1959);
 * - the least core is {x : e(S, x) <= eps for every S != empty, N} for the
 *   least such eps (Maschler, Peleg and Shapley 1979); the core is empty
 *   exactly when eps > 0;
 * - the pre-nucleolus minimises the excesses of the proper coalitions,
 *   sorted from the largest down, lexicographically over all such x; the
 *   nucleolus (Schmeidler 1969) does the same over the imputations,
 *   x_i >= v({i}), and exists when v(N) >= sum_i v({i}). Both are single
 *   points; the nucleolus is in the core whenever the core is not empty.
 *
 * Both nucleoli are computed by the sequence of linear programs of
 * Maschler, Peleg and Shapley (1979): each stage minimises the largest
 * excess eps_k of the coalitions not yet fixed, then fixes (at e = eps_k)
 * the coalitions that are tight in every optimal solution - those with a
 * positive weight in an optimal dual solution, not merely those tight at
 * the optimum found, which would fix too much - and drops the coalitions
 * whose excess the fixed ones already determine. At most n - 1 stages.
 * Each program is solved exactly (GMP rationals) through its dual, n + 1
 * rows and one column per coalition, by a revised simplex method that
 * prices all 2^n coalitions per iteration in 128-bit integers.
 *
 * Cost games (airport games, mechkit/airport.h) enter as v = -c; see the
 * CLI's documentation for the signs.
 */
#ifndef MECHKIT_NUCLEOLUS_H
#define MECHKIT_NUCLEOLUS_H

#include <stddef.h>

#include "error.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players for the extreme points of the core (mk_tu_core). */
#define MK_TU_CORE_MAX_PLAYERS 8
/** Most rays the enumeration of extreme points may hold at once: a
 *  convex game of n players has n! extreme points; 5040 (7 players) take
 *  about 2 s, and the 40320 of 8 players took 260 s, hence a cap. */
#define MK_TU_CORE_MAX_RAYS 6000

/**
 * A point and the excess levels that define it: levels[k] (a fraction in
 * lowest terms, and level_decimal[k] rounded) is the largest excess of
 * stage k, decreasing in k; levels[0] is the least-core eps (over the
 * imputations for the nucleolus). Every pointer is owned.
 */
typedef struct mk_tu_excess_result {
    mk_coop_vector *point;
    size_t levels;
    char **level;
    char **level_decimal;
} mk_tu_excess_result;

/** Frees r; NULL is a no-op. */
void mk_tu_excess_result_free(mk_tu_excess_result *r);

/**
 * The least core: its eps (one level) and a point of it, the optimal
 * vertex the simplex method ends at (deterministic), with places
 * (0..MK_COOP_MAX_PLACES) decimals. MK_EINPUT for one player (no proper
 * coalition bounds eps), MK_EPARAM, MK_ENOMEM.
 */
int mk_tu_least_core(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx);

/**
 * The nucleolus (Schmeidler 1969) and its levels. MK_EINPUT when the
 * imputation set is empty (sum_i v({i}) > v(N)), MK_EPARAM, MK_ENOMEM.
 * At most n - 1 linear programs; each costs O(2^n) per simplex iteration.
 */
int mk_tu_nucleolus(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx);

/** The pre-nucleolus (Sobolev 1975): as mk_tu_nucleolus without the
 *  imputation constraints; it always exists. */
int mk_tu_prenucleolus(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx);

/**
 * The core: empty or not (by the least-core eps), the nucleolus as a
 * point of it when it is not empty, and all its extreme points, each once,
 * sorted lexicographically (by the double description method, Motzkin et
 * al. 1953, in exact integers). Every pointer owned; point and vertices
 * are NULL and n_vertices 0 when the core is empty.
 */
typedef struct mk_tu_core {
    int empty;
    char *epsilon, *epsilon_decimal; /**< the least-core eps */
    mk_coop_vector *point;
    size_t n_vertices;
    mk_coop_vector **vertices;
} mk_tu_core;

/** Computes the core of g (see mk_tu_core). MK_ELIMIT past
 *  MK_TU_CORE_MAX_PLAYERS, for one player, or when the enumeration passes
 *  MK_TU_CORE_MAX_RAYS rays (O(rays^3) per constraint at worst), MK_ERANGE when the integers
 *  of the vertex enumeration pass 64 bits, MK_EPARAM, MK_ENOMEM. */
int mk_tu_core_compute(const mk_tu_game *g, int places, mk_tu_core **out, mk_ctx *ctx);

/** Frees c; NULL is a no-op. */
void mk_tu_core_free(mk_tu_core *c);

#ifdef __cplusplus
}
#endif
#endif
