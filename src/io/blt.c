/*
 * The .blt ballot file of STV counts (the Electoral Reform Society's
 * format, as read and written by eSTV, OpenSTV and Droop): a header line
 * "candidates seats", optional withdrawn candidates as negative numbers,
 * ballot lines "weight c1 c2 ... 0", a "0" line, one quoted name per
 * candidate and a quoted title. The layout it makes is documented in
 * blt.h and preflib.h.
 */
#include "mechkit/blt.h"

#include <inttypes.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

typedef enum phase { HEADER, WITHDRAWN, BALLOTS, NAMES, TITLE, DONE } phase;

typedef struct reader {
    const mk_input *in;
    size_t line;
    phase at;
    size_t declared;   /* candidates of the header, withdrawn included */
    int *standing;     /* declared: the candidate's index among those standing, or -1 */
    char *seen;        /* declared flags: already on the current ballot */
    size_t names;      /* names read so far */
    size_t *table;     /* open addressing: row index + 1, 0 for empty */
    size_t table_cap;  /* a power of two */
    int tied, partial; /* some ballot has a tie; some ballot leaves a candidate out */
} reader;

static const char *in_name(const reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

/* An MK_EINPUT naming the file and the line. */
static int bad(const reader *r, mk_ctx *ctx, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mk_error(ctx, MK_EINPUT, "%s:%zu: %s", in_name(r), r->line, what);
}

/* The next token of a line (split at spaces and tabs) into tok; 0 at the
 * end of the line. */
static int next_token(const char **p, const char *end, char *tok, size_t cap)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s == end)
        return 0;
    const char *t = s;
    while (t < end && *t != ' ' && *t != '\t')
        t++;
    size_t n = (size_t)(t - s) < cap - 1 ? (size_t)(t - s) : cap - 1;
    memcpy(tok, s, n);
    tok[n] = '\0';
    *p = t;
    return 1;
}

/* A whole number of at most 18 digits, no sign, from s up to a NUL or stop. */
static int parse_number(const char *s, char stop, int64_t *out, const char **after)
{
    int64_t v = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++digits > 18)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (digits == 0 || (*s != '\0' && *s != stop))
        return -1;
    *out = v;
    if (after != NULL)
        *after = s;
    return 0;
}

