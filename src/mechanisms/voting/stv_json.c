/* result_json of the STV counts: the winners in order, and every stage's
 * tallies, transfers and non-transferable votes as exact numbers. */
#include <jansson.h>
#include <stdlib.h>

#include "stv_internal.h"

#define NAME(j) stv_name(s, (j), buf, sizeof buf)

static json_t *number(const stv *s, const mpq_t x)
{
    char *text = stv_format(x, stv_places(s));
    json_t *j = text != NULL ? json_string(text) : json_null();
    free(text);
    return j;
}

static const char *action_name(stv_action a)
{
    return a == STV_FIRST ? "first preferences" : a == STV_SURPLUS ? "surplus" : "exclusion";
}

static const char *arithmetic(const stv *s)
{
    return s->rule == STV_SCOTTISH ? "decimal, 5 places, transfer values truncated (SSI 2007/42)"
           : s->rule == STV_MEEK
               ? "fixed point, 10^-9, keeps rounded up; iterated until the surplus <= 10^-6"
               : "exact fractions";
}

/* 1 when candidate j is still in the count at stage k (not excluded at an
 * earlier stage). */
static int shown(const stv *s, size_t j, size_t k)
{
    return s->stage_excluded[j] < 0 || (size_t)s->stage_excluded[j] >= k;
}

static json_t *transfers(const stv *s, size_t k)
{
    mpq_t *now = s->stage[k].value, *before = s->stage[k - 1].value;
    json_t *o = json_object();
    char buf[24];
    mpq_t d;
    mpq_init(d);
    for (size_t j = 0; j <= s->m; j++) {
        size_t at = j < s->m ? j : 2 * s->m;
        if (j < s->m && !shown(s, j, k))
            continue;
        mpq_sub(d, now[at], before[at]);
        json_object_set_new(o, j < s->m ? NAME(j) : "non_transferable", number(s, d));
    }
    mpq_clear(d);
    return o;
}

static json_t *stage_json(const stv *s, size_t k)
{
    const stv_stage *st = &s->stage[k];
    json_t *o = json_object(), *tally = json_object(), *elected = json_array();
    char buf[24];
    json_object_set_new(o, "round", json_integer((json_int_t)k + 1));
    json_object_set_new(o, "action", json_string(action_name(st->action)));
    json_object_set_new(o, "candidate",
                        st->from >= 0 ? json_string(NAME((size_t)st->from)) : json_null());
    if (st->tie != STV_TIE_NONE)
        json_object_set_new(o, "tie",
                            json_string(st->tie == STV_TIE_LOT ? "lot" : "earlier stage"));
    for (size_t j = 0; j < s->m; j++)
        if (shown(s, j, k))
            json_object_set_new(tally, NAME(j), number(s, st->value[j]));
    json_object_set_new(o, "tally", tally);
    if (k > 0)
        json_object_set_new(o, "transfers", transfers(s, k));
    json_object_set_new(o, "non_transferable", number(s, st->value[2 * s->m]));
    json_object_set_new(o, "quota", number(s, st->value[2 * s->m + 1]));
    for (size_t i = 0; i < s->n_elected; i++)
        if (s->stage_elected[s->order[i]] == (long)k)
            json_array_append_new(elected, json_string(NAME(s->order[i])));
    json_object_set_new(o, "elected", elected);
    if (s->rule == STV_MEEK) {
        json_t *keep = json_object();
        for (size_t j = 0; j < s->m; j++)
            if (mpq_sgn(st->value[s->m + j]) > 0)
                json_object_set_new(keep, NAME(j), number(s, st->value[s->m + j]));
        json_object_set_new(o, "keep", keep);
        json_object_set_new(o, "iterations", json_integer((json_int_t)st->iterations));
    }
    return o;
}

int stv_result_json(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                    void *result, mk_ctx *ctx)
{
    (void)outcome;
    const stv *s = (const stv *)inst;
    json_t *r = result;
    char buf[24];
    if (s->m != reports->width || s->n_stages == 0)
        return mk_error(ctx, MK_EINTERNAL, "result of another profile");
    json_t *cands = json_array(), *winners = json_array(), *excluded = json_array();
    json_t *rounds = json_array();
    for (size_t j = 0; j < s->m; j++)
        json_array_append_new(cands, json_string(NAME(j)));
    for (size_t i = 0; i < s->n_elected; i++)
        json_array_append_new(winners, json_string(NAME(s->order[i])));
    for (size_t k = 0; k < s->n_stages; k++) {
        if (s->stage[k].action == STV_EXCLUSION)
            json_array_append_new(excluded, json_string(NAME((size_t)s->stage[k].from)));
        json_array_append_new(rounds, stage_json(s, k));
    }
    json_object_set_new(r, "candidates", cands);
    json_object_set_new(r, "seats", json_integer((json_int_t)s->seats));
    json_object_set_new(r, "winners", winners);
    json_object_set_new(r, "quota", number(s, s->stage[s->n_stages - 1].value[2 * s->m + 1]));
    json_object_set_new(r, "valid_votes", json_integer(s->valid));
    json_object_set_new(r, "invalid_votes", json_integer(s->invalid));
    json_object_set_new(r, "arithmetic", json_string(arithmetic(s)));
    json_object_set_new(r, "excluded", excluded);
    json_object_set_new(r, "rounds", rounds);
    return MK_OK;
}
