/*
 * limb_row.h - a row of fixed-width GMP naturals (mpn limbs) to which the
 * row itself, shifted, is added: the step "add a player of weight w" of
 * the counting tables of power_dp.c, c[s] += c[s - w] for s from hi down
 * to w, optionally split over threads. Private to src/coop/.
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

/* Steps smaller than this many limbs run on the caller's thread alone: a
 * hand-over to the workers costs more than adding them. A caller whose
 * whole row is smaller needs no pool with workers at all. */
#define LIMB_POOL_MIN_LIMBS ((size_t)1 << 16)

/* Most threads one pool uses, the caller included. */
#define LIMB_POOL_MAX_THREADS 16

typedef struct limb_pool limb_pool;

/* A pool of threads - 1 workers (threads 0: one per online processor)
 * for rows of at most max_limbs limbs per cell. With one thread no worker
 * starts and every step runs in the caller. MK_ENOMEM or MK_EINTERNAL (a
 * thread cannot start). */
int limb_pool_new(limb_pool **out, unsigned threads, size_t max_limbs, mk_ctx *ctx);

/* Frees the pool and joins its workers; NULL is a no-op. */
void limb_pool_free(limb_pool *p);

/* c[s] += c[s - w] for w <= s <= hi (w >= 1), cells of width limbs, on
 * the caller's thread. */
void limb_row_add_shifted(mp_limb_t *c, size_t width, size_t w, size_t hi);

/* The same, split over the pool's threads when the step is large enough.
 * The result is the same whatever the number of threads. */
void limb_pool_add_shifted(limb_pool *p, mp_limb_t *c, size_t width, size_t w, size_t hi);

#endif
