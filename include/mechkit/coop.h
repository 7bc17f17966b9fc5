/*
 * mechkit/coop.h - simple games given by weights: weighted voting games
 * and multiple weighted games.
 *
 * A weighted voting game [q; w_1, ..., w_n] makes a coalition S winning
 * when w(S) = sum of w_i over S is at least the quota q. A multiple
 * weighted game is the intersection of k weighted games over the same
 * players: S wins when it wins in every one of them (e.g. a double
 * majority of member states and of population). Power indices of these
 * games are in mechkit/power.h.
 *
 * JSON (mk_simple_game_read_json):
 *
 *   {"type": "weighted", "quota": Q, "players": [{"name": "...", "weight": W}, ...]}
 *   {"type": "multiple_weighted", "games": [<weighted game>, ...]}
 *
 * - "type" may be left out at the top level: the game is then a weighted
 *   game (the files of ../shared/data/coop/ have no type).
 * - Quotas and weights are JSON integers; weights >= 0 and quotas from 1
 *   to the total weight of their game (so that the grand coalition wins
 *   and the empty one loses). A JSON number with a fraction is refused.
 * - Player names are non-empty strings without NUL, unique. Every game of
 *   a multiple weighted game lists the same names, in any order; the
 *   players keep the order of the first game.
 * - Informational keys are accepted and not read: "name" (kept as the
 *   game's title), "rule", "notes", "description", "source", and the
 *   known answers "shapley_shubik", "banzhaf_swings",
 *   "banzhaf_normalized", "banzhaf_total_swings". "total_weight", when
 *   given, must equal the sum of the weights. Every other key is an error
 *   (a misspelt "qouta" is never silently ignored).
 */
#ifndef MECHKIT_COOP_H
#define MECHKIT_COOP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tu_game.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most players of a simple game, checked before any allocation. */
#define MK_SIMPLE_GAME_MAX_PLAYERS 100000
/** Most component games of a multiple weighted game. */
#define MK_SIMPLE_GAME_MAX_GAMES 16

/**
 * A weighted or multiple weighted game. Read-only for callers: build one
 * with mk_simple_game_new or mk_simple_game_read_json, free it with
 * mk_simple_game_free. Every pointer is owned by the game.
 */
typedef struct mk_simple_game {
    size_t n;        /**< players, >= 1 */
    size_t n_games;  /**< component games, 1 for a weighted game */
    char **names;    /**< n unique player names */
    int64_t *quota;  /**< n_games quotas */
    int64_t *weight; /**< n_games * n weights: game g at weight + g * n */
    int64_t *total;  /**< n_games total weights */
    char *title;     /**< the input's "name", or NULL */
} mk_simple_game;

/**
 * Builds a game from copies of names (n strings), weight (n_games rows of
 * n weights) and quota (n_games). Checks every rule of the JSON contract
 * above. MK_EINPUT for an empty or duplicate name, MK_ERANGE for a
 * negative weight, a quota outside 1..total or a total past INT64_MAX,
 * MK_ELIMIT past MK_SIMPLE_GAME_MAX_PLAYERS or _MAX_GAMES, MK_ENOMEM.
 * *out is set only on success. O(k n + n log n) for k games.
 */
int mk_simple_game_new(mk_simple_game **out, size_t n, size_t n_games, const char *const *names,
                       const int64_t *weight, const int64_t *quota, mk_ctx *ctx);

/** Frees g and everything it owns; NULL is a no-op. */
void mk_simple_game_free(mk_simple_game *g);

/** Sets the title (copied; NULL clears it). MK_ENOMEM on failure. */
int mk_simple_game_set_title(mk_simple_game *g, const char *title, mk_ctx *ctx);

/** 1 when the coalition whose members have member[i] != 0 wins (in every
 *  component game), 0 otherwise. O(k n). */
int mk_simple_game_wins(const mk_simple_game *g, const unsigned char *member);

/**
 * The simple game as an explicit game (mechkit/tu_game.h): v(S) = 1 when
 * S wins, 0 otherwise, for its core and nucleolus (mechkit/nucleolus.h).
 * MK_ELIMIT past MK_TU_GAME_MAX_PLAYERS players, MK_ENOMEM. O(2^n k).
 */
int mk_simple_game_to_tu(const mk_simple_game *g, mk_tu_game **out, mk_ctx *ctx);

/**
 * Reads a game from JSON text data[0..len) (see the top of this file).
 * name is the input's name for messages ("un.json"); messages name the
 * place, e.g. "un.json: players[3] ('France'): weight: expected an
 * integer >= 0, got -7". MK_EINPUT for bad syntax or structure, and the
 * codes of mk_simple_game_new. *out is set only on success.
 */
int mk_simple_game_read_json(mk_simple_game **out, const char *name, const char *data, size_t len,
                             mk_ctx *ctx);

/** The kinds of cooperative game a JSON input may hold, by its "type"
 *  (mechkit/tu_game.h, airport.h and bankruptcy.h read the others). */
typedef enum mk_coop_kind {
    MK_COOP_WEIGHTED = 0, /**< "weighted", or no "type" */
    MK_COOP_MULTIPLE_WEIGHTED = 1,
    MK_COOP_EXPLICIT = 2,
    MK_COOP_GLOVE = 3,
    MK_COOP_AIRPORT = 4,
    MK_COOP_BANKRUPTCY = 5
} mk_coop_kind;

/**
 * The kind of game in JSON text data[0..len), from its "type", so that a
 * caller can pick the reader. MK_EINPUT for bad JSON, a root that is not
 * an object, or an unknown type (the message lists the known ones).
 */
int mk_coop_json_kind(const char *name, const char *data, size_t len, mk_coop_kind *out,
                      mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
