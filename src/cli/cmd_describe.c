/* mechkit describe NAME: parameters, input format and claims of one
 * mechanism, or what a solver of `solve` or an index of `coop` computes. */
#include <jansson.h>
#include <string.h>

#include "cli.h"

static const char *const kind_names[] = {"integer", "money", "decimal", "list", "choice", "text"};

static int help(void)
{
    printf("usage: mechkit describe NAME [--format text|json]\n\n"
           "Shows a mechanism's summary, the properties it claims, its input format\n"
           "and its parameters with their defaults; or, for a method of solve\n"
           "(solve.M or M, e.g. solve.enummixed) or an index of coop (coop.I or I,\n"
           "e.g. coop.nucleolus), what it computes, its input, limits and output.\n");
    return cli_flush_stdout();
}

static void claims_text(unsigned claims)
{
    int any = 0;
    for (unsigned bit = 1; bit != 0 && bit <= claims; bit <<= 1)
        if (claims & bit) {
            printf("%s%s", any ? ", " : "", mk_claim_name(bit));
            any = 1;
        }
    printf("%s\n", any ? "" : "none");
}

/* Prints text after `indent` spaces, wrapped at 78 columns on spaces. */
static void wrapped(const char *text, int indent)
{
    enum { WIDTH = 78 };
    int column = indent;
    printf("%*s", indent, "");
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + (int)word > WIDTH) {
            printf("\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            putchar(' ');
            column++;
        }
        printf("%.*s", (int)word, text);
        column += (int)word;
        text += word;
        text += strspn(text, " ");
    }
    putchar('\n');
}

static void describe_text(const mk_mechanism *m)
{
    printf("%s\n", m->name);
    wrapped(m->summary, 2);
    printf("\nclaims: ");
    claims_text(m->claims);
    printf("\ninput:\n");
    wrapped(m->input_help, 2);
    printf("\nparameters (-p KEY=VALUE):\n");
    for (const mk_param_spec *p = m->params; p != NULL && p->name != NULL; p++) {
        printf("  %s (%s", p->name, kind_names[p->kind]);
        if (p->kind == MK_PARAM_CHOICE)
            printf(": %s", p->choices);
        if (p->default_value != NULL)
            printf("; default %s", p->default_value);
        printf(")\n");
        wrapped(p->help, 6);
    }
}

static json_t *describe_json(const mk_mechanism *m)
{
    json_t *claims = json_array(), *params = json_array();
    for (unsigned bit = 1; bit != 0 && bit <= m->claims; bit <<= 1)
        if (m->claims & bit)
            json_array_append_new(claims, json_string(mk_claim_name(bit)));
    for (const mk_param_spec *p = m->params; p != NULL && p->name != NULL; p++) {
        json_t *param = json_pack("{s:s, s:s, s:s}", "name", p->name, "kind", kind_names[p->kind],
                                  "help", p->help);
        json_object_set_new(param, "default",
                            p->default_value ? json_string(p->default_value) : json_null());
        if (p->kind == MK_PARAM_CHOICE)
            json_object_set_new(param, "choices", json_string(p->choices));
        json_array_append_new(params, param);
    }
    return json_pack("{s:s, s:s, s:o, s:s, s:o}", "name", m->name, "summary", m->summary, "claims",
                     claims, "input", m->input_help, "params", params);
}

/* The solver called name ("solve.M", "coop.I", or a bare M or I), with the
 * command that runs it; NULL when there is none. */
static const cli_solver *find_solver(const char *name, const char **command)
{
    static const struct {
        const char *prefix, *command;
        const cli_solver *table;
    } kinds[] = {{"solve.", "mechkit solve --method", cli_solve_methods},
                 {"coop.", "mechkit coop --index", cli_coop_indices}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t len = strlen(kinds[k].prefix);
        const char *bare = strncmp(name, kinds[k].prefix, len) == 0 ? name + len : name;
        for (const cli_solver *s = kinds[k].table; s->name != NULL; s++)
            if (strcmp(bare, s->name) == 0) {
                *command = kinds[k].command;
                return s;
            }
    }
    return NULL;
}

static int describe_solver(const cli_solver *s, const char *command, cli_format format)
{
    if (format == CLI_FORMAT_TEXT) {
        printf("%s %s\n", command, s->name);
        wrapped(s->summary, 2);
        printf("\n");
        wrapped(s->details, 2);
        return cli_flush_stdout();
    }
    char run[96];
    snprintf(run, sizeof run, "%s %s", command, s->name);
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s}", "name", s->name, "command", run, "summary",
                            s->summary, "details", s->details);
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    if (rc != 0)
        return CLI_INTERNAL;
    putchar('\n');
    return cli_flush_stdout();
}

int cmd_describe(int argc, char **argv, const mk_registry *reg)
{
    cli_format format = CLI_FORMAT_TEXT;
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help();
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if (cli_parse_format(argv[++i], &format) != 0)
                return cli_usage_error("describe", "unknown format '%s'", argv[i]);
        } else if (name == NULL && argv[i][0] != '-') {
            name = argv[i];
        } else {
            return cli_usage_error("describe", "unexpected argument '%s'", argv[i]);
        }
    }
    if (name == NULL)
        return cli_usage_error("describe", "which mechanism? (see 'mechkit list')");
    const char *command;
    const cli_solver *solver = find_solver(name, &command);
    if (solver != NULL)
        return describe_solver(solver, command, format);
    mk_ctx ctx = MK_CTX_INIT;
    const mk_mechanism *m;
    if (mk_registry_find(reg, name, &m, &ctx) != 0)
        return cli_fail(&ctx);
    if (format == CLI_FORMAT_TEXT) {
        describe_text(m);
        return cli_flush_stdout();
    }
    json_t *doc = describe_json(m);
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    if (rc != 0)
        return CLI_INTERNAL;
    putchar('\n');
    return cli_flush_stdout();
}