static int header(reader *r, mk_ballots *b, mk_blt_info *info, const char *p, const char *end,
                  mk_ctx *ctx)
{
    char tok[64];
    int64_t m = 0, seats = 0;
    int ok = next_token(&p, end, tok, sizeof tok) && parse_number(tok, 0, &m, NULL) == 0 &&
             next_token(&p, end, tok, sizeof tok) && parse_number(tok, 0, &seats, NULL) == 0 &&
             !next_token(&p, end, tok, sizeof tok);
    if (!ok)
        return bad(r, ctx, "expected the header 'candidates seats' (two whole numbers)");
    if (m < 1 || seats < 1 || seats > m)
        return bad(r, ctx, "the header needs at least one candidate and 1..candidates seats");
    if (m > MK_PREFLIB_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: %" PRId64 " candidates; at most %d are allowed",
                        in_name(r), r->line, m, MK_PREFLIB_MAX_CANDIDATES);
    r->declared = (size_t)m;
    info->seats = seats;
    info->declared = m;
    r->standing = calloc(r->declared, sizeof *r->standing);
    r->seen = calloc(r->declared, 1);
    b->names = calloc(r->declared, sizeof *b->names);
    if (r->standing == NULL || r->seen == NULL || b->names == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", r->declared);
    r->at = WITHDRAWN;
    return MK_OK;
}

/* A line of negative numbers: withdrawn candidates. */
static int withdrawn(reader *r, mk_blt_info *info, const char *p, const char *end, mk_ctx *ctx)
{
    char tok[64];
    while (next_token(&p, end, tok, sizeof tok)) {
        int64_t c;
        if (tok[0] != '-' || parse_number(tok + 1, 0, &c, NULL) != 0)
            return bad(r, ctx, "expected a withdrawn candidate '-number', found '%s'", tok);
        if (c < 1 || (uint64_t)c > r->declared)
            return bad(r, ctx, "withdrawn candidate %s is not a candidate number", tok + 1);
        if (r->standing[c - 1] < 0)
            return bad(r, ctx, "candidate %s is withdrawn twice", tok + 1);
        r->standing[c - 1] = -1;
        info->withdrawn++;
    }
    return MK_OK;
}

/* Numbers the standing candidates once the withdrawn ones are known. */
static int close_withdrawn(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    size_t m = 0;
    for (size_t j = 0; j < r->declared; j++)
        if (r->standing[j] == 0)
            r->standing[j] = (int)m++;
    if (m == 0)
        return bad(r, ctx, "every candidate is withdrawn");
    b->m = m;
    b->profile.width = m;
    r->at = BALLOTS;
    return MK_OK;
}

static size_t hash_row(const int64_t *row, size_t m)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t j = 0; j < m; j++) {
        h ^= (uint64_t)row[j];
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

/* Makes room for one more row and keeps the table at most half full. */
static int grow(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    mk_profile *p = &b->profile;
    if (p->n >= MK_PREFLIB_MAX_ORDERS)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: more than %d distinct ballots", in_name(r),
                        r->line, MK_PREFLIB_MAX_ORDERS);
    int rc = mk_profile_reserve(p, p->n + 2, b->m, ctx); /* the rows and a scratch row */
    if (rc != 0)
        return rc;
    if (2 * (p->n + 1) <= r->table_cap)
        return MK_OK;
    size_t cap = r->table_cap ? 2 * r->table_cap : 256;
    size_t *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", p->n);
    for (size_t i = 0; i < p->n; i++) {
        size_t h = hash_row(mk_profile_row(p, i), b->m) & (cap - 1);
        while (t[h] != 0)
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    free(r->table);
    r->table = t;
    r->table_cap = cap;
    return MK_OK;
}

/* Adds the ballot in the scratch row (row p->n) with weight w, or adds w
 * to an identical earlier row. */
static int add_row(reader *r, mk_ballots *b, int64_t w, mk_ctx *ctx)
{
    mk_profile *p = &b->profile;
    const int64_t *row = mk_profile_row(p, p->n);
    if (mk_checked_add(b->voters, w, &b->voters) != 0)
        return mk_error(ctx, MK_ERANGE, "%s:%zu: the number of voters overflows", in_name(r),
                        r->line);
    size_t h = hash_row(row, b->m) & (r->table_cap - 1);
    for (; r->table[h] != 0; h = (h + 1) & (r->table_cap - 1)) {
        size_t i = r->table[h] - 1;
        if (memcmp(mk_profile_row(p, i), row, b->m * sizeof *row) == 0) {
            p->weight[i] += w; /* <= b->voters: no overflow */
            return MK_OK;
        }
    }
    r->table[h] = p->n + 1;
    p->weight[p->n++] = w;
    return MK_OK;
}

/* One group of equal preferences, "a" or "a=b=c": its standing members
 * take rank *rank + 1, and *rank moves on when there are any (ranks stay
 * dense when withdrawn candidates are left out). */
static int ballot_group(reader *r, const char *tok, int64_t *rank, int64_t *row, size_t *standing,
                        mk_ctx *ctx)
{
    const char *s = tok;
    size_t members = 0;
    for (;;) {
        int64_t c;
        const char *after;
        if (parse_number(s, '=', &c, &after) != 0)
            return bad(r, ctx, "expected a candidate number (or a=b for a tie), found '%s'", tok);
        if (c < 1 || (uint64_t)c > r->declared)
            return bad(r, ctx, "unknown candidate %" PRId64 " (candidates are 1..%zu)", c,
                       r->declared);
        if (r->seen[c - 1])
            return bad(r, ctx, "candidate %" PRId64 " is ranked twice on one ballot", c);
        r->seen[c - 1] = 1;
        if (r->standing[c - 1] >= 0) {
            row[r->standing[c - 1]] = *rank + 1;
            members++;
            (*standing)++;
        }
        if (*after == '\0')
            break;
        s = after + 1;
    }
    if (members > 1)
        r->tied = 1;
    if (members > 0)
        (*rank)++;
    return MK_OK;
}

static int ballot(reader *r, mk_ballots *b, mk_blt_info *info, const char *p, const char *end,
                  mk_ctx *ctx)
{
    char tok[64];
    int64_t w, rank = 0;
    size_t standing = 0;
    int closed = 0;
    if (!next_token(&p, end, tok, sizeof tok))
        return MK_OK;
    if (tok[0] == '(' && tok[strlen(tok) - 1] == ')' && !next_token(&p, end, tok, sizeof tok))
        return bad(r, ctx, "a ballot id without a ballot");
    if (parse_number(tok, 0, &w, NULL) != 0)
        return bad(r, ctx, "expected a ballot weight (a whole number), found '%s'", tok);
    if (w == 0 && !next_token(&p, end, tok, sizeof tok)) {
        r->at = NAMES; /* the "0" line that ends the ballots */
        return MK_OK;
    }
    if (w < 1)
        return bad(r, ctx, "a ballot weight must be at least 1");
    int rc = grow(r, b, ctx);
    if (rc != 0)
        return rc;
    int64_t *row = mk_profile_row(&b->profile, b->profile.n);
    memset(row, 0, b->m * sizeof *row);
    memset(r->seen, 0, r->declared);
    while (rc == 0 && next_token(&p, end, tok, sizeof tok)) {
        if (closed)
            return bad(r, ctx, "'%s' after the 0 that ends the ballot", tok);
        if (strcmp(tok, "0") == 0)
            closed = 1;
        else
            rc = ballot_group(r, tok, &rank, row, &standing, ctx);
    }
    if (rc != 0)
        return rc;
    if (!closed)
        return bad(r, ctx, "a ballot line must end with 0");
    if (standing == 0)
        return mk_checked_add(info->empty, w, &info->empty) != 0
                   ? mk_error(ctx, MK_ERANGE, "the number of empty ballots overflows")
                   : MK_OK;
    if (standing < b->m)
        r->partial = 1;
    return add_row(r, b, w, ctx);
}

/* A double-quoted string filling the line: its text into *out (owned). */
static int quoted(reader *r, const char *p, const char *end, char **out, mk_ctx *ctx)
{
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 2 || *p != '"' || end[-1] != '"' || memchr(p + 1, '"', (size_t)(end - p - 2)))
        return bad(r, ctx, "expected a name in double quotes, e.g. \"Ann Smith\"");
    size_t n = (size_t)(end - p - 2);
    json_t *check = json_stringn(p + 1, n); /* NULL unless valid UTF-8 */
    json_decref(check);
    if (check == NULL)
        return bad(r, ctx, "the name is not UTF-8");
    *out = malloc(n + 1);
    if (*out == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a name");
    memcpy(*out, p + 1, n);
    (*out)[n] = '\0';
    return MK_OK;
}

static int name_line(reader *r, mk_ballots *b, const char *p, const char *end, mk_ctx *ctx)
{
    char *text = NULL;
    int rc = quoted(r, p, end, &text, ctx);
    if (rc != 0)
        return rc;
    if (r->at == TITLE) {
        free(b->title);
        b->title = text;
        r->at = DONE;
        return MK_OK;
    }
    int j = r->standing[r->names++];
    if (r->names == r->declared)
        r->at = TITLE;
    if (j < 0) {
        free(text); /* a withdrawn candidate's name */
        return MK_OK;
    }
    for (int k = 0; k < j; k++) /* names come in candidate order: k < j are set */
        if (b->names[k] != NULL && strcmp(b->names[k], text) == 0) {
            rc = bad(r, ctx, "two standing candidates are both named \"%s\"", text);
            free(text);
            return rc;
        }
    b->names[j] = text;
    return MK_OK;
}

static int line(reader *r, mk_ballots *b, mk_blt_info *info, const char *p, const char *end,
                mk_ctx *ctx)
{
    const char *s = p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s == end)
        return MK_OK;
    if (memchr(s, '\0', (size_t)(end - s)) != NULL)
        return bad(r, ctx, "a NUL byte");
    int rc = MK_OK;
    switch (r->at) {
    case HEADER: return header(r, b, info, s, end, ctx);
    case WITHDRAWN:
        if (*s == '-')
            return withdrawn(r, info, s, end, ctx);
        rc = close_withdrawn(r, b, ctx);
        return rc != 0 ? rc : line(r, b, info, p, end, ctx);
    case BALLOTS:
        if (*s == '"')
            return bad(r, ctx, "a name before the '0' line that ends the ballots");
        if (*s == '-')
            return bad(r, ctx, "a withdrawn candidate after the first ballot");
        return ballot(r, b, info, s, end, ctx);
    case NAMES:
    case TITLE: return name_line(r, b, s, end, ctx);
    case DONE: return bad(r, ctx, "a line after the title");
    }
    return rc;
}

