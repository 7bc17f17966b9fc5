/*
 * The header of a cast-vote-record CSV (mechkit/cvr.h): which columns hold
 * the ranks, in rank order, and which the count.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cvr_internal.h"

/* N when h is "Rank N", "Choice N" or "Preference N" (any case; a space,
 * '_' or '-' or nothing before N), else 0. */
static long rank_number(const char *h)
{
    static const char *const words[] = {"rank", "choice", "preference"};
    size_t len;
    h = mk_csv_trim(h, strlen(h), &len);
    for (size_t w = 0; w < 3; w++) {
        size_t wl = strlen(words[w]), i = wl;
        if (len <= wl)
            continue;
        size_t k = 0;
        while (k < wl && tolower((unsigned char)h[k]) == words[w][k])
            k++;
        if (k < wl)
            continue;
        while (i < len && (h[i] == ' ' || h[i] == '_' || h[i] == '-'))
            i++;
        long n = 0;
        size_t d = i;
        for (; i < len && isdigit((unsigned char)h[i]) && n < 100000; i++)
            n = n * 10 + (h[i] - '0');
        if (i == len && i > d && n > 0)
            return n;
    }
    return 0;
}

static int header_find(const mk_csv_record *h, const char *name, size_t line, const char *what,
                       const cvr_columns *c, long *out, mk_ctx *ctx)
{
    long k = mk_csv_find(h, name);
    if (k < 0)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: the header has no %s column '%s'", c->name, line,
                        what, name);
    for (size_t j = (size_t)k + 1; j < h->n; j++) {
        size_t l;
        const char *t = mk_csv_trim(h->field[j], h->len[j], &l);
        if (l == strlen(name) && memcmp(t, name, l) == 0)
            return mk_error(ctx, MK_EINPUT, "%s:%zu: the header names column '%s' twice", c->name,
                            line, name);
    }
    *out = k;
    return MK_OK;
}

