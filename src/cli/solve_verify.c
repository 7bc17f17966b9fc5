/*
 * mechkit solve --verify PROFILE FILE: the exact check (mechkit/regret.h)
 * of a profile the user gives, inline ("1/2,1/2;Defect") or as a JSON
 * file (@FILE: a list of lists, or an object with "strategies" such as an
 * equilibrium printed by mechkit solve).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/regret.h"
#include "solve_cli.h"

/* The profile as one string per strategy, player after player, owned. */
typedef struct profile_text {
    char **prob;
    size_t n;
} profile_text;

static void profile_text_free(profile_text *p)
{
    for (size_t k = 0; p->prob != NULL && k < p->n; k++)
        free(p->prob[k]);
    free(p->prob);
}

static char *copy_span(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (out != NULL) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

/* The pure strategy of player i named (or numbered from 1) by s[0..len),
 * or n_strategies[i] when none is. */
static size_t find_strategy(const mk_game *g, size_t i, const char *s, size_t len)
{
    for (size_t t = 0; t < g->n_strategies[i]; t++) {
        const char *name = mk_game_strategy_name(g, i, t);
        if (name != NULL && name[0] != '\0' && strlen(name) == len && memcmp(name, s, len) == 0)
            return t;
    }
    size_t number = 0, k = 0;
    for (; k < len && s[k] >= '0' && s[k] <= '9' && number <= g->n_strategies[i]; k++)
        number = number * 10 + (size_t)(s[k] - '0');
    return k == len && len > 0 && number >= 1 && number <= g->n_strategies[i] ? number - 1
                                                                              : g->n_strategies[i];
}

/* Player i's part of an inline profile, s[0..len), into out[0..m). */
static int inline_player(const mk_game *g, size_t i, const char *s, size_t len, char **out,
                         mk_ctx *ctx)
{
    size_t m = g->n_strategies[i], items = 1;
    for (size_t k = 0; k < len; k++)
        items += s[k] == ',';
    size_t t = items == 1 ? find_strategy(g, i, s, len) : m;
    if (items == 1 && (m > 1 || t < m)) {
        if (t == m)
            return mk_error(ctx, MK_EINPUT,
                            "--verify: player %zu: '%.*s' is no strategy (a name or a number "
                            "1..%zu), and %zu probabilities are needed otherwise",
                            i + 1, (int)(len < 40 ? len : 40), s, m, m);
        for (size_t u = 0; u < m; u++)
            if ((out[u] = copy_span(u == t ? "1" : "0", 1)) == NULL)
                return mk_error(ctx, MK_ENOMEM, "out of memory");
        return MK_OK;
    }
    if (items != m)
        return mk_error(ctx, MK_EINPUT,
                        "--verify: player %zu: %zu probabilities for %zu strategies", i + 1, items,
                        m);
    for (size_t u = 0; u < m; u++) {
        const char *end = memchr(s, ',', len);
        size_t part = end != NULL ? (size_t)(end - s) : len;
        if ((out[u] = copy_span(s, part)) == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        s += part + (end != NULL);
        len -= part + (end != NULL);
    }
    return MK_OK;
}

static int parse_inline(const mk_game *g, const char *text, profile_text *p, mk_ctx *ctx)
{
    size_t parts = 1;
    for (const char *c = text; *c != '\0'; c++)
        parts += *c == ';';
    if (parts != g->n_players)
        return mk_error(ctx, MK_EINPUT,
                        "--verify: %zu players' strategies (split by ';') for a game of %zu "
                        "players",
                        parts, g->n_players);
    for (size_t i = 0, k = 0; i < g->n_players; k += g->n_strategies[i], i++) {
        const char *end = strchr(text, ';');
        size_t len = end != NULL ? (size_t)(end - text) : strlen(text);
        int rc = inline_player(g, i, text, len, p->prob + k, ctx);
        if (rc != 0)
            return rc;
        text += len + (end != NULL);
    }
    return MK_OK;
}

/* A JSON probability: an integer or a string. */
static int json_probability(const json_t *v, size_t i, size_t s, char **out, mk_ctx *ctx)
{
    char buf[32];
    if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    else if (!json_is_string(v))
        return mk_error(ctx, MK_EINPUT,
                        "--verify: [%zu][%zu]: expected a probability (an integer or a string "
                        "such as \"1/3\")",
                        i + 1, s + 1);
    *out = copy_span(json_is_string(v) ? json_string_value(v) : buf,
                     json_is_string(v) ? strlen(json_string_value(v)) : strlen(buf));
    return *out == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : MK_OK;
}

static int parse_json(const mk_game *g, const char *path, profile_text *p, mk_ctx *ctx)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err), *lists = root;
    if (root == NULL)
        return mk_error(ctx, MK_EINPUT, "--verify: %s: line %d, column %d: %s", path, err.line,
                        err.column, err.text);
    if (json_is_object(root))
        lists = json_object_get(root, "strategies");
    int rc = MK_OK;
    if (!json_is_array(lists) || json_array_size(lists) != g->n_players)
        rc = mk_error(ctx, MK_EINPUT,
                      "--verify: %s: expected a list of %zu lists of probabilities (one per "
                      "player), or an object with such a list under \"strategies\"",
                      path, g->n_players);
    for (size_t i = 0, k = 0; rc == 0 && i < g->n_players; i++) {
        json_t *list = json_array_get(lists, i);
        if (!json_is_array(list) || json_array_size(list) != g->n_strategies[i])
            rc = mk_error(ctx, MK_EINPUT,
                          "--verify: %s: player %zu: expected a list of %zu probabilities", path,
                          i + 1, g->n_strategies[i]);
        for (size_t s = 0; rc == 0 && s < g->n_strategies[i]; s++, k++)
            rc = json_probability(json_array_get(list, s), i, s, &p->prob[k], ctx);
    }
    json_decref(root);
    return rc;
}

