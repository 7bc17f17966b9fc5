/* The options of `mechkit solve` beyond the method (solve_cli.h), and the
 * choice of the input format. */
#include <string.h>

#include "mechkit/game_json.h"
#include "mechkit/nfg.h"
#include "solve_cli.h"

/* -p KEY=VALUE of dominance. */
static int dominance_param(const char *kv, mk_dominance_options *d)
{
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
    if (strcmp(arg, "--format") == 0 && strcmp(value, "gambit") == 0)
        o->gambit = 1;
    else if (strcmp(arg, "--input-format") == 0 && strcmp(value, "nfg") != 0 &&
             strcmp(value, "json") != 0)
        return cli_usage_error("solve", "unknown input format '%s' (nfg or json)", value);
    else if (strcmp(arg, "--input-format") == 0)
        o->input_format = value;
    else if (strcmp(arg, "--verify") == 0)
        o->verify = value;
    else if (strcmp(arg, "-p") == 0)
        status = dominance_param(value, &o->dominance);
    else
        return CLI_OK;
    (*i)++;
    return status;
}

int solve_options_check(const solve_options *o, const char *method)
{
    int equilibria = strcmp(method, "pure") == 0 || strcmp(method, "lcp") == 0 ||
                     strcmp(method, "enummixed") == 0;
    if (o->gambit && (o->verify != NULL || !equilibria))
        return cli_usage_error("solve",
                               "--format gambit prints equilibria: it goes with --method "
                               "pure, lcp or enummixed, not %s",
                               o->verify != NULL ? "--verify" : method);
    mk_dominance_options defaults = MK_DOMINANCE_OPTIONS_INIT;
    if (strcmp(method, "dominance") != 0 && o->verify == NULL &&
        (o->dominance.kind != defaults.kind || o->dominance.by != defaults.by))
        return cli_usage_error("solve", "-p dominance= and -p by= go with --method dominance");
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
