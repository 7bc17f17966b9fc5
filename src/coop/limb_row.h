/*
 * limb_row.h - a row of fixed-width GMP naturals (mpn limbs) to which the
 * row itself, shifted, is added: the step "add a player of weight w" of
 * the counting tables of power_dp.c, c[s] += c[s - w] for s from hi down
 * to w, for one player or a group of players, optionally split over
 * threads. Private to src/coop/.
 *
 * Cell s is c + s * width. The caller keeps every sum below 2^(64 width),
 * so no carry leaves a cell and a block of cells adds as one long natural
 * (one mpn_add_n). Descending blocks of w cells read sources below them
 * that are still unchanged, as an in-place 0/1 knapsack requires.
 */
#ifndef MECHKIT_LIMB_ROW_H
#define MECHKIT_LIMB_ROW_H

#include <gmp.h>
#include <stddef.h>

#include "mechkit/error.h"

/* Groups smaller than this many limbs run on the caller's thread alone: a
 * hand-over to the workers costs more than adding them. A caller whose
 * whole row is smaller needs no pool with workers at all. */
#define LIMB_POOL_MIN_LIMBS ((size_t)1 << 16)

/* Most threads one pool uses, the caller included. */
#define LIMB_POOL_MAX_THREADS 16

/* Most players of one group, and the heaviest weight a group takes (a
 * heavier player is added alone, limb_row_add_shifted). */
#define LIMB_GROUP_MAX_PLAYERS 16
#define LIMB_GROUP_MAX_WEIGHT ((size_t)8192)

typedef struct limb_pool limb_pool;

/* A pool of threads - 1 workers (threads 0: one per online processor).
 * With one thread no worker starts and every group runs in the caller.
 * MK_ENOMEM or MK_EINTERNAL (a thread cannot start). */
int limb_pool_new(limb_pool **out, unsigned threads, mk_ctx *ctx);

/* Frees the pool and joins its workers; NULL is a no-op. */
void limb_pool_free(limb_pool *p);

/* c[s] += c[s - w] for w <= s <= hi (w >= 1), cells of width limbs, on
 * the caller's thread. */
void limb_row_add_shifted(mp_limb_t *c, size_t width, size_t w, size_t hi);

/* Adds players r = 0..m-1 in this order, c[s] += c[s - w[r]] for
 * w[r] <= s <= hi[r]: the same result as m calls of limb_row_add_shifted,
 * whatever the number of threads. 1 <= m <= LIMB_GROUP_MAX_PLAYERS,
 * 1 <= w[r] <= LIMB_GROUP_MAX_WEIGHT, hi[] nondecreasing. The row is
 * swept once for the whole group, in tiles that stay in the cache
 * (limb_row.c). Without memory for the threads' copies it adds the
 * players one by one on the caller's thread. */
void limb_pool_add_group(limb_pool *p, mp_limb_t *c, size_t width, const size_t *w,
                         const size_t *hi, size_t m);

#endif
