/* mechkit list: the catalogue, one line per mechanism. */
#include <jansson.h>
#include <string.h>

#include "cli.h"

static int help(void)
{
    printf("usage: mechkit list [--format text|json]\n\n"
           "Lists every mechanism with a one-line summary, then the methods of\n"
           "mechkit solve and the indices of mechkit coop (text, the default\n"
           "here), or the mechanisms as a JSON\n"
           "array of {name, summary}.\n");
    return cli_flush_stdout();
}

int cmd_list(int argc, char **argv, const mk_registry *reg)
{
    cli_format format = CLI_FORMAT_TEXT;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help();
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if (cli_parse_format(argv[++i], &format) != 0)
                return cli_usage_error("list", "unknown format '%s'", argv[i]);
            continue;
        }
        return cli_usage_error("list", "unexpected argument '%s'", argv[i]);
    }
    size_t n = mk_registry_count(reg);
    if (format == CLI_FORMAT_TEXT) {
        for (size_t i = 0; i < n; i++) {
            const mk_mechanism *m = mk_registry_at(reg, i);
            printf("%-28s %s\n", m->name, m->summary);
        }
        printf("\nsolvers of normal-form games (mechkit solve --method M FILE.nfg):\n");
        for (const cli_solver *s = cli_solve_methods; s->name != NULL; s++)
            printf("%-28s %s\n", s->name, s->summary);
        printf("\nindices of cooperative games (mechkit coop --index I FILE; mechkit coop "
               "--help):\n");
        for (const cli_solver *s = cli_coop_indices; s->name != NULL; s++)
            printf("%-28s %s\n", s->name, s->summary);
        return cli_flush_stdout();
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        const mk_mechanism *m = mk_registry_at(reg, i);
        json_array_append_new(list,
                              json_pack("{s:s, s:s}", "name", m->name, "summary", m->summary));
    }
    int rc = json_dumpf(list, stdout, JSON_INDENT(2));
    json_decref(list);
    if (rc != 0)
        return CLI_INTERNAL;
    putchar('\n');
    return cli_flush_stdout();
}
