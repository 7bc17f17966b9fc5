/* Stake changes for conviction voting in CSV (see mechkit/funding.h): a
 * header with block, voter, proposal, stake and requested, then one row
 * per change of one voter's stake on one proposal. Read in two passes: the
 * fields first (to infer the scale: the most decimal places of stake and
 * requested), then the numbers. */
#include <stdlib.h>
#include <string.h>

#include "mechkit/csv.h"
#include "mechkit/funding.h"
#include "mechkit/money.h"
#include "strmap.h"

enum { COL_BLOCK, COL_VOTER, COL_PROPOSAL, COL_STAKE, COL_REQUESTED, N_COLUMNS };

static const char *const column_names[N_COLUMNS] = {"block", "voter", "proposal", "stake",
                                                    "requested"};

/* One change, as read. */
typedef struct change {
    int64_t block, delta, requested;
    size_t voter, proposal, line;
} change;

typedef struct reader {
    const char *input;
    mk_name_list voters, proposals; /* numbered by first appearance */
    change *changes;
    size_t n, cap;
    char **stake_text, **requested_text; /* per change, until parsed */
    long at[N_COLUMNS];                  /* the header's column of each field */
    size_t n_header;                     /* fields in the header */
} reader;

static int read_header(const reader *r, const mk_csv_record *h, long *at, mk_ctx *ctx)
{
    for (size_t k = 0; k < N_COLUMNS; k++)
        at[k] = -1;
    for (size_t i = 0; i < h->n; i++) {
        size_t len;
        const char *s = mk_csv_trim(h->field[i], h->len[i], &len);
        for (size_t k = 0; k < N_COLUMNS; k++)
            if (strlen(column_names[k]) == len && memcmp(s, column_names[k], len) == 0) {
                if (at[k] >= 0)
                    return mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s' appears twice", r->input,
                                    h->line, column_names[k]);
                at[k] = (long)i;
            }
    }
    for (size_t k = 0; k < N_COLUMNS; k++)
        if (at[k] < 0)
            return mk_error(ctx, MK_EINPUT,
                            "%s:%zu: no column '%s' (the header needs block, voter, proposal, "
                            "stake and requested)",
                            r->input, h->line, column_names[k]);
    return MK_OK;
}

/* A block number: digits only, at most 10^15. */
static int parse_block(const char *s, size_t len, int64_t *out)
{
    if (len == 0 || len > 15)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = 10 * v + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static char *copy_text(const char *s, size_t len)
{
    char *c = malloc(len + 1);
    if (c != NULL) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

static int read_row(reader *r, const mk_csv_record *rec, const long *at, size_t n_header,
                    mk_ctx *ctx)
{
    if (rec->n != n_header)
        return mk_error(ctx, MK_EINPUT, "%s: line %zu: %zu fields, but the header has %zu",
                        r->input, rec->line, rec->n, n_header);
    const char *f[N_COLUMNS];
    size_t len[N_COLUMNS];
    for (size_t k = 0; k < N_COLUMNS; k++)
        f[k] = mk_csv_trim(rec->field[at[k]], rec->len[at[k]], &len[k]);
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        change *c = realloc(r->changes, cap * sizeof *c);
        char **st = realloc(r->stake_text, cap * sizeof *st);
        char **rq = st == NULL ? NULL : realloc(r->requested_text, cap * sizeof *rq);
        if (c != NULL)
            r->changes = c;
        if (st != NULL)
            r->stake_text = st;
        if (rq != NULL)
            r->requested_text = rq;
        if (c == NULL || st == NULL || rq == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the stake changes");
        r->cap = cap;
    }
    change *c = &r->changes[r->n];
    c->line = rec->line;
    if (parse_block(f[COL_BLOCK], len[COL_BLOCK], &c->block) != 0)
        return mk_error(ctx, MK_EINPUT, "%s: line %zu: field 'block': '%.*s' is not a block number",
                        r->input, rec->line, (int)(len[COL_BLOCK] > 40 ? 40 : len[COL_BLOCK]),
                        f[COL_BLOCK]);
    if (len[COL_VOTER] == 0 || len[COL_PROPOSAL] == 0)
        return mk_error(ctx, MK_EINPUT, "%s: line %zu: field '%s' is empty", r->input, rec->line,
                        len[COL_VOTER] == 0 ? "voter" : "proposal");
    int rc = mk_name_list_intern(&r->voters, f[COL_VOTER], len[COL_VOTER], &c->voter, ctx);
    if (rc == 0)
        rc = mk_name_list_intern(&r->proposals, f[COL_PROPOSAL], len[COL_PROPOSAL], &c->proposal,
                                 ctx);
    if (rc != 0)
        return rc;
    for (int k = COL_STAKE; k <= COL_REQUESTED; k++)
        if (mk_decimal_places(f[k], len[k]) < 0)
            return mk_error(ctx, MK_EINPUT, "%s: line %zu: field '%s': '%.*s' is not a decimal",
                            r->input, rec->line, column_names[k], (int)(len[k] > 40 ? 40 : len[k]),
                            f[k]);
    r->stake_text[r->n] = copy_text(f[COL_STAKE], len[COL_STAKE]);
    r->requested_text[r->n] =
        r->stake_text[r->n] ? copy_text(f[COL_REQUESTED], len[COL_REQUESTED]) : NULL;
    if (r->requested_text[r->n] == NULL) {
        free(r->stake_text[r->n]);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the stake changes");
    }
    r->n++;
    return MK_OK;
}

static int header_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    r->n_header = rec->n;
    return read_header(r, rec, r->at, ctx);
}

static int row_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    return read_row(r, rec, r->at, r->n_header, ctx);
}

