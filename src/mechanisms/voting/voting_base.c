/* What every voting rule shares: preparation, workspaces, the outcome, and
 * the audit interface documented in voting.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "voting_columns.h"
#include "voting_internal.h"

void *voting_grow(void *p, size_t n, size_t size, int *failed)
{
    if (*failed)
        return p;
    void *q = realloc(p, (n > 0 ? n : 1) * size);
    if (q == NULL) {
        *failed = 1;
        return p;
    }
    return q;
}

int voting_reserve(voting *v, size_t m, mk_ctx *ctx)
{
    int failed = 0;
    if (m > MK_PREFLIB_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%zu candidates; at most %d are allowed", m,
                        MK_PREFLIB_MAX_CANDIDATES);
    if (m > v->cap_m) {
        size_t mm = m * m; /* no overflow: m <= MK_PREFLIB_MAX_CANDIDATES */
        v->pairwise = voting_grow(v->pairwise, mm, sizeof *v->pairwise, &failed);
        v->path = voting_grow(v->path, mm, sizeof *v->path, &failed);
        v->lock_order = voting_grow(v->lock_order, mm, sizeof *v->lock_order, &failed);
        v->locked = voting_grow(v->locked, mm, sizeof *v->locked, &failed);
        v->tally = voting_grow(v->tally, mm, sizeof *v->tally, &failed);
        v->score = voting_grow(v->score, m, sizeof *v->score, &failed);
        v->winner = voting_grow(v->winner, m, sizeof *v->winner, &failed);
        v->exhausted = voting_grow(v->exhausted, m, sizeof *v->exhausted, &failed);
        v->eliminated = voting_grow(v->eliminated, m, sizeof *v->eliminated, &failed);
        v->stack = voting_grow(v->stack, mm, sizeof *v->stack, &failed);
        v->keys = voting_grow(v->keys, m, sizeof *v->keys, &failed);
        v->pairs = voting_grow(v->pairs, mm, sizeof *v->pairs, &failed);
        v->kemeny_rank = voting_grow(v->kemeny_rank, m, sizeof *v->kemeny_rank, &failed);
        v->rp_any = voting_grow(v->rp_any, m, sizeof *v->rp_any, &failed);
        v->exhausted_by =
            voting_grow(v->exhausted_by, m * IRV_BY_KINDS, sizeof *v->exhausted_by, &failed);
        v->out_round = voting_grow(v->out_round, m, sizeof *v->out_round, &failed);
        v->tie_rank = voting_grow(v->tie_rank, m, sizeof *v->tie_rank, &failed);
        if (!failed)
            v->cap_m = m;
    }
    return failed ? mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", m) : MK_OK;
}

void voting_choose(voting *v)
{
    size_t count = 0, first = 0;
    for (size_t j = v->m; j-- > 0;)
        if (v->winner[j]) {
            count++;
            first = j;
        }
    v->chosen = first;
    if (!v->ties_random || count < 2)
        return;
    /* A lottery among tied winners, seeded by --seed (DESIGN.md: ties by an
     * explicit rule; randomness only from a seeded generator). */
    mk_rng rng;
    mk_rng_seed_stream(&rng, v->seed, 1);
    uint64_t pick = mk_rng_below(&rng, count);
    for (size_t j = 0; j < v->m; j++)
        if (v->winner[j] && pick-- == 0) {
            v->chosen = j;
            return;
        }
}

void voting_mark_best(voting *v, const int64_t *score, int higher)
{
    int64_t best = score[0];
    for (size_t j = 1; j < v->m; j++)
        if (higher ? score[j] > best : score[j] < best)
            best = score[j];
    for (size_t j = 0; j < v->m; j++)
        v->winner[j] = score[j] == best;
    voting_choose(v);
}

const char *voting_name(const voting *v, size_t j, char *buf, size_t cap)
{
    if (v->items != NULL && j < v->n_items)
        return v->items[j];
    snprintf(buf, cap, "%zu", j + 1);
    return buf;
}

