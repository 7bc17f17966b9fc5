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
#include "mechkit/nucleolus.h"

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

/* The solutions by excesses (cmd_coop_excess.c), bits of coop_excess. */
enum { COOP_CORE = 1, COOP_LEAST_CORE = 2, COOP_NUCLEOLUS = 4, COOP_PRENUCLEOLUS = 8 };

/* What was asked (bits), and what was computed. Set bits and
 * talmud_equals_nucleolus (-1: not checked, else 0 or 1) before
 * coop_excess_compute; free with coop_excess_free. */
typedef struct coop_excess {
    unsigned bits;
    int talmud_equals_nucleolus;
    int cost; /* a cost game solved as v = -c: allocations printed negated */
    size_t n;
    char *const *names; /* the game's */
    mk_tu_core *core;
    mk_tu_excess_result *least_core, *nucleolus, *prenucleolus;
} coop_excess;

/* Computes the solutions of x->bits for g, places decimals; cost: g is
 * -c of a cost game c. 0 or an MK_E* code in ctx. */
int coop_excess_compute(coop_excess *x, const mk_tu_game *g, int cost, int places, mk_ctx *ctx);
void coop_excess_free(coop_excess *x);

/* Adds "core", "least_core", "nucleolus", "prenucleolus" (and their
 * *_decimal and *_levels) and "talmud_equals_nucleolus" to result. */
void coop_excess_json(const coop_excess *x, json_t *result);

/* The same as text lines. */
void coop_excess_text(const coop_excess *x);

#endif
