/*
 * The liquid-democracy CSV (format in liquid.h): voter, delegate, vote,
 * one line per voter. Delegates are resolved to rows after the whole file
 * is read, so a voter may delegate to one listed further down.
 */
#include "mechkit/liquid.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/csv.h"
#include "strmap.h"

typedef struct reader {
    const mk_input *in;
    long col[3]; /* voter, delegate, vote */
    size_t columns;
    mk_strmap voter_ids, candidate_ids;
    char **voters, **candidates;
    size_t n_voters, cap_voters, n_candidates, cap_candidates;
    char **delegate; /* per voter: the delegate's id (owned) or NULL */
    size_t *line;    /* per voter: its line */
    long *vote;      /* per voter: candidate index or -1 */
} reader;

static const char *in_name(const reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

static int read_header(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    static const char *const names[] = {"voter", "delegate", "vote"};
    r->col[0] = r->col[1] = r->col[2] = -1;
    r->columns = rec->n;
    for (size_t k = 0; k < rec->n; k++) {
        size_t len, i;
        const char *s = mk_csv_trim(rec->field[k], rec->len[k], &len);
        for (i = 0; i < 3; i++)
            if (strlen(names[i]) == len && memcmp(s, names[i], len) == 0)
                break;
        if (i == 3)
            return mk_error(ctx, MK_EINPUT,
                            "%s:%zu: column %zu: unknown column '%.*s' (expected voter, "
                            "delegate, vote)",
                            in_name(r), rec->line, k + 1, (int)(len > 40 ? 40 : len), s);
        if (r->col[i] >= 0)
            return mk_error(ctx, MK_EINPUT, "%s:%zu: column %zu: a second '%s' column", in_name(r),
                            rec->line, k + 1, names[i]);
        r->col[i] = (long)k;
    }
    for (size_t i = 0; i < 3; i++)
        if (r->col[i] < 0)
            return mk_error(ctx, MK_EINPUT, "%s:%zu: the header lacks the column '%s'", in_name(r),
                            rec->line, names[i]);
    return MK_OK;
}

static int grow(reader *r, mk_ctx *ctx)
{
    size_t cap = r->cap_voters ? 2 * r->cap_voters : 64;
    char **v = realloc(r->voters, cap * sizeof *v);
    if (v != NULL)
        r->voters = v;
    char **d = v != NULL ? realloc(r->delegate, cap * sizeof *d) : NULL;
    if (d != NULL)
        r->delegate = d;
    size_t *l = d != NULL ? realloc(r->line, cap * sizeof *l) : NULL;
    if (l != NULL)
        r->line = l;
    long *c = l != NULL ? realloc(r->vote, cap * sizeof *c) : NULL;
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu voters", cap);
    r->vote = c;
    r->cap_voters = cap;
    return MK_OK;
}

static int candidate(reader *r, const char *s, size_t len, long *out, mk_ctx *ctx)
{
    size_t at;
    if (mk_strmap_find(&r->candidate_ids, s, len, &at)) {
        *out = (long)at;
        return MK_OK;
    }
    if (r->n_candidates == r->cap_candidates) {
        size_t cap = r->cap_candidates ? 2 * r->cap_candidates : 16;
        char **p = realloc(r->candidates, cap * sizeof *p);
        if (p == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for candidates");
        r->candidates = p;
        r->cap_candidates = cap;
    }
    char *name = strndup(s, len);
    int rc = name == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory for candidates")
                          : mk_strmap_insert(&r->candidate_ids, name, len, r->n_candidates, ctx);
    if (rc != 0) {
        free(name);
        return rc;
    }
    r->candidates[r->n_candidates] = name;
    *out = (long)r->n_candidates++;
    return MK_OK;
}

static int read_line(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    reader *r = state;
    if (rec->n != r->columns)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: %zu cells, but the header has %zu columns",
                        in_name(r), rec->line, rec->n, r->columns);
    size_t vlen, dlen, clen, first;
    const char *v = mk_csv_trim(rec->field[r->col[0]], rec->len[r->col[0]], &vlen);
    const char *d = mk_csv_trim(rec->field[r->col[1]], rec->len[r->col[1]], &dlen);
    const char *c = mk_csv_trim(rec->field[r->col[2]], rec->len[r->col[2]], &clen);
    if (vlen == 0)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: column %ld ('voter'): empty voter id", in_name(r),
                        rec->line, r->col[0] + 1);
    if (mk_strmap_find(&r->voter_ids, v, vlen, &first))
        return mk_error(ctx, MK_EINPUT, "%s:%zu: voter '%.*s' is listed twice (first on line %zu)",
                        in_name(r), rec->line, (int)vlen, v, r->line[first]);
    if (r->n_voters == MK_LIQUID_MAX_VOTERS)
        return mk_error(ctx, MK_ELIMIT, "%s: more than %d voters", in_name(r),
                        MK_LIQUID_MAX_VOTERS);
    if (r->n_voters == r->cap_voters && grow(r, ctx) != 0)
        return MK_ENOMEM;
    size_t i = r->n_voters;
    r->vote[i] = -1;
    r->line[i] = rec->line;
    r->voters[i] = strndup(v, vlen);
    r->delegate[i] = dlen > 0 ? strndup(d, dlen) : NULL;
    r->n_voters++; /* owns what it got, freed with the others on error */
    if (r->voters[i] == NULL || (dlen > 0 && r->delegate[i] == NULL))
        return mk_error(ctx, MK_ENOMEM, "out of memory for voters");
    int rc = mk_strmap_insert(&r->voter_ids, r->voters[i], vlen, i, ctx);
    if (rc == 0 && clen > 0)
        rc = candidate(r, c, clen, &r->vote[i], ctx);
    return rc;
}

