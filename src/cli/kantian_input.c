/* Reading games for the Kantian solvers and the metagame (kantian_cli.h). */
#include <stdlib.h>
#include <string.h>

#include "kantian_cli.h"
#include "mechkit/nfg.h"

/* Most payoff cells of a table made from a compact game (16 MiB). */
#define TABLE_MAX_CELLS ((size_t)1 << 20)

/* 1 when the table of every profile of s has at most TABLE_MAX_CELLS cells. */
static int table_is_small(const mk_symgame *s)
{
    size_t cells = s->n_players;
    for (size_t i = 0; i < s->n_players; i++)
        if (__builtin_mul_overflow(cells, s->n_strategies, &cells) || cells > TABLE_MAX_CELLS)
            return 0;
    return 1;
}

int kantian_input_read(const char *path, int need_symmetric, kantian_input *in, mk_ctx *ctx)
{
    memset(in, 0, sizeof *in);
    int rc = cli_file_read(path, &in->file, ctx);
    if (rc == 0)
        rc = mk_sha256_hex(in->file.data, in->file.len, in->sha256, ctx);
    if (rc != 0)
        return rc;
    if (mk_symgame_json_detect(in->file.data, in->file.len)) {
        in->compact = 1;
        rc = mk_symgame_read_json(in->file.data, in->file.len, in->file.name, &in->sym, ctx);
        /* A table only when it is small: 20 players need 2^20 profiles. */
        if (rc == 0 && !need_symmetric && !table_is_small(in->sym))
            rc = mk_error(ctx, MK_ELIMIT,
                          "%s: the game is too big for a table of every profile (more than %zu "
                          "payoffs); the superrational solver reads it compactly",
                          in->file.name, TABLE_MAX_CELLS);
        if (rc == 0 && !need_symmetric)
            rc = mk_symgame_to_game(in->sym, &in->table, ctx);
        return rc;
    }
    rc = mk_game_read_nfg(in->file.data, in->file.len, in->file.name, &in->table, ctx);
    if (rc == 0 && need_symmetric) {
        rc = mk_symgame_from_game(in->table, &in->sym, ctx);
        if (rc != 0)
            mk_error_prefix(ctx, "%s", in->file.name);
    }
    return rc;
}

void kantian_input_free(kantian_input *in)
{
    mk_game_free(in->table);
    mk_symgame_free(in->sym);
    cli_file_free(&in->file);
    memset(in, 0, sizeof *in);
}

/* The procedure named word[0..len). */
static int procedure_of(const char *word, size_t len, const mk_symgame *base, mk_procedure *p)
{
    if (len == 4 && strncmp(word, "nash", 4) == 0) {
        *p = (mk_procedure){MK_PROCEDURE_NASH, 0};
        return 0;
    }
    if (len == 7 && strncmp(word, "kantian", 7) == 0) {
        *p = (mk_procedure){MK_PROCEDURE_KANTIAN, 0};
        return 0;
    }
    for (size_t s = 0; s < base->n_strategies; s++) {
        const char *name = base->strategy_names[s];
        char number[24];
        snprintf(number, sizeof number, "%zu", s + 1);
        if ((strlen(name) == len && strncmp(word, name, len) == 0) ||
            (name[0] == '\0' && strlen(number) == len && strncmp(word, number, len) == 0)) {
            *p = (mk_procedure){MK_PROCEDURE_FIXED, s};
            return 0;
        }
    }
    return -1;
}

int kantian_procedures_parse(const char *list, const mk_symgame *base, mk_procedure *out, size_t *n,
                             mk_ctx *ctx)
{
    size_t count = 0;
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (count == MK_METAGAME_MAX_PROCEDURES)
            return mk_error(ctx, MK_EPARAM, "procedures: at most %d", MK_METAGAME_MAX_PROCEDURES);
        if (procedure_of(p, len, base, &out[count]) != 0)
            return mk_error(ctx, MK_EPARAM,
                            "procedures: '%.*s' is not nash, kantian or a strategy of the game",
                            (int)len, p);
        count++;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    *n = count;
    return 0;
}
