/* Mechanism parameters: validation against specs and typed getters. */
#include "mechkit/params.h"

#include <stdlib.h>
#include <string.h>

#include "core/money_wide.h"
#include "mechkit/money.h"

static char *copy_string(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

static long find_key(const mk_params *p, const char *key)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->key[i], key) == 0)
            return (long)i;
    return -1;
}

int mk_params_set(mk_params *p, const char *key, const char *value, mk_ctx *ctx)
{
    char *v = copy_string(value, strlen(value));
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for parameter '%s'", key);
    long at = find_key(p, key);
    if (at >= 0) {
        free(p->value[at]);
        p->value[at] = v;
        return MK_OK;
    }
    if (p->n == MK_PARAMS_MAX) {
        free(v);
        return mk_error(ctx, MK_ELIMIT, "more than %d parameters", MK_PARAMS_MAX);
    }
    char *k = copy_string(key, strlen(key));
    if (k == NULL) {
        free(v);
        return mk_error(ctx, MK_ENOMEM, "out of memory for parameter '%s'", key);
    }
    p->key[p->n] = k;
    p->value[p->n] = v;
    p->n++;
    return MK_OK;
}

int mk_params_set_arg(mk_params *p, const char *arg, mk_ctx *ctx)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg)
        return mk_error(ctx, MK_EPARAM, "parameter '%s' is not of the form KEY=VALUE", arg);
    char *key = copy_string(arg, (size_t)(eq - arg));
    if (key == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for parameter '%s'", arg);
    int rc = mk_params_set(p, key, eq + 1, ctx);
    free(key);
    return rc;
}

unsigned mk_edit_distance(const char *a, const char *b)
{
    enum { CAP = 255, LONGEST = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > LONGEST || lb > LONGEST)
        return CAP;
    unsigned row[LONGEST + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diagonal = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned above = row[j];
            unsigned best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb] < CAP ? row[lb] : CAP;
}

static const mk_param_spec *find_spec(const mk_param_spec *specs, const char *name)
{
    for (const mk_param_spec *s = specs; s != NULL && s->name != NULL; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static int unknown_key(const mk_param_spec *specs, const char *key, const char *mechanism,
                       mk_ctx *ctx)
{
    const char *closest = NULL;
    unsigned best = 3; /* suggest only names within two edits */
    for (const mk_param_spec *s = specs; s != NULL && s->name != NULL; s++) {
        unsigned d = mk_edit_distance(key, s->name);
        if (d < best) {
            best = d;
            closest = s->name;
        }
    }
    if (closest != NULL)
        return mk_error(ctx, MK_EPARAM, "unknown parameter '%s' for %s; did you mean '%s'?", key,
                        mechanism, closest);
    return mk_error(ctx, MK_EPARAM, "unknown parameter '%s' for %s (see 'mechkit describe %s')",
                    key, mechanism, mechanism);
}

/* Index of value among the '|'-separated words of choices, or -1. */
static int choice_index(const char *choices, const char *value)
{
    size_t len = strlen(value);
    int index = 0;
    for (const char *word = choices; word != NULL; index++) {
        const char *bar = strchr(word, '|');
        size_t wlen = bar != NULL ? (size_t)(bar - word) : strlen(word);
        if (wlen == len && strncmp(word, value, len) == 0)
            return index;
        word = bar != NULL ? bar + 1 : NULL;
    }
    return -1;
}

static int parse_int(const char *s, int64_t *out)
{
    int64_t v;
    mk_ctx quiet = MK_CTX_INIT;
    if (mk_decimal_places(s, strlen(s)) != 0 || mk_money_parse(s, strlen(s), 0, &v, &quiet))
        return -1;
    *out = v;
    return 0;
}

static int check_form(const mk_param_spec *spec, const char *value, mk_ctx *ctx)
{
    int64_t ignored;
    switch (spec->kind) {
    case MK_PARAM_INT:
        if (parse_int(value, &ignored) != 0)
            return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is not an integer", spec->name,
                            value);
        return MK_OK;
    case MK_PARAM_DECIMAL:
        if (mk_decimal_places(value, strlen(value)) < 0)
            return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is not a decimal number",
                            spec->name, value);
        return MK_OK;
    case MK_PARAM_CHOICE:
        if (choice_index(spec->choices, value) < 0)
            return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is not one of %s", spec->name,
                            value, spec->choices);
        return MK_OK;
    default: return MK_OK;
    }
}

int mk_params_bind(mk_params *p, const mk_param_spec *specs, const char *mechanism, mk_ctx *ctx)
{
    for (size_t i = 0; i < p->n; i++) {
        const mk_param_spec *spec = find_spec(specs, p->key[i]);
        if (spec == NULL)
            return unknown_key(specs, p->key[i], mechanism, ctx);
        int rc = check_form(spec, p->value[i], ctx);
        if (rc != 0)
            return rc;
    }
    p->spec = specs;
    return MK_OK;
}

const mk_param_spec *mk_params_spec(const mk_params *p, const char *name)
{
    return find_spec(p->spec, name);
}

const char *mk_params_get(const mk_params *p, const char *name)
{
    long at = find_key(p, name);
    if (at >= 0)
        return p->value[at];
    const mk_param_spec *spec = find_spec(p->spec, name);
    return spec != NULL ? spec->default_value : NULL;
}