static int collect(reader *r, const mk_input *in, mk_ctx *ctx)
{
    static const mk_csv_rows rows = {"no stake changes (the input is empty)", header_record,
                                     row_record};
    int rc = mk_csv_read_rows(in->data, in->len, r->input, &rows, r, ctx);
    if (rc == 0 && r->n == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: no stake changes (only a header)", r->input);
    return rc;
}

/* The numbers at scale; one requested amount per proposal. */
static int parse_amounts(reader *r, int scale, mk_ctx *ctx)
{
    int64_t *requested = malloc(r->proposals.n * sizeof *requested);
    size_t *first = malloc(r->proposals.n * sizeof *first);
    int rc = requested && first ? MK_OK : mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t p = 0; rc == 0 && p < r->proposals.n; p++)
        first[p] = SIZE_MAX;
    for (size_t i = 0; rc == 0 && i < r->n; i++) {
        change *c = &r->changes[i];
        const char *st = r->stake_text[i], *rq = r->requested_text[i];
        if (mk_money_parse(st, strlen(st), scale, &c->delta, ctx) != 0)
            rc = mk_error_prefix(ctx, "%s: line %zu: field 'stake'", r->input, c->line);
        else if (mk_money_parse(rq, strlen(rq), scale, &c->requested, ctx) != 0 || c->requested < 0)
            rc = mk_error(ctx, MK_EINPUT,
                          "%s: line %zu: field 'requested': '%s' is not an amount "
                          ">= 0 at scale %d",
                          r->input, c->line, rq, scale);
        else if (first[c->proposal] == SIZE_MAX) {
            first[c->proposal] = c->line;
            requested[c->proposal] = c->requested;
        } else if (requested[c->proposal] != c->requested)
            rc = mk_error(ctx, MK_EINPUT,
                          "%s: line %zu: proposal '%s' requests %s here and another amount on "
                          "line %zu (give one requested amount per proposal)",
                          r->input, c->line, r->proposals.names[c->proposal], rq,
                          first[c->proposal]);
    }
    free(requested);
    free(first);
    return rc;
}

static int by_voter_block(const void *pa, const void *pb)
{
    const change *a = pa, *b = pb;
    if (a->voter != b->voter)
        return a->voter < b->voter ? -1 : 1;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    if (a->proposal != b->proposal)
        return a->proposal < b->proposal ? -1 : 1;
    return a->line < b->line ? -1 : (a->line > b->line);
}

/* Sums the changes of one voter to one proposal in one block, checks that
 * no stake goes negative, and writes the profile. */
