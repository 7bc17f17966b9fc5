/* The options of `mechkit solve` beyond the method (solve_cli.h), and the
 * choice of the input format. */
#include <stdio.h>
#include <string.h>

#include "mechkit/game_json.h"
#include "mechkit/nfg.h"
#include "solve_cli.h"

void solve_options_help(void)
{
    printf("\ninput formats (--input-format, else .json or .nfg, else '{' first is JSON):\n"
           "  nfg   Gambit's .nfg, payoff or outcome version\n"
           "  json  {\"title\", \"players\": [names], \"strategies\": [[names] or a count\n"
           "        per player], \"payoffs\": [one array per player]}; player i's array is\n"
           "        nested, payoffs[i][s1][s2]... (rows = player 1's strategies), or flat,\n"
           "        one payoff per profile with player 1's strategy varying fastest.\n"
           "        Payoffs are integers or strings (\"2.5\", \"7/3\"), kept exact.\n"
           "\nmore options:\n"
           "  --format gambit       pure, lcp, enummixed, enumpoly: Gambit's lines\n"
           "                        NE,p1,p2,...\n"
           "                        (every player's probabilities in turn, exact)\n"
           "  --verify PROFILE      check PROFILE exactly instead of solving. PROFILE is\n"
           "                        \"1/2,1/2;0,1\" (players split by ';', probabilities\n"
           "                        by ','; a lone strategy name or number is that pure\n"
           "                        strategy: \"Defect;Defect\"), or @FILE: JSON, a list\n"
           "                        of lists or an object with \"strategies\" (such as an\n"
           "                        equilibrium printed by solve). result is {strategies,\n"
           "                        payoffs, best_reply, best_reply_payoff, regret, nash}:\n"
           "                        regret = best pure reply's payoff - payoff, per\n"
           "                        player; nash is true when every regret is 0\n"
           "  -p dominance=strict|weak  dominance: strictly (default) or weakly dominated\n"
           "  -p by=pure|mixed      dominance: dominators pure (default) or mixed (one\n"
           "                        exact LP per strategy; at most 1024 profiles of the\n"
           "                        others)\n"
           "  -p KEY=VALUE          kantian: kind=superrational|multiplicative|additive,\n"
           "                        levels=...; metagame: procedures=...\n"
           "For enumpoly, result is {equilibria: [{strategies, payoffs, exact,\n"
           "enclosure}], count, complete, unresolved_supports, supports}: an exact\n"
           "equilibrium has fractions; an irrational one has 17-digit midpoints and\n"
           "enclosure {strategies, payoffs} of certified [lower, upper] bounds;\n"
           "complete is true when no support profile was left unresolved (listed, each\n"
           "a list of strategies per player: continua of equilibria and ties).\n"
           "Strict elimination leaves the same strategies in any order. Weak elimination\n"
           "depends on the order; mechkit removes, in each round, every weakly dominated\n"
           "strategy of every player at once (judged in the game left by the previous\n"
           "rounds), and reports the rounds.\n");
}

/* -p KEY=VALUE: dominance's own, else kept for kantian and metagame
 * (their keys are checked when they bind them). */
static int solve_param(const char *kv, solve_options *o)
{
    mk_dominance_options *d = &o->dominance;
    if (strncmp(kv, "dominance=", 10) != 0 && strncmp(kv, "by=", 3) != 0) {
        mk_ctx ctx = MK_CTX_INIT;
        if (mk_params_set_arg(&o->params, kv, &ctx) != 0)
            return cli_usage_error("solve", "%s", ctx.message);
        return CLI_ARGS_TAKEN;
    }
    if (strcmp(kv, "dominance=strict") == 0)
        d->kind = MK_DOMINANCE_STRICT;
    else if (strcmp(kv, "dominance=weak") == 0)
        d->kind = MK_DOMINANCE_WEAK;
    else if (strcmp(kv, "by=pure") == 0)
        d->by = MK_DOMINANCE_BY_PURE;
    else if (strcmp(kv, "by=mixed") == 0)
        d->by = MK_DOMINANCE_BY_MIXED;
    else
        return cli_usage_error(
            "solve", "unknown parameter '%s' (dominance=strict|weak or by=pure|mixed)", kv);
    return CLI_ARGS_TAKEN;
}

int solve_option(int argc, char **argv, int *i, solve_options *o)
{
    const char *arg = argv[*i], *value = *i + 1 < argc ? argv[*i + 1] : NULL;
    int status = CLI_ARGS_TAKEN;
    if (value == NULL)
        return CLI_OK;
    if (strcmp(arg, "--format") == 0 && strcmp(value, "gambit") != 0) {
        o->gambit = 0; /* the last --format counts; cmd_solve.c reads this one */
        return CLI_OK;
    }
    if (strcmp(arg, "--format") == 0)
        o->gambit = 1;
    else if (strcmp(arg, "--input-format") == 0 && strcmp(value, "nfg") != 0 &&
             strcmp(value, "json") != 0)
        return cli_usage_error("solve", "unknown input format '%s' (nfg or json)", value);
    else if (strcmp(arg, "--input-format") == 0)
        o->input_format = value;
    else if (strcmp(arg, "--verify") == 0)
        o->verify = value;
    else if (strcmp(arg, "-p") == 0)
        status = solve_param(value, o);
    else
        return CLI_OK;
    (*i)++;
    return status;
}

int solve_options_check(const solve_options *o, const char *method)
{
    int equilibria = strcmp(method, "pure") == 0 || strcmp(method, "lcp") == 0 ||
                     strcmp(method, "enummixed") == 0 || strcmp(method, "enumpoly") == 0;
    if (o->gambit && (o->verify != NULL || !equilibria))
        return cli_usage_error("solve",
                               "--format gambit prints equilibria: it goes with --method "
                               "pure, lcp or enummixed, not %s",
                               o->verify != NULL ? "--verify" : method);
    mk_dominance_options defaults = MK_DOMINANCE_OPTIONS_INIT;
    if (strcmp(method, "dominance") != 0 && o->verify == NULL &&
        (o->dominance.kind != defaults.kind || o->dominance.by != defaults.by))
        return cli_usage_error("solve", "-p dominance= and -p by= go with --method dominance");
    if (o->params.n > 0 && strcmp(method, "kantian") != 0 && strcmp(method, "metagame") != 0)
        return cli_usage_error("solve",
                               "-p %s=...: --method %s takes no such parameter (dominance takes "
                               "dominance= and by=; kantian kind= and levels=; metagame "
                               "procedures=)",
                               o->params.key[0], method);
    return CLI_OK;
}

/* 1 when name ends in suffix. */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* The format of f: the extension, else the first byte that is not space. */
static int is_json(const cli_file *f)
{
    if (ends_with(f->name, ".json"))
        return 1;
    if (ends_with(f->name, ".nfg"))
        return 0;
    size_t k = 0;
    while (k < f->len && strchr(" \t\r\n", f->data[k]) != NULL)
        k++;
    return k < f->len && f->data[k] == '{';
}

int solve_read_game(const char *format, const cli_file *f, mk_game **out, mk_ctx *ctx)
{
    int json = format != NULL ? strcmp(format, "json") == 0 : is_json(f);
    return json ? mk_game_read_json(f->data, f->len, f->name, out, ctx)
                : mk_game_read_nfg(f->data, f->len, f->name, out, ctx);
}