/* The profile: delegate rows (checked to be voters) and votes. */
static int build(reader *r, mk_dataset *d, mk_ctx *ctx)
{
    int rc = mk_profile_resize(&d->reports, r->n_voters, 2, ctx);
    for (size_t i = 0; rc == 0 && i < r->n_voters; i++) {
        int64_t *row = mk_profile_row(&d->reports, i);
        size_t to;
        row[0] = -1;
        row[1] = r->vote[i];
        if (r->delegate[i] == NULL)
            continue;
        if (!mk_strmap_find(&r->voter_ids, r->delegate[i], strlen(r->delegate[i]), &to))
            rc = mk_error(ctx, MK_EINPUT,
                          "%s:%zu: column %ld ('delegate'): '%s' is not a voter of the file",
                          in_name(r), r->line[i], r->col[1] + 1, r->delegate[i]);
        else
            row[0] = (int64_t)to;
    }
    return rc;
}

int mk_liquid_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    (void)params;
    if (in->format != NULL && strcmp(in->format, "csv") != 0)
        return mk_error(ctx, MK_EINPUT, "%s: delegations are CSV, not %s",
                        in->name != NULL ? in->name : "<input>", in->format);
    reader r = {0};
    r.in = in;
    r.voter_ids = (mk_strmap)MK_STRMAP_INIT;
    r.candidate_ids = (mk_strmap)MK_STRMAP_INIT;
    static const mk_csv_rows rows = {"empty input; expected the header voter,delegate,vote",
                                     read_header, read_line};
    int rc = mk_csv_read_rows(in->data, in->len, in_name(&r), &rows, &r, ctx);
    if (rc == 0 && r.n_voters == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: no voters after the header", in_name(&r));
    if (rc == 0 && r.n_candidates == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: nobody votes for a candidate", in_name(&r));
    mk_dataset d = MK_DATASET_INIT;
    if (rc == 0)
        rc = build(&r, &d, ctx);
    mk_strmap_free(&r.voter_ids);
    mk_strmap_free(&r.candidate_ids);
    mk_names_free(r.delegate, r.n_voters);
    free(r.line);
    free(r.vote);
    return mk_dataset_adopt_names(&d, r.voters, r.n_voters, r.candidates, r.n_candidates, rc, out);
}
