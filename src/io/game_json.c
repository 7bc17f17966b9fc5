/*
 * Normal-form games in JSON (mechkit/game_json.h), parsed with jansson.
 * Every message starts with the input's name and the path of the value at
 * fault; sizes are checked before anything is allocated.
 */
#include "mechkit/game_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "mechkit/tu_game.h" /* mk_exact_parse */

typedef struct reader {
    const char *name;
    mk_ctx *ctx;
} reader;

/* Every key of the game object is known or informational. */
static int check_keys(const reader *r, json_t *root)
{
    static const char *const keys[] = {"title", "comment", "players",     "strategies", "payoffs",
                                       "name",  "notes",   "description", "source"};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        size_t k = 0;
        while (k < sizeof keys / sizeof *keys && strcmp(key, keys[k]) != 0)
            k++;
        if (k == sizeof keys / sizeof *keys)
            return mk_error(r->ctx, MK_EINPUT,
                            "%s: unknown key '%s' (expected title, comment, players, strategies, "
                            "payoffs, or name, notes, description, source)",
                            r->name, key);
    }
    return MK_OK;
}

/* A string under key, or "" when absent. */
static int optional_text(const reader *r, json_t *root, const char *key, const char **out)
{
    json_t *v = json_object_get(root, key);
    *out = "";
    if (v == NULL)
        return MK_OK;
    if (!json_is_string(v))
        return mk_error(r->ctx, MK_EINPUT, "%s: %s: expected a string, got %s", r->name, key,
                        mk_json_type_name(v));
    if (strlen(json_string_value(v)) != json_string_length(v))
        return mk_error(r->ctx, MK_EINPUT, "%s: %s: contains a NUL character", r->name, key);
    *out = json_string_value(v);
    return MK_OK;
}

/* ---- strategies ----------------------------------------------------------------------------- */

/* A list of names, distinct unless empty (an empty name is shown by the
 * strategy's number, as in .nfg files): strategies[i]. */
static int check_names(const reader *r, json_t *list, size_t i)
{
    size_t m = json_array_size(list);
    if (m == 0)
        return mk_error(r->ctx, MK_EINPUT, "%s: strategies[%zu]: player %zu has no strategies",
                        r->name, i + 1, i + 1);
    for (size_t s = 0; s < m; s++) {
        json_t *v = json_array_get(list, s);
        if (!json_is_string(v))
            return mk_error(r->ctx, MK_EINPUT,
                            "%s: strategies[%zu][%zu]: expected a strategy name (a string), got %s",
                            r->name, i + 1, s + 1, mk_json_type_name(v));
        const char *text = json_string_value(v);
        if (strlen(text) != json_string_length(v))
            return mk_error(r->ctx, MK_EINPUT, "%s: strategies[%zu][%zu]: the name contains NUL",
                            r->name, i + 1, s + 1);
        for (size_t t = 0; text[0] != '\0' && t < s; t++)
            if (strcmp(text, json_string_value(json_array_get(list, t))) == 0)
                return mk_error(r->ctx, MK_EINPUT,
                                "%s: strategies[%zu][%zu]: '%s' is also strategy %zu of player %zu",
                                r->name, i + 1, s + 1, text, t + 1, i + 1);
    }
    return MK_OK;
}

/* One player's entry of "strategies": a count or a list of names. */
static int read_count(const reader *r, json_t *v, size_t i, int named, size_t *count)
{
    if (named && !json_is_array(v))
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: strategies[%zu]: expected a list of names like the first player's, "
                        "got %s",
                        r->name, i + 1, mk_json_type_name(v));
    if (named) {
        *count = json_array_size(v);
        return check_names(r, v, i);
    }
    if (!json_is_integer(v))
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: strategies[%zu]: expected a strategy count like the first player's, "
                        "got %s",
                        r->name, i + 1, mk_json_type_name(v));
    json_int_t c = json_integer_value(v);
    if (c < 1)
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: strategies[%zu]: player %zu has %lld strategies; at least 1 is needed",
                        r->name, i + 1, i + 1, (long long)c);
    if ((unsigned long long)c > SIZE_MAX)
        return mk_error(r->ctx, MK_ELIMIT, "%s: strategies[%zu]: %lld strategies are too many",
                        r->name, i + 1, (long long)c);
    *count = (size_t)c;
    return MK_OK;
}

