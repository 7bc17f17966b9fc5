/* result_json of the voting rules: winners by name, the rule's scores,
 * ranking or rounds, and the pairwise matrix where one was built. */
#include <jansson.h>
#include <stdlib.h>

#include "mechkit/money.h"
#include "voting_internal.h"

#define NAME(j) voting_name(v, (j), buf, sizeof buf)

static json_t *names_where(const voting *v, const int *flag, size_t m)
{
    json_t *a = json_array();
    char buf[24];
    for (size_t j = 0; j < m; j++)
        if (flag[j])
            json_array_append_new(a, json_string(NAME(j)));
    return a;
}

static json_t *score_value(const voting *v, int64_t s)
{
    if (v->rule != RULE_COPELAND)
        return json_integer(s);
    char text[MK_MONEY_FORMAT_MAX];
    return json_string(mk_money_format(s, v->alpha_scale, text));
}

/* Candidates in order of score (best first; ties by candidate number). */
static json_t *ranking(const voting *v, int higher)
{
    size_t m = v->m;
    json_t *a = json_array();
    char buf[24];
    int *used = calloc(m, sizeof *used);
    if (used == NULL)
        return a;
    for (size_t k = 0; k < m; k++) {
        size_t best = m;
        for (size_t j = 0; j < m; j++)
            if (!used[j] && (best == m || (higher ? v->score[j] > v->score[best]
                                                  : v->score[j] < v->score[best])))
                best = j;
        used[best] = 1;
        json_array_append_new(a, json_string(NAME(best)));
    }
    free(used);
    return a;
}

static void add_scores(json_t *r, const voting *v)
{
    json_t *scores = json_object();
    char buf[24];
    for (size_t j = 0; j < v->m; j++)
        json_object_set_new(scores, NAME(j), score_value(v, v->score[j]));
    const char *name = v->rule == RULE_SCHULZE         ? "beatpath_wins"
                       : v->rule == RULE_ANTIPLURALITY ? "vetoes"
                                                       : "scores";
    json_object_set_new(r, name, scores);
    /* Black's Borda scores and two-round's first preferences are not the
     * order those rules elect in: no ranking. */
    if (v->rule == RULE_BLACK || v->rule == RULE_TWO_ROUND)
        return;
    int higher = v->rule != RULE_MINIMAX && v->rule != RULE_ANTIPLURALITY;
    json_object_set_new(r, "ranking", ranking(v, higher));
}

static json_t *matrix(const int64_t *cells, size_t m)
{
    json_t *rows = json_array();
    for (size_t a = 0; a < m; a++) {
        json_t *row = json_array();
        for (size_t b = 0; b < m; b++)
            json_array_append_new(row, json_integer(cells[a * m + b]));
        json_array_append_new(rows, row);
    }
    return rows;
}

static json_t *name_or_null(const voting *v, long j)
{
    char buf[24];
    return j < 0 ? json_null() : json_string(NAME((size_t)j));
}

/* 1 when candidate a comes before b: fewer votes in t, or as many and a
 * lower number. */
static int lower(const int64_t *t, size_t a, size_t b)
{
    return t[a] < t[b] || (t[a] == t[b] && a < b);
}

/* The names of the candidates IRV eliminated after round k, lowest tally
 * first (several at once under batch elimination). */
static void append_eliminated(json_t *list, const voting *v, size_t k)
{
    size_t m = v->m;
    char buf[24];
    const int64_t *t = v->tally + k * m;
    if (v->eliminated[k] >= 0) {
        json_array_append_new(list, json_string(NAME((size_t)v->eliminated[k])));
        return;
    }
    for (size_t prev = m;;) { /* selection by (tally, number) */
        size_t next = m;
        for (size_t j = 0; j < m; j++)
            if (v->rule == RULE_IRV && v->out_round[j] == (int64_t)k &&
                (prev == m || lower(t, prev, j)) && (next == m || lower(t, j, next)))
                next = j;
        if (next == m)
            return;
        json_array_append_new(list, json_string(NAME(next)));
        prev = next;
    }
}

/* IRV: the ballots exhausted in round k by cause (RCTab's categories). */
static json_t *exhausted_by(const voting *v, size_t k)
{
    static const char *const cause[IRV_BY_KINDS] = {
        "overvotes", "skipped_rankings", "exhausted_choices", "undervotes", "repeated_rankings"};
    json_t *o = json_object();
    for (size_t c = 0; c < IRV_BY_KINDS; c++)
        json_object_set_new(o, cause[c], json_integer(v->exhausted_by[k * IRV_BY_KINDS + c]));
    return o;
}

