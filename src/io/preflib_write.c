/* PrefLib writer (see preflib.h): the header lines the reader needs, then
 * one `count: order` line per profile row, ties in braces. */
#include <inttypes.h>
#include <stdint.h>

#include "mechkit/money.h"
#include "mechkit/preflib.h"
#include "text_out.h"

/* One row as an order: groups in increasing rank, ties in braces. */
static int write_row(mk_text *t, const int64_t *row, size_t m, mk_ctx *ctx, size_t i)
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
        mk_text_printf(t, "%s%s", first ? "" : ",", members > 1 ? "{" : "");
        int inner = 1;
        for (size_t j = 0; j < m; j++)
            if (row[j] == next) {
                mk_text_printf(t, "%s%zu", inner ? "" : ",", j + 1);
                inner = 0;
            }
        mk_text_printf(t, "%s", members > 1 ? "}" : "");
        first = 0;
        prev = next;
    }
}

int mk_preflib_write(const mk_ballots *b, char **out, size_t *len, mk_ctx *ctx)
{
    const mk_profile *p = &b->profile;
    mk_text t = MK_TEXT_INIT;
    int64_t voters = 0;
    for (size_t i = 0; i < p->n; i++)
        if (mk_checked_add(voters, p->weight != NULL ? p->weight[i] : 1, &voters) != 0)
            return mk_error(ctx, MK_ERANGE, "the number of voters overflows");
    mk_text_printf(&t, "# TITLE: %s\n# DATA TYPE: %s\n", b->title != NULL ? b->title : "",
                   b->data_type[0] ? b->data_type : "toi");
    mk_text_printf(&t, "# NUMBER ALTERNATIVES: %zu\n# NUMBER VOTERS: %" PRId64 "\n", b->m, voters);
    mk_text_printf(&t, "# NUMBER UNIQUE ORDERS: %zu\n", p->n);
    for (size_t j = 0; j < b->m; j++)
        mk_text_printf(&t, "# ALTERNATIVE NAME %zu: %s\n", j + 1, b->names[j]);
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        mk_text_printf(&t, "%" PRId64 ": ", p->weight != NULL ? p->weight[i] : 1);
        rc = write_row(&t, mk_profile_row(p, i), b->m, ctx, i);
        mk_text_printf(&t, "\n");
    }
    if (rc != 0) {
        mk_text_free(&t);
        return rc;
    }
    return mk_text_finish(&t, out, len, "PrefLib text", ctx);
}
