/*
 * contributions_internal.h - the builder that the CSV and JSON readers of
 * contributions fill (see mechkit/funding.h). Private to mechkit.
 */
#ifndef MECHKIT_IO_CONTRIBUTIONS_INTERNAL_H
#define MECHKIT_IO_CONTRIBUTIONS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/money_wide.h"
#include "mechkit/funding.h"
#include "strmap.h"

/* One accepted row: an amount as written (mantissa at its own places). */
typedef struct mk_contrib_row {
    uint32_t who, project;
    mk_u128 mantissa;
    int places;
    size_t line; /* CSV line or 1-based JSON record */
} mk_contrib_row;

typedef struct mk_contrib_builder {
    const char *name;  /* input name for messages */
    const char *where; /* "line" (CSV) or "record" (JSON) */
    mk_contributions_options opt;
    mk_name_list who, projects; /* numbered by first appearance */
    int64_t *weight;            /* per contributor, millionths; -1 while unset */
    size_t *weight_line;
    char **groups;       /* per contributor, its groups as written; NULL while unset */
    size_t *groups_line; /* where they were first given */
    size_t weight_cap;   /* of weight, weight_line, groups and groups_line */
    mk_name_list group_names;
    size_t *group_start, *group_ids; /* per contributor (CSR), once resolved */
    mk_contrib_row *rows;
    size_t n_rows, cap_rows;
    int max_places;      /* most decimal places written (at most 18) */
    int max_significant; /* most places without trailing zeros */
    size_t skipped;
} mk_contrib_builder;

void mk_contrib_builder_init(mk_contrib_builder *b, const char *name, const char *where,
                             const mk_contributions_options *opt);
void mk_contrib_builder_free(mk_contrib_builder *b);

/* Text fields of one row; weight may be NULL (absent). Validates all of
 * them before changing b, so a bad row leaves b as it was; MK_EINPUT with
 * "NAME:WHERE N: field F: ..." for a bad row. */
typedef struct mk_contrib_fields {
    const char *who, *project, *amount, *weight, *groups;
    size_t who_len, project_len, amount_len, weight_len, groups_len;
} mk_contrib_fields;

int mk_contrib_builder_add(mk_contrib_builder *b, const mk_contrib_fields *f, size_t line,
                           mk_ctx *ctx);

/* Handles the result of adding one row: with skip_bad_rows an MK_EINPUT
 * is counted and cleared (returns 0); anything else is returned. */
int mk_contrib_builder_settle(mk_contrib_builder *b, int rc, mk_ctx *ctx);

/* Sums, rescales and lays out the rows into out (see mechkit/funding.h). */
int mk_contrib_builder_finish(mk_contrib_builder *b, mk_dataset *out, mk_ctx *ctx);

/* Groups (contributions_groups.c). Checks a row's groups text against
 * what contributor `who` gave before and keeps it the first time. */
int mk_contrib_groups_note(mk_contrib_builder *b, size_t who, const mk_contrib_fields *f,
                           size_t line, mk_ctx *ctx);
/* Every contributor's groups as sorted unique indices; *t_max the most of
 * one contributor. MK_EINPUT naming a contributor who gave none. */
int mk_contrib_groups_resolve(mk_contrib_builder *b, size_t *t_max, mk_ctx *ctx);
/* Writes contributor i's groups at the end of row (width cells). */
void mk_contrib_groups_write(const mk_contrib_builder *b, size_t i, int64_t *row, size_t width);
/* 0 when s[0..len) is a valid groups text ("a;b", no empty name, no NUL). */
int mk_contrib_groups_valid(const char *s, size_t len);

int mk_contrib_collect_csv(mk_contrib_builder *b, const char *data, size_t len, mk_ctx *ctx);
int mk_contrib_collect_json(mk_contrib_builder *b, const char *data, size_t len, mk_ctx *ctx);

#endif
