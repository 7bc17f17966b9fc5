/* mechkit: the command-line tool. A table of subcommands, one file each. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv, const mk_registry *reg);
    const char *summary;
} subcommand;

static const subcommand subcommands[] = {
    {"list", cmd_list, "list the mechanisms, one line each"},
    {"describe", cmd_describe, "parameters, input format and claimed properties of one"},
    {"run", cmd_run, "run a mechanism on an input file"},
    {"audit", cmd_audit, "search a mechanism for profitable lies; check its claims"},
    {"sim", cmd_sim, "agents playing a mechanism repeatedly: learning, regret, welfare"},
    {"solve", cmd_solve, "equilibria of a normal-form game (.nfg)"},
    {"coop", cmd_coop,
     "cooperative games: Shapley values, power indices, bankruptcy rules, core, nucleolus"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: mechkit <command> [options]\n\n"
                 "mechkit runs, audits and simulates mechanisms, and solves games, exactly.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
    fprintf(out, "\noptions:\n  --help     this text ('mechkit <command> --help' for one)\n"
                 "  --version  the version\n\n"
                 "exit status: 0 success, 2 bad input or usage, 1 internal failure\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        usage(stdout);
        return cli_flush_stdout();
    }
    if (strcmp(command, "--version") == 0) {
        printf("mechkit %s\n", MECHKIT_VERSION);
        return cli_flush_stdout();
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(command, subcommands[i].name) != 0)
            continue;
        mk_ctx ctx = MK_CTX_INIT;
        mk_registry *reg = NULL;
        if (mk_registry_new(&reg, &ctx) != 0)
            return cli_fail(&ctx);
        int status = subcommands[i].run(argc - 1, argv + 1, reg);
        mk_registry_free(reg);
        return status;
    }
    fprintf(stderr, "mechkit: unknown command '%s'\n\n", command);
    usage(stderr);
    return CLI_USAGE;
}
