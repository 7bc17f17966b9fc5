/* mechkit coop: the core, the least core, the nucleolus and the
 * pre-nucleolus of a game with exact values (coop_cli.h). */
#include <stdlib.h>
#include <string.h>

#include "coop_cli.h"

/* "-s" for s, s for "-s", and zero as it is: exact on the strings of
 * mk_coop_vector, whose decimals of zero are "0" or "0.000". */
static char *negated(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len + 2);
    if (out == NULL)
        return NULL;
    if (s[0] == '-')
        memcpy(out, s + 1, len);
    else if (strspn(s, "0.") == len)
        memcpy(out, s, len + 1);
    else {
        out[0] = '-';
        memcpy(out + 1, s, len + 1);
    }
    return out;
}

/* Cost games are solved as v = -c: their allocations change sign. */
static int negate_vector(mk_coop_vector *v)
{
    for (size_t i = 0; v != NULL && i < v->n; i++) {
        char *f = negated(v->fraction[i]), *d = negated(v->decimal[i]);
        if (f == NULL || d == NULL) {
            free(f);
            free(d);
            return -1;
        }
        free(v->fraction[i]);
        free(v->decimal[i]);
        v->fraction[i] = f;
        v->decimal[i] = d;
    }
    return 0;
}

static int negate_all(coop_excess *x)
{
    int bad = 0;
    if (x->core != NULL) {
        bad |= negate_vector(x->core->point);
        for (size_t k = 0; k < x->core->n_vertices; k++)
            bad |= negate_vector(x->core->vertices[k]);
    }
    if (x->least_core != NULL)
        bad |= negate_vector(x->least_core->point);
    if (x->nucleolus != NULL)
        bad |= negate_vector(x->nucleolus->point);
    if (x->prenucleolus != NULL)
        bad |= negate_vector(x->prenucleolus->point);
    return bad;
}

int coop_excess_compute(coop_excess *x, const mk_tu_game *g, int cost, int places, mk_ctx *ctx)
{
    x->n = g->n;
    x->names = g->names;
    x->cost = cost;
    int rc = MK_OK;
    if (x->bits & COOP_CORE)
        rc = mk_tu_core_compute(g, places, &x->core, ctx);
    if (rc == 0 && (x->bits & COOP_LEAST_CORE))
        rc = mk_tu_least_core(g, places, &x->least_core, ctx);
    if (rc == 0 && (x->bits & COOP_NUCLEOLUS))
        rc = mk_tu_nucleolus(g, places, &x->nucleolus, ctx);
    if (rc == 0 && (x->bits & COOP_PRENUCLEOLUS))
        rc = mk_tu_prenucleolus(g, places, &x->prenucleolus, ctx);
    if (rc == 0 && cost && negate_all(x) != 0)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    return rc;
}

void coop_excess_free(coop_excess *x)
{
    mk_tu_core_free(x->core);
    mk_tu_excess_result_free(x->least_core);
    mk_tu_excess_result_free(x->nucleolus);
    mk_tu_excess_result_free(x->prenucleolus);
}

/* ---- JSON ---- */

static json_t *by_player(const coop_excess *x, char *const *values)
{
    json_t *o = json_object();
    for (size_t i = 0; i < x->n; i++)
        json_object_set_new(o, x->names[i], json_string(values[i]));
    return o;
}

static void point_json(const coop_excess *x, json_t *o, const char *key, const mk_coop_vector *v)
{
    char decimal[64];
    snprintf(decimal, sizeof decimal, "%s_decimal", key);
    json_object_set_new(o, key, by_player(x, v->fraction));
    json_object_set_new(o, decimal, by_player(x, v->decimal));
}

static json_t *levels_json(char *const *values, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, json_string(values[k]));
    return a;
}

static void nucleolus_json(const coop_excess *x, json_t *result, const char *key,
                           const mk_tu_excess_result *r)
{
    char levels[64];
    point_json(x, result, key, r->point);
    snprintf(levels, sizeof levels, "%s_levels", key);
    json_object_set_new(result, levels, levels_json(r->level, r->levels));
    snprintf(levels, sizeof levels, "%s_levels_decimal", key);
    json_object_set_new(result, levels, levels_json(r->level_decimal, r->levels));
}

