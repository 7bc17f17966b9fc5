/*
 * cli.h - what the subcommands of the mechkit tool share.
 *
 * Each subcommand lives in its own file (cmd_<name>.c) and is a function
 * that takes its arguments and returns the process exit status:
 * 0 success, 2 bad input or usage, 1 internal failure.
 */
#ifndef MECHKIT_CLI_H
#define MECHKIT_CLI_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mechkit/error.h"
#include "mechkit/hash.h"
#include "mechkit/mechanism.h"
#include "mechkit/registry.h"

enum { CLI_OK = 0, CLI_INTERNAL = 1, CLI_USAGE = 2 };

typedef enum cli_format { CLI_FORMAT_JSON, CLI_FORMAT_TEXT } cli_format;

/* A whole input in memory: a file or standard input ("-"). */
typedef struct cli_file {
    char *data;
    size_t len;
    const char *name;
} cli_file;

/* Reads path ("-" for stdin) into f. */
int cli_file_read(const char *path, cli_file *f, mk_ctx *ctx);
void cli_file_free(cli_file *f);

/* The SHA-256 of an input for the envelope, computed on a thread of its
 * own while the input is read and the mechanism runs (a large input's
 * digest costs about as much as reading it); at once, on the calling
 * thread, when no thread can start. Zero-initialised: nothing started. */
typedef struct cli_digest {
    const void *data;
    size_t len;
    char hex[MK_SHA256_HEX_SIZE]; /* valid after cli_digest_finish */
    int rc;                       /* mk_sha256_hex's result, its message in ctx */
    mk_ctx ctx;
    pthread_t thread;
    int running;
} cli_digest;

/* Starts the digest of data[0..len), which must stay until it finishes. */
void cli_digest_start(cli_digest *d, const void *data, size_t len);

/* Waits for the digest (nothing to wait for when none started); its
 * error, if any, into ctx. */
int cli_digest_finish(cli_digest *d, mk_ctx *ctx);

/* What the commands that run a mechanism read: the file ("-" for stdin),
 * its SHA-256 for the envelope, and the mechanism's reading of it. */
typedef struct cli_mechanism_input {
    cli_file file;
    cli_digest digest; /* of file: call cli_digest_finish before reading its hex */
    mk_dataset data;
} cli_mechanism_input;

/* Reads path with m->read (format: NULL to guess from the name), its
 * digest started; the caller frees in with cli_mechanism_input_free, also
 * on failure. */
int cli_mechanism_input_read(const mk_mechanism *m, const char *path, const char *format,
                             const mk_params *params, cli_mechanism_input *in, mk_ctx *ctx);
void cli_mechanism_input_free(cli_mechanism_input *in);

/* Prints "mechkit: <message>" to stderr and returns the exit status for
 * the error held in ctx. */
int cli_fail(const mk_ctx *ctx);

/* Prints "mechkit <command>: <message>" and a hint to stderr; returns 2. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* What every command that runs a mechanism takes: NAME, FILE, -p
 * KEY=VALUE, --format, --input-format, --output and --help. */
typedef struct cli_args {
    const char *command; /* for messages: "run", "audit", ... */
    const char *name, *path, *input_format, *output;
    cli_format format;
    mk_params params;
} cli_args;

#define CLI_ARGS_INIT(command)                                                                     \
    {                                                                                              \
        (command), NULL, NULL, NULL, NULL, CLI_FORMAT_JSON, MK_PARAMS_INIT                         \
    }

enum { CLI_ARGS_TAKEN = -1, CLI_ARGS_HELP = -2 };

/* Reads argv[*i] (and its value, advancing *i) into a. Returns
 * CLI_ARGS_TAKEN, CLI_ARGS_HELP for --help, or an exit status (2) after
 * printing why the argument is wrong. A command tries its own options
 * first and hands every other argument to this. */
int cli_args_next(cli_args *a, int argc, char **argv, int *i);

/* CLI_OK when the mechanism (and, with need_path, the file) was named;
 * else prints the usage error and returns 2. */
int cli_args_check(const cli_args *a, int need_path);

/* For a command's last argument: an unknown option ("-x") is an error, the
 * first plain argument is the input file (*path; "-" for stdin), another
 * is unexpected. Returns CLI_ARGS_TAKEN, or prints why and returns 2. */
