/*
 * Bid files (see mechkit/bids.h): the public entry point, the builder that
 * the CSV and JSON readers share (bids_internal.h), and the second pass
 * that picks the scale and lays out the rows.
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

/* ---- whole-input checks -------------------------------------------------------------------- */

/* Every bidder bids for at most opt.max_bids units. */
static int check_counts(const mk_bids_builder *b, mk_ctx *ctx)
{
    size_t max = b->opt.max_bids;
    for (size_t i = 0; i < b->n_bidders; i++) {
        const mk_bids_bidder *p = &b->bidders[i];
        if (p->count <= max)
            continue;
        const char *are = max == 1 ? "is" : "are";
        if (b->json) {
            mk_error(ctx, MK_EINPUT, "bids for %zu units but at most %zu %s allowed", p->count, max,
                     are);
            return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_BID, MK_EINPUT, ctx);
        }
        size_t e = p->first;
        for (size_t k = 0; k < max; k++)
            e = b->entries[e].next;
        char id[MK_BIDS_SHOW_MAX];
        mk_error(ctx, MK_EINPUT,
                 "bidder '%s' bids for %zu units but at most %zu %s allowed (each row of a "
                 "bidder is its bid for one more unit; its first row is line %zu)",
                 mk_bids_show(b->ids[i], strlen(b->ids[i]), id), p->count, max, are, p->where);
        return mk_bids_at(b, i, b->entries[e].where, MK_BIDS_FIELD_NONE, MK_EINPUT, ctx);
    }
    return MK_OK;
}

/* Values are given for every bid or for none. */
static int check_values(const mk_bids_builder *b, mk_ctx *ctx)
{
    if (b->n_values == 0 || b->n_values == b->n_entries)
        return MK_OK;
    size_t with = MK_BIDS_END, without = MK_BIDS_END;
    for (size_t e = 0; e < b->n_entries; e++) {
        size_t *first = b->entries[e].value_places >= 0 ? &with : &without;
        if (*first == MK_BIDS_END)
            *first = e;
    }
    const mk_bids_entry *w = &b->entries[with], *o = &b->entries[without];
    if (b->json) {
        char id[MK_BIDS_SHOW_MAX];
        const char *other = b->ids[w->bidder];
        mk_error(ctx, MK_EINPUT,
                 "missing, but bidder %zu ('%s') gives values; give a value for every bid or "
                 "for none",
                 (size_t)w->bidder + 1, mk_bids_show(other, strlen(other), id));
        return mk_bids_at(b, o->bidder, MK_BIDS_END, MK_BIDS_FIELD_VALUE, MK_EINPUT, ctx);
    }
    mk_error(ctx, MK_EINPUT,
             "empty, but line %zu gives a value; give a value for every bid or for none", w->where);
    return mk_bids_at(b, o->bidder, o->where, MK_BIDS_FIELD_VALUE, MK_EINPUT, ctx);
}

/* With opt.sides, every bidder has a side. */
static int check_sides(const mk_bids_builder *b, mk_ctx *ctx)
{
    if (!b->opt.sides)
        return MK_OK;
    for (size_t i = 0; i < b->n_bidders; i++) {
        if (b->bidders[i].side >= 0)
            continue;
        if (b->json) {
            mk_error(ctx, MK_EINPUT, "missing; every trader needs one (buy or sell)");
        } else {
            char id[MK_BIDS_SHOW_MAX];
            mk_error(ctx, MK_EINPUT,
                     "empty for every row of bidder '%s'; every trader needs "
                     "a side (buy or sell)",
                     mk_bids_show(b->ids[i], strlen(b->ids[i]), id));
        }
        return mk_bids_at(b, i, b->bidders[i].where, MK_BIDS_FIELD_SIDE, MK_EINPUT, ctx);
    }
    return MK_OK;
}

/* ---- the rows ------------------------------------------------------------------------------ */

/* A scale given as an option is used as it is; the file's "scale", or the
 * most decimal places present, is raised to min_scale so that the caller's
 * own amounts (reserve prices, ...) are exact at it too. */
static int pick_scale(const mk_bids_builder *b)
{
    if (b->scale >= 0 && !b->scale_from_file)
        return b->scale;
    int scale = b->scale >= 0 ? b->scale : b->max_places;
    return scale > b->opt.min_scale ? scale : b->opt.min_scale;
}

