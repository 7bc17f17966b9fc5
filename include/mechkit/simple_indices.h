/*
 * mechkit/simple_indices.h - power indices of simple games (mechkit/coop.h)
 * built on minimal winning and vulnerable coalitions, exact.
 *
 * With W the winning coalitions, M the minimal winning ones (every member
 * is critical: S wins, S - i loses), and i critical in S when S wins and
 * S - i loses:
 *
 * - Deegan-Packel (1978): DP_i = (1/|M|) sum over S in M holding i of
 *   1/|S| (each minimal winning coalition is equally likely to form and
 *   splits the prize equally).
 * - Holler-Packel, the public good index (Holler 1982; Holler and Packel
 *   1983): h_i = |{S in M: i in S}| / sum_j |{S in M: j in S}|.
 * - Johnston (1978): each winning coalition with c >= 1 critical members
 *   gives 1/c to each of them; J_i is i's total over the number of such
 *   (vulnerable) coalitions, so the J_i add up to 1.
 * - Coleman (1971): the power of the collectivity to act |W| / 2^n; a
 *   player's power to prevent action swings_i / |W|, and to initiate it
 *   swings_i / (2^n - |W|), swings_i the coalitions where i is critical.
 *
 * Method: one pass over the 2^n coalitions (n <= MK_SIMPLE_INDICES_MAX_
 * PLAYERS), with a bit per coalition saying whether it wins: O(2^n (n + k))
 * for k component games and 2^n / 8 bytes.
 */
#ifndef MECHKIT_SIMPLE_INDICES_H
#define MECHKIT_SIMPLE_INDICES_H

#include <stddef.h>
#include <stdint.h>

#include "coop.h"
#include "error.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players (2^25 coalitions). */
#define MK_SIMPLE_INDICES_MAX_PLAYERS 25

/** Indices to compute (bits). */
enum mk_simple_index {
    MK_INDEX_DEEGAN_PACKEL = 1,
    MK_INDEX_HOLLER_PACKEL = 2,
    MK_INDEX_JOHNSTON = 4,
    MK_INDEX_COLEMAN = 8,
    MK_INDEX_ALL = 15
};

/** Results: each vector NULL when not asked for. */
typedef struct mk_simple_indices {
    size_t n;
    uint64_t winning;         /**< |W| */
    uint64_t minimal_winning; /**< |M| */
    uint64_t vulnerable;      /**< winning coalitions with a critical member */
    mk_coop_vector *deegan_packel;
    mk_coop_vector *holler_packel;
    mk_coop_vector *johnston;
    mk_coop_vector *coleman_prevent;
    mk_coop_vector *coleman_initiate;
    char *coleman_act;         /**< |W| / 2^n as a fraction, with Coleman */
    char *coleman_act_decimal; /**< the same rounded */
} mk_simple_indices;

/**
 * Computes the indices `which` (mk_simple_index bits) of g into a new
 * *out, with places (0..MK_COOP_MAX_PLACES) decimals. MK_EPARAM for no or
 * unknown bits or bad places, MK_ELIMIT past MK_SIMPLE_INDICES_MAX_PLAYERS,
 * MK_ENOMEM. Complexity: see the top.
 */
int mk_simple_indices_compute(const mk_simple_game *g, unsigned which, int places,
                              mk_simple_indices **out, mk_ctx *ctx);

/** Frees r and everything it owns; NULL is a no-op. */
void mk_simple_indices_free(mk_simple_indices *r);

#ifdef __cplusplus
}
#endif
#endif