/* The strategy counts (a new array of n) and whether they are named;
 * checks that their product times n fits MK_GAME_MAX_CELLS. */
static int read_shape(const reader *r, json_t *root, size_t **counts, size_t *n, int *named)
{
    json_t *list = json_object_get(root, "strategies");
    if (list == NULL)
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: missing 'strategies' (a count or a list of names per player)",
                        r->name);
    if (!json_is_array(list))
        return mk_error(r->ctx, MK_EINPUT, "%s: strategies: expected a list, got %s", r->name,
                        mk_json_type_name(list));
    *n = json_array_size(list);
    if (*n == 0)
        return mk_error(r->ctx, MK_EINPUT, "%s: strategies: the game has no players", r->name);
    *named = json_is_array(json_array_get(list, 0));
    *counts = malloc(*n * sizeof **counts);
    if (*counts == NULL)
        return mk_error(r->ctx, MK_ENOMEM, "out of memory for %zu players", *n);
    size_t cells = *n;
    for (size_t i = 0; i < *n; i++) {
        int rc = read_count(r, json_array_get(list, i), i, *named, &(*counts)[i]);
        if (rc != 0)
            return rc;
        if (__builtin_mul_overflow(cells, (*counts)[i], &cells))
            return mk_error(r->ctx, MK_EINPUT,
                            "%s: strategies[%zu]: the strategy counts multiply to more profiles "
                            "than can be counted",
                            r->name, i + 1);
    }
    if (cells > MK_GAME_MAX_CELLS)
        return mk_error(r->ctx, MK_ELIMIT,
                        "%s: strategies: the game has %zu payoffs, more than %zu", r->name, cells,
                        (size_t)MK_GAME_MAX_CELLS);
    return MK_OK;
}

/* ---- names ---------------------------------------------------------------------------------- */

static int set_names(const reader *r, json_t *root, mk_game *g, int named)
{
    const char *title, *comment;
    int rc = optional_text(r, root, "title", &title);
    if (rc == 0)
        rc = optional_text(r, root, "comment", &comment);
    if (rc == 0)
        rc = mk_game_set_title(g, title, r->ctx);
    if (rc == 0)
        rc = mk_game_set_comment(g, comment, r->ctx);
    json_t *players = json_object_get(root, "players");
    if (rc == 0 && players != NULL && !json_is_array(players))
        return mk_error(r->ctx, MK_EINPUT, "%s: players: expected a list of names, got %s", r->name,
                        mk_json_type_name(players));
    if (rc == 0 && players != NULL && json_array_size(players) != g->n_players)
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: players: %zu names for %zu players (one per entry of strategies)",
                        r->name, json_array_size(players), g->n_players);
    for (size_t i = 0; rc == 0 && players != NULL && i < g->n_players; i++) {
        json_t *v = json_array_get(players, i);
        if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
            return mk_error(r->ctx, MK_EINPUT,
                            "%s: players[%zu]: expected a name (a string without NUL), got %s",
                            r->name, i + 1, mk_json_type_name(v));
        rc = mk_game_set_player_name(g, i, json_string_value(v), r->ctx);
    }
    json_t *lists = json_object_get(root, "strategies");
    for (size_t i = 0; rc == 0 && named && i < g->n_players; i++)
        for (size_t s = 0; rc == 0 && s < g->n_strategies[i]; s++)
            rc = mk_game_set_strategy_name(
                g, i, s, json_string_value(json_array_get(json_array_get(lists, i), s)), r->ctx);
    return rc;
}

/* ---- payoffs -------------------------------------------------------------------------------- */

/* The path of a value, for messages: "payoffs[2][1][3]". */
typedef struct path {
    char text[256];
    size_t len;
} path;

static void path_push(path *p, size_t index, size_t *saved)
{
    *saved = p->len;
    int n = snprintf(p->text + p->len, sizeof p->text - p->len, "[%zu]", index + 1);
    if (n > 0 && (size_t)n < sizeof p->text - p->len)
        p->len += (size_t)n;
}

static void path_pop(path *p, size_t saved)
{
    p->len = saved;
    p->text[saved] = '\0';
}