static json_t *core_json(const coop_excess *x)
{
    const mk_tu_core *c = x->core;
    json_t *o = json_pack("{s:b, s:s, s:s}", "empty", c->empty, "least_core_epsilon", c->epsilon,
                          "least_core_epsilon_decimal", c->epsilon_decimal);
    if (c->point != NULL)
        point_json(x, o, "point", c->point);
    json_t *v = json_array(), *vd = json_array();
    for (size_t k = 0; k < c->n_vertices; k++) {
        json_array_append_new(v, by_player(x, c->vertices[k]->fraction));
        json_array_append_new(vd, by_player(x, c->vertices[k]->decimal));
    }
    json_object_set_new(o, "extreme_points", v);
    json_object_set_new(o, "extreme_points_decimal", vd);
    return o;
}

/* How a cost game's solutions read (mechkit/airport.h, mk_airport_game). */
static const char cost_convention[] =
    "cost game: allocations are the costs each player pays; the excess of S is x(S) - c(S); "
    "the core is {x : x(S) <= c(S), x(N) = c(N)}";

void coop_excess_json(const coop_excess *x, json_t *result)
{
    if (x->cost && x->bits != 0)
        json_object_set_new(result, "convention", json_string(cost_convention));
    if (x->core != NULL)
        json_object_set_new(result, "core", core_json(x));
    if (x->least_core != NULL) {
        json_t *o = json_pack("{s:s, s:s}", "epsilon", x->least_core->level[0], "epsilon_decimal",
                              x->least_core->level_decimal[0]);
        point_json(x, o, "point", x->least_core->point);
        json_object_set_new(result, "least_core", o);
    }
    if (x->nucleolus != NULL)
        nucleolus_json(x, result, "nucleolus", x->nucleolus);
    if (x->prenucleolus != NULL)
        nucleolus_json(x, result, "prenucleolus", x->prenucleolus);
    if (x->talmud_equals_nucleolus >= 0)
        json_object_set_new(result, "talmud_equals_nucleolus",
                            json_boolean(x->talmud_equals_nucleolus));
}

/* ---- text ---- */

static void vector_text(const coop_excess *x, const char *label, const mk_coop_vector *v)
{
    printf("%s:", label);
    for (size_t i = 0; i < x->n; i++)
        printf(" %s %s (%s)%s", x->names[i], v->fraction[i], v->decimal[i],
               i + 1 < x->n ? "," : "");
    printf("\n");
}

static void levels_text(const mk_tu_excess_result *r)
{
    printf("  excess levels:");
    for (size_t k = 0; k < r->levels; k++)
        printf(" %s (%s)", r->level[k], r->level_decimal[k]);
    printf("\n");
}

void coop_excess_text(const coop_excess *x)
{
    if (x->cost && x->bits != 0)
        printf("%s\n", cost_convention);
    if (x->core != NULL) {
        const mk_tu_core *c = x->core;
        printf("core: %s (least-core eps %s = %s)\n", c->empty ? "empty" : "not empty", c->epsilon,
               c->epsilon_decimal);
        if (c->point != NULL)
            vector_text(x, "  a point (the nucleolus)", c->point);
        printf("  extreme points: %zu\n", c->n_vertices);
        for (size_t k = 0; k < c->n_vertices; k++)
            vector_text(x, "    vertex", c->vertices[k]);
    }
    if (x->least_core != NULL) {
        printf("least core: eps %s = %s\n", x->least_core->level[0],
               x->least_core->level_decimal[0]);
        vector_text(x, "  a point", x->least_core->point);
    }
    if (x->nucleolus != NULL) {
        vector_text(x, "nucleolus", x->nucleolus->point);
        levels_text(x->nucleolus);
    }
    if (x->prenucleolus != NULL) {
        vector_text(x, "prenucleolus", x->prenucleolus->point);
        levels_text(x->prenucleolus);
    }
    if (x->talmud_equals_nucleolus >= 0)
        printf("the Talmud rule %s the nucleolus\n",
               x->talmud_equals_nucleolus ? "equals" : "differs from");
}