static int rescale(const mk_bids_builder *b, const mk_bids_entry *e, int value, int scale,
                   int64_t *out, mk_ctx *ctx)
{
    int64_t units = value ? e->value : e->bid;
    int places = value ? e->value_places : e->bid_places;
    if (mk_money_rescale(units, places, scale, out) == 0)
        return MK_OK;
    char text[MK_MONEY_FORMAT_MAX];
    mk_error(ctx, MK_ERANGE, "%s does not fit in 64 bits at the scale %d of this input",
             mk_money_format(units, places, text), scale);
    return mk_bids_at(b, e->bidder, e->where, value ? MK_BIDS_FIELD_VALUE : MK_BIDS_FIELD_BID,
                      MK_ERANGE, ctx);
}

/* A marginal bid (or value) above the one before it; DESIGN.md's auctions
 * assume diminishing marginal values, so a rising one is an input error. */
static int rising(const mk_bids_builder *b, const mk_bids_entry *e, const mk_bids_entry *prev,
                  int value, const int64_t *cell, int scale, mk_ctx *ctx)
{
    char now[MK_MONEY_FORMAT_MAX], before[MK_MONEY_FORMAT_MAX];
    mk_money_format(cell[0], scale, now);
    mk_money_format(cell[-1], scale, before);
    const char *what = value ? "value" : "bid";
    if (b->json)
        mk_error(ctx, MK_EINPUT,
                 "%s is more than item %zu (%s); a bidder's %ss for successive units must not "
                 "increase",
                 now, prev->where + 1, before, what);
    else
        mk_error(ctx, MK_EINPUT,
                 "%s is more than this bidder's %s on line %zu (%s); a bidder's %ss for "
                 "successive units must not increase",
                 now, what, prev->where, before, what);
    return mk_bids_at(b, e->bidder, e->where, value ? MK_BIDS_FIELD_VALUE : MK_BIDS_FIELD_BID,
                      MK_EINPUT, ctx);
}

static void start_row(const mk_bids_bidder *p, int64_t *row, size_t width)
{
    row[MK_BID_SIDE] = p->side < 0 ? MK_SIDE_BUY : p->side;
    row[MK_BID_QUALITY] = p->quality < 0 ? MK_QUALITY_ONE : p->quality;
    for (size_t k = MK_BID_FIRST; k < width; k++)
        row[k] = MK_BID_NONE;
}

/* Bidder i's row of reports, and of types when type_row is not NULL. */
static int lay_out(const mk_bids_builder *b, size_t i, int scale, size_t width, int64_t *row,
                   int64_t *type_row, mk_ctx *ctx)
{
    const mk_bids_bidder *p = &b->bidders[i];
    start_row(p, row, width);
    if (type_row != NULL)
        start_row(p, type_row, width);
    const mk_bids_entry *prev = NULL;
    size_t k = MK_BID_FIRST;
    for (size_t e = p->first; e != MK_BIDS_END; e = b->entries[e].next, k++) {
        const mk_bids_entry *cur = &b->entries[e];
        int rc = rescale(b, cur, 0, scale, &row[k], ctx);
        if (rc == 0 && prev != NULL && row[k] > row[k - 1])
            rc = rising(b, cur, prev, 0, &row[k], scale, ctx);
        if (rc == 0 && type_row != NULL)
            rc = rescale(b, cur, 1, scale, &type_row[k], ctx);
        if (rc == 0 && type_row != NULL && prev != NULL && type_row[k] > type_row[k - 1])
            rc = rising(b, cur, prev, 1, &type_row[k], scale, ctx);
        if (rc != 0)
            return rc;
        prev = cur;
    }
    return MK_OK;
}

