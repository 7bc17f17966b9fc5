/* The compact JSON form of symmetric games (mechkit/kantian.h). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "mechkit/kantian.h"
#include "number_text.h"

int mk_symgame_json_detect(const char *data, size_t len)
{
    json_t *root = json_loadb(data, len, 0, NULL);
    json_t *type = json_object_get(root, "type");
    int yes = json_is_string(type) && strcmp(json_string_value(type), "symmetric") == 0;
    json_decref(root);
    return yes;
}

/* A count from 1 to max in field key of root. */
static int read_count(const json_t *root, const char *key, size_t max, const char *name,
                      size_t *out, mk_ctx *ctx)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1 || (size_t)json_integer_value(v) > max)
        return mk_error(ctx, MK_EINPUT, "%s: %s: expected a count from 1 to %zu, got %s", name, key,
                        max, v == NULL ? "nothing" : mk_json_type_name(v));
    *out = (size_t)json_integer_value(v);
    return 0;
}

/* "strategies": a list of distinct names, or a count. */
static int read_strategy_count(const json_t *root, const char *name, size_t *out, mk_ctx *ctx)
{
    json_t *v = json_object_get(root, "strategies");
    if (json_is_array(v)) {
        if (json_array_size(v) == 0)
            return mk_error(ctx, MK_EINPUT, "%s: strategies: the list is empty", name);
        *out = json_array_size(v);
        return 0;
    }
    return read_count(root, "strategies", MK_SYMGAME_MAX_CELLS, name, out, ctx);
}

static int read_names(const json_t *root, mk_symgame *g, const char *name, mk_ctx *ctx)
{
    json_t *list = json_object_get(root, "strategies");
    if (!json_is_array(list))
        return 0;
    for (size_t s = 0; s < g->n_strategies; s++) {
        json_t *v = json_array_get(list, s);
        if (!json_is_string(v) || json_string_length(v) == 0)
            return mk_error(ctx, MK_EINPUT, "%s: strategies[%zu]: expected a non-empty name", name,
                            s);
        for (size_t t = 0; t < s; t++)
            if (strcmp(g->strategy_names[t], json_string_value(v)) == 0)
                return mk_error(ctx, MK_EINPUT, "%s: strategies[%zu]: \"%s\" is named twice", name,
                                s, json_string_value(v));
        char *copy = strdup(json_string_value(v));
        if (copy == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        free(g->strategy_names[s]);
        g->strategy_names[s] = copy;
    }
    return 0;
}

static int read_payoff(const json_t *v, mk_rational *out, const char *name, size_t s, size_t c,
                       mk_ctx *ctx)
{
    int rc;
    if (json_is_integer(v))
        rc = mk_rational_make((int64_t)json_integer_value(v), 1, out);
    else if (json_is_string(v))
        rc = mk_number_text_parse(json_string_value(v), out);
    else
        return mk_error(ctx, MK_EINPUT,
                        "%s: payoffs[%zu][%zu]: expected an integer or a string holding a number "
                        "(\"-3\", \"0.25\", \"7/3\"), got %s",
                        name, s, c, mk_json_type_name(v));
    if (rc == MK_ERANGE)
        return mk_error(ctx, MK_ERANGE,
                        "%s: payoffs[%zu][%zu]: \"%s\" does not fit an exact int64 "
                        "fraction",
                        name, s, c, json_string_value(v));
    if (rc == MK_ENOMEM)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    if (rc != 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s: payoffs[%zu][%zu]: \"%s\" is not a number (an integer, a decimal or "
                        "a fraction)",
                        name, s, c, json_string_value(v));
    return 0;
}

static int read_payoffs(const json_t *root, mk_symgame *g, const char *name, mk_ctx *ctx)
{
    json_t *rows = json_object_get(root, "payoffs");
    if (!json_is_array(rows) || json_array_size(rows) != g->n_strategies)
        return mk_error(ctx, MK_EINPUT,
                        "%s: payoffs: expected a list of %zu lists (one per own "
                        "strategy), got %s",
                        name, g->n_strategies,
                        json_is_array(rows) ? "a list of another length"
                        : rows == NULL      ? "nothing"
                                            : mk_json_type_name(rows));
    for (size_t s = 0; s < g->n_strategies; s++) {
        json_t *row = json_array_get(rows, s);
        if (!json_is_array(row) || json_array_size(row) != g->n_counts)
            return mk_error(ctx, MK_EINPUT,
                            "%s: payoffs[%zu]: expected a list of %zu payoffs (one per count "
                            "of the other %zu players' strategies), got %s",
                            name, s, g->n_counts, g->n_players - 1,
                            json_is_array(row) ? "another length" : mk_json_type_name(row));
        for (size_t c = 0; c < g->n_counts; c++) {
            int rc = read_payoff(json_array_get(row, c), &g->payoff[s * g->n_counts + c], name, s,
                                 c, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

static int read_root(const json_t *root, const char *name, mk_symgame **out, mk_ctx *ctx)
{
    json_t *type = json_object_get(root, "type"), *title = json_object_get(root, "title");
    if (!json_is_string(type) || strcmp(json_string_value(type), "symmetric") != 0)
        return mk_error(ctx, MK_EINPUT, "%s: type: expected \"symmetric\"", name);
    if (title != NULL && !json_is_string(title))
        return mk_error(ctx, MK_EINPUT, "%s: title: expected a string", name);
    size_t n, k;
    int rc = read_count(root, "players", MK_SYMGAME_MAX_PLAYERS, name, &n, ctx);
    if (rc == 0)
        rc = read_strategy_count(root, name, &k, ctx);
    mk_symgame *g = NULL;
    if (rc == 0)
        rc = mk_symgame_new(&g, n, k, ctx);
    if (rc == 0)
        rc = read_names(root, g, name, ctx);
    if (rc == 0)
        rc = read_payoffs(root, g, name, ctx);
    if (rc == 0 && title != NULL) {
        char *copy = strdup(json_string_value(title));
        if (copy == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory");
        else {
            free(g->title);
            g->title = copy;
        }
    }
    if (rc != 0) {
        mk_symgame_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int mk_symgame_read_json(const char *data, size_t len, const char *name, mk_symgame **out,
                         mk_ctx *ctx)
{
    json_error_t err;
    if (name == NULL)
        name = "<input>";
    json_t *root = json_loadb(data, len, 0, &err);
    if (root == NULL)
        return mk_error(ctx, MK_EINPUT, "%s:%d:%d: %s", name, err.line, err.column, err.text);
    int rc = json_is_object(root) ? read_root(root, name, out, ctx)
                                  : mk_error(ctx, MK_EINPUT, "%s: expected a JSON object", name);
    json_decref(root);
    return rc;
}
