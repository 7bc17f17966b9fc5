/*
 * Cooperative games with exact values in JSON, parsed with jansson:
 * explicit and glove games (mechkit/tu_game.h), airport games
 * (mechkit/airport.h) and bankruptcy problems (mechkit/bankruptcy.h).
 * Every message starts with the input's name and the path of the value
 * at fault; numbers are JSON integers or exact numbers in strings, never
 * doubles.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/airport.h"
#include "json_read.h"
#include "mechkit/bankruptcy.h"
#include "mechkit/tu_game.h"

/* Every key of obj is one of keys or informational. */
static int check_keys(const char *name, const json_t *obj, const char *const *keys, size_t n_keys,
                      const char *expected, mk_ctx *ctx)
{
    static const char *const info[] = {"name", "notes", "description", "source"};
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        int known = 0;
        for (size_t k = 0; k < n_keys && !known; k++)
            known = strcmp(key, keys[k]) == 0;
        for (size_t k = 0; k < 4 && !known; k++)
            known = strcmp(key, info[k]) == 0;
        if (!known)
            return mk_error(ctx, MK_EINPUT,
                            "%s: unknown key '%s' (expected %s, or name, notes, description, "
                            "source)",
                            name, key, expected);
    }
    return MK_OK;
}

/* An exact number: a JSON integer or a string for mk_exact_parse. */
static int exact(const char *name, const char *where, const json_t *v, mk_rational *out,
                 mk_ctx *ctx)
{
    if (json_is_integer(v)) {
        out->num = (int64_t)json_integer_value(v);
        out->den = 1;
        return MK_OK;
    }
    if (json_is_real(v))
        return mk_error(ctx, MK_EINPUT,
                        "%s: %s: %.17g is a JSON number with a fraction, which would be read "
                        "as a double; write it as a string (\"%.17g\", or a fraction \"7/3\") "
                        "to keep it exact",
                        name, where, json_real_value(v), json_real_value(v));
    if (!json_is_string(v))
        return mk_error(ctx, MK_EINPUT,
                        "%s: %s: expected an integer or an exact number in a string, got %s", name,
                        where, mk_json_type_name(v));
    int rc = mk_exact_parse(json_string_value(v), json_string_length(v), out, ctx);
    if (rc != 0)
        mk_error_prefix(ctx, "%s: %s", name, where);
    return rc;
}

/* A non-empty string without NUL. */
static int name_string(const char *name, const char *where, const json_t *v, const char **out,
                       mk_ctx *ctx)
{
    if (!json_is_string(v))
        return mk_error(ctx, MK_EINPUT, "%s: %s: expected a name (a string), got %s", name, where,
                        mk_json_type_name(v));
    if (json_string_length(v) == 0)
        return mk_error(ctx, MK_EINPUT, "%s: %s: empty name", name, where);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return mk_error(ctx, MK_EINPUT, "%s: %s: the name contains a NUL character", name, where);
    *out = json_string_value(v);
    return MK_OK;
}

