/* Contributions in JSON (see mechkit/funding.h):
 * {"scale": 2, "contributions": [{"contributor": "a", "project": "p",
 *   "amount": "1.50", "weight": "1", "timestamp": ...}]}. */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "contributions_internal.h"
#include "mechkit/money.h"

/* A string or integer field of record i as text (integers are printed into
 * buf). Absent: *s = NULL. */
static int text_of(const mk_contrib_builder *b, const json_t *item, const char *key, size_t i,
                   char *buf, size_t cap, const char **s, size_t *len, mk_ctx *ctx)
{
    const json_t *v = json_object_get(item, key);
    *s = NULL;
    *len = 0;
    if (v == NULL)
        return MK_OK;
    if (json_is_string(v)) {
        *s = json_string_value(v);
        *len = json_string_length(v);
        return MK_OK;
    }
    if (json_is_integer(v)) {
        int w = snprintf(buf, cap, "%" PRId64, (int64_t)json_integer_value(v));
        *s = buf;
        *len = (size_t)w;
        return MK_OK;
    }
    return mk_error(ctx, MK_EINPUT, "%s: record %zu: field '%s': expected a string%s", b->name, i,
                    key,
                    json_is_real(v) ? " (JSON reals are not exact: write amounts as \"1.50\")"
                                    : " or an integer");
}

static int check_keys(const mk_contrib_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    static const char *const known[] = {"contributor", "project",   "amount",
                                        "weight",      "timestamp", "groups"};
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)item, key, v)
    {
        (void)v;
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] && strcmp(key, known[k]) != 0)
            k++;
        if (k == sizeof known / sizeof known[0])
            return mk_error(ctx, MK_EINPUT,
                            "%s: record %zu: unknown field '%s' (contributor, project, amount, "
                            "weight, timestamp, groups)",
                            b->name, i, key);
    }
    return MK_OK;
}

static int read_record(mk_contrib_builder *b, const json_t *item, size_t i, mk_ctx *ctx)
{
    if (!json_is_object(item))
        return mk_error(ctx, MK_EINPUT,
                        "%s: record %zu: expected an object like {\"contributor\": \"a\", "
                        "\"project\": \"p\", \"amount\": \"1.50\"}",
                        b->name, i);
    /* integers are printed here; f points into them until the row is added */
    char bufs[5][32];
    mk_contrib_fields f = {NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0};
    int rc = check_keys(b, item, i, ctx);
    if (rc == 0)
        rc = text_of(b, item, "contributor", i, bufs[0], sizeof bufs[0], &f.who, &f.who_len, ctx);
    if (rc == 0)
        rc = text_of(b, item, "project", i, bufs[1], sizeof bufs[1], &f.project, &f.project_len,
                     ctx);
    if (rc == 0)
        rc = text_of(b, item, "amount", i, bufs[2], sizeof bufs[2], &f.amount, &f.amount_len, ctx);
    if (rc == 0)
        rc = text_of(b, item, "weight", i, bufs[3], sizeof bufs[3], &f.weight, &f.weight_len, ctx);
    if (rc == 0)
        rc = text_of(b, item, "groups", i, bufs[4], sizeof bufs[4], &f.groups, &f.groups_len, ctx);
    if (rc == 0 && (f.who == NULL || f.project == NULL || f.amount == NULL))
        rc = mk_error(ctx, MK_EINPUT, "%s: record %zu: field '%s' is missing", b->name, i,
                      f.who == NULL       ? "contributor"
                      : f.project == NULL ? "project"
                                          : "amount");
    if (rc == 0)
        rc = mk_contrib_builder_add(b, &f, i, ctx);
    return rc;
}

static int read_scale(mk_contrib_builder *b, const json_t *scale, mk_ctx *ctx)
{
    if (scale == NULL)
        return MK_OK;
    if (!json_is_integer(scale) || json_integer_value(scale) < 0 ||
        json_integer_value(scale) > MK_SCALE_MAX)
        return mk_error(ctx, MK_EINPUT, "%s: field 'scale': expected an integer from 0 to %d",
                        b->name, MK_SCALE_MAX);
    if (b->opt.scale < 0) /* -p scale=N overrides the file */
        b->opt.scale = (int)json_integer_value(scale);
    return MK_OK;
}

int mk_contrib_collect_json(mk_contrib_builder *b, const char *data, size_t len, mk_ctx *ctx)
{
    json_error_t err;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (doc == NULL)
        return mk_error(ctx, MK_EINPUT, "%s:%d:%d: %s", b->name, err.line, err.column, err.text);
    int rc = MK_OK;
    const json_t *list = json_object_get(doc, "contributions");
    if (!json_is_object(doc) || !json_is_array(list))
        rc = mk_error(ctx, MK_EINPUT,
                      "%s: expected an object with a list \"contributions\" (see 'mechkit "
                      "describe funding.qf')",
                      b->name);
    if (rc == 0)
        rc = read_scale(b, json_object_get(doc, "scale"), ctx);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++)
        rc = mk_contrib_builder_settle(b, read_record(b, json_array_get(list, i), i + 1, ctx), ctx);
    json_decref(doc);
    return rc;
}
