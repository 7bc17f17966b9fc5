/* result_text of the voting rules: the winners, then the rule's scores or
 * the round-by-round table of IRV. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "voting_internal.h"

static int name_width(const voting *v)
{
    char buf[24];
    /* IRV's rows of exhausted ballots by cause, "  no choices left" the longest */
    size_t w = strlen(v->rule == RULE_IRV ? "  no choices left" : "exhausted");
    for (size_t j = 0; j < v->m; j++) {
        size_t l = strlen(voting_name(v, j, buf, sizeof buf));
        if (l > w)
            w = l;
    }
    return w > 60 ? 60 : (int)w;
}

/* IRV: the exhausted ballots of each round by cause (RCTab's categories),
 * one row per cause that occurs. */
static void exhausted_rows(FILE *f, const voting *v, int w)
{
    static const char *const cause[IRV_BY_KINDS] = {"  by overvote", "  by skipped ranks",
                                                    "  no choices left", "  blank",
                                                    "  by repeated rank"};
    for (size_t c = 0; c < IRV_BY_KINDS; c++) {
        int64_t any = 0;
        for (size_t k = 0; k < v->rounds; k++)
            any |= v->exhausted_by[k * IRV_BY_KINDS + c];
        if (any == 0)
            continue;
        fprintf(f, "%-*s", w, cause[c]);
        for (size_t k = 0; k < v->rounds; k++)
            fprintf(f, " %10" PRId64, v->exhausted_by[k * IRV_BY_KINDS + c]);
        fputc('\n', f);
    }
}

/* Round-by-round tallies (IRV) or Borda scores (Baldwin, Nanson): one
 * row per candidate, one column per round, "-" once eliminated. */
static void rounds_table(FILE *f, const voting *v)
{
    size_t m = v->m;
    int w = name_width(v);
    char buf[24];
    fprintf(f, "%-*s", w, "round");
    for (size_t k = 0; k < v->rounds; k++)
        fprintf(f, " %10zu", k + 1);
    fputc('\n', f);
    for (size_t j = 0; j < m; j++) {
        fprintf(f, "%-*.*s", w, w, voting_name(v, j, buf, sizeof buf));
        for (size_t k = 0; k < v->rounds; k++) {
            int64_t t = v->tally[k * m + j];
            if (t >= 0)
                fprintf(f, " %10" PRId64, t);
            else
                fprintf(f, " %10s", "-");
        }
        fputc('\n', f);
    }
    int by_round = v->rule == RULE_IRV || v->rule == RULE_COOMBS || v->rule == RULE_BUCKLIN;
    if (by_round) {
        fprintf(f, "%-*s", w, "exhausted");
        for (size_t k = 0; k < v->rounds; k++)
            fprintf(f, " %10" PRId64, v->exhausted[k]);
        fputc('\n', f);
    }
    if (v->rule == RULE_IRV)
        exhausted_rows(f, v, w);
    for (size_t k = 0; k < v->rounds; k++)
        for (size_t j = 0; j < m; j++) {
            int gone = v->rule == RULE_IRV ? v->out_round[j] == (int64_t)k
                       : by_round          ? v->eliminated[k] == (int64_t)j
                                           : v->eliminated[j] == (int64_t)k;
            if (gone)
                fprintf(f, "round %zu: %s eliminated\n", k + 1, voting_name(v, j, buf, sizeof buf));
        }
}

static void score_table(FILE *f, const voting *v)
{
    int w = name_width(v);
    char buf[24], num[MK_MONEY_FORMAT_MAX];
    const char *what = v->rule == RULE_SCHULZE         ? "beatpath wins"
                       : v->rule == RULE_MINIMAX       ? "worst defeat (lowest wins)"
                       : v->rule == RULE_ANTIPLURALITY ? "vetoes (fewest win)"
                       : v->rule == RULE_TWO_ROUND     ? "first preferences"
                       : v->rule == RULE_BLACK         ? "Borda score"
                                                       : "score";
    fprintf(f, "%-*s %s\n", w, "candidate", what);
    for (size_t j = 0; j < v->m; j++) {
        const char *s = v->rule == RULE_COPELAND
                            ? mk_money_format(v->score[j], v->alpha_scale, num)
                            : (snprintf(num, sizeof num, "%" PRId64, v->score[j]), num);
        fprintf(f, "%-*.*s %s%s\n", w, w, voting_name(v, j, buf, sizeof buf), s,
                v->winner[j] ? "  *" : "");
    }
}

