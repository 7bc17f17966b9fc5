/* Private to the cast-vote-record reader (cvr_csv.c, cvr_columns.c). */
#ifndef MECHKIT_IO_CVR_INTERNAL_H
#define MECHKIT_IO_CVR_INTERNAL_H

#include <stddef.h>

#include "mechkit/csv.h"
#include "mechkit/cvr.h"

/* What the header row says. */
typedef struct cvr_columns {
    const mk_cvr_options *opt;
    const char *name; /* the input's name, for messages */
    size_t cols;      /* fields of the header */
    size_t ranks;     /* rank columns */
    size_t *rank_col; /* their field indices, in rank order */
    char **rank_name; /* their header names (for messages), owned */
    long count_col;   /* -1: none */
} cvr_columns;

/* Reads the header row from csv into c (rank columns by opt->rank_columns
 * or by their "Rank N" names, the count column by opt->count_column or
 * "Count"/"Weight"). MK_EINPUT naming name and the line for an empty file
 * or header, no rank columns, a named column the header lacks or names
 * twice, two columns for one rank or two count columns, a column both a
 * rank and the count; MK_EPARAM for a bad rank_columns; MK_ELIMIT past
 * MK_CVR_MAX_RANKS; MK_ENOMEM. Free c with cvr_columns_free either way. */
int cvr_columns_read(cvr_columns *c, mk_csv *csv, const mk_cvr_options *opt, const char *name,
                     mk_ctx *ctx);

/* Frees what c owns; c may be reused. */
void cvr_columns_free(cvr_columns *c);

#endif