/* ---- output --------------------------------------------------------------------------------- */

static int verify_json(const solve_input *in, const mk_game *g, const profile_text *p,
                       const mk_regret *r)
{
    json_t *strategies = json_array(), *payoffs = json_array(), *best = json_array(),
           *best_payoffs = json_array(), *regrets = json_array();
    for (size_t i = 0, k = 0; i < g->n_players; i++) {
        json_t *list = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++, k++)
            json_array_append_new(list, json_string(p->prob[k]));
        json_array_append_new(strategies, list);
        json_array_append_new(payoffs, json_string(r->payoff[i]));
        json_array_append_new(best, strategy_json(g, i, r->best_reply[i]));
        json_array_append_new(best_payoffs, json_string(r->best_payoff[i]));
        json_array_append_new(regrets, json_string(r->regret[i]));
    }
    json_t *result = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}", "strategies", strategies,
                               "payoffs", payoffs, "best_reply", best, "best_reply_payoff",
                               best_payoffs, "regret", regrets, "nash", r->is_nash);
    return write_envelope("verify", in, g, result);
}

static int verify_text(const mk_game *g, const mk_regret *r)
{
    char buf[32];
    game_text(g);
    printf("%-8s %-20s %-20s %-12s %s\n", "player", "payoff", "best pure reply", "its payoff",
           "regret");
    for (size_t i = 0; i < g->n_players; i++)
        printf("%-8zu %-20s %-20s %-12s %s\n", i + 1, r->payoff[i],
               strategy_text(g, i, r->best_reply[i], buf, sizeof buf), r->best_payoff[i],
               r->regret[i]);
    printf("%s\n", r->is_nash ? "a Nash equilibrium: no player gains by a pure deviation"
                              : "not a Nash equilibrium: a player with a positive regret gains");
    return ferror(stdout) ? -1 : 0;
}

int solve_verify(const char *profile, cli_format format, const solve_input *in, const mk_game *g,
                 mk_ctx *ctx)
{
    profile_text p = {NULL, 0};
    for (size_t i = 0; i < g->n_players; i++)
        p.n += g->n_strategies[i];
    p.prob = calloc(p.n, sizeof *p.prob);
    if (p.prob == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the profile");
    int rc =
        profile[0] == '@' ? parse_json(g, profile + 1, &p, ctx) : parse_inline(g, profile, &p, ctx);
    mk_regret r = MK_REGRET_INIT;
    if (rc == 0 && (rc = mk_game_regret(g, (const char *const *)p.prob, &r, ctx)) != 0)
        mk_error_prefix(ctx, "--verify");
    if (rc == 0) {
        int w = format == CLI_FORMAT_JSON ? verify_json(in, g, &p, &r) : verify_text(g, &r);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_regret_free(&r);
    profile_text_free(&p);
    return rc;
}