static int read_payoff(const reader *r, const path *p, json_t *v, mk_rational *out)
{
    if (json_is_integer(v)) {
        *out = (mk_rational){(int64_t)json_integer_value(v), 1};
        return MK_OK;
    }
    if (json_is_real(v))
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: %s: %.17g is a JSON number with a fraction, which would be read as a "
                        "double; write it as a string (\"%.17g\", or a fraction \"7/3\") to keep "
                        "it exact",
                        r->name, p->text, json_real_value(v), json_real_value(v));
    if (!json_is_string(v))
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: %s: expected a payoff (an integer, or a string such as \"2.5\" or "
                        "\"7/3\"), got %s",
                        r->name, p->text, mk_json_type_name(v));
    int rc = mk_exact_parse(json_string_value(v), json_string_length(v), out, r->ctx);
    if (rc != 0)
        mk_error_prefix(r->ctx, "%s: %s", r->name, p->text);
    return rc;
}

static int wrong_length(const reader *r, const path *p, json_t *v, size_t want, const char *what)
{
    if (!json_is_array(v))
        return mk_error(r->ctx, MK_EINPUT, "%s: %s: expected a list of %zu payoffs (%s), got %s",
                        r->name, p->text, want, what, mk_json_type_name(v));
    return mk_error(r->ctx, MK_EINPUT,
                    "%s: %s: wrong number of payoffs: expected %zu (%s), found %zu", r->name,
                    p->text, want, what, json_array_size(v));
}

/* The nested shape: v is indexed by player d's strategy; base is the
 * profile index of the strategies chosen so far. */
static int read_nested(const reader *r, path *p, json_t *v, mk_game *g, size_t player, size_t d,
                       size_t base)
{
    if (d == g->n_players)
        return read_payoff(r, p, v, &g->payoff[base * g->n_players + player]);
    size_t m = g->n_strategies[d];
    if (!json_is_array(v) || json_array_size(v) != m) {
        char what[64];
        snprintf(what, sizeof what, "one per strategy of player %zu", d + 1);
        return wrong_length(r, p, v, m, what);
    }
    for (size_t s = 0; s < m; s++) {
        size_t saved;
        path_push(p, s, &saved);
        int rc = read_nested(r, p, json_array_get(v, s), g, player, d + 1, base + s * g->stride[d]);
        if (rc != 0)
            return rc;
        path_pop(p, saved);
    }
    return MK_OK;
}

/* The flat shape: one payoff per profile, the first player fastest. */
static int read_flat(const reader *r, path *p, json_t *v, mk_game *g, size_t player)
{
    if (json_array_size(v) != g->n_profiles)
        return wrong_length(r, p, v, g->n_profiles, "one per profile, or nested lists");
    for (size_t k = 0; k < g->n_profiles; k++) {
        size_t saved;
        path_push(p, k, &saved);
        int rc = read_payoff(r, p, json_array_get(v, k), &g->payoff[k * g->n_players + player]);
        if (rc != 0)
            return rc;
        path_pop(p, saved);
    }
    return MK_OK;
}

static int read_payoffs(const reader *r, json_t *root, mk_game *g)
{
    json_t *all = json_object_get(root, "payoffs");
    if (all == NULL)
        return mk_error(r->ctx, MK_EINPUT, "%s: missing 'payoffs' (one payoff array per player)",
                        r->name);
    if (!json_is_array(all) || json_array_size(all) != g->n_players)
        return mk_error(r->ctx, MK_EINPUT,
                        "%s: payoffs: expected a list of %zu payoff arrays (one per player), got "
                        "%s%s",
                        r->name, g->n_players, mk_json_type_name(all),
                        json_is_array(all) ? " of another length" : "");
    for (size_t i = 0; i < g->n_players; i++) {
        path p = {"payoffs", 7};
        size_t saved;
        path_push(&p, i, &saved);
        json_t *v = json_array_get(all, i);
        json_t *first = json_array_get(v, 0);
        /* With one player both shapes are the same list. */
        int flat = g->n_players > 1 && json_is_array(v) && !json_is_array(first);
        int rc = flat ? read_flat(r, &p, v, g, i) : read_nested(r, &p, v, g, i, 0, 0);
        if (rc != 0)
            return rc;
    }
    return MK_OK;
}

/* ---- the game ------------------------------------------------------------------------------- */