/* A non-empty list under key. */
static int list(const char *name, const json_t *root, const char *key, const json_t **out,
                mk_ctx *ctx)
{
    const json_t *v = json_object_get(root, key);
    if (v == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: missing '%s'", name, key);
    if (!json_is_array(v))
        return mk_error(ctx, MK_EINPUT, "%s: %s: expected a list, got %s", name, key,
                        mk_json_type_name(v));
    *out = v;
    return MK_OK;
}

/* Names of a list of strings into names[at..at+size). */
static int string_names(const char *name, const json_t *arr, const char *key, const char **names,
                        mk_ctx *ctx)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        char where[64];
        snprintf(where, sizeof where, "%s[%zu]", key, i + 1);
        int rc = name_string(name, where, json_array_get(arr, i), &names[i], ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

static json_t *load(const char *name, const char *data, size_t len, mk_ctx *ctx)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        mk_error(ctx, MK_EINPUT, "%s: line %d, column %d: %s", name, err.line, err.column,
                 err.text);
    else if (!json_is_object(root)) {
        mk_error(ctx, MK_EINPUT, "%s: expected a game (a JSON object), got %s", name,
                 mk_json_type_name(root));
        json_decref(root);
        root = NULL;
    }
    return root;
}

/* ---- explicit and glove games ---- */

static int explicit_values(const char *name, const json_t *values, size_t n, mk_rational *v,
                           mk_ctx *ctx)
{
    size_t count = (size_t)1 << n;
    if (json_array_size(values) != count)
        return mk_error(ctx, MK_EINPUT,
                        "%s: values: %zu values, expected 2^%zu = %zu (one per coalition, in "
                        "bitmask order)",
                        name, json_array_size(values), n, count);
    for (size_t m = 0; m < count; m++) {
        char where[48];
        snprintf(where, sizeof where, "values[%zu]", m);
        int rc = exact(name, where, json_array_get(values, m), &v[m], ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

static int read_explicit(const char *name, const json_t *root, mk_tu_game **out, mk_ctx *ctx)
{
    static const char *const keys[] = {"type", "players", "values"};
    const json_t *players = NULL, *values = NULL;
    int rc = check_keys(name, root, keys, 3, "type, players, values", ctx);
    if (rc == 0)
        rc = list(name, root, "players", &players, ctx);
    if (rc == 0)
        rc = list(name, root, "values", &values, ctx);
    if (rc != 0)
        return rc;
    size_t n = json_array_size(players);
    if (n == 0 || n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%s: players: %zu players; an explicit game has 1 to %d (2^n values)", name,
                        n, MK_TU_GAME_MAX_PLAYERS);
    const char **names = calloc(n, sizeof *names);
    mk_rational *v = malloc(((size_t)1 << n) * sizeof *v);
    if (names == NULL || v == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu values", n);
    if (rc == 0)
        rc = string_names(name, players, "players", names, ctx);
    if (rc == 0)
        rc = explicit_values(name, values, n, v, ctx);
    if (rc == 0 && (rc = mk_tu_game_new(out, n, names, v, ctx)) != 0)
        mk_error_prefix(ctx, "%s", name);
    free(names);
    free(v);
    return rc;
}

static int read_glove(const char *name, const json_t *root, mk_tu_game **out, mk_ctx *ctx)
{
    static const char *const keys[] = {"type", "left", "right"};
    const json_t *left = NULL, *right = NULL;
    int rc = check_keys(name, root, keys, 3, "type, left, right", ctx);
    if (rc == 0)
        rc = list(name, root, "left", &left, ctx);
    if (rc == 0)
        rc = list(name, root, "right", &right, ctx);
    if (rc != 0)
        return rc;
    size_t nl = json_array_size(left), n = nl + json_array_size(right);
    if (n == 0 || n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%s: %zu players; a glove game is made explicit, with 1 to %d players",
                        name, n, MK_TU_GAME_MAX_PLAYERS);
    const char **names = calloc(n, sizeof *names);
    unsigned char *is_left = calloc(n, 1);
    if (names == NULL || is_left == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for %zu players", n);
    if (rc == 0)
        rc = string_names(name, left, "left", names, ctx);
    if (rc == 0)
        rc = string_names(name, right, "right", names + nl, ctx);
    for (size_t i = 0; rc == 0 && i < nl; i++)
        is_left[i] = 1;
    if (rc == 0 && (rc = mk_tu_game_new_glove(out, n, names, is_left, ctx)) != 0)
        mk_error_prefix(ctx, "%s", name);
    free(names);
    free(is_left);
    return rc;
}

static const char *title_of(const json_t *root)
{
    const json_t *t = json_object_get(root, "name");
    return json_is_string(t) ? json_string_value(t) : NULL;
}

int mk_tu_game_read_json(mk_tu_game **out, const char *name, const char *data, size_t len,
                         mk_ctx *ctx)
{
    json_t *root = load(name, data, len, ctx);
    if (root == NULL)
        return MK_EINPUT;
    const json_t *type = json_object_get(root, "type");
    const char *t = json_is_string(type) ? json_string_value(type) : "";
    mk_tu_game *g = NULL;
    int rc;
    if (strcmp(t, "explicit") == 0)
        rc = read_explicit(name, root, &g, ctx);
    else if (strcmp(t, "glove") == 0)
        rc = read_glove(name, root, &g, ctx);
    else
        rc = mk_error(ctx, MK_EINPUT, "%s: type: expected \"explicit\" or \"glove\"", name);
    if (rc == 0)
        rc = mk_tu_game_set_title(g, title_of(root), ctx);
    json_decref(root);
    if (rc != 0) {
        mk_tu_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

/* ---- airport games and bankruptcy problems: named amounts ---- */

/* list[i] = {"name": ..., amount_key: exact}. */
static int named_amounts(const char *name, const json_t *arr, const char *key,
                         const char *amount_key, const char **names, mk_rational *amounts,
                         mk_ctx *ctx)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *p = json_array_get(arr, i);
        char where[64];
        snprintf(where, sizeof where, "%s[%zu]", key, i + 1);
        if (!json_is_object(p))
            return mk_error(ctx, MK_EINPUT, "%s: %s: expected an object {\"name\", \"%s\"}, got %s",
                            name, where, amount_key, mk_json_type_name(p));
        const char *k;
        const json_t *v;
        json_object_foreach((json_t *)p, k, v)
        {
            if (strcmp(k, "name") != 0 && strcmp(k, amount_key) != 0)
                return mk_error(ctx, MK_EINPUT, "%s: %s: unknown key '%s' (expected name, %s)",
                                name, where, k, amount_key);
        }
        const json_t *nm = json_object_get(p, "name"), *amount = json_object_get(p, amount_key);
        if (nm == NULL || amount == NULL)
            return mk_error(ctx, MK_EINPUT, "%s: %s: missing '%s'", name, where,
                            nm == NULL ? "name" : amount_key);
        char at[200];
        snprintf(at, sizeof at, "%s.name", where);
        int rc = name_string(name, at, nm, &names[i], ctx);
        snprintf(at, sizeof at, "%s ('%.40s').%s", where, names[i] != NULL ? names[i] : "",
                 amount_key);
        if (rc == 0)
            rc = exact(name, at, amount, &amounts[i], ctx);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

/* The list under key with up to max entries, read into new arrays. */
static int read_list(const char *name, const json_t *root, const char *key, const char *amount_key,
                     size_t max, size_t *n, const char ***names, mk_rational **amounts, mk_ctx *ctx)
{
    const json_t *arr = NULL;
    int rc = list(name, root, key, &arr, ctx);
    if (rc != 0)
        return rc;
    *n = json_array_size(arr);
    if (*n == 0 || *n > max)
        return mk_error(ctx, MK_ELIMIT, "%s: %s: %zu entries; expected 1 to %zu", name, key, *n,
                        max);
    *names = calloc(*n, sizeof **names);
    *amounts = malloc(*n * sizeof **amounts);
    if (*names == NULL || *amounts == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu entries", *n);
    return named_amounts(name, arr, key, amount_key, *names, *amounts, ctx);
}

static char *copy(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    if (c != NULL)
        memcpy(c, s, len);
    return c;
}

static int check_type(const char *name, const json_t *root, const char *want, mk_ctx *ctx)
{
    const json_t *type = json_object_get(root, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), want) != 0)
        return mk_error(ctx, MK_EINPUT, "%s: type: expected \"%s\"", name, want);
    return MK_OK;
}

int mk_airport_read_json(mk_airport **out, const char *name, const char *data, size_t len,
                         mk_ctx *ctx)
{
    static const char *const keys[] = {"type", "players"};
    json_t *root = load(name, data, len, ctx);
    if (root == NULL)
        return MK_EINPUT;
    size_t n = 0;
    const char **names = NULL;
    mk_rational *cost = NULL;
    mk_airport *a = NULL;
    int rc = check_type(name, root, "airport", ctx);
    if (rc == 0)
        rc = check_keys(name, root, keys, 2, "type, players", ctx);
    if (rc == 0)
        rc = read_list(name, root, "players", "cost", MK_AIRPORT_MAX_PLAYERS, &n, &names, &cost,
                       ctx);
    if (rc == 0 && (rc = mk_airport_new(&a, n, names, cost, ctx)) != 0)
        mk_error_prefix(ctx, "%s", name);
    const char *title = title_of(root);
    if (rc == 0 && title != NULL && (a->title = copy(title)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a title");
    free(names);
    free(cost);
    json_decref(root);
    if (rc != 0) {
        mk_airport_free(a);
        return rc;
    }
    *out = a;
    return MK_OK;
}

static int read_rule(const char *name, const json_t *root, int *rule, mk_ctx *ctx)
{
    const json_t *r = json_object_get(root, "rule");
    *rule = -1;
    if (r == NULL)
        return MK_OK;
    if (!json_is_string(r) || (*rule = mk_bankruptcy_rule_parse(json_string_value(r))) < 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s: rule: expected \"proportional\", \"cea\", \"cel\" or \"talmud\"",
                        name);
    return MK_OK;
}

int mk_bankruptcy_read_json(mk_bankruptcy **out, const char *name, const char *data, size_t len,
                            mk_ctx *ctx)
{
    static const char *const keys[] = {"type", "estate", "claimants", "rule"};
    json_t *root = load(name, data, len, ctx);
    if (root == NULL)
        return MK_EINPUT;
    size_t n = 0;
    const char **names = NULL;
    mk_rational *claim = NULL, estate = {0, 1};
    mk_bankruptcy *b = NULL;
    int rule = -1, rc = check_type(name, root, "bankruptcy", ctx);
    if (rc == 0)
        rc = check_keys(name, root, keys, 4, "type, estate, claimants, rule", ctx);
    if (rc == 0 && json_object_get(root, "estate") == NULL)
        rc = mk_error(ctx, MK_EINPUT, "%s: missing 'estate'", name);
    if (rc == 0)
        rc = exact(name, "estate", json_object_get(root, "estate"), &estate, ctx);
    if (rc == 0)
        rc = read_rule(name, root, &rule, ctx);
    if (rc == 0)
        rc = read_list(name, root, "claimants", "claim", MK_BANKRUPTCY_MAX_CLAIMANTS, &n, &names,
                       &claim, ctx);
    if (rc == 0 && (rc = mk_bankruptcy_new(&b, n, names, claim, estate, ctx)) != 0)
        mk_error_prefix(ctx, "%s", name);
    const char *title = title_of(root);
    if (rc == 0 && title != NULL && (b->title = copy(title)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a title");
    if (rc == 0)
        b->rule = rule;
    free(names);
    free(claim);
    json_decref(root);
    if (rc != 0) {
        mk_bankruptcy_free(b);
        return rc;
    }
    *out = b;
    return MK_OK;
}
