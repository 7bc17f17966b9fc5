/* What the rules on score ballots share: the reader, preparation,
 * workspaces, the tally and the outcome (see cardinal.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardinal_internal.h"
#include "mechkit/money.h"

/* The range of the parameters min and max; approval has neither: 0..1. */
static int range(const mk_params *params, int64_t *min, int64_t *max, mk_ctx *ctx)
{
    *min = 0;
    *max = 1;
    int rc = MK_OK;
    if (mk_params_spec(params, "min") != NULL)
        rc = mk_params_get_int(params, "min", -MK_CARDINAL_MAX_SCORE, MK_CARDINAL_MAX_SCORE, min,
                               ctx);
    if (rc == 0 && mk_params_spec(params, "max") != NULL)
        rc = mk_params_get_int(params, "max", -MK_CARDINAL_MAX_SCORE, MK_CARDINAL_MAX_SCORE, max,
                               ctx);
    if (rc == 0 && *min >= *max)
        rc = mk_error(ctx, MK_EPARAM, "min (%" PRId64 ") must be below max (%" PRId64 ")", *min,
                      *max);
    return rc;
}

static int to_dataset(mk_cardinal_ballots *b, mk_dataset *out, mk_ctx *ctx)
{
    size_t n = b->profile.n;
    mk_dataset d = MK_DATASET_INIT;
    d.labels = calloc(n > 0 ? n : 1, sizeof *d.labels);
    if (d.labels == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", n);
    for (size_t i = 0; i < n; i++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        if ((d.labels[i] = strdup(num)) == NULL) {
            while (i-- > 0)
                free(d.labels[i]);
            free(d.labels);
            return mk_error(ctx, MK_ENOMEM, "out of memory for labels");
        }
    }
    d.items = b->names; /* moved */
    d.n_items = b->m;
    d.reports = b->profile;
    d.reports.labels = (const char *const *)d.labels;
    b->names = NULL;
    b->m = 0;
    b->profile = (mk_profile)MK_PROFILE_INIT;
    *out = d;
    return MK_OK;
}

int mk_cardinal_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    if (in->format != NULL && strcmp(in->format, "csv") != 0)
        return mk_error(ctx, MK_EINPUT, "%s: score and approval ballots are CSV, not %s",
                        in->name != NULL ? in->name : "<input>", in->format);
    mk_cardinal_options o = MK_CARDINAL_OPTIONS_INIT;
    int blank = 0;
    int rc = range(params, &o.min, &o.max, ctx);
    if (rc == 0 && mk_params_spec(params, "blank") != NULL)
        rc = mk_params_get_choice(params, "blank", &blank, ctx);
    o.blank_is_error = blank == 1;
    mk_cardinal_ballots b = MK_CARDINAL_BALLOTS_INIT;
    if (rc == 0)
        rc = mk_cardinal_read_csv(in, &o, &b, ctx);
    if (rc == 0)
        rc = to_dataset(&b, out, ctx);
    mk_cardinal_ballots_free(&b);
    return rc;
}

const char *card_name(const cardinal *c, size_t j, char *buf, size_t cap)
{
    if (c->items != NULL && j < c->n_items)
        return c->items[j];
    snprintf(buf, cap, "%zu", j + 1);
    return buf;
}

static void *grow(void *p, size_t n, size_t size, int *failed)
{
    if (*failed)
        return p;
    void *q = realloc(p, (n > 0 ? n : 1) * size);
    if (q == NULL)
        *failed = 1;
    return q != NULL ? q : p;
}

static int reserve(cardinal *c, size_t m, mk_ctx *ctx)
{
    if (m > MK_CARDINAL_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%zu candidates; at most %d are allowed", m,
                        MK_CARDINAL_MAX_CANDIDATES);
    if (m <= c->cap_m)
        return MK_OK;
    int failed = 0;
    c->score = grow(c->score, m, sizeof *c->score, &failed);
    c->top = grow(c->top, m, sizeof *c->top, &failed);
    c->pairwise = grow(c->pairwise, m * m, sizeof *c->pairwise, &failed);
    c->winner = grow(c->winner, m, sizeof *c->winner, &failed);
    c->ranking = grow(c->ranking, m, sizeof *c->ranking, &failed);
    c->scratch = grow(c->scratch, m, sizeof *c->scratch, &failed);
    c->grade = grow(c->grade, m, sizeof *c->grade, &failed);
    c->above = grow(c->above, m, sizeof *c->above, &failed);
    c->below = grow(c->below, m, sizeof *c->below, &failed);
    if (failed)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", m);
    c->cap_m = m;
    return MK_OK;
}