int cli_take_file(const char *command, const char *arg, int has_value, const char **path);

/* CLI_OK when an input file was named, else prints the usage error and
 * returns 2. */
int cli_need_file(const char *command, const char *path);

/* A decimal integer in [min, max] into *out: 0, or -1. */
int cli_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* An option that takes a count in [min, max], stored in *u64 or, when
 * u64 is NULL, in *size. */
typedef struct cli_count {
    const char *name;
    uint64_t min, max;
    uint64_t *u64;
    size_t *size;
} cli_count;

/* When arg is one of the n counts, parses value into its place: CLI_OK, or
 * a usage error of command ("--seed takes an integer from 0 to ..."); 1
 * when arg is none of them. */
int cli_count_option(const char *command, const char *arg, const char *value,
                     const cli_count *counts, size_t n);

/* Where a command writes its result: stdout, or a file that appears only
 * when complete (written to PATH.tmp.PID, then renamed over PATH), so that
 * nothing half-written is ever left under the name asked for. */
typedef struct cli_output {
    FILE *stream;
    const char *path; /* NULL for stdout */
    char *temporary;  /* the name written to, owned */
} cli_output;

/* Opens path ("-" or NULL for stdout). */
int cli_output_open(const char *path, cli_output *out, mk_ctx *ctx);

/* Flushes and, for a file, renames it into place (ok != 0) or removes it
 * (ok == 0, after a failure). Returns MK_EIO when the output could not be
 * written completely. */
int cli_output_close(cli_output *out, int ok, mk_ctx *ctx);

/* JSON strings of exact numbers: an amount at a scale ("12.50"), and a
 * rational as a decimal padded to min_places when it is one ("2.50",
 * "0.125") or as a fraction ("1/3"). */
json_t *cli_json_amount(int64_t value, int scale);
json_t *cli_json_rational(mk_rational v, int min_places);

/* Every parameter of a bound mk_params with its value, given or default
 * (the envelope's "params", so that a result records what was run). */
json_t *cli_json_params(const mk_params *p);

/* Parses "json" or "text"; 0 on success, -1 otherwise. */
int cli_parse_format(const char *s, cli_format *out);

/* Writes text to stdout and reports a write failure (e.g. a full disk) as
 * exit status 1. */
int cli_flush_stdout(void);

/* Everything a `run` prints, computed before printing. */
typedef struct run_report {
    const mk_mechanism *mech;
    const mk_instance *inst;
    const mk_params *params; /* bound: defaults are known */
    const mk_dataset *data;
    const mk_outcome *outcome;
    const char *input_name;
    const char *sha256;
    unsigned long long seed;
    const mk_rational *utility; /* data->reports.n entries, NULL without types */
    mk_rational welfare;        /* valid when utility != NULL */
    int64_t revenue;            /* at outcome->payment_scale */
} run_report;

/* Write the report; MK_EIO when the output cannot be written, or the
 * mechanism's own error from result_json/result_text. */
int run_write_json(const run_report *r, FILE *out, mk_ctx *ctx);
int run_write_text(const run_report *r, FILE *out, mk_ctx *ctx);

/* A method of a solving command, for its parser and for `mechkit list`. */
typedef struct cli_solver {
    const char *name; /* NULL ends a table */
    const char *summary;
    const char *details; /* what `mechkit describe` adds: input, limits, output, sources */
} cli_solver;

/* The methods of `mechkit solve --method M` (cmd_solve.c). */
extern const cli_solver cli_solve_methods[];

/* The indices of `mechkit coop --index I` (cmd_coop.c). */
extern const cli_solver cli_coop_indices[];

int cmd_list(int argc, char **argv, const mk_registry *reg);
int cmd_describe(int argc, char **argv, const mk_registry *reg);
int cmd_run(int argc, char **argv, const mk_registry *reg);
int cmd_audit(int argc, char **argv, const mk_registry *reg);
int cmd_sim(int argc, char **argv, const mk_registry *reg);
int cmd_solve(int argc, char **argv, const mk_registry *reg);
int cmd_coop(int argc, char **argv, const mk_registry *reg);

#endif
