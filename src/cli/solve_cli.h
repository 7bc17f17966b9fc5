/*
 * solve_cli.h - what `mechkit solve` (cmd_solve.c) shares with the files
 * that hold its options, input formats, --verify, Gambit output and
 * dominance output (solve_*.c).
 */
#ifndef MECHKIT_SOLVE_CLI_H
#define MECHKIT_SOLVE_CLI_H

#include <jansson.h>
#include <stddef.h>

#include "cli.h"
#include "mechkit/dominance.h"
#include "mechkit/game.h"
#include "mechkit/mixed.h"
#include "mechkit/nash.h"
#include "mechkit/params.h"

/* The input, for the envelope. */
typedef struct solve_input {
    const char *name;
    char sha256[MK_SHA256_HEX_SIZE];
} solve_input;

/* The options of solve_options.c. */
typedef struct solve_options {
    const char *input_format; /* "nfg", "json", or NULL to guess */
    const char *verify;       /* --verify PROFILE, or NULL */
    int gambit;               /* --format gambit */
    mk_dominance_options dominance;
    mk_params params; /* other -p KEY=VALUE: kantian's and metagame's */
} solve_options;

/* clang-format off */
#define SOLVE_OPTIONS_INIT {NULL, NULL, 0, MK_DOMINANCE_OPTIONS_INIT, MK_PARAMS_INIT}
/* clang-format on */

/* Prints the part of `mechkit solve --help` about these options. */
void solve_options_help(void);

/* Reads the option at argv[*i] when it is one of the above (advancing *i
 * past its value) and returns CLI_ARGS_TAKEN; CLI_OK when it is not one of
 * them; 2 after printing a usage error. */
int solve_option(int argc, char **argv, int *i, solve_options *o);

/* After parsing: CLI_OK when the options fit the method, else prints why
 * and returns 2. */
int solve_options_check(const solve_options *o, const char *method);

/* Reads the game in f in format ("nfg", "json", or NULL to guess). */
int solve_read_game(const char *format, const cli_file *f, mk_game **out, mk_ctx *ctx);

/* solve --verify: checks profile on g and prints the report. */
int solve_verify(const char *profile, cli_format format, const solve_input *in, const mk_game *g,
                 mk_ctx *ctx);

/* The exact check (mk_game_check_equilibrium) of a pure equilibrium at
 * profile index k, and of every equilibrium in e, as they are printed. */
int solve_check_pure(const mk_game *g, size_t k, mk_ctx *ctx);
int solve_check_mixed(const mk_game *g, const mk_mixed_equilibria *e, mk_ctx *ctx);

/* Gambit's output: one "NE,p1,p2,..." line per equilibrium, every
 * player's probabilities in turn, as gambit-enumpure, gambit-lcp and
 * gambit-enummixed print them. 0, or -1 when writing fails. */
int solve_gambit_pure(const mk_game *g, const mk_pure_equilibria *e);
int solve_gambit_mixed(const mk_mixed_equilibria *e);

/* solve --method dominance with o->dominance, in JSON or text. */
int solve_dominance_report(const solve_options *o, cli_format format, const solve_input *in,
                           const mk_game *g, mk_ctx *ctx);

/* solve --method enumpoly, in JSON, text or Gambit's NE lines. */
int solve_enumpoly_report(const solve_options *o, cli_format format, const solve_input *in,
                          const mk_game *g, mk_ctx *ctx);

/* solve --method simpdiv: one equilibrium, in JSON or text. */
int solve_simpdiv_report(cli_format format, const solve_input *in, const mk_game *g, mk_ctx *ctx);

/* From cmd_solve.c: the envelope, and strategies and payoffs as JSON or
 * text. */
int write_envelope(const char *method, const solve_input *in, const mk_game *g, json_t *result);
json_t *strategy_json(const mk_game *g, size_t i, size_t s);
/* A pure equilibrium (profile index k) as {profile, strategies (0/1),
 * payoffs}; strategy is scratch of n_players entries. */
json_t *pure_equilibrium_json(const mk_game *g, size_t k, size_t *strategy);
const char *strategy_text(const mk_game *g, size_t i, size_t s, char *buf, size_t cap);
const char *payoff_text(mk_rational v, char *buf, size_t cap);
void game_text(const mk_game *g);

#endif
