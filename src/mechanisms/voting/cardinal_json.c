/* result_json and result_text of the rules on score ballots (keys in
 * cardinal.h). */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cardinal_internal.h"

#define NAME(j) card_name(c, (j), buf, sizeof buf)

static const char *step_name(star_step s)
{
    switch (s) {
    case STAR_HEAD_TO_HEAD: return "most head-to-head wins among the tied";
    case STAR_HIGHER_SCORE: return "higher total score";
    case STAR_MOST_MAX: return "most top scores";
    default: return "ties parameter (no step broke the tie)";
    }
}

static json_t *per_candidate(const cardinal *c, const int64_t *value)
{
    json_t *o = json_object();
    char buf[24];
    for (size_t j = 0; j < c->m; j++)
        json_object_set_new(o, NAME(j), json_integer(value[j]));
    return o;
}

static void add_star(json_t *r, const cardinal *c)
{
    size_t m = c->m;
    char buf[24];
    json_t *fin = json_array(), *breaks = json_array();
    for (size_t f = 0; f < c->n_finalists; f++)
        json_array_append_new(fin, json_string(NAME(c->finalist[f])));
    json_object_set_new(r, "finalists", fin);
    if (c->n_finalists == 2) {
        size_t a = c->finalist[0], b = c->finalist[1];
        int64_t x = c->pairwise[a * m + b], y = c->pairwise[b * m + a];
        json_t *run = json_object();
        json_object_set_new(run, NAME(a), json_integer(x));
        json_object_set_new(run, NAME(b), json_integer(y));
        json_object_set_new(run, "no_preference", json_integer(c->voters - x - y));
        json_object_set_new(r, "runoff", run);
    }
    for (size_t k = 0; k < c->n_tiebreaks; k++) {
        const star_tiebreak *t = &c->tiebreak[k];
        json_t *o = json_object();
        json_object_set_new(o, "round", json_string(t->runoff ? "runoff" : "scoring"));
        json_object_set_new(o, "tied", json_integer((json_int_t)t->tied));
        json_object_set_new(o, "broken_by", json_string(step_name(t->step)));
        json_object_set_new(o, "chosen", json_string(NAME(t->chosen)));
        json_array_append_new(breaks, o);
    }
    json_object_set_new(r, "tiebreaks", breaks);
    json_object_set_new(r, "top_scores", per_candidate(c, c->top));
    json_t *rows = json_array();
    for (size_t a = 0; a < m; a++) {
        json_t *row = json_array();
        for (size_t b = 0; b < m; b++)
            json_array_append_new(row, json_integer(c->pairwise[a * m + b]));
        json_array_append_new(rows, row);
    }
    json_object_set_new(r, "pairwise", rows);
    long cw = -1;
    for (size_t a = 0; a < m && cw < 0; a++) {
        size_t beats = 0;
        for (size_t b = 0; b < m; b++)
            beats += b != a && c->pairwise[a * m + b] > c->pairwise[b * m + a];
        if (beats + 1 == m)
            cw = (long)a;
    }
    json_object_set_new(r, "condorcet_winner", cw < 0 ? json_null() : json_string(NAME(cw)));
}

static void add_mj(json_t *r, const cardinal *c)
{
    char buf[24];
    json_object_set_new(r, "majority_grades", per_candidate(c, c->grade));
    json_t *gauge = json_object();
    for (size_t j = 0; j < c->m; j++) {
        json_t *o = json_object();
        json_object_set_new(o, "above", json_integer(c->above[j]));
        json_object_set_new(o, "below", json_integer(c->below[j]));
        json_object_set_new(gauge, NAME(j), o);
    }
    json_object_set_new(r, "gauge", gauge);
}

int card_result_json(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                     void *result, mk_ctx *ctx)
{
    (void)outcome;
    const cardinal *c = (const cardinal *)inst;
    json_t *r = result;
    char buf[24];
    if (c->m != reports->width)
        return mk_error(ctx, MK_EINTERNAL, "result of another profile");
    json_t *cands = json_array(), *winners = json_array(), *ranking = json_array();
    for (size_t j = 0; j < c->m; j++) {
        json_array_append_new(cands, json_string(NAME(j)));
        if (c->winner[j])
            json_array_append_new(winners, json_string(NAME(j)));
        json_array_append_new(ranking, json_string(NAME(c->ranking[j])));
    }
    json_object_set_new(r, "candidates", cands);
    json_object_set_new(r, "winners", winners);
    json_object_set_new(r, "chosen", json_string(NAME(c->chosen)));
    json_object_set_new(r, "ties", json_string(c->ties_random ? "random" : "lowest"));
    json_object_set_new(r, "ranking", ranking);
    if (c->rule == CARD_MJ)
        add_mj(r, c);
    else
        json_object_set_new(r, "scores", per_candidate(c, c->score));
    if (c->rule == CARD_STAR)
        add_star(r, c);
    return MK_OK;
}

int card_result_text(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                     char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports;
    const cardinal *c = (const cardinal *)inst;
    char *buf_text = NULL, buf[24];
    size_t len = 0;
    FILE *f = open_memstream(&buf_text, &len);
    if (f == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    fprintf(f, "%-24s %s\n", "candidate",
            c->rule == CARD_MJ         ? "majority grade (above/below)"
            : c->rule == CARD_APPROVAL ? "approvals"
                                       : "total score");
    for (size_t k = 0; k < c->m; k++) {
        size_t j = c->ranking[k];
        if (c->rule == CARD_MJ)
            fprintf(f, "%-24.24s %" PRId64 " (%" PRId64 "/%" PRId64 ")", NAME(j), c->grade[j],
                    c->above[j], c->below[j]);
        else
            fprintf(f, "%-24.24s %" PRId64, NAME(j), c->score[j]);
        fputs(c->winner[j] ? "  *\n" : "\n", f);
    }
    if (c->rule == CARD_STAR && c->n_finalists == 2) {
        size_t m = c->m, a = c->finalist[0], b = c->finalist[1];
        fprintf(f, "runoff: %s %" PRId64, NAME(a), c->pairwise[a * m + b]);
        fprintf(f, ", %s %" PRId64 ", no preference %" PRId64 "\n", NAME(b), c->pairwise[b * m + a],
                c->voters - c->pairwise[a * m + b] - c->pairwise[b * m + a]);
    }
    for (size_t k = 0; k < c->n_tiebreaks; k++)
        fprintf(f, "%s tie of %zu broken by %s: %s\n",
                c->tiebreak[k].runoff ? "runoff" : "scoring round", c->tiebreak[k].tied,
                step_name(c->tiebreak[k].step), NAME(c->tiebreak[k].chosen));
    fprintf(f, "winners:");
    for (size_t j = 0; j < c->m; j++)
        if (c->winner[j])
            fprintf(f, " %s", NAME(j));
    fprintf(f, "\nchosen: %s (ties: %s)\n", NAME(c->chosen), c->ties_random ? "random" : "lowest");
    if (fclose(f) != 0) {
        free(buf_text);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    }
    *text = buf_text;
    return MK_OK;
}
