/*
 * mechkit/params.h - mechanism parameters: declared, validated, typed.
 *
 * A mechanism declares its parameters as an array of mk_param_spec ending
 * with a spec whose name is NULL. Users give values as KEY=VALUE strings
 * (the CLI's -p); mk_params_bind checks them against the specs (an unknown
 * key gets "did you mean ..."), and typed getters read a value or its
 * default.
 */
#ifndef MECHKIT_PARAMS_H
#define MECHKIT_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mk_param_kind {
    MK_PARAM_INT,     /**< an integer, e.g. units=3 */
    MK_PARAM_MONEY,   /**< a decimal amount at the input's scale, e.g. reserve=2.50 */
    MK_PARAM_DECIMAL, /**< an exact decimal that is not money, e.g. k=0.5 */
    MK_PARAM_LIST,    /**< comma-separated decimals, e.g. ctr=200,100 */
    MK_PARAM_CHOICE,  /**< one of the words in `choices` */
    MK_PARAM_TEXT     /**< free text parsed by the mechanism, e.g. dist=uniform:0:1 */
} mk_param_kind;

typedef struct mk_param_spec {
    const char *name; /**< NULL ends the array */
    mk_param_kind kind;
    const char *default_value; /**< NULL: required, or absent means "not set" */
    const char *choices;       /**< MK_PARAM_CHOICE: words separated by '|' */
    const char *help;          /**< one line for `mechkit describe` */
} mk_param_spec;

/** Most parameters one call takes. */
#define MK_PARAMS_MAX 32

/** KEY=VALUE pairs given by a user, bound to a mechanism's specs. */
typedef struct mk_params {
    size_t n;
    char *key[MK_PARAMS_MAX];   /**< owned */
    char *value[MK_PARAMS_MAX]; /**< owned */
    const mk_param_spec *spec;  /**< set by mk_params_bind */
} mk_params;

/* clang-format off */
#define MK_PARAMS_INIT {0, {0}, {0}, NULL}
/* clang-format on */

/** Adds (or replaces) key=value. MK_ELIMIT past MK_PARAMS_MAX. */
int mk_params_set(mk_params *p, const char *key, const char *value, mk_ctx *ctx);

/** Parses "KEY=VALUE" and adds it; MK_EPARAM when there is no '=' or the
 *  key is empty. */
int mk_params_set_arg(mk_params *p, const char *arg, mk_ctx *ctx);

/**
 * Checks every given key against specs and binds p to them. Unknown keys
 * give MK_EPARAM "unknown parameter 'reserv' for NAME; did you mean
 * 'reserve'?" (closest name by edit distance, when close). Values of kind
 * INT, DECIMAL, LIST and CHOICE are checked for form here; MONEY is checked
 * by mk_params_get_money, which knows the scale.
 */
int mk_params_bind(mk_params *p, const mk_param_spec *specs, const char *mechanism, mk_ctx *ctx);

/** The spec called name in p's specs, or NULL. */
const mk_param_spec *mk_params_spec(const mk_params *p, const char *name);

/** The value given for name, else its default, else NULL. */
const char *mk_params_get(const mk_params *p, const char *name);

/** 1 when the user gave name explicitly. */
int mk_params_given(const mk_params *p, const char *name);

/** Reads name as an integer in [min, max]; MK_EPARAM otherwise. */
int mk_params_get_int(const mk_params *p, const char *name, int64_t min, int64_t max, int64_t *out,
                      mk_ctx *ctx);

/** Reads name as money at scale; MK_EPARAM for a malformed or negative
 *  amount or one with more decimals than scale. */
int mk_params_get_money(const mk_params *p, const char *name, int scale, int64_t *out, mk_ctx *ctx);

/** Index of name's value among its spec's choices. */
int mk_params_get_choice(const mk_params *p, const char *name, int *out, mk_ctx *ctx);

/**
 * Reads name as comma-separated non-negative decimals, all at one scale:
 * the most decimals among them (at least min_scale). Writes up to max
 * values into out, their count into *count and the scale into *scale.
 * MK_EPARAM when malformed, empty or longer than max.
 */
int mk_params_get_list(const mk_params *p, const char *name, int min_scale, int64_t *out,
                       size_t max, size_t *count, int *scale, mk_ctx *ctx);

/** The most decimal places among the given MONEY parameters (0 if none), so
 *  that an input's scale can cover them. */
int mk_params_money_places(const mk_params *p);

/** Frees the strings p owns and resets it to empty (specs unbound). */
void mk_params_free(mk_params *p);

/** Edit (Levenshtein) distance between a and b, capped at 255. */
unsigned mk_edit_distance(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
