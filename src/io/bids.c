/*
 * Bid files (see mechkit/bids.h): the public entry point, which picks the
 * format and runs one of the readers (bids_csv.c, bids_json.c) and then
 * the second pass (bids_finish.c).
 */
#include "bids_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

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