static int read_game(const reader *r, json_t *root, mk_game **out)
{
    size_t *counts = NULL, n = 0;
    int named = 0;
    int rc = check_keys(r, root);
    if (rc == 0)
        rc = read_shape(r, root, &counts, &n, &named);
    mk_game *g = NULL;
    if (rc == 0)
        rc = mk_game_new(&g, n, counts, r->ctx);
    free(counts);
    if (rc == 0)
        rc = set_names(r, root, g, named);
    if (rc == 0)
        rc = read_payoffs(r, root, g);
    if (rc != 0) {
        mk_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

int mk_game_read_json(const char *data, size_t len, const char *name, mk_game **out, mk_ctx *ctx)
{
    reader r = {name != NULL ? name : "<input>", ctx};
    json_error_t err;
    json_t *root =
        json_loadb(data != NULL ? data : "", data != NULL ? len : 0, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: line %d, column %d: %s", r.name, err.line, err.column,
                        err.text);
    int rc = json_is_object(root)
                 ? read_game(&r, root, out)
                 : mk_error(ctx, MK_EINPUT, "%s: expected a game (a JSON object), got %s", r.name,
                            mk_json_type_name(root));
    json_decref(root);
    return rc;
}

/* ---- writer --------------------------------------------------------------------------------- */

static json_t *payoff_json(mk_rational v)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    if (v.den == 1)
        return json_integer((json_int_t)v.num);
    snprintf(buf, sizeof buf, "%lld/%lld", (long long)v.num, (long long)v.den);
    return json_string(buf);
}

/* Player i's payoffs indexed by the strategies of players d, d+1, ... */
static json_t *nested_json(const mk_game *g, size_t i, size_t d, size_t base)
{
    if (d == g->n_players)
        return payoff_json(mk_game_payoff(g, base, i));
    json_t *list = json_array();
    for (size_t s = 0; s < g->n_strategies[d]; s++)
        json_array_append_new(list, nested_json(g, i, d + 1, base + s * g->stride[d]));
    return list;
}

/* Writes "key": value on a line of its own (compact JSON). */
static int put_member(FILE *out, const char *key, json_t *value, const char *after)
{
    if (value == NULL)
        return -1;
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(value);
    if (text == NULL)
        return -1;
    fprintf(out, "  \"%s\": %s%s\n", key, text, after);
    free(text);
    return 0;
}

/* Player i's payoffs, one per profile, the first player fastest. */
static json_t *flat_json(const mk_game *g, size_t i)
{
    json_t *list = json_array();
    for (size_t k = 0; k < g->n_profiles; k++)
        json_array_append_new(list, payoff_json(mk_game_payoff(g, k, i)));
    return list;
}

static json_t *names_json(const mk_game *g)
{
    json_t *players = json_array();
    for (size_t i = 0; i < g->n_players; i++)
        json_array_append_new(players, json_string(g->player_names[i]));
    return players;
}

static json_t *strategies_json(const mk_game *g)
{
    json_t *strategies = json_array();
    for (size_t i = 0; i < g->n_players; i++) {
        if (g->strategy_names == NULL) {
            json_array_append_new(strategies, json_integer((json_int_t)g->n_strategies[i]));
            continue;
        }
        json_t *list = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            json_array_append_new(list, json_string(g->strategy_names[i][s]));
        json_array_append_new(strategies, list);
    }
    return strategies;
}

/* One member per line, and one line per player's payoff array, so that a
 * small game reads like its matrices. */
int mk_game_write_json(const mk_game *g, FILE *out, mk_ctx *ctx)
{
    int failed = fputs("{\n", out) == EOF;
    failed |= put_member(out, "title", json_string(g->title), ",");
    if (g->comment[0] != '\0')
        failed |= put_member(out, "comment", json_string(g->comment), ",");
    failed |= put_member(out, "players", names_json(g), ",");
    failed |= put_member(out, "strategies", strategies_json(g), ",");
    fputs("  \"payoffs\": [\n", out);
    for (size_t i = 0; !failed && i < g->n_players; i++) {
        json_t *v =
            g->n_players <= MK_GAME_JSON_NESTED_MAX ? nested_json(g, i, 0, 0) : flat_json(g, i);
        char *text = v != NULL ? json_dumps(v, JSON_COMPACT) : NULL;
        json_decref(v);
        failed |= text == NULL;
        if (text != NULL)
            fprintf(out, "    %s%s\n", text, i + 1 < g->n_players ? "," : "");
        free(text);
    }
    fputs("  ]\n}\n", out);
    if (failed && !ferror(out))
        return mk_error(ctx, MK_ENOMEM, "out of memory for the game's JSON");
    if (ferror(out))
        return mk_error(ctx, MK_EIO, "cannot write the game");
    return MK_OK;
}
