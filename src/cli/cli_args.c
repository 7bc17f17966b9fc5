/* The arguments that every command running a mechanism takes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    if (s[0] < '0' || s[0] > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cli_take_file(const char *command, const char *arg, int has_value, const char **path)
{
    if (arg[0] == '-' && arg[1] != '\0')
        return cli_usage_error(command, "unknown option '%s'%s", arg,
                               has_value ? "" : " (or its value is missing)");
    if (*path != NULL)
        return cli_usage_error(command, "unexpected argument '%s'", arg);
    *path = arg;
    return CLI_ARGS_TAKEN;
}

int cli_need_file(const char *command, const char *path)
{
    if (path == NULL)
        return cli_usage_error(command, "no input file (give a file name, or - for stdin)");
    return CLI_OK;
}

int cli_args_next(cli_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    int has_value = *i + 1 < argc;
    const char *value = has_value ? argv[*i + 1] : NULL;
    mk_ctx ctx = MK_CTX_INIT;
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
        return CLI_ARGS_HELP;
    if (strcmp(arg, "--skip-bad-rows") == 0) { /* -p skip_bad_rows=true, where a reader has it */
        if (mk_params_set(&a->params, "skip_bad_rows", "true", &ctx) != 0)
            return cli_fail(&ctx);
        return CLI_ARGS_TAKEN;
    }
    if (strcmp(arg, "-p") == 0 && has_value) {
        if (mk_params_set_arg(&a->params, value, &ctx) != 0)
            return cli_fail(&ctx);
    } else if (strcmp(arg, "--format") == 0 && has_value) {
        if (cli_parse_format(value, &a->format) != 0)
            return cli_usage_error(a->command, "unknown format '%s' (json or text)", value);
    } else if (strcmp(arg, "--input-format") == 0 && has_value) {
        a->input_format = value;
    } else if (strcmp(arg, "--output") == 0 && has_value) {
        a->output = value;
    } else if (a->name == NULL && !(arg[0] == '-' && arg[1] != '\0')) {
        a->name = arg;
        return CLI_ARGS_TAKEN;
    } else {
        return cli_take_file(a->command, arg, has_value, &a->path);
    }
    (*i)++; /* the option's value */
    return CLI_ARGS_TAKEN;
}

int cli_args_check(const cli_args *a, int need_path)
{
    if (a->name == NULL)
        return cli_usage_error(a->command, "which mechanism? (see 'mechkit list')");
    return need_path ? cli_need_file(a->command, a->path) : CLI_OK;
}

int cli_count_option(const char *command, const char *arg, const char *value,
                     const cli_count *counts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(arg, counts[i].name) != 0)
            continue;
        uint64_t v;
        if (cli_parse_u64(value, counts[i].min, counts[i].max, &v) != 0)
            return cli_usage_error(command, "%s takes an integer from %llu to %llu", arg,
                                   (unsigned long long)counts[i].min,
                                   (unsigned long long)counts[i].max);
        if (counts[i].u64 != NULL)
            *counts[i].u64 = v;
        else
            *counts[i].size = (size_t)v;
        return CLI_OK;
    }
    return 1;
}
