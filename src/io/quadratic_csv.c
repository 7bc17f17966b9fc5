/*
 * The quadratic-voting CSV (format in quadratic.h): lines of voter,
 * candidate and credits or votes, gathered into one row of signed credits
 * per voter.
 */
#include "mechkit/quadratic.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "int_field.h"
#include "mechkit/csv.h"
#include "mechkit/money.h"
#include "strmap.h"

/* Most cells (voters * candidates) of the profile. */
#define QV_MAX_CELLS ((size_t)1 << 28)

typedef struct qv_line {
    size_t voter, candidate, line;
    int64_t credits;
} qv_line;

typedef struct reader {
    const mk_input *in;
    int negative; /* negative values allowed */
    int votes;    /* 1: a votes column, 0: credits */
    long col[3];  /* voter, candidate, amount */
    size_t columns;
    mk_strmap voter_ids, candidate_ids;
    char **voters, **candidates; /* owned names, in order of appearance */
    size_t n_voters, n_candidates, cap_voters, cap_candidates;
    qv_line *lines;
    size_t n_lines, cap_lines;
} reader;

static const char *in_name(const reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

static int read_header(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    static const char *const names[] = {"voter", "candidate", "credits", "votes"};
    long found[4] = {-1, -1, -1, -1};
    r->columns = rec->n;
    for (size_t k = 0; k < rec->n; k++) {
        size_t len, i;
        const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
        for (i = 0; i < 4; i++)
            if (strlen(names[i]) == len && memcmp(s, names[i], len) == 0)
                break;
        if (i == 4)
            return mk_error(ctx, MK_EINPUT,
                            "%s:%zu: column %zu: unknown column '%.*s' (expected voter, "
                            "candidate, and credits or votes)",
                            in_name(r), rec->line, k + 1, (int)(len > 40 ? 40 : len), s);
        if (found[i] >= 0)
            return mk_error(ctx, MK_EINPUT, "%s:%zu: column %zu: a second '%s' column", in_name(r),
                            rec->line, k + 1, names[i]);
        found[i] = (long)k;
    }
    if (found[0] < 0 || found[1] < 0)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: the header needs columns voter and candidate",
                        in_name(r), rec->line);
    if ((found[2] < 0) == (found[3] < 0))
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: the header needs exactly one of the columns credits and votes",
                        in_name(r), rec->line);
    r->votes = found[3] >= 0;
    r->col[0] = found[0];
    r->col[1] = found[1];
    r->col[2] = r->votes ? found[3] : found[2];
    return MK_OK;
}

