/*
 * strmap.h - a map from strings to indices, for readers that look names up
 * (bidder ids, candidate names). Private to mechkit.
 *
 * Open addressing with linear probing over a power-of-two table kept at
 * most three quarters full; keys hashed with 64-bit FNV-1a (Fowler, Noll,
 * Vo) and a final avalanche step so that the low bits used to pick a slot
 * depend on every byte. Lookups and insertions are O(1) expected.
 *
 * Keys are borrowed: the map stores the pointer, so a key must be
 * NUL-terminated, contain no NUL within its length, and outlive the map
 * (a reader inserts the strdup'd label it keeps anyway).
 */
#ifndef MECHKIT_IO_STRMAP_H
#define MECHKIT_IO_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/error.h"

/* 16 bytes, so that a table of a million names stays small: the low 32
 * bits of the hash (all a table of at most 2^32 slots needs to place a
 * key; compared before the key itself) and a 32-bit value. */
typedef struct mk_strmap_slot {
    const char *key; /* NULL: empty slot */
    uint32_t hash;
    uint32_t value;
} mk_strmap_slot;

/* Most keys one map holds (values are below this too). */
#define MK_STRMAP_MAX ((size_t)1 << 31)

typedef struct mk_strmap {
    mk_strmap_slot *slots;
    size_t cap; /* 0 or a power of two */
    size_t n;   /* keys stored */
} mk_strmap;

/* clang-format off */
#define MK_STRMAP_INIT {NULL, 0, 0}
/* clang-format on */

/* 1 and *value set when key[0..len) is in m, else 0 (value untouched). */
int mk_strmap_find(const mk_strmap *m, const char *key, size_t len, size_t *value);

/* Adds key[0..len) -> value (< MK_STRMAP_MAX); key[len] must be '\0'. The
 * caller checks with mk_strmap_find first: inserting a key twice keeps both
 * entries and find returns either. MK_ENOMEM, or MK_ELIMIT past
 * MK_STRMAP_MAX keys, leave m unchanged. */
int mk_strmap_insert(mk_strmap *m, const char *key, size_t len, size_t value, mk_ctx *ctx);

/* Frees the table (not the keys) and resets m. NULL is a no-op. */
void mk_strmap_free(mk_strmap *m);

/* Names numbered by first appearance: names[i] is owned (NUL-terminated),
 * the map borrows them. */
typedef struct mk_name_list {
    mk_strmap map;
    char **names;
    size_t n, cap;
} mk_name_list;

/* clang-format off */
#define MK_NAME_LIST_INIT {MK_STRMAP_INIT, NULL, 0, 0}
/* clang-format on */

/* *index of the name s[0..len) in l, added (copied) when new. MK_ENOMEM
 * or MK_ELIMIT leave l unchanged. */
int mk_name_list_intern(mk_name_list *l, const char *s, size_t len, size_t *index, mk_ctx *ctx);

/* Frees l's map and, unless keep_names, its names (with keep_names they
 * stay in l->names for the caller, who now owns them). */
void mk_name_list_free(mk_name_list *l, int keep_names);

#endif
