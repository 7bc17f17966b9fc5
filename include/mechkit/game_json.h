/*
 * mechkit/game_json.h - normal-form games (mechkit/game.h) in JSON.
 *
 * A game is one object:
 *
 *     {"title": "Prisoner's Dilemma",            optional, default ""
 *      "comment": "T=5, R=3, P=1, S=0",          optional, default ""
 *      "players": ["Row", "Column"],             optional, default ""s
 *      "strategies": [["C", "D"], ["C", "D"]],   a list of names or a count per player
 *      "payoffs": [[[3, 0], [5, 1]],             one array per player
 *                  [[3, 5], [0, 1]]]}
 *
 * The number of players is the length of "strategies"; player i's entry
 * is a count (a JSON integer >= 1) or a list of names (strings). Every
 * player's entry must be of the same kind, so a game is wholly named or
 * wholly unnamed, as in mechkit/game.h.
 *
 * payoffs[i] is player i's payoff array, in one of two shapes:
 *   - nested: indexed by every player's strategy in turn,
 *     payoffs[i][s1][s2]...[sn] (for two players, a matrix whose rows are
 *     the first player's strategies: the textbook layout);
 *   - flat: one payoff per profile, the first player's strategy varying
 *     fastest, as in Gambit's .nfg payoff list (mechkit/nfg.h).
 * A payoff is a JSON integer or a string holding an integer ("-3"), a
 * decimal ("0.25", at most 18 places) or a fraction ("7/3"), kept exact.
 * JSON numbers with a fraction (0.25) are refused: jansson reads them as
 * doubles, and a double is not the number that was written.
 *
 * Besides these keys, "name", "notes", "description" and "source" are
 * allowed and ignored; any other key is an error (it is most likely a
 * typing mistake).
 */
#ifndef MECHKIT_GAME_JSON_H
#define MECHKIT_GAME_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reads the JSON game in data[0..len) into a new game *out (free it with
 * mk_game_free); name is used in messages ("<input>" when NULL).
 *
 * Errors, each with the message "NAME: PATH: what", PATH naming the value
 * at fault ("payoffs[2][1][3]", 1-based), or "NAME: line L, column C: what"
 * when the text is not JSON:
 *   MK_EINPUT  - not JSON, not an object, an unknown key, "strategies" or
 *                "payoffs" missing or of the wrong type, no players, a
 *                count of 0 or an empty list of names, mixed counts and
 *                names, a duplicate (non-empty) strategy name of a player,
 *                "players" or "payoffs" of a length other than the number
 *                of players, a payoff array with the wrong number of
 *                entries, strategy counts whose product overflows, a
 *                payoff that does not parse (or a JSON number with a
 *                fraction);
 *   MK_ERANGE  - a payoff that does not fit an int64 rational;
 *   MK_ELIMIT  - more than MK_GAME_MAX_CELLS payoffs (checked before
 *                anything is allocated);
 *   MK_ENOMEM.
 * *out is written only on success.
 */
int mk_game_read_json(const char *data, size_t len, const char *name, mk_game **out, mk_ctx *ctx);

/** Games with more players are written in the flat shape: nesting one
 *  level per player would exceed JSON parsers' depth limits (jansson's is
 *  2048) and the writer's stack. */
#define MK_GAME_JSON_NESTED_MAX 32

/**
 * Writes g to out as a JSON object in the nested shape (see above; flat
 * beyond MK_GAME_JSON_NESTED_MAX players), which mk_game_read_json reads
 * back to an identical game: title, comment (when not empty), players,
 * strategies (names, or counts when unnamed) and payoffs, integers as
 * JSON integers and other payoffs as "num/den" strings. Errors: MK_EIO
 * when writing fails; MK_ENOMEM.
 */
int mk_game_write_json(const mk_game *g, FILE *out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
