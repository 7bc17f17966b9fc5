/*
 * mechkit/tu_game.h - cooperative games with transferable utility given by
 * their characteristic function v: 2^N -> Q, and their exact Shapley value.
 *
 * Coalitions are bitmasks: coalition m holds player i when bit i of m is
 * set (player 0 is the lowest bit), so values[m] is v of that coalition
 * and values[0] = v(empty set) = 0. A game is built from exact rationals
 * (mechkit/rational.h) and kept as int64 numerators over one common
 * denominator (their least common multiple), 8 bytes a coalition: 256 MiB
 * at the limit of 25 players. The JSON reader holds the whole document in
 * memory first (jansson): 22 players take about 1.7 s and 280 MB, and 25
 * players some 2 GB.
 *
 * JSON (mk_tu_game_read_json):
 *
 *   {"type": "explicit", "players": ["A", "B", ...], "values": [v0, v1, ...]}
 *   {"type": "glove", "left": ["L1", ...], "right": ["R1", ...]}
 *
 * - "values" lists the 2^n values in bitmask order (above): for players
 *   A, B, C the order is {}, {A}, {B}, {A,B}, {C}, {A,C}, {B,C}, {A,B,C}.
 *   Each value is a JSON integer or a string holding an exact number
 *   (mk_exact_parse: "12", "-2.5", "7/3"). A JSON number with a fraction
 *   is refused, since jansson reads it as a double: write "0.1" instead.
 * - A glove game (Shapley and Shubik 1969, market games) gives each
 *   player one left or one right glove; a coalition is worth the number
 *   of pairs it can make, v(S) = min(|S & L|, |S & R|). Players are the
 *   left owners, then the right owners.
 * - Informational keys "name" (the title), "notes", "description" and
 *   "source" are accepted; every other key is an error.
 *
 * The core, the least core and the nucleoli of these games are in
 * mechkit/nucleolus.h.
 */
#ifndef MECHKIT_TU_GAME_H
#define MECHKIT_TU_GAME_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "rational.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players of an explicit game (2^25 coalitions). */
#define MK_TU_GAME_MAX_PLAYERS 25
/** Most decimal places of the decimal renderings. */
#define MK_COOP_MAX_PLACES 40

/**
 * Parses the exact number s[0..len): an integer ("-12"), a decimal with
 * at most 18 places ("2.50") or a fraction of integers ("7/3", "-7/3";
 * the denominator is positive and has no sign) into *out, normalised.
 * MK_EINPUT for anything else (empty, "1e3", "1/0", spaces), MK_ERANGE
 * when the value does not fit mk_rational. The message quotes s; callers
 * prefix the place. *out is written only on success.
 */
int mk_exact_parse(const char *s, size_t len, mk_rational *out, mk_ctx *ctx);

/**
 * A vector of exact values, one per player: fraction[i] in lowest terms
 * ("5/6", "-1", "0") and decimal[i], the same rounded half away from zero
 * to the places asked for ("0.833333"). Every string is owned.
 */
typedef struct mk_coop_vector {
    size_t n;
    char **fraction;
    char **decimal;
} mk_coop_vector;

/** Frees v and its strings; NULL is a no-op. */
void mk_coop_vector_free(mk_coop_vector *v);

/**
 * An explicit game. Read-only for callers; value of coalition m is
 * num[m] / den. Every pointer is owned by the game.
 */
typedef struct mk_tu_game {
    size_t n;         /**< players, 1..MK_TU_GAME_MAX_PLAYERS */
    char **names;     /**< n unique non-empty names */
    int64_t *num;     /**< 2^n numerators */
    int64_t den;      /**< common denominator, > 0 */
    char *title;      /**< the input's "name", or NULL */
    const char *kind; /**< "explicit", "glove", "bankruptcy" or "airport" (static) */
} mk_tu_game;

/**
 * Builds a game from copies of names (n) and values (2^n, bitmask order).
 * MK_EINPUT for an empty or duplicate name or values[0] != 0, MK_ELIMIT
 * for n = 0 or past MK_TU_GAME_MAX_PLAYERS, MK_ERANGE when the common
 * denominator or a numerator over it does not fit int64, MK_ENOMEM.
 * *out is set only on success. O(2^n).
 */
int mk_tu_game_new(mk_tu_game **out, size_t n, const char *const *names, const mk_rational *values,
                   mk_ctx *ctx);

/**
 * The glove game of n players: left[i] != 0 when player i owns a left
 * glove, else a right one; v(S) = min(|S & L|, |S & R|). Errors as
 * mk_tu_game_new. O(2^n).
 */
int mk_tu_game_new_glove(mk_tu_game **out, size_t n, const char *const *names,
                         const unsigned char *left, mk_ctx *ctx);

/** Frees g and everything it owns; NULL is a no-op. */
void mk_tu_game_free(mk_tu_game *g);

/** Sets the title (copied; NULL clears it). MK_ENOMEM on failure. */
int mk_tu_game_set_title(mk_tu_game *g, const char *title, mk_ctx *ctx);

/**
 * The Shapley value (Shapley 1953) by the subset formula
 * phi_i = sum over S not holding i of |S|! (n-|S|-1)! / n! (v(S+i) - v(S)),
 * exact, places (0..MK_COOP_MAX_PLACES) decimals in the renderings. New
 * *out freed with mk_coop_vector_free. MK_EPARAM for bad places,
 * MK_ENOMEM. O(2^n n) additions of 128-bit integers, then O(n^2) GMP.
 */
int mk_tu_game_shapley(const mk_tu_game *g, int places, mk_coop_vector **out, mk_ctx *ctx);

/**
 * Reads an explicit or glove game from JSON text data[0..len) (see the
 * top of this file); name is the input's name for messages, e.g.
 * "g.json: values[5]: expected an integer or an exact number in a string,
 * got a list". MK_EINPUT for bad syntax, structure or values (a wrong
 * number of values says how many were expected), the codes of
 * mk_tu_game_new. *out is set only on success.
 */
int mk_tu_game_read_json(mk_tu_game **out, const char *name, const char *data, size_t len,
                         mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
