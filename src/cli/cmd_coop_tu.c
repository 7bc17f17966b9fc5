/* mechkit coop on games with exact values: the Shapley value of explicit,
 * glove and airport games, and the rules of bankruptcy problems. */
#include <stdlib.h>
#include <string.h>

#include "coop_cli.h"
#include "mechkit/airport.h"
#include "mechkit/bankruptcy.h"
#include "mechkit/tu_game.h"

int coop_index_bits(const char *list, const char *const *names, size_t n, unsigned *bits,
                    const char **bad, size_t *bad_len)
{
    *bits = 0;
    for (const char *at = list;;) {
        const char *end = strchr(at, ',');
        size_t len = end != NULL ? (size_t)(end - at) : strlen(at);
        size_t k = 0;
        while (k < n && (strlen(names[k]) != len || strncmp(names[k], at, len) != 0))
            k++;
        if (k == n) {
            *bad = at;
            *bad_len = len;
            return -1;
        }
        *bits |= 1u << k;
        if (end == NULL)
            return 0;
        at = end + 1;
    }
}

int coop_envelope_write(const coop_request *req, json_t *result)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("coop"));
    json_object_set_new(doc, "params",
                        json_pack("{s:s, s:s, s:i}", "index", req->index, "method", req->method,
                                  "places", req->places));
    json_object_set_new(doc, "input",
                        json_pack("{s:s, s:s}", "name", req->input, "sha256", req->sha256));
    json_object_set_new(doc, "result", result);
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    return rc != 0 || fputc('\n', stdout) == EOF ? -1 : 0;
}

/* ---- output of named vectors ---- */

/* Up to MAX_COLUMNS vectors beside one input column (cost, claim). */
#define MAX_COLUMNS 5

typedef struct table {
    size_t n;
    char *const *names;
    const char *input_label; /* NULL: no input column */
    char **input;            /* n strings */
    size_t columns;
    const char *label[MAX_COLUMNS];
    const mk_coop_vector *v[MAX_COLUMNS];
} table;

static json_t *by_player(const table *t, char *const *values)
{
    json_t *o = json_object();
    for (size_t i = 0; i < t->n; i++)
        json_object_set_new(o, t->names[i], json_string(values[i]));
    return o;
}

static void table_json(const table *t, json_t *result)
{
    for (size_t c = 0; c < t->columns; c++) {
        char key[64];
        json_object_set_new(result, t->label[c], by_player(t, t->v[c]->fraction));
        snprintf(key, sizeof key, "%s_decimal", t->label[c]);
        json_object_set_new(result, key, by_player(t, t->v[c]->decimal));
    }
}

static int widest(char *const *values, size_t n, size_t at_least)
{
    for (size_t i = 0; values != NULL && i < n; i++)
        if (strlen(values[i]) > at_least)
            at_least = strlen(values[i]);
    return (int)at_least;
}

static void table_text(const table *t)
{
    int name_w = widest(t->names, t->n, 6), in_w = 0, frac_w[MAX_COLUMNS], dec_w[MAX_COLUMNS];
    printf("%-*s", name_w, "player");
    if (t->input_label != NULL) {
        in_w = widest(t->input, t->n, strlen(t->input_label));
        printf("  %*s", in_w, t->input_label);
    }
    for (size_t c = 0; c < t->columns; c++) {
        frac_w[c] = widest(t->v[c]->fraction, t->n, strlen(t->label[c]));
        dec_w[c] = widest(t->v[c]->decimal, t->n, 1);
        printf("  %*s  %*s", frac_w[c], t->label[c], dec_w[c], "");
    }
    printf("\n");
    for (size_t i = 0; i < t->n; i++) {
        printf("%-*s", name_w, t->names[i]);
        if (t->input_label != NULL)
            printf("  %*s", in_w, t->input[i]);
        for (size_t c = 0; c < t->columns; c++)
            printf("  %*s  %*s", frac_w[c], t->v[c]->fraction[i], dec_w[c], t->v[c]->decimal[i]);
        printf("\n");
    }
}

static void strings_free(char **s, size_t n)
{
    for (size_t i = 0; s != NULL && i < n; i++)
        free(s[i]);
    free(s);
}

