/*
 * mechkit/nfg.h - Gambit's strategic-form file format (.nfg), version 1.
 *
 * Reference: the Gambit documentation, "Game representation formats"
 * (https://gambitproject.readthedocs.io), sections on the .nfg payoff
 * version and outcome version. A file is
 *
 *     NFG 1 R "title" { "Player 1" "Player 2" ... } STRATEGIES [ "comment" ]
 *     PAYOFFS
 *
 * where STRATEGIES is either one count per player, `{ 2 3 }`, or one list
 * of quoted names per player, `{ { "T" "B" } { "L" "C" "R" } }`, and
 * PAYOFFS is either
 *   - the payoff version: for each profile in turn (the first player's
 *     strategy varying fastest), the payoff of every player in order; or
 *   - the outcome version: `{ { "name" p1, p2, ... } ... }`, a list of
 *     outcomes with one payoff per player (commas optional), then one
 *     outcome number per profile, 1-based, 0 meaning all payoffs 0.
 * Whitespace is not significant outside strings. A string is in double
 * quotes; a backslash makes the next byte literal (\" and \\), as in
 * Gambit's reader. Strings must be UTF-8. "NFG 1 D" is accepted too; its
 * numbers are read exactly like those of "NFG 1 R".
 *
 * Payoffs are integers ("-3"), decimals ("0.25", "1e3", "2.5E-2") or
 * fractions ("7/3"), each kept exact (mechkit/game.h explains why int64
 * rationals): a decimal is its exact value, never a rounded double.
 */
#ifndef MECHKIT_NFG_H
#define MECHKIT_NFG_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reads the .nfg game in data[0..len) (data may be NULL when len is 0) into
 * a new game *out (free it with mk_game_free); name is used in messages
 * ("<input>" when NULL). Strategy names are kept when the file gives them;
 * a file that gives counts yields a game with unnamed strategies.
 *
 * Errors, each with the message "NAME:LINE:COL: what" (LINE and COL
 * 1-based, COL counted in characters):
 *   MK_EINPUT  - a header that is not NFG 1 R/D, a missing or unclosed
 *                brace or string, no players, fewer or more strategy lists
 *                or counts than players, a strategy count of 0 or an empty
 *                list of names, strategy counts whose product (times the
 *                number of players) overflows, fewer or more payoffs than
 *                profiles times players (or outcome numbers than profiles),
 *                an outcome with the wrong number of payoffs or a number
 *                beyond the outcomes, a number that does not parse (or has
 *                a zero denominator), invalid UTF-8 or a NUL byte in a
 *                string;
 *   MK_ERANGE  - a payoff that is exact but does not fit an int64
 *                rational in lowest terms;
 *   MK_ELIMIT  - more than MK_GAME_MAX_CELLS payoffs;
 *   MK_ENOMEM.
 * *out is written only on success. Cost: one pass over the bytes, no
 * allocation per payoff.
 */
int mk_game_read_nfg(const char *data, size_t len, const char *name, mk_game **out, mk_ctx *ctx);

/**
 * Writes g to out in the payoff version of the format, which
 * mk_game_read_nfg reads back to an identical game: the title and player
 * names, the strategy names (or counts when unnamed), the comment when it
 * is not empty, then one line per profile with every player's payoff as
 * an integer or "num/den". Errors: MK_EIO when writing fails.
 */
int mk_game_write_nfg(const mk_game *g, FILE *out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
