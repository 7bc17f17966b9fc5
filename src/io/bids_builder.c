/*
 * The builder that the CSV and JSON bid readers share (bids_internal.h):
 * messages that name a line or a bidder, bidders and their entries, and
 * the parsing of each field.
 */
#include "bids_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

/* ---- messages ------------------------------------------------------------------------------ */

char *mk_bids_show(const char *s, size_t len, char *buf)
{
    const size_t keep = MK_BIDS_SHOW_MAX - 4; /* room for "..." and the NUL */
    size_t n = len;
    if (len > keep) {
        /* Cut before a UTF-8 continuation byte never splits a character. */
        n = keep;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (n < len) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

const char *mk_bids_field_name(const mk_bids_builder *b, size_t bidder, int field)
{
    int many = b->json && bidder < b->n_bidders && b->bidders[bidder].many;
    switch (field) {
    case MK_BIDS_FIELD_ID: return b->json ? "id" : "bidder";
    case MK_BIDS_FIELD_BID: return !b->json ? "amount" : many ? "bids" : "bid";
    case MK_BIDS_FIELD_VALUE: return !b->json ? "value" : many ? "values" : "value";
    case MK_BIDS_FIELD_SIDE: return "side";
    case MK_BIDS_FIELD_QUALITY: return "quality";
    default: return NULL;
    }
}

int mk_bids_at(const mk_bids_builder *b, size_t bidder, size_t where, int field, int code,
               mk_ctx *ctx)
{
    if (ctx == NULL)
        return code;
    const char *fname = mk_bids_field_name(b, bidder, field);
    if (!b->json) {
        if (fname == NULL)
            mk_error_prefix(ctx, "%s:%zu", b->name, where);
        else
            mk_error_prefix(ctx, "%s:%zu: field '%s'", b->name, where, fname);
        return code;
    }
    const mk_bids_bidder *p = &b->bidders[bidder];
    char id[MK_BIDS_SHOW_MAX];
    mk_bids_show(b->ids[bidder], strlen(b->ids[bidder]), id);
    int item = p->many && where != MK_BIDS_END &&
               (field == MK_BIDS_FIELD_BID || field == MK_BIDS_FIELD_VALUE);
    if (fname == NULL)
        mk_error_prefix(ctx, "%s: bidder %zu ('%s')", b->name, bidder + 1, id);
    else if (item)
        mk_error_prefix(ctx, "%s: bidder %zu ('%s'): field '%s', item %zu", b->name, bidder + 1, id,
                        fname, where + 1);
    else
        mk_error_prefix(ctx, "%s: bidder %zu ('%s'): field '%s'", b->name, bidder + 1, id, fname);
    return code;
}

/* ---- the builder --------------------------------------------------------------------------- */

void mk_bids_builder_init(mk_bids_builder *b, const char *name, int json,
                          const mk_bids_options *opt)
{
    memset(b, 0, sizeof *b);
    b->name = name;
    b->json = json;
    b->opt = *opt;
    b->scale = opt->scale;
    b->ids_map = (mk_strmap)MK_STRMAP_INIT;
}

void mk_bids_builder_free(mk_bids_builder *b)
{
    if (b->ids != NULL)
        for (size_t i = 0; i < b->n_bidders; i++)
            free(b->ids[i]);
    free(b->ids);
    free(b->bidders);
    free(b->entries);
    mk_strmap_free(&b->ids_map);
    memset(b, 0, sizeof *b);
}

/* Makes room for one more element of size `size` in *items (capacity
 * *cap), doubling. */
static int reserve(void **items, size_t *cap, size_t n, size_t size, mk_ctx *ctx)
{
    if (n < *cap)
        return MK_OK;
    size_t grown = *cap == 0 ? 64 : *cap * 2;
    if (grown < *cap || grown > SIZE_MAX / size)
        return mk_error(ctx, MK_ELIMIT, "too many bids (%zu)", n);
    void *p = realloc(*items, grown * size);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory after %zu bids", n);
    *items = p;
    *cap = grown;
    return MK_OK;
}

/* Room for one more bidder in the parallel arrays bidders and ids. */
static int grow_bidders(mk_bids_builder *b, mk_ctx *ctx)
{
    if (b->n_bidders < b->bidders_cap)
        return MK_OK;
    size_t cap = b->bidders_cap;
    void *items = b->bidders;
    int rc = reserve(&items, &cap, b->n_bidders, sizeof *b->bidders, ctx);
    b->bidders = items;
    if (rc != 0)
        return rc;
    char **ids = realloc(b->ids, cap * sizeof *ids);
    if (ids == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory after %zu bidders", b->n_bidders);
    b->ids = ids;
    b->bidders_cap = cap;
    return MK_OK;
}

int mk_bids_bidder_get(mk_bids_builder *b, const char *s, size_t len, size_t where, size_t *index,
                       int *added, mk_ctx *ctx)
{
    /* Rows of one bidder usually come together: check the last one first. */
    if (b->n_bidders > 0) {
        const char *last = b->ids[b->n_bidders - 1];
        if (strncmp(last, s, len) == 0 && last[len] == '\0') {
            *index = b->n_bidders - 1;
            *added = 0;
            return MK_OK;
        }
    }
    if (mk_strmap_find(&b->ids_map, s, len, index)) {
        *added = 0;
        return MK_OK;
    }
    int rc = grow_bidders(b, ctx);
    if (rc != 0)
        return rc;
    char *id = malloc(len + 1);
    if (id == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for bidder ids");
    memcpy(id, s, len);
    id[len] = '\0';
    rc = mk_strmap_insert(&b->ids_map, id, len, b->n_bidders, ctx);
    if (rc != 0) {
        free(id);
        return rc;
    }
    b->ids[b->n_bidders] = id;
    b->bidders[b->n_bidders] = (mk_bids_bidder){
        where, MK_BIDS_END, MK_BIDS_END, 0, -1, 0, 0, -1, 0,
    };
    *index = b->n_bidders++;
    *added = 1;
    return MK_OK;
}

int mk_bids_entry_add(mk_bids_builder *b, size_t bidder, int64_t bid, int bid_places, int64_t value,
                      int value_places, size_t where, mk_ctx *ctx)
{
    void *items = b->entries;
    int rc = reserve(&items, &b->entries_cap, b->n_entries, sizeof *b->entries, ctx);
    b->entries = items;
    if (rc != 0)
        return rc;
    size_t e = b->n_entries++;
    b->entries[e] = (mk_bids_entry){
        bid,
        value,
        where,
        MK_BIDS_END,
        (uint32_t)bidder,
        (signed char)bid_places,
        (signed char)(value_places < 0 ? -1 : value_places),
    };
    mk_bids_bidder *p = &b->bidders[bidder];
    if (p->last == MK_BIDS_END)
        p->first = e;
    else
        b->entries[p->last].next = e;
    p->last = e;
    p->count++;
    if (value_places >= 0)
        b->n_values++;
    return MK_OK;
}

/* ---- fields -------------------------------------------------------------------------------- */

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

/* Records the largest places seen, or rejects places the scale cannot hold.
 * The text is only copied for a message, off the path of a good amount. */
static int check_places(mk_bids_builder *b, const char *s, size_t len, int places, mk_ctx *ctx)
{
    char text[MK_BIDS_SHOW_MAX];
    if (b->scale >= 0 && places > b->scale) {
        mk_bids_show(s, len, text);
        if (b->scale_from_file)
            return mk_error(ctx, MK_EINPUT,
                            "'%s' has %d decimal place%s, more than the file's \"scale\": %d", text,
                            places, plural(places), b->scale);
        return mk_error(ctx, MK_EINPUT,
                        "'%s' has %d decimal place%s, more than the scale %d (set -p scale=%d)",
                        text, places, plural(places), b->scale, places);
    }
    if (places > MK_SCALE_MAX)
        return mk_error(ctx, MK_ERANGE, "'%s' has %d decimal places; at most %d are supported",
                        mk_bids_show(s, len, text), places, MK_SCALE_MAX);
    if (places > b->max_places)
        b->max_places = places;
    return MK_OK;
}

int mk_bids_amount(mk_bids_builder *b, const char *s, size_t len, int64_t *units, int *places,
                   mk_ctx *ctx)
{
    char text[MK_BIDS_SHOW_MAX];
    if (len == 0)
        return mk_error(ctx, MK_EINPUT, "empty");
    int d = mk_decimal_places(s, len);
    if (d < 0)
        return mk_error(ctx, MK_EINPUT, "'%s' is not an amount (expected a decimal like 12.50)",
                        mk_bids_show(s, len, text));
    if (s[0] == '-')
        return mk_error(ctx, MK_EINPUT, "'%s' is negative (bids and values are at least 0)",
                        mk_bids_show(s, len, text));
    int rc = check_places(b, s, len, d, ctx);
    if (rc != 0)
        return rc;
    rc = mk_money_parse(s, len, d, units, ctx);
    if (rc != 0)
        return rc;
    *places = d;
    return MK_OK;
}

int mk_bids_amount_int(long long v, int64_t *units, int *places, mk_ctx *ctx)
{
    if (v < 0)
        return mk_error(ctx, MK_EINPUT, "%lld is negative (bids and values are at least 0)", v);
#if LLONG_MAX > INT64_MAX
    if (v > INT64_MAX)
        return mk_error(ctx, MK_ERANGE, "%lld does not fit in 64 bits", v);
#endif
    *units = (int64_t)v;
    *places = 0;
    return MK_OK;
}

int mk_bids_side(const char *s, size_t len, int *side, mk_ctx *ctx)
{
    static const char *const names[] = {"buy", "sell"};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(names[k]);
        size_t i = 0;
        while (i < n && i < len && (s[i] | 0x20) == names[k][i])
            i++;
        if (i == n && len == n) {
            *side = k == 0 ? MK_SIDE_BUY : MK_SIDE_SELL;
            return MK_OK;
        }
    }
    char text[MK_BIDS_SHOW_MAX];
    return mk_error(ctx, MK_EINPUT, "'%s' is not a side (expected buy or sell)",
                    mk_bids_show(s, len, text));
}

int mk_bids_quality(const char *s, size_t len, int64_t *quality, mk_ctx *ctx)
{
    char text[MK_BIDS_SHOW_MAX];
    mk_bids_show(s, len, text);
    int d = len == 0 ? -1 : mk_decimal_places(s, len);
    if (d < 0)
        return mk_error(ctx, MK_EINPUT, "'%s' is not a quality score (expected a decimal like 0.8)",
                        text);
    if (d > MK_QUALITY_SCALE)
        return mk_error(ctx, MK_EINPUT,
                        "'%s' has %d decimal places; a quality score has at most %d", text, d,
                        MK_QUALITY_SCALE);
    int64_t q;
    int rc = s[0] == '-' ? MK_EINPUT : mk_money_parse(s, len, MK_QUALITY_SCALE, &q, ctx);
    if (rc == MK_EINPUT || (rc == 0 && q <= 0))
        return mk_error(ctx, MK_EINPUT, "'%s' is not above 0 (a quality score is > 0)", text);
    if (rc != 0)
        return rc;
    *quality = q;
    return MK_OK;
}

int mk_bids_quality_int(long long v, int64_t *quality, mk_ctx *ctx)
{
    if (v <= 0)
        return mk_error(ctx, MK_EINPUT, "%lld is not above 0 (a quality score is > 0)", v);
    if (v > INT64_MAX / MK_QUALITY_ONE)
        return mk_error(ctx, MK_ERANGE, "quality score %lld is too large", v);
    *quality = (int64_t)v * MK_QUALITY_ONE;
    return MK_OK;
}
