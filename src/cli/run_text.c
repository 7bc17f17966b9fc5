/* The readable table of a run: one row per participant, then totals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mechkit/money.h"

enum { COLUMNS = 7, CELL = 64 };

typedef struct table {
    size_t rows, cols;
    char (*cells)[CELL]; /* rows * cols */
    size_t width[COLUMNS];
    size_t left; /* the first columns, flushed left: names and reports */
} table;

static char *cell(table *t, size_t row, size_t col)
{
    return t->cells[row * t->cols + col];
}

static void put(table *t, size_t row, size_t col, const char *text)
{
    snprintf(cell(t, row, col), CELL, "%s", text);
    size_t len = strlen(cell(t, row, col));
    if (len > t->width[col])
        t->width[col] = len;
}

static void fill(table *t, const run_report *r)
{
    const mk_outcome *o = r->outcome;
    char text[CELL];
    size_t col = 0;
    const char *head[COLUMNS] = {"participant", "report"};
    size_t ncols = 2;
    int values = r->utility != NULL && r->mech->format_report != NULL;
    if (values)
        head[ncols++] = "value";
    head[ncols++] = "allocation";
    head[ncols++] = "payment";
    if (o->column_name != NULL)
        head[ncols++] = o->column_name;
    if (r->utility != NULL)
        head[ncols++] = "utility";
    for (col = 0; col < ncols; col++)
        put(t, 0, col, head[col]);
    for (size_t i = 0; i < o->n; i++) {
        size_t row = i + 1;
        if (r->data->labels != NULL)
            put(t, row, 0, r->data->labels[i]);
        else {
            snprintf(text, sizeof text, "%zu", i + 1);
            put(t, row, 0, text);
        }
        text[0] = '\0';
        if (r->mech->format_report != NULL)
            r->mech->format_report(r->inst, &r->data->reports, i, text, sizeof text);
        put(t, row, 1, text);
        col = 2;
        if (values) {
            r->mech->format_report(r->inst, &r->data->types, i, text, sizeof text);
            put(t, row, col++, text);
        }
        snprintf(text, sizeof text, "%lld", (long long)o->allocation[i]);
        put(t, row, col++, text);
        put(t, row, col++, mk_money_format(o->payment[i], o->payment_scale, text));
        if (o->column_name != NULL)
            put(t, row, col++, mk_money_format(o->column[i], o->column_scale, text));
        if (r->utility != NULL)
            put(t, row, col, mk_rational_format(r->utility[i], o->payment_scale, text));
    }
}

static void print_table(const table *t, FILE *out)
{
    for (size_t row = 0; row < t->rows; row++) {
        for (size_t col = 0; col < t->cols; col++) {
            const char *text = t->cells[row * t->cols + col];
            int width = (int)t->width[col];
            /* Names and reports flush left, numbers flush right. */
            if (col < t->left)
                fprintf(out, "%s%-*s", col > 0 ? "  " : "", width, text);
            else
                fprintf(out, "  %*s", width, text);
        }
        fputc('\n', out);
    }
}

static void print_totals(const run_report *r, FILE *out)
{
    const mk_outcome *o = r->outcome;
    char text[MK_RATIONAL_FORMAT_MAX];
    if (!(r->mech->flags & MK_MECH_COLLECTIVE))
        fprintf(out, "\nrevenue: %s\n", mk_money_format(r->revenue, o->payment_scale, text));
    if (r->utility != NULL && !(r->mech->flags & MK_MECH_COLLECTIVE))
        fprintf(out, "welfare: %s\n", mk_rational_format(r->welfare, o->payment_scale, text));
    for (size_t i = 0; i < o->n_facts; i++) {
        const mk_fact *f = &o->facts[i];
        if (f->scale == MK_FACT_COUNT)
            fprintf(out, "%s: %lld\n", f->name, (long long)f->value);
        else
            fprintf(out, "%s: %s\n", f->name, mk_money_format(f->value, f->scale, text));
    }
}

/* The participants' table: allocation, payment, and value and utility
 * when the input gives types. */
static int print_participants(const run_report *r, FILE *out, mk_ctx *ctx)
{
    int values = r->utility != NULL && r->mech->format_report != NULL;
    table t = {r->outcome->n + 1, 4, NULL, {0}, 2 + (size_t)values};
    t.cols += (size_t)values + (r->outcome->column_name != NULL) + (r->utility != NULL);
    t.cells = calloc(t.rows * t.cols, sizeof *t.cells);
    if (t.cells == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the table");
    fill(&t, r);
    print_table(&t, out);
    free(t.cells);
    return MK_OK;
}

int run_write_text(const run_report *r, FILE *out, mk_ctx *ctx)
{
    fprintf(out, "%s on %s (sha256 %.16s...)\n", r->mech->name, r->input_name, r->sha256);
    if (r->data->skipped > 0)
        fprintf(out, "%zu malformed input rows skipped\n", r->data->skipped);
    fputc('\n', out);
    int rc = 0;
    if (!(r->mech->flags & MK_MECH_COLLECTIVE))
        rc = print_participants(r, out, ctx);
    if (rc == 0)
        print_totals(r, out);
    if (rc == 0 && r->mech->result_text != NULL) {
        char *text = NULL;
        rc = r->mech->result_text(r->inst, &r->data->reports, r->outcome, &text, ctx);
        /* a collective mechanism without facts starts right after the head */
        int first = (r->mech->flags & MK_MECH_COLLECTIVE) && r->outcome->n_facts == 0;
        if (rc == 0)
            fprintf(out, "%s%s", first ? "" : "\n", text);
        free(text);
    }
    if (rc == 0 && ferror(out))
        rc = mk_error(ctx, MK_EIO, "cannot write the output");
    return rc;
}