/* Index of the name s[0..len) in ids, adding it (a copy) when new. */
static int intern(mk_strmap *ids, char ***names, size_t *n, size_t *cap, const char *s, size_t len,
                  size_t *out, mk_ctx *ctx)
{
    if (mk_strmap_find(ids, s, len, out))
        return MK_OK;
    if (*n == *cap) {
        size_t grown = *cap ? 2 * *cap : 16;
        char **p = realloc(*names, grown * sizeof *p);
        if (p == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for names");
        *names = p;
        *cap = grown;
    }
    char *copy = strndup(s, len);
    if (copy == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for names");
    int rc = mk_strmap_insert(ids, copy, len, *n, ctx);
    if (rc != 0) {
        free(copy);
        return rc;
    }
    (*names)[*n] = copy;
    *out = (*n)++;
    return MK_OK;
}

static int bad_cell(const reader *r, const mk_csv_record *rec, long k, const char *what,
                    mk_ctx *ctx)
{
    static const char *const col_names[] = {"voter", "candidate", "amount"};
    size_t len;
    const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
    const char *col = k == r->col[2]   ? (r->votes ? "votes" : "credits")
                      : k == r->col[0] ? col_names[0]
                                       : col_names[1];
    return mk_error(ctx, MK_EINPUT, "%s:%zu: column %ld ('%s'): %s '%.*s'", in_name(r), rec->line,
                    k + 1, col, what, (int)(len > 40 ? 40 : len), s);
}

static int read_line(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    if (rec->n != r->columns)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: %zu cells, but the header has %zu columns",
                        in_name(r), rec->line, rec->n, r->columns);
    size_t vlen, clen, alen;
    const char *v = mk_csv_trim(rec->field[r->col[0]], rec->len[r->col[0]], &vlen);
    const char *c = mk_csv_trim(rec->field[r->col[1]], rec->len[r->col[1]], &clen);
    const char *a = mk_csv_trim(rec->field[r->col[2]], rec->len[r->col[2]], &alen);
    int64_t x;
    if (vlen == 0)
        return bad_cell(r, rec, r->col[0], "expected a voter id, not", ctx);
    if (clen == 0)
        return bad_cell(r, rec, r->col[1], "expected a candidate, not", ctx);
    if (mk_int_field(a, alen, &x) != 0)
        return bad_cell(r, rec, r->col[2], "expected an integer, not", ctx);
    if (x < 0 && !r->negative)
        return bad_cell(r, rec, r->col[2], "a negative amount needs -p negative=yes:", ctx);
    int64_t bound = r->votes ? MK_QUADRATIC_MAX_VOTES : MK_QUADRATIC_MAX_CREDITS;
    if (x > bound || x < -bound)
        return bad_cell(r, rec, r->col[2], "out of range:", ctx);
    qv_line l = {0, 0, rec->line, r->votes ? x * (x < 0 ? -x : x) : x};
    int rc =
        intern(&r->voter_ids, &r->voters, &r->n_voters, &r->cap_voters, v, vlen, &l.voter, ctx);
    if (rc == 0)
        rc = intern(&r->candidate_ids, &r->candidates, &r->n_candidates, &r->cap_candidates, c,
                    clen, &l.candidate, ctx);
    if (rc == 0 && r->n_lines == r->cap_lines) {
        size_t grown = r->cap_lines ? 2 * r->cap_lines : 64;
        qv_line *p = realloc(r->lines, grown * sizeof *p);
        if (p == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu lines", grown);
        r->lines = p;
        r->cap_lines = grown;
    }
    if (rc == 0)
        r->lines[r->n_lines++] = l;
    return rc;
}

/* The profile of signed credits, one row per voter; a pair given twice
 * is an error naming both lines. */
static int build(reader *r, mk_dataset *d, mk_ctx *ctx)
{
    size_t n = r->n_voters, m = r->n_candidates, cells;
    if (mk_checked_size_mul(n, m, &cells) != 0 || cells > QV_MAX_CELLS)
        return mk_error(ctx, MK_ELIMIT, "%s: %zu voters and %zu candidates; at most %zu cells",
                        in_name(r), n, m, QV_MAX_CELLS);
    size_t *line_of = calloc(cells, sizeof *line_of);
    int rc = line_of == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : 0;
    if (rc == 0)
        rc = mk_profile_resize(&d->reports, n, m, ctx);
    for (size_t i = 0; rc == 0 && i < r->n_lines; i++) {
        const qv_line *l = &r->lines[i];
        size_t at = l->voter * m + l->candidate;
        if (line_of[at] != 0)
            rc = mk_error(ctx, MK_EINPUT,
                          "%s:%zu: voter '%s' already gave candidate '%s' on line %zu", in_name(r),
                          l->line, r->voters[l->voter], r->candidates[l->candidate], line_of[at]);
        line_of[at] = l->line;
        d->reports.cells[at] = l->credits;
    }
    free(line_of);
    return rc;
}

int mk_quadratic_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    if (in->format != NULL && strcmp(in->format, "csv") != 0)
        return mk_error(ctx, MK_EINPUT, "%s: quadratic votes are CSV, not %s",
                        in->name != NULL ? in->name : "<input>", in->format);
    reader r = {0};
    r.in = in;
    r.voter_ids = (mk_strmap)MK_STRMAP_INIT;
    r.candidate_ids = (mk_strmap)MK_STRMAP_INIT;
    int negative = 0, rc = MK_OK;
    if (mk_params_spec(params, "negative") != NULL)
        rc = mk_params_get_choice(params, "negative", &negative, ctx);
    r.negative = negative == 1;
    static const mk_csv_rows rows = {"empty input; expected the header voter,candidate,...",
                                     read_header, read_line};
    if (rc == 0)
        rc = mk_csv_read_rows(in->data, in->len, in_name(&r), &rows, &r, ctx);
    if (rc == 0 && r.n_lines == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: no votes after the header", in_name(&r));
    mk_dataset d = MK_DATASET_INIT;
    if (rc == 0)
        rc = build(&r, &d, ctx);
    mk_strmap_free(&r.voter_ids);
    mk_strmap_free(&r.candidate_ids);
    free(r.lines);
    return mk_dataset_adopt_names(&d, r.voters, r.n_voters, r.candidates, r.n_candidates, rc, out);
}