int mk_bids_finish(mk_bids_builder *b, mk_dataset *out, mk_ctx *ctx)
{
    if (b->n_bidders == 0)
        return mk_error(ctx, MK_EINPUT, "%s: no bids", b->name);
    int rc = check_counts(b, ctx);
    if (rc == 0)
        rc = check_values(b, ctx);
    if (rc == 0)
        rc = check_sides(b, ctx);
    if (rc != 0)
        return rc;
    int scale = pick_scale(b);
    size_t n = b->n_bidders, most = 0;
    for (size_t i = 0; i < n; i++)
        most = b->bidders[i].count > most ? b->bidders[i].count : most;
    size_t width = MK_BID_FIRST + most;
    int types = b->n_values > 0;

    mk_dataset d = MK_DATASET_INIT;
    rc = mk_profile_resize(&d.reports, n, width, ctx);
    if (rc == 0 && types)
        rc = mk_profile_resize(&d.types, n, width, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = lay_out(b, i, scale, width, mk_profile_row(&d.reports, i),
                     types ? mk_profile_row(&d.types, i) : NULL, ctx);
    if (rc != 0) {
        mk_dataset_free(&d);
        return rc;
    }
    d.labels = b->ids;
    b->ids = NULL;
    d.reports.labels = (const char *const *)d.labels;
    if (types)
        d.types.labels = (const char *const *)d.labels;
    d.scale = scale;
    *out = d;
    return MK_OK;
}

/* ---- the entry points ---------------------------------------------------------------------- */

/* s equals the lowercase ASCII word w, ignoring case. */
static int same_word(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Offset of the first byte after a UTF-8 byte-order mark and white space. */
static size_t skip_blank(const char *data, size_t len)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i;
}

/* The format: named, else the name's extension, else the first byte. */
static int pick_format(const mk_input *in, const char *name, int *json, mk_ctx *ctx)
{
    const char *f = in->format;
    if (f != NULL && f[0] != '\0') {
        if (same_word(f, strlen(f), "csv") || same_word(f, strlen(f), "json")) {
            *json = same_word(f, strlen(f), "json");
            return MK_OK;
        }
        char text[MK_BIDS_SHOW_MAX];
        return mk_error(ctx, MK_EINPUT, "%s: bids cannot be read from format '%s' (csv or json)",
                        name, mk_bids_show(f, strlen(f), text));
    }
    const char *dot = in->name != NULL ? strrchr(in->name, '.') : NULL;
    if (dot != NULL &&
        (same_word(dot, strlen(dot), ".csv") || same_word(dot, strlen(dot), ".json"))) {
        *json = same_word(dot, strlen(dot), ".json");
        return MK_OK;
    }
    size_t i = skip_blank(in->data, in->len);
    *json = i < in->len && (in->data[i] == '{' || in->data[i] == '[');
    return MK_OK;
}

static int check_options(const mk_bids_options *opt, mk_ctx *ctx)
{
    if (opt->version != MK_BIDS_OPTIONS_VERSION)
        return mk_error(ctx, MK_EINTERNAL, "mk_bids_read: options of version %u, expected %u",
                        opt->version, MK_BIDS_OPTIONS_VERSION);
    if (opt->max_bids < 1 || opt->max_bids > MK_BIDS_MAX_UNITS)
        return mk_error(ctx, MK_EINTERNAL, "mk_bids_read: max_bids %zu is not in 1..%d",
                        opt->max_bids, MK_BIDS_MAX_UNITS);
    if (opt->scale > MK_SCALE_MAX || opt->min_scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_ERANGE, "scale %d is more than the %d decimal places supported",
                        opt->scale > MK_SCALE_MAX ? opt->scale : opt->min_scale, MK_SCALE_MAX);
    return MK_OK;
}

int mk_bids_read(const mk_input *in, const mk_bids_options *opt, mk_dataset *out, mk_ctx *ctx)
{
    if (in == NULL || out == NULL || (in->data == NULL && in->len > 0))
        return mk_error(ctx, MK_EINTERNAL, "mk_bids_read: no input or no output");
    mk_bids_options o = MK_BIDS_OPTIONS_INIT;
    if (opt != NULL)
        o = *opt;
    if (o.scale < 0)
        o.scale = -1;
    if (o.min_scale < 0)
        o.min_scale = 0;
    int rc = check_options(&o, ctx);
    if (rc != 0)
        return rc;
    const char *name = in->name != NULL ? in->name : "<input>";
    int json = 0;
    rc = pick_format(in, name, &json, ctx);
    if (rc != 0)
        return rc;
    if (skip_blank(in->data, in->len) == in->len)
        return mk_error(ctx, MK_EINPUT, "%s: no bids (the input is empty)", name);

    mk_bids_builder b;
    mk_bids_builder_init(&b, name, json, &o);
    rc = json ? mk_bids_collect_json(&b, in->data, in->len, ctx)
              : mk_bids_collect_csv(&b, in->data, in->len, ctx);
    mk_dataset d = MK_DATASET_INIT;
    if (rc == 0)
        rc = mk_bids_finish(&b, &d, ctx);
    mk_bids_builder_free(&b);
    if (rc != 0)
        return rc;
    mk_dataset_free(out);
    *out = d;
    return MK_OK;
}

size_t mk_bids_count(const int64_t *row, size_t width)
{
    size_t k = MK_BID_FIRST;
    while (k < width && row[k] != MK_BID_NONE)
        k++;
    return k > MK_BID_FIRST ? k - MK_BID_FIRST : 0;
}