static char **rationals(const mk_rational *r, size_t n)
{
    char **s = calloc(n, sizeof *s);
    for (size_t i = 0; s != NULL && i < n; i++) {
        char buf[MK_RATIONAL_FORMAT_MAX];
        mk_rational_format(r[i], 0, buf);
        if ((s[i] = malloc(strlen(buf) + 1)) == NULL) {
            strings_free(s, i);
            return NULL;
        }
        memcpy(s[i], buf, strlen(buf) + 1);
    }
    return s;
}

/* Prints game (a JSON object describing it, stolen), the table and the
 * solutions by excesses x, as JSON or text (header: lines before the
 * table). */
static int emit(const coop_request *req, json_t *game, const char *header, const table *t,
                const coop_excess *x, mk_ctx *ctx)
{
    int rc = 0;
    if (req->format == CLI_FORMAT_JSON) {
        json_t *result = json_object();
        json_object_set_new(result, "game", game);
        table_json(t, result);
        coop_excess_json(x, result);
        rc = coop_envelope_write(req, result);
    } else {
        json_decref(game);
        printf("%s\n", header);
        if (t->columns > 0)
            table_text(t);
        coop_excess_text(x);
    }
    return rc != 0 ? mk_error(ctx, MK_EIO, "cannot write the output") : MK_OK;
}

static int check_index(const coop_request *req, const char *const *names, size_t n,
                       const char *what, unsigned *bits, mk_ctx *ctx)
{
    const char *bad;
    size_t bad_len;
    if (coop_index_bits(req->index, names, n, bits, &bad, &bad_len) == 0)
        return MK_OK;
    char expected[160] = "";
    for (size_t k = 0; k < n; k++)
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s",
                 k > 0 ? ", " : "", names[k]);
    return mk_error(ctx, MK_EPARAM, "--index '%.*s' does not apply to %s (expected %s)",
                    (int)bad_len, bad, what, expected);
}

/* ---- the kinds ---- */

static json_t *game_json(const char *type, const char *title, size_t n)
{
    json_t *o = json_pack("{s:s, s:I}", "type", type, "players", (json_int_t)n);
    if (title != NULL)
        json_object_set_new(o, "name", json_string(title));
    return o;
}

/* The index names of a game with a characteristic function: "all" and
 * "shapley" mean its Shapley value, the others coop_excess bits. */
static const char *const tu_names[] = {"all",        "shapley",   "core",
                                       "least_core", "nucleolus", "prenucleolus"};

static int check_tu_index(const coop_request *req, const char *what, int *shapley, coop_excess *x,
                          mk_ctx *ctx)
{
    unsigned bits;
    int rc = check_index(req, tu_names, 6, what, &bits, ctx);
    *shapley = (bits & 3u) != 0;
    x->bits = bits >> 2;
    return rc;
}

/* The Shapley value (into *phi and the table) and the solutions by
 * excesses of g, as asked. */
static int solve_tu(const coop_request *req, const mk_tu_game *g, int shapley, int cost,
                    mk_coop_vector **phi, coop_excess *x, table *t, mk_ctx *ctx)
{
    int rc = shapley ? mk_tu_game_shapley(g, req->places, phi, ctx) : MK_OK;
    if (rc == 0 && shapley) {
        t->label[t->columns] = "shapley";
        t->v[t->columns++] = *phi;
    }
    return rc == 0 ? coop_excess_compute(x, g, cost, req->places, ctx) : rc;
}

static int run_explicit(const coop_request *req, const cli_file *f, mk_ctx *ctx)
{
    int shapley;
    mk_tu_game *g = NULL;
    mk_coop_vector *phi = NULL;
    coop_excess x = {0, -1, 0, 0, NULL, NULL, NULL, NULL, NULL};
    int rc = check_tu_index(req, "an explicit or glove game", &shapley, &x, ctx);
    if (rc == 0)
        rc = mk_tu_game_read_json(&g, f->name, f->data, f->len, ctx);
    table t = {0, NULL, NULL, NULL, 0, {NULL}, {NULL}};
    if (rc == 0)
        rc = solve_tu(req, g, shapley, 0, &phi, &x, &t, ctx);
    if (rc == 0) {
        char header[256];
        snprintf(header, sizeof header, "%s%s%s game: %zu players", g->title ? g->title : "",
                 g->title ? "\n" : "", g->kind, g->n);
        t.n = g->n;
        t.names = g->names;
        rc = emit(req, game_json(g->kind, g->title, g->n), header, &t, &x, ctx);
    }
    coop_excess_free(&x);
    mk_coop_vector_free(phi);
    mk_tu_game_free(g);
    return rc;
}

