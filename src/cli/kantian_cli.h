/*
 * kantian_cli.h - what `mechkit solve --method kantian|metagame`
 * (solve_kantian.c) and `mechkit sim --game` (sim_game.c) share: reading a
 * game that is either a Gambit .nfg table or the compact symmetric JSON
 * form (mechkit/kantian.h), and naming decision procedures.
 */
#ifndef MECHKIT_KANTIAN_CLI_H
#define MECHKIT_KANTIAN_CLI_H

#include "cli.h"
#include "mechkit/kantian.h"
#include "mechkit/metagame.h"
#include "mechkit/params.h"

/* A game as read: the table (always; built from the compact form when it
 * is small enough) and/or the compact form of a symmetric game. */
typedef struct kantian_input {
    cli_file file;
    char sha256[MK_SHA256_HEX_SIZE];
    mk_game *table;  /* NULL when a compact game is too big for a table */
    mk_symgame *sym; /* NULL unless read compactly or need_symmetric */
    int compact;     /* 1 when the file was the compact JSON form */
} kantian_input;

/* Reads path: compact JSON when it is a JSON object with "type":
 * "symmetric", else .nfg. With need_symmetric, the compact form is made
 * from a table (MK_EINPUT when the game is not symmetric). Free with
 * kantian_input_free, also on failure. */
int kantian_input_read(const char *path, int need_symmetric, kantian_input *in, mk_ctx *ctx);
void kantian_input_free(kantian_input *in);

/* Parses a comma-separated list of procedures: "nash", "kantian" or a
 * strategy name (or number from 1) of the base game. At most
 * MK_METAGAME_MAX_PROCEDURES; *n receives the count. MK_EPARAM naming the
 * unknown word. */
int kantian_procedures_parse(const char *list, const mk_symgame *base, mk_procedure *out, size_t *n,
                             mk_ctx *ctx);

/* solve --method kantian / metagame: params are the -p KEY=VALUE given. */
int cli_solve_kantian(const char *path, cli_format format, mk_params *params, mk_ctx *ctx);
int cli_solve_metagame(const char *path, cli_format format, mk_params *params, mk_ctx *ctx);

/* mechkit sim --game FILE ...: replicator dynamics of a metagame. */
int cli_sim_game(int argc, char **argv);

#endif