int voting_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   vote_rule rule, mk_ctx *ctx)
{
    voting *v = calloc(1, sizeof *v);
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an election");
    v->rule = rule;
    if (rule == RULE_LLULL) { /* Llull (13th c.): Copeland with a full point per tie */
        v->rule = RULE_COPELAND;
        v->alpha = 1; /* at alpha_scale 0; llull has no alpha parameter */
    }
    v->seed = setting->seed;
    v->items = setting->items;
    v->n_items = setting->n_items;
    int64_t m = 4;
    int rc = MK_OK;
    if (mk_params_spec(params, "candidates") != NULL)
        rc = mk_params_get_int(params, "candidates", 1, VOTING_SAMPLE_MAX_CANDIDATES, &m, ctx);
    v->default_m = setting->width > 0 ? setting->width : (size_t)m;
    int ties = 0;
    if (rc == 0 && mk_params_spec(params, "ties") != NULL)
        rc = mk_params_get_choice(params, "ties", &ties, ctx);
    v->ties_random = ties == 1;
    int variant = 0;
    if (rc == 0 && mk_params_spec(params, "variant") != NULL)
        rc = mk_params_get_choice(params, "variant", &variant, ctx);
    v->nanson_weak = variant == 1;
    if (rc == 0 && mk_params_spec(params, "alpha") != NULL) {
        const char *s = mk_params_get(params, "alpha");
        int places = mk_decimal_places(s, strlen(s));
        v->alpha_scale = places > 0 ? places : 0;
        if (v->alpha_scale > 6)
            rc = mk_error(ctx, MK_EPARAM, "alpha has more than 6 decimals: %s", s);
        if (rc == 0)
            rc = mk_money_parse(s, strlen(s), v->alpha_scale, &v->alpha, ctx);
        int64_t one = 1;
        if (rc == 0)
            rc = mk_pow10(v->alpha_scale, &one);
        if (rc == 0 && (v->alpha < 0 || v->alpha > one))
            rc = mk_error(ctx, MK_EPARAM, "alpha must be between 0 and 1, not %s", s);
    }
    int measure = 0;
    if (rc == 0 && mk_params_spec(params, "measure") != NULL)
        rc = mk_params_get_choice(params, "measure", &measure, ctx);
    v->measure = (minimax_measure)measure;
    if (rc == 0 && mk_params_spec(params, "tie_orders_limit") != NULL)
        rc = mk_params_get_int(params, "tie_orders_limit", 1, 100000000, &v->rp_limit, ctx);
    if (rc == 0)
        rc = voting_reserve(v, v->default_m, ctx);
    if (rc == 0 && rule == RULE_IRV)
        rc = voting_irv_options(v, params, ctx);
    if (rc != 0) {
        voting_free((mk_instance *)v);
        return rc;
    }
    *out = (mk_instance *)v;
    return MK_OK;
}

void voting_free(mk_instance *inst)
{
    voting *v = (voting *)inst;
    if (v == NULL)
        return;
    free(v->pairwise);
    free(v->path);
    free(v->lock_order);
    free(v->locked);
    free(v->tally);
    free(v->score);
    free(v->winner);
    free(v->exhausted);
    free(v->eliminated);
    free(v->stack);
    free(v->keys);
    free(v->columns);
    free(v->pairs);
    voting_irv_ballots_free(&v->ballots);
    free(v->kemeny_best);
    free(v->kemeny_rank);
    free(v->rp_any);
    free(v->exhausted_by);
    free(v->out_round);
    free(v->tie_rank);
    free(v);
}

