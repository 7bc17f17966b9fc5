/*
 * winning_set.h - the winning coalitions of a simple game as a bitset,
 * shared by the enumeration of power indices (power_enum.c) and the
 * indices from minimal winning coalitions (indices.c). Private to mechkit.
 */
#ifndef MECHKIT_COOP_WINNING_SET_H
#define MECHKIT_COOP_WINNING_SET_H

#include <stddef.h>

#include "mechkit/coop.h"

/* win[c] for every coalition c of g's 2^n (bit i = player i), packed in
 * bytes, which the caller frees. The weights of successive coalitions in
 * Gray-code order differ by one player, so each costs O(k) for k component
 * games. NULL with MK_ENOMEM in ctx (ctx may be NULL). */
unsigned char *mk_coop_winning_set(const mk_simple_game *g, mk_ctx *ctx);

/* 1 when coalition c wins. */
static inline int mk_coop_wins(const unsigned char *win, size_t c)
{
    return (win[c >> 3] >> (c & 7)) & 1;
}

#endif