static void add_rounds(json_t *r, const voting *v)
{
    size_t m = v->m;
    char buf[24];
    json_t *rounds = json_array(), *order = json_array();
    for (size_t k = 0; k < v->rounds; k++) {
        const int64_t *t = v->tally + k * m;
        json_t *round = json_object(), *tally = json_object();
        for (size_t j = 0; j < m; j++)
            if (t[j] >= 0)
                json_object_set_new(tally, NAME(j), json_integer(t[j]));
        json_object_set_new(round, "round", json_integer((json_int_t)k + 1));
        json_object_set_new(round, "tally", tally);
        json_object_set_new(round, "exhausted", json_integer(v->exhausted[k]));
        if (v->rule == RULE_IRV)
            json_object_set_new(round, "exhausted_by", exhausted_by(v, k));
        json_t *gone = json_array();
        append_eliminated(gone, v, k);
        json_array_extend(order, gone);
        /* One name, or null; a list when a batch went at once. */
        json_object_set_new(round, "eliminated",
                            json_array_size(gone) > 1    ? json_incref(gone)
                            : json_array_size(gone) == 1 ? json_incref(json_array_get(gone, 0))
                                                         : json_null());
        json_decref(gone);
        if (v->eliminated[k] != -1 && k + 1 < v->rounds) {
            /* What the elimination moved: each continuing candidate's gain
             * and the ballots it exhausted. */
            json_t *moved = json_object();
            const int64_t *next = t + m;
            for (size_t j = 0; j < m; j++)
                if (next[j] >= 0)
                    json_object_set_new(moved, NAME(j), json_integer(next[j] - t[j]));
            json_object_set_new(moved, "exhausted",
                                json_integer(v->exhausted[k + 1] - v->exhausted[k]));
            json_object_set_new(round, "transfers", moved);
        }
        json_array_append_new(rounds, round);
    }
    json_object_set_new(r, "rounds", rounds);
    /* The order of elimination, first out first (IRV, Coombs). */
    json_object_set_new(r, "elimination_order", order);
}

/* Baldwin and Nanson: each round's Borda scores and who it eliminated. */
static void add_borda_rounds(json_t *r, const voting *v)
{
    size_t m = v->m;
    char buf[24];
    json_t *rounds = json_array();
    for (size_t k = 0; k < v->rounds; k++) {
        const int64_t *t = v->tally + k * m;
        json_t *round = json_object(), *scores = json_object(), *gone = json_array();
        for (size_t j = 0; j < m; j++) {
            if (t[j] >= 0)
                json_object_set_new(scores, NAME(j), json_integer(t[j]));
            if (v->eliminated[j] == (int64_t)k)
                json_array_append_new(gone, json_string(NAME(j)));
        }
        json_object_set_new(round, "round", json_integer((json_int_t)k + 1));
        json_object_set_new(round, "scores", scores);
        json_object_set_new(round, "eliminated", gone);
        json_array_append_new(rounds, round);
    }
    json_object_set_new(r, "rounds", rounds);
}

/* Kemeny-Young: the reported optimal ranking and its agreement (the
 * number of voter-pair preferences it keeps). */
static void add_kemeny(json_t *r, const voting *v)
{
    char buf[24];
    json_t *ranking = json_array();
    for (size_t k = 0; k < v->m; k++)
        json_array_append_new(ranking, json_string(NAME(v->kemeny_rank[k])));
    json_object_set_new(r, "ranking", ranking);
    json_object_set_new(r, "agreement", json_integer(v->kemeny_score));
}

/* Two-round: the runoff's two candidates and the ballots for each. */
static void add_runoff(json_t *r, const voting *v)
{
    size_t m = v->m, a = v->finalist[0], b = v->finalist[1];
    char buf[24];
    json_t *runoff = json_object();
    json_object_set_new(runoff, NAME(a), json_integer(v->pairwise[a * m + b]));
    if (b != a)
        json_object_set_new(runoff, NAME(b), json_integer(v->pairwise[b * m + a]));
    json_object_set_new(r, "runoff", runoff);
}

/* Ranked pairs' ranking: the locked majorities' order (a topological sort
 * of the locked graph, which is acyclic), candidates that no locked
 * majority orders taken by candidate number. */
