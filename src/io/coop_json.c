/*
 * Simple games in JSON (mechkit/coop.h), parsed with jansson: a weighted
 * game {"type": "weighted", "quota": Q, "players": [{"name", "weight"}]}
 * or {"type": "multiple_weighted", "games": [...]}. Every message starts
 * with the input's name and the path of the value at fault.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/coop.h"
#include "json_read.h"
#include "strmap.h"

/* Keys read nowhere but allowed, so that the annotated files of
 * ../shared/data/coop/ (title, rule, known answers) are accepted. */
static const char *const info_keys[] = {"name",
                                        "rule",
                                        "notes",
                                        "description",
                                        "source",
                                        "shapley_shubik",
                                        "banzhaf_swings",
                                        "banzhaf_normalized",
                                        "banzhaf_total_swings"};
#define N_INFO_KEYS (sizeof info_keys / sizeof info_keys[0])

/* The reading state: the input's name and the players of the first game. */
typedef struct reader {
    const char *name;
    size_t n, n_games;
    const char **names; /* n, borrowed from the JSON document */
    int64_t *weight;    /* n_games * n */
    int64_t *quota;     /* n_games */
    mk_strmap index;    /* name -> position in the first game */
} reader;

static int allowed(const char *key, const char *const *extra, size_t n_extra)
{
    for (size_t k = 0; k < N_INFO_KEYS; k++)
        if (strcmp(key, info_keys[k]) == 0)
            return 1;
    for (size_t k = 0; k < n_extra; k++)
        if (strcmp(key, extra[k]) == 0)
            return 1;
    return 0;
}

/* Every key of a game object is known (where: "" or "games[2]: "). */
static int check_keys(const reader *r, const json_t *obj, const char *where, int multiple,
                      mk_ctx *ctx)
{
    static const char *const weighted[] = {"type", "quota", "players", "total_weight"};
    static const char *const top[] = {"type", "games"};
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        if (!allowed(key, multiple ? top : weighted, multiple ? 2 : 4))
            return mk_error(ctx, MK_EINPUT,
                            "%s: %sunknown key '%s' (expected %s, or one of name, rule, "
                            "notes, description, source and the known answers)",
                            r->name, where, key,
                            multiple ? "type, games" : "type, quota, players, total_weight");
    }
    return MK_OK;
}

/* An integer field of an object, in [min, INT64_MAX]. */
static int integer(const reader *r, const json_t *obj, const char *field, const char *where,
                   int64_t min, int64_t *out, mk_ctx *ctx)
{
    const json_t *v = json_object_get(obj, field);
    if (v == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: %smissing '%s'", r->name, where, field);
    if (json_is_real(v))
        return mk_error(ctx, MK_EINPUT,
                        "%s: %s%s: %.15g has a fraction; expected an integer (weights and "
                        "quotas are whole votes)",
                        r->name, where, field, json_real_value(v));
    if (!json_is_integer(v))
        return mk_error(ctx, MK_EINPUT, "%s: %s%s: expected an integer, got %s", r->name, where,
                        field, mk_json_type_name(v));
    json_int_t x = json_integer_value(v);
    if (x < min)
        return mk_error(ctx, MK_ERANGE, "%s: %s%s: %lld is below %lld%s", r->name, where, field,
                        (long long)x, (long long)min,
                        min == 0 ? " (weights may not be negative)"
                                 : " (with quota 0 the empty coalition would win)");
    *out = (int64_t)x;
    return MK_OK;
}

/* The name of players[i] of a game: a non-empty string without NUL. */
static int player_name(const reader *r, const json_t *p, const char *where, size_t i,
                       const char **out, mk_ctx *ctx)
{
    if (!json_is_object(p))
        return mk_error(ctx, MK_EINPUT,
                        "%s: %splayers[%zu]: expected an object {\"name\", \"weight\"}, got %s",
                        r->name, where, i + 1, mk_json_type_name(p));
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)p, key, v)
    {
        if (strcmp(key, "name") != 0 && strcmp(key, "weight") != 0)
            return mk_error(ctx, MK_EINPUT,
                            "%s: %splayers[%zu]: unknown key '%s' (expected name, weight)", r->name,
                            where, i + 1, key);
    }
    const json_t *name = json_object_get(p, "name");
    if (name == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: missing 'name'", r->name, where,
                        i + 1);
    if (!json_is_string(name))
        return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: name: expected a string, got %s",
                        r->name, where, i + 1, mk_json_type_name(name));
    const char *s = json_string_value(name);
    if (json_string_length(name) == 0)
        return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: name: empty", r->name, where, i + 1);
    if (strlen(s) != json_string_length(name))
        return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: name: contains a NUL character",
                        r->name, where, i + 1);
    *out = s;
    return MK_OK;
}

