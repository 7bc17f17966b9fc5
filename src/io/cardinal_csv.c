/*
 * The approval and score ballot CSV (format in cardinal.h): a header of
 * candidate names with the reserved columns `count` and `voter`, then one
 * ballot a line. Identical ballots are merged on reading through a hash
 * table of rows, so that memory grows with the distinct ballots only.
 */
#include "mechkit/cardinal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "int_field.h"
#include "mechkit/csv.h"
#include "mechkit/money.h"
#include "strmap.h"

typedef struct reader {
    const mk_input *in;
    const mk_cardinal_options *opts;
    size_t columns;   /* fields of the header */
    long count_col;   /* -1 when absent */
    long *candidate;  /* per column: its candidate, or -1 */
    size_t m;         /* candidates */
    char **names;     /* m, owned */
    int64_t *cells;   /* rows * m distinct ballots */
    int64_t *weight;  /* rows */
    size_t rows, cap; /* distinct ballots, and room for them */
    size_t *slots;    /* hash table of rows: index + 1, 0 empty */
    size_t n_slots;   /* a power of two, at least twice rows */
    int64_t voters;   /* total weight */
    size_t lines;     /* ballot lines read */
} reader;

static const char *in_name(const reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

static uint64_t row_hash(const int64_t *row, size_t m)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a over the cells' values */
    for (size_t j = 0; j < m; j++) {
        h ^= (uint64_t)row[j];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static int grow_slots(reader *r, mk_ctx *ctx)
{
    size_t n = r->n_slots ? 2 * r->n_slots : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu distinct ballots", r->rows);
    for (size_t i = 0; i < r->rows; i++) {
        size_t s = (size_t)row_hash(r->cells + i * r->m, r->m) & (n - 1);
        while (slots[s] != 0)
            s = (s + 1) & (n - 1);
        slots[s] = i + 1;
    }
    free(r->slots);
    r->slots = slots;
    r->n_slots = n;
    return MK_OK;
}

static int grow_rows(reader *r, mk_ctx *ctx)
{
    size_t cap = r->cap ? 2 * r->cap : 16, cells;
    if (mk_checked_size_mul(cap, r->m, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "too many distinct ballots");
    int64_t *c = realloc(r->cells, cells * sizeof *c);
    if (c != NULL)
        r->cells = c;
    int64_t *w = c != NULL ? realloc(r->weight, cap * sizeof *w) : NULL;
    if (w == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu distinct ballots", cap);
    r->weight = w;
    r->cap = cap;
    return MK_OK;
}

/* Adds weight to the ballot `row` (m cells), a new distinct row if needed. */
static int add_ballot(reader *r, const int64_t *row, int64_t weight, mk_ctx *ctx)
{
    size_t m = r->m;
    if (mk_checked_add(r->voters, weight, &r->voters) != 0)
        return mk_error(ctx, MK_ERANGE, "%s: the number of voters overflows", in_name(r));
    if (2 * (r->rows + 1) > r->n_slots) {
        int rc = grow_slots(r, ctx);
        if (rc != 0)
            return rc;
    }
    size_t s = (size_t)row_hash(row, m) & (r->n_slots - 1);
    for (; r->slots[s] != 0; s = (s + 1) & (r->n_slots - 1)) {
        size_t i = r->slots[s] - 1;
        if (memcmp(r->cells + i * m, row, m * sizeof *row) == 0) {
            r->weight[i] += weight; /* cannot overflow: voters did not */
            return MK_OK;
        }
    }
    if (r->rows == r->cap) {
        int rc = grow_rows(r, ctx);
        if (rc != 0)
            return rc;
    }
    memcpy(r->cells + r->rows * m, row, m * sizeof *row);
    r->weight[r->rows] = weight;
    r->slots[s] = ++r->rows;
    return MK_OK;
}

static int read_header(reader *r, const mk_csv_record *rec, mk_ctx *ctx)
{
    r->columns = rec->n;
    r->count_col = -1;
    r->candidate = malloc(rec->n * sizeof *r->candidate);
    r->names = calloc(rec->n, sizeof *r->names);
    if (r->candidate == NULL || r->names == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the header");
    mk_strmap seen = MK_STRMAP_INIT;
    int rc = MK_OK;
    for (size_t k = 0; rc == 0 && k < rec->n; k++) {
        size_t len, first;
        const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
        r->candidate[k] = -1;
        if (len == 5 && memcmp(s, "count", 5) == 0 && r->count_col >= 0)
            rc = mk_error(ctx, MK_EINPUT, "%s:%zu: column %zu: a second 'count' column", in_name(r),
                          rec->line, k + 1);
        else if (len == 5 && memcmp(s, "count", 5) == 0)
            r->count_col = (long)k;
        else if (len == 5 && memcmp(s, "voter", 5) == 0)
            continue;
        else if (len == 0)
            rc = mk_error(ctx, MK_EINPUT, "%s:%zu: column %zu: empty candidate name", in_name(r),
                          rec->line, k + 1);
        else if (mk_strmap_find(&seen, s, len, &first))
            rc = mk_error(ctx, MK_EINPUT,
                          "%s:%zu: column %zu: '%.*s' is named twice (first in column %zu)",
                          in_name(r), rec->line, k + 1, (int)len, s, first + 1);
        else if (r->m == MK_CARDINAL_MAX_CANDIDATES)
            rc = mk_error(ctx, MK_ELIMIT, "%s: more than %d candidates", in_name(r),
                          MK_CARDINAL_MAX_CANDIDATES);
        else if ((r->names[r->m] = strndup(s, len)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for candidate names");
        else {
            rc = mk_strmap_insert(&seen, r->names[r->m], len, k, ctx);
            r->candidate[k] = (long)r->m++;
        }
    }
    mk_strmap_free(&seen);
    if (rc == 0 && r->m == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s:%zu: the header names no candidate", in_name(r),
                      rec->line);
    return rc;
}

static int bad_cell(const reader *r, const mk_csv_record *rec, size_t k, mk_ctx *ctx,
                    const char *what)
{
    size_t len;
    const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
    long c = r->candidate[k];
    return mk_error(ctx, MK_EINPUT, "%s:%zu: column %zu ('%s'): %s '%.*s'", in_name(r), rec->line,
                    k + 1, c >= 0 ? r->names[c] : "count", what, (int)(len > 40 ? 40 : len), s);
}

/* One ballot line into row (m cells) and its count. */
static int read_ballot(reader *r, const mk_csv_record *rec, int64_t *row, int64_t *count,
                       mk_ctx *ctx)
{
    const mk_cardinal_options *o = r->opts;
    if (rec->n != r->columns)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: %zu cells, but the header has %zu columns",
                        in_name(r), rec->line, rec->n, r->columns);
    *count = 1;
    for (size_t k = 0; k < rec->n; k++) {
        size_t len;
        const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
        long c = r->candidate[k];
        int64_t v;
        if ((long)k == r->count_col) {
            if (mk_int_field(s, len, count) != 0 || *count < 1)
                return bad_cell(r, rec, k, ctx, "expected a positive count, not");
        } else if (c < 0) {
            continue; /* the voter column */
        } else if (len == 0) {
            if (o->blank_is_error)
                return bad_cell(r, rec, k, ctx, "a blank score (blank=error)");
            row[c] = o->min;
        } else if (mk_int_field(s, len, &v) != 0) {
            return bad_cell(r, rec, k, ctx, "expected an integer score, not");
        } else if (v < o->min || v > o->max) {
            char what[96];
            snprintf(what, sizeof what, "the score must be in %" PRId64 "..%" PRId64 ", not",
                     o->min, o->max);
            return bad_cell(r, rec, k, ctx, what);
        } else {
            row[c] = v;
        }
    }
    return MK_OK;
}

/* The state of mk_csv_read_rows: the reader and one ballot's scores. */
typedef struct ballot_rows {
    reader *r;
    int64_t *row; /* r->m scores, once the header is read */
} ballot_rows;

static int header_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    ballot_rows *b = state;
    int rc = read_header(b->r, rec, ctx);
    if (rc == 0 && (b->row = calloc(b->r->m, sizeof *b->row)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    return rc;
}

static int ballot_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    ballot_rows *b = state;
    int64_t count = 1;
    if (++b->r->lines > MK_CARDINAL_MAX_BALLOTS)
        return mk_error(ctx, MK_ELIMIT, "%s: more than %d ballot lines", in_name(b->r),
                        MK_CARDINAL_MAX_BALLOTS);
    int rc = read_ballot(b->r, rec, b->row, &count, ctx);
    return rc == 0 ? add_ballot(b->r, b->row, count, ctx) : rc;
}

static int read_all(reader *r, mk_ctx *ctx)
{
    static const mk_csv_rows rows = {"empty input; expected a header of candidate names",
                                     header_record, ballot_record};
    ballot_rows state = {r, NULL};
    int rc = mk_csv_read_rows(r->in->data, r->in->len, in_name(r), &rows, &state, ctx);
    if (rc == 0 && r->lines == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: no ballots after the header", in_name(r));
    free(state.row);
    return rc;
}

int mk_cardinal_read_csv(const mk_input *in, const mk_cardinal_options *opts,
                         mk_cardinal_ballots *out, mk_ctx *ctx)
{
    if (opts->min >= opts->max || opts->min < -MK_CARDINAL_MAX_SCORE ||
        opts->max > MK_CARDINAL_MAX_SCORE)
        return mk_error(ctx, MK_EPARAM,
                        "scores need min < max within -%d..%d, not %" PRId64 "..%" PRId64,
                        MK_CARDINAL_MAX_SCORE, MK_CARDINAL_MAX_SCORE, opts->min, opts->max);
    reader r = {0};
    r.in = in;
    r.opts = opts;
    int rc = read_all(&r, ctx);
    if (rc == 0) {
        out->m = r.m;
        out->names = r.names;
        out->profile = (mk_profile)MK_PROFILE_INIT;
        out->profile.n = r.rows;
        out->profile.width = r.m;
        out->profile.capacity = r.cap * r.m;
        out->profile.cells = r.cells;
        out->profile.weight = r.weight;
        out->profile.weight_capacity = r.cap;
        out->voters = r.voters;
        out->min = opts->min;
        out->max = opts->max;
    } else {
        for (size_t j = 0; r.names != NULL && j < r.m; j++)
            free(r.names[j]);
        free(r.names);
        free(r.cells);
        free(r.weight);
    }
    free(r.candidate);
    free(r.slots);
    return rc;
}

void mk_cardinal_ballots_free(mk_cardinal_ballots *b)
{
    if (b == NULL)
        return;
    for (size_t j = 0; b->names != NULL && j < b->m; j++)
        free(b->names[j]);
    free(b->names);
    mk_profile_free(&b->profile);
    *b = (mk_cardinal_ballots)MK_CARDINAL_BALLOTS_INIT;
}
