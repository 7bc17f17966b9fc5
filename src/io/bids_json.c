/*
 * Bid files in JSON (see mechkit/bids.h), parsed with jansson:
 * {"scale": N, "bidders": [{"id": ..., "bid"|"bids": ..., "value"|"values":
 * ..., "side": ..., "quality": ...}]}, or the list of bidders alone.
 * Collects into the builder of bids_internal.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "bids_internal.h"
#include "json_read.h"
#include "mechkit/money.h"

static const char *const bidder_keys[] = {"id",     "bid",  "bids",   "value",
                                          "values", "side", "quality"};
#define N_BIDDER_KEYS (sizeof bidder_keys / sizeof bidder_keys[0])

static int same_ignoring_case(const char *s, const char *w)
{
    for (; *s != '\0' && *w != '\0'; s++, w++)
        if ((*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s) != *w)
            return 0;
    return *s == *w;
}

/* An amount: a decimal string, or an integer of whole units. A JSON real
 * is refused: 0.1 has no exact binary value, so a parser may already have
 * changed it before mechkit sees it. */
static int amount(mk_bids_builder *b, const json_t *v, int64_t *units, int *places, mk_ctx *ctx)
{
    if (json_is_string(v))
        return mk_bids_amount(b, json_string_value(v), json_string_length(v), units, places, ctx);
    if (json_is_integer(v))
        return mk_bids_amount_int(json_integer_value(v), units, places, ctx);
    if (json_is_real(v))
        return mk_error(ctx, MK_EINPUT,
                        "%.15g is a JSON number with a fraction; use a string "
                        "like \"%.15g\" so the amount stays exact",
                        json_real_value(v), json_real_value(v));
    return mk_error(ctx, MK_EINPUT, "expected an amount as a string like \"12.50\", got %s",
                    mk_json_type_name(v));
}

static int quality(const json_t *v, int64_t *q, mk_ctx *ctx)
{
    if (json_is_string(v))
        return mk_bids_quality(json_string_value(v), json_string_length(v), q, ctx);
    if (json_is_integer(v))
        return mk_bids_quality_int(json_integer_value(v), q, ctx);
    if (json_is_real(v))
        return mk_error(ctx, MK_EINPUT,
                        "%.15g is a JSON number with a fraction; use a string "
                        "like \"%.15g\" so the score stays exact",
                        json_real_value(v), json_real_value(v));
    return mk_error(ctx, MK_EINPUT, "expected a quality score as a string like \"0.8\", got %s",
                    mk_json_type_name(v));
}

/* The id of the i-th bidder (0-based): a new, non-empty string. */
static int read_id(mk_bids_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    const json_t *id = json_object_get(item, "id");
    if (id == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: bidder %zu: missing field 'id'", b->name, i + 1);
    if (json_is_integer(id))
        return mk_error(ctx, MK_EINPUT,
                        "%s: bidder %zu: field 'id': expected a string, got "
                        "an integer (write \"%lld\")",
                        b->name, i + 1, json_integer_value(id));
    if (!json_is_string(id))
        return mk_error(ctx, MK_EINPUT, "%s: bidder %zu: field 'id': expected a string, got %s",
                        b->name, i + 1, mk_json_type_name(id));
    size_t len = json_string_length(id), who;
    const char *s = json_string_value(id);
    if (len == 0)
        return mk_error(ctx, MK_EINPUT, "%s: bidder %zu: field 'id': empty", b->name, i + 1);
    if (strlen(s) != len)
        return mk_error(ctx, MK_EINPUT, "%s: bidder %zu: field 'id': contains a NUL character",
                        b->name, i + 1);
    if (mk_strmap_find(&b->ids_map, s, len, &who)) {
        char text[MK_BIDS_SHOW_MAX];
        return mk_error(ctx, MK_EINPUT,
                        "%s: bidder %zu ('%s'): field 'id': '%s' is already "
                        "bidder %zu",
                        b->name, i + 1, mk_bids_show(s, len, text), text, who + 1);
    }
    int added;
    return mk_bids_bidder_get(b, s, len, i, &who, &added, ctx);
}

/* Every key of bidder i is known, and wanted by the options. */
static int check_keys(const mk_bids_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)item, key, v)
    {
        size_t k = 0;
        while (k < N_BIDDER_KEYS && strcmp(key, bidder_keys[k]) != 0)
            k++;
        char text[MK_BIDS_SHOW_MAX];
        mk_bids_show(key, strlen(key), text);
        if (k == N_BIDDER_KEYS) {
            size_t near = 0;
            while (near < N_BIDDER_KEYS && !same_ignoring_case(key, bidder_keys[near]))
                near++;
            if (near < N_BIDDER_KEYS)
                mk_error(ctx, MK_EINPUT,
                         "unknown field '%s' (field names are lowercase: did "
                         "you mean '%s'?)",
                         text, bidder_keys[near]);
            else
                mk_error(ctx, MK_EINPUT,
                         "unknown field '%s' (expected id, bid, bids, value, "
                         "values, side, quality)",
                         text);
            return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_NONE, MK_EINPUT, ctx);
        }
        if (strcmp(key, "side") == 0 && !b->opt.sides) {
            mk_error(ctx, MK_EINPUT,
                     "not read here (buy and sell sides are for double "
                     "auctions)");
            return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_SIDE, MK_EINPUT, ctx);
        }
        if (strcmp(key, "quality") == 0 && !b->opt.quality) {
            mk_error(ctx, MK_EINPUT,
                     "not read here (quality scores are for position "
                     "auctions)");
            return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_QUALITY, MK_EINPUT, ctx);
        }
    }
    return MK_OK;
}

