/*
 * power_internal.h - what the power-index methods of src/coop/ share: raw
 * exact results in GMP numbers, before power.c writes them as strings.
 */
#ifndef MECHKIT_POWER_INTERNAL_H
#define MECHKIT_POWER_INTERNAL_H

#include <gmp.h>

#include "mechkit/power.h"

/* Raw results of one game: arrays of n values, NULL when not asked for.
 * (GMP arrays are passed without const: C11 cannot convert mpz_t * to
 * const mpz_t *, an array of arrays.) */
typedef struct power_raw {
    size_t n;
    mpz_t *swings; /* raw Banzhaf counts */
    mpq_t *ss;     /* Shapley-Shubik, canonical */
} power_raw;

/* Allocates and zeroes the arrays that indices ask for. MK_ENOMEM. */
int power_raw_init(power_raw *r, size_t n, unsigned indices, mk_ctx *ctx);
void power_raw_clear(power_raw *r);

/* fact[0..n] = 0!, ..., n! (each mpz initialised here). NULL on no memory;
 * free with power_factorials_free(fact, n). */
mpz_t *power_factorials(size_t n);
void power_factorials_free(mpz_t *fact, size_t n);

/* *out = sum over k < len (len <= m) of count[k] * k! (m-1-k)! / m!: the
 * Shapley-Shubik index of a player of an m-player game who swings
 * count[k] coalitions of k others (Shapley and Shubik 1954); sizes from
 * len on swing nothing. fact from power_factorials(m). */
void power_ss_from_sizes(mpq_t out, mpz_t *count, size_t len, size_t m, mpz_t *fact);

/* The two methods of mechkit/power.h; they fill raw (already initialised
 * for the indices asked). */
int power_dp(const mk_simple_game *g, unsigned indices, unsigned threads, power_raw *raw,
             mk_ctx *ctx);
int power_enumerate(const mk_simple_game *g, unsigned indices, power_raw *raw, mk_ctx *ctx);

/* Multiple weighted games by DP over vectors of weights
 * (power_dp_multi.c); _check only says whether its tables fit (0 or
 * MK_ELIMIT with the reason). */
int power_dp_multi(const mk_simple_game *g, unsigned indices, power_raw *raw, mk_ctx *ctx);
int power_dp_multi_check(const mk_simple_game *g, unsigned indices, mk_ctx *ctx);

#endif