int card_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                 card_rule rule, mk_ctx *ctx)
{
    cardinal *c = calloc(1, sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an election");
    c->rule = rule;
    c->seed = setting->seed;
    c->items = setting->items;
    c->n_items = setting->n_items;
    int64_t m = 4;
    int ties = 0;
    int rc = range(params, &c->min, &c->max, ctx);
    if (rc == 0)
        rc = mk_params_get_int(params, "candidates", 1, CARD_SAMPLE_MAX_CANDIDATES, &m, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "ties", &ties, ctx);
    c->ties_random = ties == 1;
    c->default_m = setting->width > 0 ? setting->width : (size_t)m;
    if (rc == 0)
        rc = reserve(c, c->default_m, ctx);
    if (rc != 0) {
        card_free((mk_instance *)c);
        return rc;
    }
    *out = (mk_instance *)c;
    return MK_OK;
}

void card_free(mk_instance *inst)
{
    cardinal *c = (cardinal *)inst;
    if (c == NULL)
        return;
    free(c->score);
    free(c->top);
    free(c->pairwise);
    free(c->winner);
    free(c->ranking);
    free(c->scratch);
    free(c->cum);
    free(c->grade);
    free(c->above);
    free(c->below);
    free(c);
}

/* Checks every cell is a score of the range and every weight is
 * non-negative; totals the voters. */
static int check_profile(cardinal *c, const mk_profile *p, mk_ctx *ctx)
{
    c->voters = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        if (w < 0)
            return mk_error(ctx, MK_EINPUT, "ballot %zu has weight %" PRId64, i + 1, w);
        if (mk_checked_add(c->voters, w, &c->voters) != 0)
            return mk_error(ctx, MK_ERANGE, "the number of voters overflows");
        for (size_t j = 0; j < p->width; j++)
            if (row[j] < c->min || row[j] > c->max)
                return mk_error(ctx, MK_EINPUT,
                                "ballot %zu gives candidate %zu score %" PRId64 " outside %" PRId64
                                "..%" PRId64,
                                i + 1, j + 1, row[j], c->min, c->max);
    }
    return MK_OK;
}

int card_tally(cardinal *c, const mk_profile *p, int pairwise, mk_ctx *ctx)
{
    size_t m = c->m;
    for (size_t j = 0; j < m; j++)
        c->score[j] = c->top[j] = 0;
    if (pairwise)
        for (size_t k = 0; k < m * m; k++)
            c->pairwise[k] = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1, s;
        for (size_t j = 0; j < m; j++) {
            if (mk_checked_mul(row[j], w, &s) != 0 ||
                mk_checked_add(c->score[j], s, &c->score[j]) != 0)
                return mk_error(ctx, MK_ERANGE, "the total score of candidate %zu overflows",
                                j + 1);
            c->top[j] += row[j] == c->max ? w : 0; /* at most the voters */
        }
        for (size_t a = 0; pairwise && a < m; a++) {
            /* a mask rather than a branch, so that the loop vectorises */
            int64_t *out = c->pairwise + a * m, score = row[a];
            for (size_t b = 0; b < m; b++)
                out[b] += w & -(int64_t)(score > row[b]);
        }
    }
    return MK_OK;
}

size_t card_lot(const cardinal *c, const size_t *set, size_t n)
{
    size_t best = set[0];
    for (size_t k = 1; k < n; k++)
        if (set[k] < best)
            best = set[k];
    if (!c->ties_random || n < 2)
        return best;
    /* A lottery seeded by --seed (DESIGN.md: randomness only from a seeded
     * generator); stream 1, as the ranked-ballot rules draw theirs. */
    mk_rng rng;
    mk_rng_seed_stream(&rng, c->seed, 1);
    return set[mk_rng_below(&rng, n)];
}

void card_rank_by_score(cardinal *c)
{
    size_t m = c->m, n = 0;
    for (size_t k = 0; k < m; k++) { /* insertion sort: stable, so ties by number */
        size_t j = k, x = k;
        while (j > 0 && c->score[c->ranking[j - 1]] < c->score[x]) {
            c->ranking[j] = c->ranking[j - 1];
            j--;
        }
        c->ranking[j] = x;
    }
    for (size_t j = 0; j < m; j++) {
        c->winner[j] = c->score[j] == c->score[c->ranking[0]];
        if (c->winner[j])
            c->scratch[n++] = j;
    }
    c->chosen = card_lot(c, c->scratch, n);
}

int card_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    cardinal *c = (cardinal *)inst;
    size_t m = reports->width;
    if (m == 0)
        return mk_error(ctx, MK_EINPUT, "an election needs at least one candidate");
    int rc = reserve(c, m, ctx);
    if (rc == 0)
        rc = check_profile(c, reports, ctx);
    if (rc != 0)
        return rc;
    c->m = m;
    c->n_finalists = c->n_tiebreaks = 0;
    if (c->rule == CARD_MJ) {
        rc = card_majority_judgment(c, reports, ctx);
    } else {
        rc = card_tally(c, reports, c->rule == CARD_STAR, ctx);
        if (rc == 0 && c->rule == CARD_STAR)
            card_star(c);
        else if (rc == 0)
            card_rank_by_score(c);
    }
    if (rc == 0)
        rc = mk_outcome_reset(out, m, 0, ctx);
    for (size_t j = 0; rc == 0 && j < m; j++)
        out->allocation[j] = c->winner[j] ? 1 : 0;
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voters", c->voters, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "candidates", (int64_t)m, MK_FACT_COUNT, ctx);
    return rc;
}