int mk_params_given(const mk_params *p, const char *name)
{
    return find_key(p, name) >= 0;
}

/* The value of name, or an error when it is neither given nor defaulted. */
static int require(const mk_params *p, const char *name, const char **out, mk_ctx *ctx)
{
    if (find_spec(p->spec, name) == NULL)
        return mk_error(ctx, MK_EINTERNAL, "parameter '%s' is not declared", name);
    *out = mk_params_get(p, name);
    if (*out == NULL)
        return mk_error(ctx, MK_EPARAM, "parameter '%s' is required (-p %s=...)", name, name);
    return MK_OK;
}

int mk_params_get_int(const mk_params *p, const char *name, int64_t min, int64_t max, int64_t *out,
                      mk_ctx *ctx)
{
    const char *value;
    int rc = require(p, name, &value, ctx);
    if (rc != 0)
        return rc;
    int64_t v;
    if (parse_int(value, &v) != 0 || v < min || v > max)
        return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is not an integer from %lld to %lld",
                        name, value, (long long)min, (long long)max);
    *out = v;
    return MK_OK;
}

int mk_params_get_money(const mk_params *p, const char *name, int scale, int64_t *out, mk_ctx *ctx)
{
    const char *value;
    int rc = require(p, name, &value, ctx);
    if (rc != 0)
        return rc;
    int64_t v;
    if (mk_money_parse(value, strlen(value), scale, &v, ctx) != 0) {
        mk_error_prefix(ctx, "parameter '%s'", name);
        return ctx != NULL ? (ctx->code = MK_EPARAM) : MK_EPARAM;
    }
    if (v < 0)
        return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is negative", name, value);
    *out = v;
    return MK_OK;
}

int mk_params_get_money_wide(const mk_params *p, const char *name, int scale, mk_u128 *out,
                             mk_ctx *ctx)
{
    const char *value;
    int rc = require(p, name, &value, ctx);
    if (rc != 0)
        return rc;
    if (mk_money_parse_wide(value, strlen(value), scale, out, ctx) != 0) {
        mk_error_prefix(ctx, "parameter '%s'", name);
        return ctx != NULL ? (ctx->code = MK_EPARAM) : MK_EPARAM;
    }
    return MK_OK;
}

int mk_params_get_choice(const mk_params *p, const char *name, int *out, mk_ctx *ctx)
{
    const char *value;
    int rc = require(p, name, &value, ctx);
    if (rc != 0)
        return rc;
    const mk_param_spec *spec = find_spec(p->spec, name);
    int index = choice_index(spec->choices, value);
    if (index < 0)
        return mk_error(ctx, MK_EPARAM, "parameter '%s': '%s' is not one of %s", name, value,
                        spec->choices);
    *out = index;
    return MK_OK;
}

int mk_params_get_list(const mk_params *p, const char *name, int min_scale, int64_t *out,
                       size_t max, size_t *count, int *scale, mk_ctx *ctx)
{
    const char *value;
    int rc = require(p, name, &value, ctx);
    if (rc != 0)
        return rc;
    /* First pass: count items and find the most decimal places. */
    int places = min_scale;
    size_t items = 0;
    for (const char *item = value;; items++) {
        const char *comma = strchr(item, ',');
        size_t len = comma != NULL ? (size_t)(comma - item) : strlen(item);
        int d = mk_decimal_places(item, len);
        if (d < 0 || (len > 0 && item[0] == '-'))
            return mk_error(ctx, MK_EPARAM,
                            "parameter '%s': item %zu '%.*s' is not a non-negative decimal", name,
                            items + 1, (int)len, item);
        if (d > places)
            places = d;
        if (comma == NULL)
            break;
        item = comma + 1;
    }
    items++;
    if (items > max)
        return mk_error(ctx, MK_EPARAM, "parameter '%s' has %zu items; at most %zu allowed", name,
                        items, max);
    if (places > MK_SCALE_MAX)
        return mk_error(ctx, MK_EPARAM, "parameter '%s' has more than %d decimal places", name,
                        MK_SCALE_MAX);
    size_t i = 0;
    for (const char *item = value; i < items; i++) {
        const char *comma = strchr(item, ',');
        size_t len = comma != NULL ? (size_t)(comma - item) : strlen(item);
        if (mk_money_parse(item, len, places, &out[i], ctx) != 0) {
            mk_error_prefix(ctx, "parameter '%s', item %zu", name, i + 1);
            return ctx != NULL ? (ctx->code = MK_EPARAM) : MK_EPARAM;
        }
        item = comma != NULL ? comma + 1 : item + len;
    }
    *count = items;
    *scale = places;
    return MK_OK;
}

int mk_params_money_places(const mk_params *p)
{
    int places = 0;
    for (size_t i = 0; i < p->n; i++) {
        const mk_param_spec *spec = find_spec(p->spec, p->key[i]);
        if (spec == NULL || spec->kind != MK_PARAM_MONEY)
            continue;
        int d = mk_decimal_places(p->value[i], strlen(p->value[i]));
        if (d > places)
            places = d;
    }
    return places;
}

void mk_params_free(mk_params *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->key[i]);
        free(p->value[i]);
    }
    *p = (mk_params)MK_PARAMS_INIT;
}