static void lock_list(FILE *f, const voting *v)
{
    size_t m = v->m;
    char a[24], b[24];
    for (size_t i = 0; i < v->n_locks; i++) {
        size_t x = (size_t)v->lock_order[i] / m, y = (size_t)v->lock_order[i] % m;
        fprintf(f, "%s %s over %s (margin %" PRId64 ")\n", v->locked[i] ? "locked " : "skipped",
                voting_name(v, x, a, sizeof a), voting_name(v, y, b, sizeof b),
                v->pairwise[x * m + y] - v->pairwise[y * m + x]);
    }
    fprintf(f, "winners over every order of equal margins:");
    if (v->rp_status == RP_ANY_DONE)
        for (size_t j = 0; j < m; j++)
            if (v->rp_any[j])
                fprintf(f, " %s", voting_name(v, j, a, sizeof a));
    if (v->rp_status == RP_ANY_LIMIT)
        fprintf(f,
                " unknown: the search stopped after %" PRIu64 " states (raise -p tie_orders_limit)",
                v->rp_states);
    if (v->rp_status == RP_ANY_TOO_MANY)
        fprintf(f, " not searched (more than 64 candidates)");
    fputc('\n', f);
}

static void kemeny_line(FILE *f, const voting *v)
{
    char buf[24];
    fprintf(f, "kemeny ranking:");
    for (size_t k = 0; k < v->m; k++)
        fprintf(f, "%s%s", k > 0 ? " > " : " ", voting_name(v, v->kemeny_rank[k], buf, sizeof buf));
    fprintf(f, " (agreement %" PRId64 ")\n", v->kemeny_score);
}

static void names_line(FILE *f, const char *what, const voting *v)
{
    char buf[24];
    const char *sep = "";
    fprintf(f, "%s: ", what);
    for (size_t j = 0; j < v->m; j++)
        if (v->winner[j]) {
            fprintf(f, "%s%s", sep, voting_name(v, j, buf, sizeof buf));
            sep = ", ";
        }
    fputc('\n', f);
}

int voting_result_text(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports;
    const voting *v = (const voting *)inst;
    char *s = NULL, buf[24];
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (f == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the election report");
    names_line(f, v->rule == RULE_CONDORCET ? "smith set" : "winners", v);
    static const char *const irv_tie_rules[] = {"lowest number", "random", "previous rounds",
                                                "tie_order"};
    fprintf(f, "chosen (ties: %s): %s\n",
            v->rule == RULE_IRV ? irv_tie_rules[v->irv.ties]
            : v->ties_random    ? "random"
                                : "lowest number",
            voting_name(v, v->chosen, buf, sizeof buf));
    if (v->uses_pairwise || v->rule == RULE_IRV) {
        long c = v->uses_pairwise ? voting_condorcet(v->pairwise, v->m, 0) : v->condorcet;
        fprintf(f, "condorcet winner: %s\n",
                c < 0 ? "none" : voting_name(v, (size_t)c, buf, sizeof buf));
    }
    if (v->rule == RULE_CONDORCET) {
        long c = voting_condorcet(v->pairwise, v->m, 1);
        fprintf(f, "condorcet loser: %s\n",
                c < 0 ? "none" : voting_name(v, (size_t)c, buf, sizeof buf));
    }
    if (v->rule == RULE_IRV || v->rule == RULE_COOMBS || v->rule == RULE_BUCKLIN ||
        v->rule == RULE_BALDWIN || v->rule == RULE_NANSON)
        rounds_table(f, v);
    else if (v->rule == RULE_RANKED_PAIRS)
        lock_list(f, v);
    else if (v->rule == RULE_KEMENY)
        kemeny_line(f, v);
    else if (v->rule != RULE_CONDORCET && v->rule != RULE_SMITH && v->rule != RULE_SCHWARTZ)
        score_table(f, v);
    if (v->rule == RULE_TWO_ROUND && v->finalist[0] != v->finalist[1]) {
        size_t a = v->finalist[0], b = v->finalist[1];
        char nb[24];
        fprintf(f, "runoff: %s %" PRId64 ", %s %" PRId64 "\n", voting_name(v, a, buf, sizeof buf),
                v->pairwise[a * v->m + b], voting_name(v, b, nb, sizeof nb),
                v->pairwise[b * v->m + a]);
    }
    if (fclose(f) != 0 || s == NULL) {
        free(s);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the election report");
    }
    *text = s;
    return MK_OK;
}