static json_t *locked_ranking(const voting *v)
{
    size_t m = v->m;
    json_t *a = json_array();
    char buf[24];
    int *placed = calloc(m, sizeof *placed);
    if (placed == NULL)
        return a;
    for (size_t k = 0; k < m; k++) {
        size_t next = m;
        for (size_t j = 0; j < m && next == m; j++) {
            int beaten = placed[j];
            for (size_t i = 0; i < m && !beaten; i++)
                beaten = !placed[i] && v->path[i * m + j];
            if (!beaten)
                next = j;
        }
        if (next == m)
            break; /* a cycle: cannot happen in a locked graph */
        placed[next] = 1;
        json_array_append_new(a, json_string(NAME(next)));
    }
    free(placed);
    return a;
}

static void add_locks(json_t *r, const voting *v)
{
    size_t m = v->m;
    char a[24], b[24];
    json_t *locks = json_array();
    for (size_t i = 0; i < v->n_locks; i++) {
        size_t x = (size_t)v->lock_order[i] / m, y = (size_t)v->lock_order[i] % m;
        json_t *o = json_object();
        json_object_set_new(o, "winner", json_string(voting_name(v, x, a, sizeof a)));
        json_object_set_new(o, "loser", json_string(voting_name(v, y, b, sizeof b)));
        json_object_set_new(o, "margin",
                            json_integer(v->pairwise[x * m + y] - v->pairwise[y * m + x]));
        json_object_set_new(o, "locked", json_boolean(v->locked[i]));
        json_array_append_new(locks, o);
    }
    json_object_set_new(r, "pairs", locks);
    json_object_set_new(r, "ranking", locked_ranking(v));
    /* The winners over every order of equal margins, or null with the
     * reason in all_tie_order_search. */
    json_t *search = json_object();
    json_object_set_new(search, "states", json_integer((json_int_t)v->rp_states));
    json_object_set_new(search, "status",
                        json_string(v->rp_status == RP_ANY_DONE    ? "complete"
                                    : v->rp_status == RP_ANY_LIMIT ? "stopped at tie_orders_limit"
                                                                   : "more than 64 candidates"));
    json_object_set_new(r, "all_tie_order_winners",
                        v->rp_status == RP_ANY_DONE ? names_where(v, v->rp_any, m) : json_null());
    json_object_set_new(r, "all_tie_order_search", search);
}

int voting_result_json(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)outcome;
    const voting *v = (const voting *)inst;
    json_t *r = result;
    size_t m = v->m;
    char buf[24];
    if (m != reports->width)
        return mk_error(ctx, MK_EINTERNAL, "result of another profile");
    json_t *cands = json_array();
    for (size_t j = 0; j < m; j++)
        json_array_append_new(cands, json_string(NAME(j)));
    json_object_set_new(r, "candidates", cands);
    json_object_set_new(r, "winners", names_where(v, v->winner, m));
    json_object_set_new(r, "chosen", json_string(NAME(v->chosen)));
    static const char *const ties_names[] = {"lowest", "random", "previous_round", "order"};
    json_object_set_new(r, "ties",
                        json_string(v->rule == RULE_IRV ? ties_names[v->irv.ties]
                                    : v->ties_random    ? "random"
                                                        : "lowest"));
    if (v->rule == RULE_IRV || v->rule == RULE_COOMBS || v->rule == RULE_BUCKLIN)
        add_rounds(r, v);
    else if (v->rule == RULE_BALDWIN || v->rule == RULE_NANSON)
        add_borda_rounds(r, v);
    else if (v->rule == RULE_KEMENY)
        add_kemeny(r, v);
    else if (v->rule != RULE_CONDORCET && v->rule != RULE_RANKED_PAIRS && v->rule != RULE_SMITH &&
             v->rule != RULE_SCHWARTZ)
        add_scores(r, v);
    if (v->rule == RULE_TWO_ROUND)
        add_runoff(r, v);
    if (v->rule == RULE_RANKED_PAIRS)
        add_locks(r, v);
    if (v->uses_pairwise) {
        json_object_set_new(r, "condorcet_winner",
                            name_or_null(v, voting_condorcet(v->pairwise, m, 0)));
        json_object_set_new(r, "pairwise", matrix(v->pairwise, m));
    } else if (v->rule == RULE_IRV) {
        json_object_set_new(r, "condorcet_winner", name_or_null(v, v->condorcet));
    }
    if (v->rule == RULE_CONDORCET) {
        json_object_set_new(r, "condorcet_loser",
                            name_or_null(v, voting_condorcet(v->pairwise, m, 1)));
        json_object_set_new(r, "smith_set", names_where(v, v->winner, m));
    }
    return MK_OK;
}