/* "bid" and "value" (one unit), or "bids" and "values" (lists, one item
 * per unit, in order). */
static int read_amounts(mk_bids_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    const json_t *one = json_object_get(item, "bid"), *list = json_object_get(item, "bids");
    const json_t *value = json_object_get(item, "value");
    const json_t *values = json_object_get(item, "values");
    int many = list != NULL;
    b->bidders[i].many = many;
    const char *problem = NULL;
    if (one != NULL && list != NULL)
        problem = "has both 'bid' and 'bids'; give one bid or a list";
    else if (one == NULL && list == NULL)
        problem = "missing field 'bid' (or 'bids', a list of bids for successive units)";
    else if (many && value != NULL)
        problem = "field 'value': with a list of 'bids', give a list of 'values'";
    else if (!many && values != NULL)
        problem = "field 'values': a list of values goes with a list of 'bids'; use 'value'";
    if (problem != NULL) {
        mk_error(ctx, MK_EINPUT, "%s", problem);
        return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_NONE, MK_EINPUT, ctx);
    }
    if (many && (!json_is_array(list) || json_array_size(list) == 0)) {
        mk_error(ctx, MK_EINPUT, "expected a non-empty list of amounts, got %s",
                 json_is_array(list) ? "an empty list" : mk_json_type_name(list));
        return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_BID, MK_EINPUT, ctx);
    }
    size_t n = many ? json_array_size(list) : 1;
    if (many && values != NULL && (!json_is_array(values) || json_array_size(values) != n)) {
        if (json_is_array(values))
            mk_error(ctx, MK_EINPUT, "%zu values for %zu bids (give one value per bid)",
                     json_array_size(values), n);
        else
            mk_error(ctx, MK_EINPUT, "expected a list of amounts, got %s",
                     mk_json_type_name(values));
        return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_VALUE, MK_EINPUT, ctx);
    }
    for (size_t k = 0; k < n; k++) {
        const json_t *bv = many ? json_array_get(list, k) : one;
        const json_t *vv = !many ? value : values != NULL ? json_array_get(values, k) : NULL;
        int64_t bid, val = 0;
        int bid_places, val_places = -1;
        int rc = amount(b, bv, &bid, &bid_places, ctx);
        if (rc != 0)
            return mk_bids_at(b, i, many ? k : MK_BIDS_END, MK_BIDS_FIELD_BID, rc, ctx);
        if (vv != NULL && (rc = amount(b, vv, &val, &val_places, ctx)) != 0)
            return mk_bids_at(b, i, many ? k : MK_BIDS_END, MK_BIDS_FIELD_VALUE, rc, ctx);
        rc = mk_bids_entry_add(b, i, bid, bid_places, val, val_places, k, ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

static int read_traits(mk_bids_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    mk_bids_bidder *p = &b->bidders[i];
    const json_t *side = json_object_get(item, "side");
    const json_t *q = json_object_get(item, "quality");
    int rc = MK_OK;
    if (side != NULL && !json_is_string(side))
        rc = mk_error(ctx, MK_EINPUT, "expected \"buy\" or \"sell\", got %s",
                      mk_json_type_name(side));
    else if (side != NULL)
        rc = mk_bids_side(json_string_value(side), json_string_length(side), &p->side, ctx);
    if (rc != 0)
        return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_SIDE, rc, ctx);
    if (q != NULL && (rc = quality(q, &p->quality, ctx)) != 0)
        return mk_bids_at(b, i, MK_BIDS_END, MK_BIDS_FIELD_QUALITY, rc, ctx);
    return MK_OK;
}

static int read_bidder(mk_bids_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    if (!json_is_object(item))
        return mk_error(ctx, MK_EINPUT,
                        "%s: bidder %zu: expected an object like {\"id\": "
                        "\"a\", \"bid\": \"12.50\"}, got %s",
                        b->name, i + 1, mk_json_type_name(item));
    int rc = read_id(b, item, i, ctx);
    if (rc == 0)
        rc = check_keys(b, item, i, ctx);
    if (rc == 0)
        rc = read_amounts(b, item, i, ctx);
    if (rc == 0)
        rc = read_traits(b, item, i, ctx);
    return rc;
}

/* The file's "scale": used unless the options fix one (a -p scale=N given
 * on the command line overrides the file). */
static int read_scale(mk_bids_builder *b, const json_t *scale, mk_ctx *ctx)
{
    if (scale == NULL)
        return MK_OK;
    if (!json_is_integer(scale))
        return mk_error(ctx, MK_EINPUT,
                        "%s: field 'scale': expected an integer number of "
                        "decimal places like 2, got %s",
                        b->name, mk_json_type_name(scale));
    json_int_t n = json_integer_value(scale);
    if (n < 0)
        return mk_error(ctx, MK_EINPUT, "%s: field 'scale': %lld is negative", b->name,
                        (long long)n);
    if (n > MK_SCALE_MAX)
        return mk_error(ctx, MK_ERANGE,
                        "%s: field 'scale': %lld is more than the %d decimal "
                        "places supported",
                        b->name, (long long)n, MK_SCALE_MAX);
    if (b->scale < 0) {
        b->scale = (int)n;
        b->scale_from_file = 1;
    }
    return MK_OK;
}

/* The top level: {"scale": N, "bidders": [...]} or [...]. */
static int read_root(mk_bids_builder *b, const json_t *root, mk_ctx *ctx)
{
    const json_t *bidders = root;
    if (json_is_object(root)) {
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)root, key, v)
        {
            if (strcmp(key, "scale") != 0 && strcmp(key, "bidders") != 0) {
                char text[MK_BIDS_SHOW_MAX];
                return mk_error(ctx, MK_EINPUT,
                                "%s: unknown field '%s' at the top level "
                                "(expected scale and bidders)",
                                b->name, mk_bids_show(key, strlen(key), text));
            }
        }
        int rc = read_scale(b, json_object_get(root, "scale"), ctx);
        if (rc != 0)
            return rc;
        bidders = json_object_get(root, "bidders");
        if (bidders == NULL)
            return mk_error(ctx, MK_EINPUT, "%s: missing field 'bidders' (a list of bidders)",
                            b->name);
        if (!json_is_array(bidders))
            return mk_error(ctx, MK_EINPUT, "%s: field 'bidders': expected a list, got %s", b->name,
                            mk_json_type_name(bidders));
    } else if (!json_is_array(root)) {
        return mk_error(ctx, MK_EINPUT,
                        "%s: expected {\"bidders\": [...]} or a list of "
                        "bidders, got %s",
                        b->name, mk_json_type_name(root));
    }
    for (size_t i = 0; i < json_array_size(bidders); i++) {
        int rc = read_bidder(b, json_array_get(bidders, i), i, ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

int mk_bids_collect_json(mk_bids_builder *b, const char *data, size_t len, mk_ctx *ctx)
{
    /* jansson does not skip a byte-order mark; columns are counted after it
     * as mk_csv does. */
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_error_t err;
    /* Duplicate keys are rejected rather than silently keeping the last
     * one; trailing text after the value is rejected (no
     * JSON_DISABLE_EOF_CHECK); a top level that is not an object or a list
     * is decoded (JSON_DECODE_ANY) so that read_root() can say what it
     * expected. */
    json_t *root =
        json_loadb(data + skip, len - skip, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (root == NULL) {
        int code = json_error_code(&err) == json_error_numeric_overflow ? MK_ERANGE : MK_EINPUT;
        return mk_error(ctx, code, "%s:%d:%d: %s", b->name, err.line, err.column, err.text);
    }
    int rc = read_root(b, root, ctx);
    json_decref(root);
    return rc;
}
