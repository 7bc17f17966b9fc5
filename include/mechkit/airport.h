/*
 * mechkit/airport.h - airport (cost) games and their Shapley value in
 * closed form.
 *
 * Players use a runway; player i needs a runway costing c_i, and a
 * coalition pays for the longest one its members need: c(S) = max over S
 * of c_i (Littlechild and Owen 1973). Its Shapley value shares the cost
 * of each segment equally among the players who use it: with the costs
 * sorted c_(1) <= ... <= c_(n) and c_(0) = 0,
 *   phi_(k) = sum over j <= k of (c_(j) - c_(j-1)) / (n - j + 1).
 * Costs 1, 2, 3 give (1/3, 5/6, 11/6).
 *
 * JSON (mk_airport_read_json):
 *
 *   {"type": "airport", "players": [{"name": "A", "cost": 1}, ...]}
 *
 * Costs are JSON integers or exact numbers in strings ("2.5", "7/3"),
 * >= 0. Keys "name", "notes", "description", "source" are informational.
 */
#ifndef MECHKIT_AIRPORT_H
#define MECHKIT_AIRPORT_H

#include <stddef.h>

#include "error.h"
#include "rational.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players of an airport game. */
#define MK_AIRPORT_MAX_PLAYERS 100000

/** An airport game; read-only for callers, every pointer owned. */
typedef struct mk_airport {
    size_t n;
    char **names;      /**< n unique non-empty names */
    mk_rational *cost; /**< n costs >= 0 */
    char *title;       /**< the input's "name", or NULL */
} mk_airport;

/** Builds a game from copies of names and costs (n each). MK_EINPUT for
 *  an empty or duplicate name, MK_ERANGE for a negative cost, MK_ELIMIT
 *  for n = 0 or past MK_AIRPORT_MAX_PLAYERS, MK_ENOMEM. */
int mk_airport_new(mk_airport **out, size_t n, const char *const *names, const mk_rational *cost,
                   mk_ctx *ctx);

/** Frees a and everything it owns; NULL is a no-op. */
void mk_airport_free(mk_airport *a);

/** Its Shapley value by the closed form above, exact, with places
 *  (0..MK_COOP_MAX_PLACES) decimals. MK_EPARAM, MK_ENOMEM. O(n log n). */
int mk_airport_shapley(const mk_airport *a, int places, mk_coop_vector **out, mk_ctx *ctx);

/**
 * The airport game as an explicit game (mechkit/tu_game.h) of values
 * v(S) = -c(S) = -(max of c_i over S): a cost game enters the value-game
 * solutions of mechkit/nucleolus.h with its sign changed, so that
 * allocations of v are the negated cost shares (y = -x), excesses
 * v(S) - y(S) = x(S) - c(S) keep their sign, and the core of v is the
 * cost core {x : x(S) <= c(S), x(N) = c(N)}. MK_ELIMIT past
 * MK_TU_GAME_MAX_PLAYERS, MK_ERANGE when the costs over their common
 * denominator do not fit int64, MK_ENOMEM. O(2^n).
 */
int mk_airport_game(const mk_airport *a, mk_tu_game **out, mk_ctx *ctx);

/** Reads a game from JSON (see above); messages start with name and the
 *  path of the value at fault. Codes of mk_airport_new, MK_EINPUT. */
int mk_airport_read_json(mk_airport **out, const char *name, const char *data, size_t len,
                         mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