static int add_rank_col(cvr_columns *c, const mk_csv_record *h, size_t col, mk_ctx *ctx)
{
    if (c->ranks >= MK_CVR_MAX_RANKS)
        return mk_error(ctx, MK_ELIMIT, "%s: more than %d rank columns", c->name, MK_CVR_MAX_RANKS);
    size_t l;
    const char *t = mk_csv_trim(h->field[col], h->len[col], &l);
    char *name = malloc(l + 1);
    if (name == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the header");
    memcpy(name, t, l);
    name[l] = '\0';
    c->rank_col[c->ranks] = col;
    c->rank_name[c->ranks++] = name;
    return MK_OK;
}

/* The rank columns named by opt->rank_columns, in that order. */
static int named_rank_cols(cvr_columns *c, const mk_csv_record *h, mk_ctx *ctx)
{
    char buf[256];
    const char *s = c->opt->rank_columns;
    while (1) {
        const char *end = strchr(s, ',');
        size_t len = end != NULL ? (size_t)(end - s) : strlen(s), tl;
        const char *t = mk_csv_trim(s, len, &tl);
        if (tl == 0 || tl >= sizeof buf)
            return mk_error(ctx, MK_EPARAM, "rank_columns: a bad column name in '%s'",
                            c->opt->rank_columns);
        memcpy(buf, t, tl);
        buf[tl] = '\0';
        long k;
        int rc = header_find(h, buf, h->line, "rank", c, &k, ctx);
        for (size_t i = 0; rc == 0 && i < c->ranks; i++)
            if (c->rank_col[i] == (size_t)k)
                rc = mk_error(ctx, MK_EPARAM, "rank_columns: '%s' is listed twice", buf);
        if (rc == 0)
            rc = add_rank_col(c, h, (size_t)k, ctx);
        if (rc != 0)
            return rc;
        if (end == NULL)
            return MK_OK;
        s = end + 1;
    }
}

/* Columns "Rank 1", "Rank 2", ... ordered by their number. */
static int auto_rank_cols(cvr_columns *c, const mk_csv_record *h, mk_ctx *ctx)
{
    long *num = calloc(h->n, sizeof *num);
    if (num == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the header");
    for (size_t j = 0; j < h->n; j++)
        num[j] = rank_number(h->field[j]);
    int rc = MK_OK;
    for (size_t j = 0; rc == 0 && j < h->n; j++)
        for (size_t k = j + 1; rc == 0 && k < h->n; k++)
            if (num[j] > 0 && num[j] == num[k])
                rc = mk_error(ctx, MK_EINPUT, "%s:%zu: two rank columns for rank %ld", c->name,
                              h->line, num[j]);
    /* Selection by number: O(cols^2), cols is small. */
    long last = 0;
    while (rc == 0) {
        size_t best = h->n;
        for (size_t j = 0; j < h->n; j++)
            if (num[j] > last && (best == h->n || num[j] < num[best]))
                best = j;
        if (best == h->n)
            break;
        last = num[best];
        rc = add_rank_col(c, h, best, ctx);
    }
    free(num);
    if (rc == 0 && c->ranks == 0)
        rc = mk_error(ctx, MK_EINPUT,
                      "%s:%zu: no rank columns: the header needs columns named 'Rank 1', "
                      "'Rank 2', ... (or give -p rank_columns=NAME,NAME,...)",
                      c->name, h->line);
    return rc;
}

/* 1 when s[0..len) is the lower-case word w in any case. */
static int same_word(const char *s, size_t len, const char *w)
{
    if (len != strlen(w))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

int cvr_columns_read(cvr_columns *c, mk_csv *csv, const mk_cvr_options *opt, const char *name,
                     mk_ctx *ctx)
{
    c->opt = opt;
    c->name = name;
    mk_csv_record h;
    int got = mk_csv_next(csv, &h, ctx);
    if (got < 0)
        return got;
    if (got == 0)
        return mk_error(ctx, MK_EINPUT, "%s: empty file: a CVR needs a header row", c->name);
    int empty = 1;
    for (size_t j = 0; j < h.n; j++) {
        size_t l;
        mk_csv_trim(h.field[j], h.len[j], &l);
        empty &= l == 0;
    }
    if (empty)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: the header row is empty", c->name, h.line);
    c->cols = h.n;
    c->rank_col = malloc(h.n * sizeof *c->rank_col);
    c->rank_name = calloc(h.n, sizeof *c->rank_name);
    if (c->rank_col == NULL || c->rank_name == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the header");
    int rc = c->opt->rank_columns != NULL && c->opt->rank_columns[0] != '\0'
                 ? named_rank_cols(c, &h, ctx)
                 : auto_rank_cols(c, &h, ctx);
    c->count_col = -1;
    const char *cc = c->opt->count_column;
    if (rc == 0 && cc != NULL && cc[0] != '\0')
        rc = header_find(&h, cc, h.line, "count", c, &c->count_col, ctx);
    for (size_t j = 0; rc == 0 && cc == NULL && j < h.n; j++) {
        size_t l;
        const char *t = mk_csv_trim(h.field[j], h.len[j], &l);
        if (same_word(t, l, "count") || same_word(t, l, "weight")) {
            if (c->count_col >= 0)
                rc = mk_error(ctx, MK_EINPUT, "%s:%zu: two count columns (Count, Weight)", c->name,
                              h.line);
            c->count_col = (long)j;
        }
    }
    for (size_t i = 0; rc == 0 && i < c->ranks; i++)
        if ((long)c->rank_col[i] == c->count_col)
            rc = mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s' is both a rank and the count",
                          c->name, h.line, c->rank_name[i]);
    return rc;
}

void cvr_columns_free(cvr_columns *c)
{
    for (size_t i = 0; c->rank_name != NULL && i < c->ranks; i++)
        free(c->rank_name[i]);
    free(c->rank_name);
    free(c->rank_col);
    c->rank_name = NULL;
    c->rank_col = NULL;
    c->ranks = 0;
}