/* Players of game g: the first game fixes the names and their order, the
 * others must list the same names (each once). */
static int read_players(reader *r, const json_t *players, size_t g, const char *where, mk_ctx *ctx)
{
    size_t count = json_array_size(players);
    if (g > 0 && count != r->n)
        return mk_error(ctx, MK_EINPUT, "%s: %s%zu players, but game 1 has %zu", r->name, where,
                        count, r->n);
    int64_t *w = r->weight + g * r->n;
    for (size_t i = 0; i < r->n; i++)
        w[i] = -1; /* not yet given */
    for (size_t i = 0; i < count; i++) {
        const json_t *p = json_array_get(players, i);
        const char *name = NULL;
        int rc = player_name(r, p, where, i, &name, ctx);
        if (rc != 0)
            return rc;
        size_t at, len = strlen(name);
        int known = mk_strmap_find(&r->index, name, len, &at);
        if (g == 0 && known)
            return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: '%s' is already players[%zu]",
                            r->name, where, i + 1, name, at + 1);
        if (g == 0) {
            r->names[i] = name;
            if ((rc = mk_strmap_insert(&r->index, name, len, i, ctx)) != 0)
                return rc;
            at = i;
        } else if (!known) {
            return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: '%s' is not a player of game 1",
                            r->name, where, i + 1, name);
        } else if (w[at] >= 0) {
            return mk_error(ctx, MK_EINPUT, "%s: %splayers[%zu]: '%s' is listed twice", r->name,
                            where, i + 1, name);
        }
        char place[600];
        snprintf(place, sizeof place, "%splayers[%zu] ('%.200s'): ", where, i + 1, name);
        if ((rc = integer(r, p, "weight", place, 0, &w[at], ctx)) != 0)
            return rc;
    }
    return MK_OK;
}

/* "total_weight", when present, is checked against the weights: a file
 * whose stated total disagrees has a typo somewhere. */
static int check_total(const reader *r, const json_t *game, size_t g, const char *where,
                       mk_ctx *ctx)
{
    if (json_object_get(game, "total_weight") == NULL)
        return MK_OK;
    int64_t stated, sum = 0;
    int rc = integer(r, game, "total_weight", where, 0, &stated, ctx);
    for (size_t i = 0; rc == 0 && i < r->n; i++)
        if (__builtin_add_overflow(sum, r->weight[g * r->n + i], &sum))
            return MK_OK; /* mk_simple_game_new reports the overflow */
    if (rc == 0 && stated != sum)
        rc = mk_error(ctx, MK_EINPUT, "%s: %stotal_weight is %lld but the weights add up to %lld",
                      r->name, where, (long long)stated, (long long)sum);
    return rc;
}

