/*
 * Bid files in CSV (see mechkit/bids.h): a header naming the columns, then
 * one row per marginal bid. Collects into the builder of bids_internal.h.
 */
#include <stdio.h>
#include <string.h>

#include "bids_internal.h"
#include "mechkit/csv.h"
#include "mechkit/money.h"

/* The columns read, in the order of column_names. */
enum { COL_BIDDER, COL_AMOUNT, COL_VALUE, COL_SIDE, COL_QUALITY, N_COLUMNS };

static const char *const column_names[N_COLUMNS] = {"bidder", "amount", "value", "side", "quality"};

/* Index of each column in the header, -1 when absent. */
typedef struct columns {
    long at[N_COLUMNS];
} columns;

static int same_ignoring_case(const char *s, size_t len, const char *w)
{
    if (strlen(w) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != w[i])
            return 0;
    return 1;
}

/* "bidder, price, value" for a message, cut to fit. */
static void list_columns(const mk_csv_record *h, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n && used + 1 < cap; i++) {
        char text[MK_BIDS_SHOW_MAX];
        size_t len;
        const char *s = mk_csv_trim(h->field[i], h->len[i], &len);
        int w = snprintf(buf + used, cap - used, "%s'%s'", i > 0 ? ", " : "",
                         mk_bids_show(s, len, text));
        used = w < 0 || (size_t)w >= cap - used ? cap - 1 : used + (size_t)w;
    }
}

/* Locates the known columns in the header, rejecting duplicates and names
 * that differ from a known one only in case (a silent typo otherwise). */
static int locate_columns(const mk_bids_builder *b, const mk_csv_record *h, columns *c, mk_ctx *ctx)
{
    for (size_t k = 0; k < N_COLUMNS; k++)
        c->at[k] = -1;
    for (size_t i = 0; i < h->n; i++) {
        size_t len;
        const char *s = mk_csv_trim(h->field[i], h->len[i], &len);
        for (size_t k = 0; k < N_COLUMNS; k++) {
            long *slot = &c->at[k];
            int exact = strlen(column_names[k]) == len && memcmp(s, column_names[k], len) == 0;
            if (exact && *slot >= 0)
                return mk_error(ctx, MK_EINPUT,
                                "%s:%zu: column '%s' appears twice (columns "
                                "%ld and %zu)",
                                b->name, h->line, column_names[k], *slot + 1, i + 1);
            if (exact)
                *slot = (long)i;
            else if (same_ignoring_case(s, len, column_names[k]))
                return mk_error(ctx, MK_EINPUT,
                                "%s:%zu: column %zu: column names are "
                                "lowercase: did you mean '%s'?",
                                b->name, h->line, i + 1, column_names[k]);
        }
    }
    return MK_OK;
}

