/*
 * mechkit/power.h - exact power indices of simple games (mechkit/coop.h).
 *
 * Indices (player i, n players, S ranging over coalitions of the others):
 *
 * - swings (raw Banzhaf count): the number of S that lose without i and
 *   win with i (Banzhaf 1965; Penrose 1946).
 * - Banzhaf, normalised: swings_i / sum of all swings.
 * - Banzhaf, absolute (Penrose's probability of being decisive):
 *   swings_i / 2^(n-1).
 * - Shapley-Shubik (1954): sum over swinging S of |S|! (n-1-|S|)! / n!,
 *   the share of the n! orderings in which i is pivotal.
 *
 * Every value is exact: GMP integers and rationals inside, decimal strings
 * outside (fractions in lowest terms, "421/2145", "0", "1"), so that GMP
 * stays out of this header. A decimal rendering rounded half up to
 * `places` digits is given beside each fraction ("0.196270").
 *
 * Methods:
 *
 * - MK_POWER_DP: dynamic programming over weights below
 *   the quotas (generating functions; Brams and Affuso 1976, Uno 2012).
 *   One pass builds c[s], the number of coalitions of weight s < q, in
 *   O(n q) big-integer additions; the swings of a player of weight w are
 *   then an alternating sum of block sums of c (the inverse of "add a
 *   player of weight w"), O(q / w) per distinct weight. Shapley-Shubik
 *   does the same with coalition sizes, c[k][s]: O(n * K * q) additions,
 *   K the largest size of a coalition lighter than q, and K * q cells of
 *   memory; both tables are built a group of players at a time, swept
 *   through the cache. Players of weight 0 are null players: they are left out of the
 *   tables (their index is 0; each doubles the others' swings and leaves
 *   Shapley-Shubik unchanged, as the Shapley value of a null player's
 *   removal does). Limit: the tables' estimated memory must stay under
 *   MK_POWER_DP_MAX_BYTES, else MK_ELIMIT. Both indices are computed with
 *   the smaller of the quota q and its dual T - q + 1 (T the total
 *   weight): complements among the others swap coalition sizes k and
 *   n-1-k, which both indices weigh alike. For example, 1,000 players
 *   with weights up to 1,000 and a majority quota (about 250,000):
 *   Banzhaf needs one row of 250,000 cells of up to 1,000 bits, built
 *   16 players at a time in cache-sized tiles (about 0.7 s of processor
 *   time, see bench/coop.c; the row is split over `threads`);
 *   Shapley-Shubik needs about 700 rows of them, some 8.5e7 nonzero cells
 *   (9 GB) and 4e11 limb additions, and is refused (400 players with
 *   weights up to 100 take about 1 s). The US
 *   Electoral College (51 players, quota 270) takes about 0.5 ms for
 *   both. Cells are fixed-width GMP naturals (mpn), so a whole row
 *   segment is one mpn_add_n.
 *   A multiple weighted game (k games) is computed by the same DP over
 *   vectors of weights, with inclusion-exclusion over the games a
 *   coalition loses (power_dp_multi.c): 2^k - 1 tables, the largest with
 *   the product of the k quotas as cells (times the sizes for
 *   Shapley-Shubik), under the same memory limit. E.g. a double majority
 *   of 27 members (15 of 27 and 65% of populations in thousands) fits;
 *   populations counted in people do not.
 * - MK_POWER_ENUMERATE (any simple game here): every one of the 2^n
 *   coalitions, O(2^n (n + k)), n <= MK_POWER_ENUMERATE_MAX_PLAYERS.
 * - MK_POWER_AUTO: DP for a weighted game. For a multiple weighted game,
 *   enumeration up to 20 players (milliseconds), else DP when its tables
 *   fit, else enumeration up to MK_POWER_ENUMERATE_MAX_PLAYERS; past that
 *   MK_ELIMIT says why.
 */
#ifndef MECHKIT_POWER_H
#define MECHKIT_POWER_H

#include <stddef.h>

#include "coop.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Indices to compute (bits). Banzhaf gives swings, normalised and
 *  absolute values together. */
enum mk_power_index { MK_POWER_SHAPLEY_SHUBIK = 1, MK_POWER_BANZHAF = 2, MK_POWER_ALL = 3 };

enum mk_power_method { MK_POWER_AUTO = 0, MK_POWER_DP = 1, MK_POWER_ENUMERATE = 2 };

/** Most players for MK_POWER_ENUMERATE (2^25 coalitions, a bit each). */
#define MK_POWER_ENUMERATE_MAX_PLAYERS 25
/** Largest estimated memory of the DP tables, in bytes. */
#define MK_POWER_DP_MAX_BYTES ((size_t)1 << 31)
/** Most decimal places of the decimal renderings. */
#define MK_POWER_MAX_PLACES 40

typedef struct mk_power_options {
    unsigned version; /**< MK_POWER_OPTIONS_VERSION */
    unsigned indices; /**< mk_power_index bits, default MK_POWER_ALL */
    int method;       /**< mk_power_method, default MK_POWER_AUTO */
    int places;       /**< decimal places, 0..MK_POWER_MAX_PLACES, default 6 */
    unsigned threads; /**< threads for the Banzhaf DP; 0 (default): one per
                           online processor. The results never depend on it. */
} mk_power_options;

#define MK_POWER_OPTIONS_VERSION 1
#define MK_POWER_OPTIONS_INIT                                                                      \
    {                                                                                              \
        MK_POWER_OPTIONS_VERSION, MK_POWER_ALL, MK_POWER_AUTO, 6, 0                                \
    }

/**
 * Results, player i at index i of every array (the game's order). Each
 * array is NULL when its index was not asked for; every string is owned.
 */
typedef struct mk_power {
    size_t n;
    int method;                    /**< the method used: MK_POWER_DP or _ENUMERATE */
    char **shapley_shubik;         /**< fractions */
    char **shapley_shubik_decimal; /**< the same, rounded to `places` */
    char **swings;                 /**< decimal integers (may exceed 64 bits) */
    char *total_swings;            /**< their sum */
    char **banzhaf;                /**< normalised, fractions */
    char **banzhaf_decimal;
    char **banzhaf_absolute; /**< swings / 2^(n-1), fractions */
    char **banzhaf_absolute_decimal;
} mk_power;

/**
 * Computes the indices of g asked for by opt (NULL: the defaults) into a
 * new *out, freed with mk_power_free. MK_EPARAM for bad options,
 * MK_ELIMIT past the limits above (the message says which and why),
 * MK_ENOMEM. *out is set only on success. Complexity: see the top.
 */
int mk_power_compute(const mk_simple_game *g, const mk_power_options *opt, mk_power **out,
                     mk_ctx *ctx);

/** Frees p and its strings; NULL is a no-op. */
void mk_power_free(mk_power *p);

/** "dp" or "enumeration" for a method used, "auto" for MK_POWER_AUTO. */
const char *mk_power_method_name(int method);

#ifdef __cplusplus
}
#endif
#endif
