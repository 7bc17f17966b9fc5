/* PrefLib writer (see preflib.h): the header lines the reader needs, then
 * one `count: order` line per profile row, ties in braces. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "mechkit/preflib.h"

/* A growing text buffer for the writer. */
typedef struct text {
    char *s;
    size_t len, cap;
    int failed;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->failed = 1;
            return;
        }
        if ((size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = 2 * t->cap + (size_t)n + 1;
        char *s = realloc(t->s, cap);
        if (s == NULL) {
            t->failed = 1;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
}

/* One row as an order: groups in increasing rank, ties in braces. */
static int write_row(text *t, const int64_t *row, size_t m, mk_ctx *ctx, size_t i)
{
    int64_t prev = 0;
    int first = 1;
    for (;;) {
        int64_t next = INT64_MAX; /* smallest rank above prev */
        size_t members = 0;
        for (size_t j = 0; j < m; j++) {
            if (row[j] < 0)
                return mk_error(ctx, MK_EINPUT, "row %zu: candidate %zu has rank %" PRId64, i + 1,
                                j + 1, row[j]);
            if (row[j] > prev && row[j] < next) {
                next = row[j];
                members = 0;
            }
            if (row[j] == next)
                members++;
        }
        if (next == INT64_MAX)
            return first ? mk_error(ctx, MK_EINPUT, "row %zu ranks no candidate", i + 1) : MK_OK;
        put(t, "%s%s", first ? "" : ",", members > 1 ? "{" : "");
        int inner = 1;
        for (size_t j = 0; j < m; j++)
            if (row[j] == next) {
                put(t, "%s%zu", inner ? "" : ",", j + 1);
                inner = 0;
            }
        put(t, "%s", members > 1 ? "}" : "");
        first = 0;
        prev = next;
    }
}

int mk_preflib_write(const mk_ballots *b, char **out, size_t *len, mk_ctx *ctx)
{
    const mk_profile *p = &b->profile;
    text t = {malloc(256), 0, 256, 0};
    if (t.s == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory writing PrefLib text");
    int64_t voters = 0;
    for (size_t i = 0; i < p->n; i++)
        if (mk_checked_add(voters, p->weight != NULL ? p->weight[i] : 1, &voters) != 0) {
            free(t.s);
            return mk_error(ctx, MK_ERANGE, "the number of voters overflows");
        }
    put(&t, "# TITLE: %s\n# DATA TYPE: %s\n", b->title != NULL ? b->title : "",
        b->data_type[0] ? b->data_type : "toi");
    put(&t, "# NUMBER ALTERNATIVES: %zu\n# NUMBER VOTERS: %" PRId64 "\n", b->m, voters);
    put(&t, "# NUMBER UNIQUE ORDERS: %zu\n", p->n);
    for (size_t j = 0; j < b->m; j++)
        put(&t, "# ALTERNATIVE NAME %zu: %s\n", j + 1, b->names[j]);
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        put(&t, "%" PRId64 ": ", p->weight != NULL ? p->weight[i] : 1);
        rc = write_row(&t, mk_profile_row(p, i), b->m, ctx, i);
        put(&t, "\n");
    }
    if (rc == 0 && t.failed)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory writing PrefLib text");
    if (rc != 0) {
        free(t.s);
        return rc;
    }
    *out = t.s;
    if (len != NULL)
        *len = t.len;
    return MK_OK;
}