/* One weighted game (game g of r->n_games; where names it in messages). */
static int read_weighted(reader *r, const json_t *game, size_t g, const char *where, mk_ctx *ctx)
{
    int rc = check_keys(r, game, where, 0, ctx);
    const json_t *type = json_object_get(game, "type");
    if (rc == 0 && type != NULL &&
        (!json_is_string(type) || strcmp(json_string_value(type), "weighted") != 0))
        rc = mk_error(ctx, MK_EINPUT, "%s: %stype: expected \"weighted\"", r->name, where);
    if (rc == 0)
        rc = integer(r, game, "quota", where, 1, &r->quota[g], ctx);
    const json_t *players = json_object_get(game, "players");
    if (rc == 0 && players == NULL)
        rc = mk_error(ctx, MK_EINPUT, "%s: %smissing 'players'", r->name, where);
    if (rc == 0 && (!json_is_array(players) || json_array_size(players) == 0))
        rc = mk_error(ctx, MK_EINPUT, "%s: %splayers: expected a non-empty list, got %s", r->name,
                      where, json_is_array(players) ? "an empty list" : mk_json_type_name(players));
    if (rc != 0)
        return rc;
    if (g == 0) {
        r->n = json_array_size(players);
        if (r->n > MK_SIMPLE_GAME_MAX_PLAYERS)
            return mk_error(ctx, MK_ELIMIT, "%s: %s%zu players: at most %d are supported", r->name,
                            where, r->n, MK_SIMPLE_GAME_MAX_PLAYERS);
        r->names = calloc(r->n, sizeof *r->names);
        r->weight = malloc(r->n * r->n_games * sizeof *r->weight);
        if (r->names == NULL || r->weight == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu players", r->n);
    }
    rc = read_players(r, players, g, where, ctx);
    return rc != 0 ? rc : check_total(r, game, g, where, ctx);
}

static int read_multiple(reader *r, const json_t *root, mk_ctx *ctx)
{
    int rc = check_keys(r, root, "", 1, ctx);
    const json_t *games = json_object_get(root, "games");
    if (rc == 0 && games == NULL)
        rc = mk_error(ctx, MK_EINPUT, "%s: missing 'games' (a list of weighted games)", r->name);
    if (rc == 0 && (!json_is_array(games) || json_array_size(games) == 0))
        rc = mk_error(ctx, MK_EINPUT, "%s: games: expected a non-empty list, got %s", r->name,
                      json_is_array(games) ? "an empty list" : mk_json_type_name(games));
    if (rc != 0)
        return rc;
    r->n_games = json_array_size(games);
    if (r->n_games > MK_SIMPLE_GAME_MAX_GAMES)
        return mk_error(ctx, MK_ELIMIT, "%s: %zu games: at most %d are supported", r->name,
                        r->n_games, MK_SIMPLE_GAME_MAX_GAMES);
    r->quota = malloc(r->n_games * sizeof *r->quota);
    if (r->quota == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu games", r->n_games);
    for (size_t g = 0; g < r->n_games; g++) {
        const json_t *game = json_array_get(games, g);
        char where[48];
        snprintf(where, sizeof where, "games[%zu]: ", g + 1);
        if (!json_is_object(game))
            return mk_error(ctx, MK_EINPUT, "%s: %sexpected a weighted game (an object), got %s",
                            r->name, where, mk_json_type_name(game));
        if ((rc = read_weighted(r, game, g, where, ctx)) != 0)
            return rc;
    }
    return MK_OK;
}

/* The root object: its type decides between the two readers. */
static int read_root(reader *r, const json_t *root, mk_ctx *ctx)
{
    if (!json_is_object(root))
        return mk_error(ctx, MK_EINPUT, "%s: expected a game (a JSON object), got %s", r->name,
                        mk_json_type_name(root));
    const json_t *type = json_object_get(root, "type");
    const char *t = type == NULL ? "weighted" : json_string_value(type);
    if (t == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: type: expected a string, got %s", r->name,
                        mk_json_type_name(type));
    if (strcmp(t, "multiple_weighted") == 0)
        return read_multiple(r, root, ctx);
    if (strcmp(t, "weighted") != 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s: type: unknown game type '%s' (expected weighted or "
                        "multiple_weighted)",
                        r->name, t);
    r->n_games = 1;
    r->quota = malloc(sizeof *r->quota);
    if (r->quota == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    return read_weighted(r, root, 0, "", ctx);
}

int mk_simple_game_read_json(mk_simple_game **out, const char *name, const char *data, size_t len,
                             mk_ctx *ctx)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: line %d, column %d: %s", name, err.line, err.column,
                        err.text);
    reader r = {name, 0, 0, NULL, NULL, NULL, MK_STRMAP_INIT};
    mk_simple_game *g = NULL;
    int rc = read_root(&r, root, ctx);
    if (rc == 0) {
        rc = mk_simple_game_new(&g, r.n, r.n_games, r.names, r.weight, r.quota, ctx);
        if (rc != 0)
            mk_error_prefix(ctx, "%s", name);
    }
    const json_t *title = json_object_get(root, "name");
    if (rc == 0 && json_is_string(title))
        rc = mk_simple_game_set_title(g, json_string_value(title), ctx);
    mk_strmap_free(&r.index);
    free(r.names);
    free(r.weight);
    free(r.quota);
    json_decref(root);
    if (rc != 0) {
        mk_simple_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

/* The "type" names of mk_coop_kind, in its order. */
static const char *const kind_names[] = {"weighted", "multiple_weighted", "explicit",
                                         "glove",    "airport",           "bankruptcy"};

/* The kind named t (rc 0) or MK_EINPUT. */
static int kind_of(const char *name, const json_t *root, mk_coop_kind *out, mk_ctx *ctx)
{
    if (!json_is_object(root))
        return mk_error(ctx, MK_EINPUT, "%s: expected a game (a JSON object), got %s", name,
                        mk_json_type_name(root));
    const json_t *type = json_object_get(root, "type");
    const char *t = type == NULL ? "weighted" : json_string_value(type);
    if (t == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: type: expected a string, got %s", name,
                        mk_json_type_name(type));
    for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++) {
        if (strcmp(t, kind_names[k]) == 0) {
            *out = (mk_coop_kind)k;
            return MK_OK;
        }
    }
    return mk_error(ctx, MK_EINPUT,
                    "%s: type: unknown game type '%s' (expected weighted, multiple_weighted, "
                    "explicit, glove, airport or bankruptcy)",
                    name, t);
}

int mk_coop_json_kind(const char *name, const char *data, size_t len, mk_coop_kind *out,
                      mk_ctx *ctx)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        return mk_error(ctx, MK_EINPUT, "%s: line %d, column %d: %s", name, err.line, err.column,
                        err.text);
    int rc = kind_of(name, root, out, ctx);
    json_decref(root);
    return rc;
}