int voting_add_weight(const mk_profile *p, size_t i, int64_t *voters, mk_ctx *ctx)
{
    int64_t w = p->weight != NULL ? p->weight[i] : 1;
    if (w < 0)
        return mk_error(ctx, MK_EINPUT, "ballot %zu has weight %" PRId64, i + 1, w);
    if (mk_checked_add(*voters, w, voters) != 0)
        return mk_error(ctx, MK_ERANGE, "the number of voters overflows");
    return MK_OK;
}

int voting_check_ballot(voting *v, const mk_profile *p, size_t i, mk_ctx *ctx)
{
    const int64_t *row = mk_profile_row(p, i);
    int rc = voting_add_weight(p, i, &v->voters, ctx);
    if (rc != 0)
        return rc;
    return voting_ranks_ok(row, p->width) ? MK_OK : voting_bad_rank(row, p->width, i, ctx);
}

int voting_bad_rank(const int64_t *row, size_t m, size_t i, mk_ctx *ctx)
{
    size_t j = 0;
    while (j + 1 < m && row[j] >= 0 && (uint64_t)row[j] <= (uint64_t)m)
        j++;
    return mk_error(ctx, MK_EINPUT,
                    "ballot %zu gives candidate %zu rank %" PRId64
                    " (ranks are 1..%zu, 0 for unranked)",
                    i + 1, j + 1, row[j], m);
}

/* Checks every ballot (voting_check_ballot) and totals the voters. */
static int check_profile(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    v->voters = 0;
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < p->n; i++)
        rc = voting_check_ballot(v, p, i, ctx);
    return rc;
}

/* Sizes v->columns for the keys of p (grows only). */
static int reserve_columns(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    size_t bytes = 0;
    int failed = 0;
    if (voting_columns_size(p->n, p->width, &bytes) != 0)
        return mk_error(ctx, MK_ERANGE, "%zu ballots of %zu candidates overflow", p->n, p->width);
    if (bytes > v->cap_columns) {
        v->columns = voting_grow(v->columns, bytes, 1, &failed);
        if (failed)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", p->n);
        v->cap_columns = bytes;
    }
    return MK_OK;
}

int voting_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    voting *v = (voting *)inst;
    size_t m = reports->width;
    if (m == 0)
        return mk_error(ctx, MK_EINPUT, "an election needs at least one candidate");
    int rc = voting_reserve(v, m, ctx);
    /* IRV checks each ballot as it reads it into its own form: one pass
     * over the profile instead of two. */
    if (rc == 0 && v->rule != RULE_IRV)
        rc = check_profile(v, reports, ctx);
    if (rc != 0)
        return rc;
    v->m = m;
    v->uses_pairwise = v->rule != RULE_PLURALITY && v->rule != RULE_IRV;
    v->rounds = 0;
    v->n_locks = 0;
    if (v->uses_pairwise)
        rc = reserve_columns(v, reports, ctx);
    if (rc == 0 && v->uses_pairwise)
        voting_pairwise(reports, v->pairwise, v->columns);
    if (rc == 0) {
        if (v->rule == RULE_PLURALITY || v->rule == RULE_BORDA || v->rule == RULE_ANTIPLURALITY)
            rc = voting_run_positional(v, reports, ctx);
        else if (v->rule == RULE_BUCKLIN)
            rc = voting_run_bucklin(v, reports, ctx);
        else if (v->rule == RULE_COOMBS)
            rc = voting_run_coombs(v, reports, ctx);
        else if (v->rule == RULE_IRV)
            rc = voting_run_irv(v, reports, ctx);
        else if (v->rule >= RULE_BLACK)
            rc = voting_run_runoff_rule(v, reports, ctx);
        else
            rc = voting_run_pairwise_rule(v, ctx);
    }
    if (rc == 0)
        rc = mk_outcome_reset(out, m, 0, ctx);
    for (size_t j = 0; rc == 0 && j < m; j++)
        out->allocation[j] = v->winner[j] ? 1 : 0;
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voters", v->voters, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "candidates", (int64_t)m, MK_FACT_COUNT, ctx);
    return rc;
}