/* An airport game is a cost game: its solutions by excesses are those of
 * v = -c, negated (mechkit/airport.h, mk_airport_game). */
static int airport_excess(const coop_request *req, const mk_airport *a, coop_excess *x, mk_ctx *ctx)
{
    mk_tu_game *g = NULL;
    int rc = x->bits != 0 ? mk_airport_game(a, &g, ctx) : MK_OK;
    if (rc == 0 && g != NULL)
        rc = coop_excess_compute(x, g, 1, req->places, ctx);
    /* the names stay valid with the airport game */
    x->names = a->names;
    mk_tu_game_free(g);
    return rc;
}

static int run_airport(const coop_request *req, const cli_file *f, mk_ctx *ctx)
{
    int shapley;
    mk_airport *a = NULL;
    mk_coop_vector *phi = NULL;
    char **costs = NULL;
    coop_excess x = {0, -1, 0, 0, NULL, NULL, NULL, NULL, NULL};
    int rc = check_tu_index(req, "an airport game", &shapley, &x, ctx);
    if (rc == 0)
        rc = mk_airport_read_json(&a, f->name, f->data, f->len, ctx);
    if (rc == 0 && shapley)
        rc = mk_airport_shapley(a, req->places, &phi, ctx);
    if (rc == 0)
        rc = airport_excess(req, a, &x, ctx);
    if (rc == 0 && (costs = rationals(a->cost, a->n)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    if (rc == 0) {
        char header[256];
        snprintf(header, sizeof header,
                 "%s%sairport game: %zu players (Shapley value: "
                 "Littlechild and Owen 1973)",
                 a->title ? a->title : "", a->title ? "\n" : "", a->n);
        table t = {a->n, a->names, "cost", costs, phi != NULL, {"shapley"}, {phi}};
        rc = emit(req, game_json("airport", a->title, a->n), header, &t, &x, ctx);
    }
    strings_free(costs, a != NULL ? a->n : 0);
    coop_excess_free(&x);
    mk_coop_vector_free(phi);
    mk_airport_free(a);
    return rc;
}

/* The rules asked for (bits 0-3), the Shapley value of the game (bit 5)
 * and the solutions by excesses (x->bits): "all" means the input's
 * "rule", or every rule. */
static int bankruptcy_rules(const coop_request *req, const mk_bankruptcy *b, unsigned *rules,
                            coop_excess *x, mk_ctx *ctx)
{
    static const char *const names[] = {"proportional", "cea",         "cel",  "talmud",
                                        "all",          "shapley",     "core", "least_core",
                                        "nucleolus",    "prenucleolus"};
    unsigned bits;
    int rc = check_index(req, names, 10, "a bankruptcy problem", &bits, ctx);
    if (rc != 0)
        return rc;
    *rules = bits & 47u;
    if (bits & 16u)
        *rules |= b->rule >= 0 ? 1u << b->rule : 15u;
    x->bits = bits >> 6;
    return MK_OK;
}

/* 1 when the Talmud rule's awards are the nucleolus' (compared exactly,
 * as fractions in lowest terms), else 0. */
static int talmud_check(const mk_bankruptcy *b, const mk_coop_vector *talmud,
                        const mk_coop_vector *nucleolus, int places, int *equal, mk_ctx *ctx)
{
    mk_coop_vector *own = NULL;
    int rc =
        talmud != NULL ? MK_OK : mk_bankruptcy_divide(b, MK_BANKRUPTCY_TALMUD, places, &own, ctx);
    const mk_coop_vector *t = talmud != NULL ? talmud : own;
    *equal = 1;
    for (size_t i = 0; rc == 0 && i < b->n; i++)
        *equal &= strcmp(t->fraction[i], nucleolus->fraction[i]) == 0;
    mk_coop_vector_free(own);
    return rc;
}

/* The Shapley value of the bankruptcy game (O'Neill's random arrival
 * rule) into v[MK_BANKRUPTCY_RULES] and its solutions by excesses, with
 * Aumann and Maschler's (1985) Talmud = nucleolus checked, through the
 * explicit game. */
static int bankruptcy_game_solutions(const coop_request *req, const mk_bankruptcy *b,
                                     unsigned rules, mk_coop_vector **v, coop_excess *x, table *t,
                                     mk_ctx *ctx)
{
    if (!(rules & 32u) && x->bits == 0)
        return MK_OK;
    mk_tu_game *g = NULL;
    int rc = mk_bankruptcy_game(b, &g, ctx);
    if (rc == 0)
        rc = solve_tu(req, g, (rules & 32u) != 0, 0, &v[MK_BANKRUPTCY_RULES], x, t, ctx);
    if (rc == 0 && x->nucleolus != NULL)
        rc = talmud_check(b, v[MK_BANKRUPTCY_TALMUD], x->nucleolus->point, req->places,
                          &x->talmud_equals_nucleolus, ctx);
    x->names = b->names;
    mk_tu_game_free(g);
    return rc;
}

static json_t *bankruptcy_json(const mk_bankruptcy *b)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    json_t *o = game_json("bankruptcy", b->title, b->n);
    json_object_set_new(o, "estate", json_string(mk_rational_format(b->estate, 0, buf)));
    if (b->rule >= 0)
        json_object_set_new(o, "rule", json_string(mk_bankruptcy_rule_name(b->rule)));
    return o;
}

static int run_bankruptcy(const coop_request *req, const cli_file *f, mk_ctx *ctx)
{
    mk_bankruptcy *b = NULL;
    mk_coop_vector *v[MK_BANKRUPTCY_RULES + 1] = {NULL}; /* the rules, then Shapley */
    char **claims = NULL;
    unsigned rules = 0;
    coop_excess x = {0, -1, 0, 0, NULL, NULL, NULL, NULL, NULL};
    int rc = mk_bankruptcy_read_json(&b, f->name, f->data, f->len, ctx);
    if (rc == 0)
        rc = bankruptcy_rules(req, b, &rules, &x, ctx);
    table t = {0, NULL, "claim", NULL, 0, {NULL}, {NULL}};
    for (int r = 0; rc == 0 && r < MK_BANKRUPTCY_RULES; r++) {
        if (!(rules & (1u << r)))
            continue;
        rc = mk_bankruptcy_divide(b, r, req->places, &v[r], ctx);
        t.label[t.columns] = mk_bankruptcy_rule_name(r);
        t.v[t.columns++] = v[r];
    }
    if (rc == 0)
        rc = bankruptcy_game_solutions(req, b, rules, v, &x, &t, ctx);
    if (rc == 0 && (claims = rationals(b->claim, b->n)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    if (rc == 0) {
        char header[256], estate[MK_RATIONAL_FORMAT_MAX];
        snprintf(header, sizeof header, "%s%sbankruptcy problem: %zu claimants, estate %s",
                 b->title ? b->title : "", b->title ? "\n" : "", b->n,
                 mk_rational_format(b->estate, 0, estate));
        t.n = b->n;
        t.names = b->names;
        t.input = claims;
        rc = emit(req, bankruptcy_json(b), header, &t, &x, ctx);
    }
    strings_free(claims, b != NULL ? b->n : 0);
    coop_excess_free(&x);
    for (int r = 0; r <= MK_BANKRUPTCY_RULES; r++)
        mk_coop_vector_free(v[r]);
    mk_bankruptcy_free(b);
    return rc;
}

int coop_run_tu(const coop_request *req, mk_coop_kind kind, const cli_file *file, mk_ctx *ctx)
{
    if (strcmp(req->method, "auto") != 0)
        return mk_error(ctx, MK_EPARAM,
                        "--method applies to weighted and multiple weighted games only");
    switch (kind) {
    case MK_COOP_EXPLICIT:
    case MK_COOP_GLOVE: return run_explicit(req, file, ctx);
    case MK_COOP_AIRPORT: return run_airport(req, file, ctx);
    case MK_COOP_BANKRUPTCY: return run_bankruptcy(req, file, ctx);
    default: return mk_error(ctx, MK_EINTERNAL, "coop_run_tu: not a game with exact values");
    }
}
