/*
 * voting_columns.h - ballots' ranks by candidate, column-major (the
 * "keys"), for counts that compare two candidates over every ballot: the
 * pairwise-majority matrix (pairwise.c) and IRV's Condorcet knockout and
 * late rounds (irv_ballots.c, irv_columns.c). Private to mechkit.
 *
 * Key (j, i), candidate j's key on ballot i, is at j * n + i: its rank
 * less 1, and the largest key for a candidate the ballot leaves unranked
 * (0 - 1), so that "ballot i ranks a above b" is key(a, i) < key(b, i)
 * and two unranked candidates tie. Keys are bytes up to
 * VOTING_NARROW_MAX candidates (unranked: 255), 16-bit words above
 * (MK_PREFLIB_MAX_CANDIDATES is 4096).
 */
#ifndef MECHKIT_VOTING_COLUMNS_H
#define MECHKIT_VOTING_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/profile.h"

/* Most candidates whose keys are bytes. */
#define VOTING_NARROW_MAX 255

/* The bytes of the keys of n ballots over m candidates into *bytes; -1
 * when that overflows. */
int voting_columns_size(size_t n, size_t m, size_t *bytes);

/* Fills the keys of p (ranks 0..p->width, checked by the caller) into
 * columns, voting_columns_size bytes. O(n m). */
void voting_columns_fill(const mk_profile *p, void *columns);

/* Adds to *ab the weight of ballots lo..hi-1 ranking a above b, and to
 * *ba that of those ranking b above a, from the keys of n ballots over m
 * candidates (w: the ballots' weights, NULL for 1 each). Unweighted
 * counts run in byte or word lanes, 16 or 8 ballots an operation. */
void voting_columns_count(const void *columns, size_t n, size_t m, size_t a, size_t b, size_t lo,
                          size_t hi, const int64_t *w, int64_t *ab, int64_t *ba);

#endif
