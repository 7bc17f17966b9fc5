/*
 * coop_internal.h - what the games of src/coop/ with exact values share:
 * checked copies of player names, GMP conversions and exact vectors.
 */
#ifndef MECHKIT_COOP_INTERNAL_H
#define MECHKIT_COOP_INTERNAL_H

#include <gmp.h>

#include "core/gmp_array.h"
#include "mechkit/tu_game.h"

/* 128-bit sums: a sum of 2^24 int64 values needs 88 bits. */
__extension__ typedef __int128 coop_i128;

/* MK_EINPUT unless each of the n names is non-empty and no two are equal
 * (the message names both positions). O(n log n). */
int coop_check_names(size_t n, const char *const *names, mk_ctx *ctx);

/* Copies n names into a new array after checking that each is non-empty
 * and that no two are equal (MK_EINPUT naming both positions). O(n log n).
 * Free with coop_names_free. */
int coop_names_copy(char ***out, size_t n, const char *const *names, mk_ctx *ctx);
void coop_names_free(char **names, size_t n);

/* A copy of s (malloc), NULL when out of memory. */
char *coop_strdup(const char *s);

/* out = r (r normalised). */
void coop_mpq_set_rational(mpq_t out, mk_rational r);

/* Writes the n values x into a new vector with places decimals. MK_EPARAM
 * for places outside 0..MK_COOP_MAX_PLACES, MK_ENOMEM. */
int coop_vector_from_mpq(mk_coop_vector **out, mpq_t *x, size_t n, int places, mk_ctx *ctx);

/* The strings of mk_coop_vector: a fraction in lowest terms and a decimal
 * rounded half away from zero; NULL when out of memory. */
char *coop_fraction_string(const mpq_t v);
char *coop_decimal_string(const mpq_t v, int places);

/* out = x. */
void coop_set_i128(mpz_t out, coop_i128 x);

#endif