static int finish(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    if (r->at == HEADER)
        return mk_error(ctx, MK_EINPUT, "%s: empty file (no 'candidates seats' header)",
                        in_name(r));
    if (r->at == WITHDRAWN || r->at == BALLOTS)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: the file ends without the '0' line that ends the ballots",
                        in_name(r), r->line);
    if (r->at == NAMES)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: the file ends after %zu of %zu candidate names",
                        in_name(r), r->line, r->names, r->declared);
    memcpy(b->data_type, r->tied ? (r->partial ? "toi" : "toc") : (r->partial ? "soi" : "soc"), 4);
    return MK_OK;
}

static int read_lines(reader *r, mk_ballots *b, mk_blt_info *info, mk_ctx *ctx)
{
    const char *p = r->in->data, *end = p + r->in->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl != NULL ? nl : end;
        if (le > p && le[-1] == '\r')
            le--;
        r->line++;
        int rc = line(r, b, info, p, le, ctx);
        if (rc != 0)
            return rc;
        p = nl != NULL ? nl + 1 : end;
    }
    return finish(r, b, ctx);
}

int mk_blt_read(const mk_input *in, mk_ballots *out, mk_blt_info *info, mk_ctx *ctx)
{
    mk_ballots b = MK_BALLOTS_INIT;
    mk_blt_info got = {0, 0, 0, 0};
    reader r;
    memset(&r, 0, sizeof r);
    r.in = in;
    b.title = calloc(1, 1);
    int rc =
        b.title == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : read_lines(&r, &b, &got, ctx);
    /* names has room for every declared candidate; only the first m
     * (the standing ones) are set. */
    free(r.standing);
    free(r.seen);
    free(r.table);
    if (rc != 0) {
        mk_ballots_free(&b);
        return rc;
    }
    *out = b;
    *info = got;
    return MK_OK;
}
