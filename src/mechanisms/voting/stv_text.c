/* result_text of the STV counts: a stage-by-stage table of the tallies,
 * then what each stage did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stv_internal.h"

/* x for the table: the rule's exact decimal, or (exact fractions) the
 * decimal truncated to 5 places. */
static char *shown(const stv *s, const mpq_t x)
{
    int places = stv_places(s);
    if (places >= 0)
        return stv_format(x, places);
    mpq_t t;
    mpq_init(t);
    mpz_set_ui(mpq_denref(t), 100000);
    mpz_mul(mpq_numref(t), mpq_numref(x), mpq_denref(t));
    mpz_fdiv_q(mpq_numref(t), mpq_numref(t), mpq_denref(x));
    mpq_canonicalize(t);
    char *text = stv_format(t, 5);
    mpq_clear(t);
    return text;
}

static void cell(FILE *f, const stv *s, const mpq_t x, int width)
{
    char *text = shown(s, x);
    fprintf(f, " %*s", width, text != NULL ? text : "?");
    free(text);
}

static int label_width(const stv *s)
{
    char buf[24];
    size_t w = strlen("non-transferable");
    for (size_t j = 0; j < s->m; j++) {
        size_t l = strlen(stv_name(s, j, buf, sizeof buf));
        w = l > w ? l : w;
    }
    return w > 40 ? 40 : (int)w;
}

static void table(FILE *f, const stv *s)
{
    int w = label_width(s), cw = s->rule == STV_MEEK ? 16 : 12;
    char buf[24];
    fprintf(f, "%-*s", w, "stage");
    for (size_t k = 0; k < s->n_stages; k++)
        fprintf(f, " %*zu", cw, k + 1);
    fputc('\n', f);
    for (size_t j = 0; j <= s->m + 1; j++) {
        const char *label = j < s->m    ? stv_name(s, j, buf, sizeof buf)
                            : j == s->m ? "non-transferable"
                                        : "quota";
        size_t at = j < s->m ? j : j == s->m ? 2 * s->m : 2 * s->m + 1;
        fprintf(f, "%-*.*s", w, w, label);
        for (size_t k = 0; k < s->n_stages; k++) {
            if (j < s->m && s->stage_excluded[j] >= 0 && (size_t)s->stage_excluded[j] < k)
                fprintf(f, " %*s", cw, "-");
            else
                cell(f, s, s->stage[k].value[at], cw);
        }
        fputc('\n', f);
    }
}

static void stage_lines(FILE *f, const stv *s)
{
    char buf[24];
    for (size_t k = 0; k < s->n_stages; k++) {
        const stv_stage *st = &s->stage[k];
        fprintf(f, "stage %zu: ", k + 1);
        if (st->action == STV_FIRST)
            fprintf(f, "first preferences");
        else if (st->from < 0)
            fprintf(f, "surpluses redistributed");
        else
            fprintf(f, "%s %s", st->action == STV_SURPLUS ? "surplus of" : "exclusion of",
                    stv_name(s, (size_t)st->from, buf, sizeof buf));
        if (st->tie != STV_TIE_NONE)
            fprintf(f, " (tie broken by %s)", st->tie == STV_TIE_LOT ? "lot" : "an earlier stage");
        if (s->rule == STV_MEEK)
            fprintf(f, ", %zu iteration%s", st->iterations, st->iterations == 1 ? "" : "s");
        for (size_t i = 0; i < s->n_elected; i++)
            if (s->stage_elected[s->order[i]] == (long)k)
                fprintf(f, "; elected %s%s", stv_name(s, s->order[i], buf, sizeof buf),
                        s->by_rule_52[s->order[i]] ? " (last vacancies)" : "");
        for (size_t j = 0; s->rule == STV_MEEK && j < s->m; j++)
            if (mpq_sgn(st->value[s->m + j]) > 0) {
                char *keep = stv_format(st->value[s->m + j], 9);
                fprintf(f, "; keep %s %s", stv_name(s, j, buf, sizeof buf), keep);
                free(keep);
            }
        fputc('\n', f);
    }
}

int stv_result_text(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                    char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports;
    const stv *s = (const stv *)inst;
    char *out = NULL, buf[24];
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (f == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the count report");
    fprintf(f, "seats: %lld; valid votes: %lld; invalid: %lld\n", (long long)s->seats,
            (long long)s->valid, (long long)s->invalid);
    fprintf(f, "elected, in order:");
    for (size_t i = 0; i < s->n_elected; i++)
        fprintf(f, "%s%s", i > 0 ? ", " : " ", stv_name(s, s->order[i], buf, sizeof buf));
    fputc('\n', f);
    if (s->rule == STV_GREGORY)
        fprintf(f, "(values truncated to 5 decimals here; the JSON output is exact)\n");
    table(f, s);
    stage_lines(f, s);
    if (fclose(f) != 0 || out == NULL) {
        free(out);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the count report");
    }
    *text = out;
    return MK_OK;
}
