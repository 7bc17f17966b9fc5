/* A map from strings to indices: open addressing, linear probing (see
 * strmap.h). */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIN_CAP 16

/* 64-bit FNV-1a (offset basis and prime from the FNV reference, IETF draft
 * eastlake-fnv), then the murmur3 64-bit finaliser, because FNV-1a alone
 * mixes the last bytes poorly into the low bits that choose the slot.
 * The low 32 bits are kept (see mk_strmap_slot). */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* A stored key equals s[0..len): strncmp stops at the stored key's NUL, so
 * a shorter stored key is never read past its end. */
static int same_key(const mk_strmap_slot *slot, uint32_t hash, const char *s, size_t len)
{
    return slot->hash == hash && strncmp(slot->key, s, len) == 0 && slot->key[len] == '\0';
}

int mk_strmap_find(const mk_strmap *m, const char *key, size_t len, size_t *value)
{
    if (m->n == 0)
        return 0;
    uint32_t hash = hash_bytes(key, len);
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        const mk_strmap_slot *slot = &m->slots[i];
        if (slot->key == NULL)
            return 0;
        if (same_key(slot, hash, key, len)) {
            *value = slot->value;
            return 1;
        }
    }
}

static void place(mk_strmap_slot *slots, size_t cap, const mk_strmap_slot *entry)
{
    size_t mask = cap - 1;
    size_t i = (size_t)entry->hash & mask;
    while (slots[i].key != NULL)
        i = (i + 1) & mask;
    slots[i] = *entry;
}

static int grow(mk_strmap *m, mk_ctx *ctx)
{
    size_t cap = m->cap == 0 ? MIN_CAP : 2 * m->cap;
    if (cap > SIZE_MAX / sizeof(mk_strmap_slot))
        return mk_error(ctx, MK_ENOMEM, "out of memory for a map of %zu names", m->n + 1);
    mk_strmap_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a map of %zu names", m->n + 1);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL)
            place(slots, cap, &m->slots[i]);
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return MK_OK;
}

int mk_strmap_insert(mk_strmap *m, const char *key, size_t len, size_t value, mk_ctx *ctx)
{
    if (m->n >= MK_STRMAP_MAX - 1 || value >= MK_STRMAP_MAX)
        return mk_error(ctx, MK_ELIMIT, "more than %zu names", MK_STRMAP_MAX - 1);
    /* Keep the table at most 3/4 full so that probe runs stay short. */
    if (m->cap == 0 || m->n + 1 > m->cap / 4 * 3) {
        int rc = grow(m, ctx);
        if (rc != 0)
            return rc;
    }
    mk_strmap_slot entry = {key, hash_bytes(key, len), (uint32_t)value};
    place(m->slots, m->cap, &entry);
    m->n++;
    return MK_OK;
}

void mk_strmap_free(mk_strmap *m)
{
    if (m == NULL)
        return;
    free(m->slots);
    *m = (mk_strmap)MK_STRMAP_INIT;
}

int mk_name_list_intern(mk_name_list *l, const char *s, size_t len, size_t *index, mk_ctx *ctx)
{
    if (mk_strmap_find(&l->map, s, len, index))
        return MK_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **grown =
            cap < SIZE_MAX / sizeof *grown ? realloc(l->names, cap * sizeof *grown) : NULL;
        if (grown == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for names");
        l->names = grown;
        l->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for names");
    memcpy(copy, s, len);
    copy[len] = '\0';
    int rc = mk_strmap_insert(&l->map, copy, len, l->n, ctx);
    if (rc != 0) {
        free(copy);
        return rc;
    }
    l->names[l->n] = copy;
    *index = l->n++;
    return MK_OK;
}

void mk_name_list_free(mk_name_list *l, int keep_names)
{
    mk_strmap_free(&l->map);
    if (keep_names)
        return; /* names, n and cap stay for the caller who took them */
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    *l = (mk_name_list)MK_NAME_LIST_INIT;
}
