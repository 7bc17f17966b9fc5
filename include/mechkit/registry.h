/*
 * mechkit/registry.h - the catalogue of mechanisms, by name.
 *
 * mk_registry_new fills a registry with every built-in mechanism; a user
 * adds their own with mk_registry_add and gets the CLI's, the auditor's and
 * the simulator's support for it.
 */
#ifndef MECHKIT_REGISTRY_H
#define MECHKIT_REGISTRY_H

#include <stddef.h>

#include "error.h"
#include "mechanism.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_registry mk_registry;

/** A new registry holding the built-in mechanisms; free with
 *  mk_registry_free. MK_ENOMEM. */
int mk_registry_new(mk_registry **out, mk_ctx *ctx);

/** Adds mech (borrowed: it must outlive the registry). MK_EPARAM when its
 *  name is missing or already registered, or run/read/prepare is NULL. */
int mk_registry_add(mk_registry *reg, const mk_mechanism *mech, mk_ctx *ctx);

/** Number of mechanisms, and the i-th in order of name. */
size_t mk_registry_count(const mk_registry *reg);
const mk_mechanism *mk_registry_at(const mk_registry *reg, size_t i);

/**
 * The mechanism called name. On failure returns MK_ENOTFOUND with
 * "unknown mechanism 'x'; did you mean 'y'?" (closest by edit distance).
 */
int mk_registry_find(const mk_registry *reg, const char *name, const mk_mechanism **out,
                     mk_ctx *ctx);

/** Frees reg (not the mechanisms). mk_registry_free(NULL) is a no-op. */
void mk_registry_free(mk_registry *reg);

#ifdef __cplusplus
}
#endif
#endif
