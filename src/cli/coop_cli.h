/*
 * coop_cli.h - what the two halves of `mechkit coop` share: cmd_coop.c
 * (arguments, simple games) and cmd_coop_tu.c (explicit, glove and
 * airport games, bankruptcy problems).
 */
#ifndef MECHKIT_COOP_CLI_H
#define MECHKIT_COOP_CLI_H

#include <jansson.h>

#include "cli.h"
#include "mechkit/coop.h"

/* One run: the options as given and the input's identity. */
typedef struct coop_request {
    const char *index;  /* --index as given: a comma-separated list */
    const char *method; /* --method as given */
    int places;
    cli_format format;
    const char *input; /* the input's name */
    const char *sha256;
} coop_request;

/* Bits of the names in the comma-separated list, bit k for names[k] (at
 * most 32 names). -1 and *bad (a pointer into list, up to the next comma)
 * when a name is not among them. "all" is an ordinary name here. */
int coop_index_bits(const char *list, const char *const *names, size_t n, unsigned *bits,
                    const char **bad, size_t *bad_len);

/* Prints the JSON envelope {mechkit, command, params, input, result}
 * around result (stolen). 0, or -1 when stdout fails. */
int coop_envelope_write(const coop_request *req, json_t *result);

/* Reads, computes and prints a game of kind (explicit, glove, airport or
 * bankruptcy) from file. 0 or an MK_E* code in ctx. */
int coop_run_tu(const coop_request *req, mk_coop_kind kind, const cli_file *file, mk_ctx *ctx);

#endif