/* The header: the columns b's options need, and no column they forbid. */
static int read_header(const mk_bids_builder *b, const mk_csv_record *h, columns *c, mk_ctx *ctx)
{
    int rc = locate_columns(b, h, c, ctx);
    if (rc != 0)
        return rc;
    char found[256];
    list_columns(h, found, sizeof found);
    if (c->at[COL_BIDDER] < 0 || c->at[COL_AMOUNT] < 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: no column '%s' (the header has %s; it needs "
                        "at least bidder and amount)",
                        b->name, h->line, c->at[COL_BIDDER] < 0 ? "bidder" : "amount", found);
    if (b->opt.sides && c->at[COL_SIDE] < 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: no column 'side' (the header has %s; every "
                        "trader needs a side, buy or sell)",
                        b->name, h->line, found);
    if (!b->opt.sides && c->at[COL_SIDE] >= 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: column 'side' is not read here (buy and sell "
                        "sides are for double auctions)",
                        b->name, h->line);
    if (!b->opt.quality && c->at[COL_QUALITY] >= 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: column 'quality' is not read here (quality "
                        "scores are for position auctions)",
                        b->name, h->line);
    return MK_OK;
}

/* Field `col` of rec, trimmed; "" when the column is absent. */
static const char *field(const mk_csv_record *rec, long col, size_t *len)
{
    if (col < 0) {
        *len = 0;
        return "";
    }
    return mk_csv_trim(rec->field[col], rec->len[col], len);
}

/* "0.8" for a quality score at MK_QUALITY_SCALE: no trailing zeros. */
static char *format_quality(int64_t q, char *buf)
{
    mk_money_format(q, MK_QUALITY_SCALE, buf);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

/* The side and quality of a row: the first row of a bidder that gives one
 * sets it; later rows may leave the cell empty or repeat it. */
static int read_traits(mk_bids_builder *b, const mk_csv_record *rec, const columns *c, size_t who,
                       mk_ctx *ctx)
{
    mk_bids_bidder *p = &b->bidders[who];
    char text[MK_BIDS_SHOW_MAX];
    size_t len;
    const char *s = field(rec, c->at[COL_SIDE], &len);
    int side;
    if (len > 0 && mk_bids_side(s, len, &side, ctx) != 0)
        return mk_bids_at(b, who, rec->line, MK_BIDS_FIELD_SIDE, MK_EINPUT, ctx);
    if (len > 0 && p->side >= 0 && side != p->side) {
        mk_error(ctx, MK_EINPUT, "'%s' conflicts with '%s' on line %zu for the same bidder",
                 mk_bids_show(s, len, text), p->side == MK_SIDE_BUY ? "buy" : "sell",
                 p->side_where);
        return mk_bids_at(b, who, rec->line, MK_BIDS_FIELD_SIDE, MK_EINPUT, ctx);
    }
    if (len > 0 && p->side < 0) {
        p->side = side;
        p->side_where = rec->line;
    }

    s = field(rec, c->at[COL_QUALITY], &len);
    int64_t q;
    int rc = len > 0 ? mk_bids_quality(s, len, &q, ctx) : MK_OK;
    if (rc != 0)
        return mk_bids_at(b, who, rec->line, MK_BIDS_FIELD_QUALITY, rc, ctx);
    if (len > 0 && p->quality >= 0 && q != p->quality) {
        char shown[MK_MONEY_FORMAT_MAX];
        mk_error(ctx, MK_EINPUT, "'%s' conflicts with %s on line %zu for the same bidder",
                 mk_bids_show(s, len, text), format_quality(p->quality, shown), p->quality_where);
        return mk_bids_at(b, who, rec->line, MK_BIDS_FIELD_QUALITY, MK_EINPUT, ctx);
    }
    if (len > 0 && p->quality < 0) {
        p->quality = q;
        p->quality_where = rec->line;
    }
    return MK_OK;
}

static int read_row(mk_bids_builder *b, const mk_csv_record *rec, const columns *c, size_t n_header,
                    mk_ctx *ctx)
{
    if (rec->n != n_header)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: %zu field%s, but the header has %zu", b->name,
                        rec->line, rec->n, rec->n == 1 ? "" : "s", n_header);
    size_t id_len, len, who;
    const char *id = field(rec, c->at[COL_BIDDER], &id_len);
    if (id_len == 0) {
        mk_error(ctx, MK_EINPUT, "empty (every row needs a bidder id)");
        return mk_bids_at(b, 0, rec->line, MK_BIDS_FIELD_ID, MK_EINPUT, ctx);
    }
    int64_t bid, value = 0;
    int bid_places, value_places = -1, added;
    const char *a = field(rec, c->at[COL_AMOUNT], &len);
    int rc = mk_bids_amount(b, a, len, &bid, &bid_places, ctx);
    if (rc != 0)
        return mk_bids_at(b, 0, rec->line, MK_BIDS_FIELD_BID, rc, ctx);
    const char *v = field(rec, c->at[COL_VALUE], &len);
    if (len > 0 && (rc = mk_bids_amount(b, v, len, &value, &value_places, ctx)) != 0)
        return mk_bids_at(b, 0, rec->line, MK_BIDS_FIELD_VALUE, rc, ctx);
    rc = mk_bids_bidder_get(b, id, id_len, rec->line, &who, &added, ctx);
    if (rc == 0)
        rc = read_traits(b, rec, c, who, ctx);
    if (rc == 0)
        rc = mk_bids_entry_add(b, who, bid, bid_places, value, value_places, rec->line, ctx);
    return rc;
}

/* The state of mk_csv_read_rows over a bid file. */
typedef struct bid_rows {
    mk_bids_builder *b;
    columns c;
    size_t n_header;
} bid_rows;

static int header_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    bid_rows *r = state;
    r->n_header = rec->n;
    return read_header(r->b, rec, &r->c, ctx);
}

static int row_record(void *state, const mk_csv_record *rec, mk_ctx *ctx)
{
    bid_rows *r = state;
    return read_row(r->b, rec, &r->c, r->n_header, ctx);
}

int mk_bids_collect_csv(mk_bids_builder *b, const char *data, size_t len, mk_ctx *ctx)
{
    static const mk_csv_rows rows = {"no bids (the input is empty)", header_record, row_record};
    bid_rows state = {b, {{-1, -1, -1, -1, -1}}, 0};
    int rc = mk_csv_read_rows(data, len, b->name, &rows, &state, ctx);
    if (rc == 0 && b->n_entries == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: no bids (a header but no rows)", b->name);
    return rc;
}
