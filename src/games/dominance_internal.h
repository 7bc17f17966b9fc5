/*
 * dominance_internal.h - domination by a mixed strategy, decided by an
 * exact linear program (dominance_lp.c), for dominance.c. Private.
 */
#ifndef MECHKIT_GAMES_DOMINANCE_INTERNAL_H
#define MECHKIT_GAMES_DOMINANCE_INTERNAL_H

#include <stddef.h>

#include "mechkit/dominance.h"

/* Whether strategy s of player i is dominated (strictly or weakly, as kind
 * says) by a mixture of the player's strategies t != s with alive[t] != 0,
 * against the n profiles of the other players whose index sums (player
 * i at strategy 0) are base[0..n). Returns 1 and a new mixture in
 * *mixture (n_strategies[i] strings; the caller frees each and the array)
 * when it is, 0 when it is not. Errors: MK_ELIMIT when n exceeds
 * MK_DOMINANCE_MAX_LP_PROFILES, MK_ENOMEM, MK_EINTERNAL when the LP's
 * mixture fails the exact re-check. */
int mk_dominance_by_mixture(const mk_game *g, size_t i, size_t s, const unsigned char *alive,
                            const size_t *base, size_t n, mk_dominance_kind kind, char ***mixture,
                            mk_ctx *ctx);

#endif
