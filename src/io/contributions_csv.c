/* Contributions in CSV (see mechkit/funding.h): a header naming the
 * columns, then one row per contribution. */
#include <string.h>

#include "contributions_internal.h"
#include "mechkit/csv.h"

enum { COL_WHO, COL_PROJECT, COL_AMOUNT, COL_WEIGHT, COL_TIMESTAMP, COL_GROUPS, N_COLUMNS };

static const char *const column_names[N_COLUMNS] = {"contributor", "project",   "amount",
                                                    "weight",      "timestamp", "groups"};

static int read_header(const mk_contrib_builder *b, const mk_csv_record *h, long *at, mk_ctx *ctx)
{
    for (size_t k = 0; k < N_COLUMNS; k++)
        at[k] = -1;
    for (size_t i = 0; i < h->n; i++) {
        size_t len;
        const char *s = mk_csv_trim(h->field[i], h->len[i], &len);
        for (size_t k = 0; k < N_COLUMNS; k++) {
            if (strlen(column_names[k]) != len || memcmp(s, column_names[k], len) != 0)
                continue;
            if (at[k] >= 0)
                return mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s' appears twice", b->name,
                                h->line, column_names[k]);
            at[k] = (long)i;
        }
    }
    for (size_t k = 0; k <= COL_AMOUNT; k++)
        if (at[k] < 0)
            return mk_error(ctx, MK_EINPUT,
                            "%s:%zu: no column '%s' (the header needs contributor, project and "
                            "amount; weight and timestamp are optional)",
                            b->name, h->line, column_names[k]);
    if (b->opt.groups && at[COL_GROUPS] < 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: no column 'groups' (each contributor's groups, names separated "
                        "by ';')",
                        b->name, h->line);
    return MK_OK;
}

static int read_row(mk_contrib_builder *b, const mk_csv_record *rec, const long *at,
                    size_t n_header, mk_ctx *ctx)
{
    if (rec->n != n_header)
        return mk_error(ctx, MK_EINPUT, "%s: line %zu: %zu field%s, but the header has %zu",
                        b->name, rec->line, rec->n, rec->n == 1 ? "" : "s", n_header);
    mk_contrib_fields f;
    f.who = mk_csv_trim(rec->field[at[COL_WHO]], rec->len[at[COL_WHO]], &f.who_len);
    f.project = mk_csv_trim(rec->field[at[COL_PROJECT]], rec->len[at[COL_PROJECT]], &f.project_len);
    f.amount = mk_csv_trim(rec->field[at[COL_AMOUNT]], rec->len[at[COL_AMOUNT]], &f.amount_len);
    f.weight = f.groups = NULL;
    f.weight_len = f.groups_len = 0;
    if (at[COL_GROUPS] >= 0)
        f.groups = mk_csv_trim(rec->field[at[COL_GROUPS]], rec->len[at[COL_GROUPS]], &f.groups_len);
    if (at[COL_WEIGHT] >= 0)
        f.weight = mk_csv_trim(rec->field[at[COL_WEIGHT]], rec->len[at[COL_WEIGHT]], &f.weight_len);
    return mk_contrib_builder_add(b, &f, rec->line, ctx);
}

/* The state of mk_csv_read_rows over a contributions file. */
typedef struct contribution_rows {
    mk_contrib_builder *b;
    long at[N_COLUMNS];
    size_t n_header;
} contribution_rows;

static int header_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    contribution_rows *r = state;
    r->n_header = rec->n;
    return read_header(r->b, rec, r->at, ctx);
}

static int row_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    contribution_rows *r = state;
    return mk_contrib_builder_settle(r->b, read_row(r->b, rec, r->at, r->n_header, ctx), ctx);
}

int mk_contrib_collect_csv(mk_contrib_builder *b, const char *data, size_t len, mk_ctx *ctx)
{
    static const mk_csv_rows rows = {"no contributions (the input is empty)", header_record,
                                     row_record};
    contribution_rows state = {b, {-1, -1, -1, -1, -1, -1}, 0};
    return mk_csv_read_rows(data, len, b->name, &rows, &state, ctx);
}