static int build(reader *r, mk_dataset *out, mk_ctx *ctx)
{
    qsort(r->changes, r->n, sizeof *r->changes, by_voter_block);
    size_t m = 0, widest = 0;
    for (size_t i = 0, row = 0; i < r->n; i++) {
        change *c = &r->changes[i];
        if (m > 0 && r->changes[m - 1].voter == c->voter && r->changes[m - 1].block == c->block &&
            r->changes[m - 1].proposal == c->proposal) {
            if (mk_checked_add(r->changes[m - 1].delta, c->delta, &r->changes[m - 1].delta) != 0)
                return mk_error(ctx, MK_ERANGE, "%s: line %zu: the stake overflows", r->input,
                                c->line);
            continue;
        }
        row = m > 0 && r->changes[m - 1].voter == c->voter ? row + 1 : 1;
        widest = row > widest ? row : widest;
        r->changes[m++] = *c;
    }
    size_t width;
    if (mk_checked_size_mul(widest, 4, &width) != 0 || width > SIZE_MAX - 1)
        return mk_error(ctx, MK_ELIMIT, "%s: too many stake changes", r->input);
    int rc = mk_profile_resize(&out->reports, r->voters.n, width + 1, ctx);
    if (rc != 0)
        return rc;
    memset(out->reports.cells, 0, r->voters.n * (width + 1) * sizeof *out->reports.cells);
    int64_t *stake = calloc(r->proposals.n, sizeof *stake);
    if (stake == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < m; i++) {
        const change *c = &r->changes[i];
        if (i == 0 || r->changes[i - 1].voter != c->voter)
            memset(stake, 0, r->proposals.n * sizeof *stake);
        if (mk_checked_add(stake[c->proposal], c->delta, &stake[c->proposal]) != 0 ||
            stake[c->proposal] < 0) {
            rc = mk_error(ctx, MK_EINPUT,
                          "%s: line %zu: voter '%s' would have a negative stake on '%s' at block "
                          "%lld",
                          r->input, c->line, r->voters.names[c->voter],
                          r->proposals.names[c->proposal], (long long)c->block);
            break;
        }
        int64_t *row = mk_profile_row(&out->reports, c->voter);
        int64_t *q = row + MK_CONVICTION_FIRST + 4 * row[MK_CONVICTION_COUNT]++;
        q[MK_CONVICTION_BLOCK] = c->block;
        q[MK_CONVICTION_PROPOSAL] = (int64_t)c->proposal;
        q[MK_CONVICTION_DELTA] = c->delta;
        q[MK_CONVICTION_REQUESTED] = c->requested;
    }
    free(stake);
    return rc;
}

static int infer_scale(const reader *r, int scale)
{
    if (scale >= 0)
        return scale;
    int most = 0;
    for (size_t i = 0; i < r->n; i++) {
        int a = mk_decimal_places(r->stake_text[i], strlen(r->stake_text[i]));
        int b = mk_decimal_places(r->requested_text[i], strlen(r->requested_text[i]));
        most = a > most ? a : most;
        most = b > most ? b : most;
    }
    return most;
}

int mk_conviction_read(const mk_input *in, int scale, mk_dataset *out, mk_ctx *ctx)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.input = in->name;
    r.voters = r.proposals = (mk_name_list)MK_NAME_LIST_INIT;
    mk_dataset d = MK_DATASET_INIT;
    int rc = collect(&r, in, ctx);
    if (rc == 0) {
        d.scale = infer_scale(&r, scale);
        rc = parse_amounts(&r, d.scale, ctx);
    }
    if (rc == 0)
        rc = build(&r, &d, ctx);
    for (size_t i = 0; i < r.n; i++) {
        free(r.stake_text[i]);
        free(r.requested_text[i]);
    }
    free(r.stake_text);
    free(r.requested_text);
    free(r.changes);
    mk_name_list_free(&r.voters, rc == 0);
    mk_name_list_free(&r.proposals, rc == 0);
    if (rc != 0) {
        mk_dataset_free(&d);
        return rc;
    }
    d.labels = r.voters.names;
    d.reports.labels = (const char *const *)d.labels;
    d.items = r.proposals.names;
    d.n_items = r.proposals.n;
    mk_dataset_free(out);
    *out = d;
    return MK_OK;
}
