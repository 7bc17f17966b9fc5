/*
 * The second pass of reading a bid file (bids_internal.h): the checks that
 * need the whole input, the choice of the scale, and the rows of the
 * reports and types profiles.
 */
#include "bids_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

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
