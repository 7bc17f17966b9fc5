/*
 * Liquid democracy (see liquid.h): every voter's chain of delegations is
 * followed to the voter who votes, once per voter (each chain is walked
 * until it meets a voter already resolved, so the whole is O(voters)).
 * Policies for chains that loop and chains that end at an abstainer are
 * parameters; the plurality of the carried weights wins.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/liquid.h"
#include "mechkit/money.h"

/* Most candidates (cell 1 of a row is below this). */
#define LIQUID_MAX_CANDIDATES (1 << 20)

/* What a chain ends in, besides a voter's row (>= 0). */
enum { LOST_CYCLE = -2, LOST_ABSTAINER = -3, ABSTAINS = -4 };

typedef struct liquid {
    int cycles_error, abstainers_error, ties_random;
    uint64_t seed;
    const char *const *items;
    size_t n_items;
    size_t n, m, cap_n, cap_m;
    int64_t *end;    /* n: the row whose vote a voter's weight reaches, or LOST_* / ABSTAINS */
    int64_t *depth;  /* n: delegations from the voter to that row */
    int64_t *weight; /* n: weight a voting voter carries */
    size_t *path;    /* n: the chain being walked */
    int64_t *tally;  /* m */
    size_t *ranking; /* m */
    int *winner;     /* m */
    size_t chosen;
    int64_t lost_cycles, lost_abstainers, abstained, longest;
} liquid;

static const mk_param_spec liquid_params[] = {
    {"cycles", MK_PARAM_CHOICE, "lost", "lost|error",
     "a delegation chain that loops (self-delegation included): its votes are lost, or an error"},
    {"abstainers", MK_PARAM_CHOICE, "lost", "lost|error",
     "a chain ending at a voter who neither votes nor delegates: lost, or an error"},
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",
     "tied winners: the first candidate in the file is chosen, or a lottery drawn from --seed"},
    {NULL, 0, NULL, NULL, NULL},
};

static void liquid_free(mk_instance *inst)
{
    liquid *l = (liquid *)inst;
    if (l == NULL)
        return;
    free(l->end);
    free(l->depth);
    free(l->weight);
    free(l->path);
    free(l->tally);
    free(l->ranking);
    free(l->winner);
    free(l);
}

static int liquid_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                          mk_ctx *ctx)
{
    liquid *l = calloc(1, sizeof *l);
    if (l == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    int cycles = 0, abstainers = 0, ties = 0;
    int rc = mk_params_get_choice(params, "cycles", &cycles, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "abstainers", &abstainers, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "ties", &ties, ctx);
    l->cycles_error = cycles == 1;
    l->abstainers_error = abstainers == 1;
    l->ties_random = ties == 1;
    l->seed = setting->seed;
    l->items = setting->items;
    l->n_items = setting->n_items;
    if (rc != 0) {
        liquid_free((mk_instance *)l);
        return rc;
    }
    *out = (mk_instance *)l;
    return MK_OK;
}

static const char *voter(const mk_profile *p, size_t i, char *buf, size_t cap)
{
    if (p->labels != NULL)
        return p->labels[i];
    snprintf(buf, cap, "%zu", i + 1);
    return buf;
}

/* Sizes the workspaces (grows only, so that repeated runs do not
 * allocate) and clears the walk state and the tallies. */
static int reserve(liquid *l, size_t n, size_t m, mk_ctx *ctx)
{
    if (n > l->cap_n) {
        free(l->end);
        free(l->depth);
        free(l->weight);
        free(l->path);
        l->end = malloc(n * sizeof *l->end);
        l->depth = malloc(n * sizeof *l->depth);
        l->weight = malloc(n * sizeof *l->weight);
        l->path = malloc(n * sizeof *l->path);
        l->cap_n = 0;
        if (l->end == NULL || l->depth == NULL || l->weight == NULL || l->path == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu voters", n);
        l->cap_n = n;
    }
    if (m > l->cap_m) {
        free(l->tally);
        free(l->ranking);
        free(l->winner);
        l->tally = malloc(m * sizeof *l->tally);
        l->ranking = malloc(m * sizeof *l->ranking);
        l->winner = malloc(m * sizeof *l->winner);
        l->cap_m = 0;
        if (l->tally == NULL || l->ranking == NULL || l->winner == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", m);
        l->cap_m = m;
    }
    memset(l->weight, 0, n * sizeof *l->weight);
    memset(l->tally, 0, m * sizeof *l->tally);
    return MK_OK;
}

/* Checks the rows and finds the number of candidates. */
static int check(liquid *l, const mk_profile *p, mk_ctx *ctx)
{
    char buf[24];
    if (p->width != 2)
        return mk_error(ctx, MK_EINPUT, "liquid democracy rows have 2 cells, not %zu", p->width);
    l->m = l->n_items;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        if (row[0] < -1 || row[0] >= (int64_t)p->n || row[1] < -1 ||
            row[1] >= LIQUID_MAX_CANDIDATES)
            return mk_error(ctx, MK_EINPUT, "voter %s: delegate %" PRId64 " or vote %" PRId64,
                            voter(p, i, buf, sizeof buf), row[0], row[1]);
        if (p->weight != NULL && p->weight[i] < 0)
            return mk_error(ctx, MK_EINPUT, "voter %s has a negative weight",
                            voter(p, i, buf, sizeof buf));
        if (row[1] >= (int64_t)l->m)
            l->m = (size_t)row[1] + 1;
    }
    if (l->m == 0)
        return mk_error(ctx, MK_EINPUT, "nobody votes for a candidate");
    return MK_OK;
}

static int cycle_error(const mk_profile *p, const size_t *path, size_t from, size_t len,
                       mk_ctx *ctx)
{
    char text[256] = "", buf[24];
    size_t used = 0;
    for (size_t k = from; k <= len && used < sizeof text - 40; k++) {
        size_t at = path[k < len ? k : from];
        int w = snprintf(text + used, sizeof text - used, "%s%s", k > from ? " -> " : "",
                         voter(p, at, buf, sizeof buf));
        used += w > 0 ? (size_t)w : 0;
    }
    return mk_error(ctx, MK_EINPUT, "delegations loop: %s (-p cycles=lost drops their votes)",
                    text);
}

/* Walks voter i's chain and resolves every voter on it; state[x] is 0
 * for a voter not seen, 1 on this walk, 2 resolved. */
static int resolve(liquid *l, const mk_profile *p, size_t i, int64_t *state, mk_ctx *ctx)
{
    size_t len = 0, x = i;
    int64_t end, depth = 1; /* delegations from the last voter of the walk */
    for (;;) {
        const int64_t *row = mk_profile_row(p, x);
        if (state[x] == 2) { /* resolved before: continue its answer */
            end = l->end[x] == ABSTAINS ? LOST_ABSTAINER : l->end[x];
            depth = l->depth[x] + 1;
            break;
        }
        if (state[x] == 1) { /* back on this walk: a loop */
            size_t from = 0;
            while (l->path[from] != x)
                from++;
            if (l->cycles_error)
                return cycle_error(p, l->path, from, len, ctx);
            end = LOST_CYCLE;
            break;
        }
        state[x] = 2;
        l->depth[x] = 0;
        if (row[1] >= 0) { /* votes: a direct vote overrides a delegation */
            l->end[x] = end = (int64_t)x;
            break;
        }
        if (row[0] < 0) { /* neither votes nor delegates */
            l->end[x] = ABSTAINS;
            end = LOST_ABSTAINER;
            break;
        }
        state[x] = 1;
        l->path[len++] = x;
        x = (size_t)row[0];
    }
    if (end == LOST_ABSTAINER && l->abstainers_error && len > 0) {
        char a[24], b[24];
        return mk_error(ctx, MK_EINPUT,
                        "voter %s delegates to %s, who neither votes nor delegates "
                        "(-p abstainers=lost drops such votes)",
                        voter(p, l->path[len - 1], a, sizeof a), voter(p, x, b, sizeof b));
    }
    for (size_t k = len; k-- > 0;) { /* the walk, last first */
        l->end[l->path[k]] = end;
        l->depth[l->path[k]] = depth++;
        state[l->path[k]] = 2;
    }
    return MK_OK;
}

static void rank(liquid *l)
{
    size_t m = l->m, n = 0;
    for (size_t k = 0; k < m; k++) { /* stable: ties in order of appearance */
        size_t at = k;
        while (at > 0 && l->tally[l->ranking[at - 1]] < l->tally[k]) {
            l->ranking[at] = l->ranking[at - 1];
            at--;
        }
        l->ranking[at] = k;
    }
    for (size_t j = 0; j < m; j++) {
        l->winner[j] = l->tally[j] == l->tally[l->ranking[0]];
        n += (size_t)l->winner[j];
    }
    l->chosen = l->ranking[0];
    if (l->ties_random && n > 1) {
        mk_rng rng;
        mk_rng_seed_stream(&rng, l->seed, 1);
        uint64_t pick = mk_rng_below(&rng, n);
        for (size_t j = 0; j < m; j++)
            if (l->winner[j] && pick-- == 0)
                l->chosen = j;
    }
}

static int liquid_run(mk_instance *inst, const mk_profile *p, mk_outcome *out, mk_ctx *ctx)
{
    liquid *l = (liquid *)inst;
    int rc = check(l, p, ctx);
    if (rc == 0)
        rc = reserve(l, p->n, l->m, ctx);
    if (rc != 0)
        return rc;
    l->n = p->n;
    l->lost_cycles = l->lost_abstainers = l->abstained = l->longest = 0;
    /* l->weight doubles as the walk state (0 new, 1 on the walk, 2 done)
     * until the weights are summed. */
    for (size_t i = 0; rc == 0 && i < p->n; i++)
        if (l->weight[i] == 0)
            rc = resolve(l, p, i, l->weight, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < p->n; i++)
        l->weight[i] = 0;
    for (size_t i = 0; i < p->n; i++) {
        int64_t w = p->weight != NULL ? p->weight[i] : 1, end = l->end[i];
        if (end >= 0) {
            if (mk_checked_add(l->weight[end], w, &l->weight[end]) != 0)
                return mk_error(ctx, MK_ERANGE, "a voter's weight overflows");
            if (l->depth[i] > l->longest)
                l->longest = l->depth[i];
        }
        l->lost_cycles += end == LOST_CYCLE ? w : 0;
        l->lost_abstainers += end == LOST_ABSTAINER ? w : 0;
        l->abstained += end == ABSTAINS ? w : 0;
    }
    for (size_t i = 0; i < p->n; i++)
        if (l->end[i] == (int64_t)i &&
            mk_checked_add(l->tally[mk_profile_row(p, i)[1]], l->weight[i],
                           &l->tally[mk_profile_row(p, i)[1]]) != 0)
            return mk_error(ctx, MK_ERANGE, "a candidate's tally overflows");
    rank(l);
    rc = mk_outcome_reset(out, l->m, 0, ctx);
    for (size_t j = 0; rc == 0 && j < l->m; j++)
        out->allocation[j] = l->winner[j];
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voters", (int64_t)p->n, MK_FACT_COUNT, ctx);
    return rc;
}

static const char *cand(const liquid *l, size_t j, char *buf, size_t cap)
{
    if (l->items != NULL && j < l->n_items)
        return l->items[j];
    snprintf(buf, cap, "%zu", j + 1);
    return buf;
}

static int liquid_result_json(const mk_instance *inst, const mk_profile *p,
                              const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)outcome;
    const liquid *l = (const liquid *)inst;
    json_t *r = result;
    char buf[24];
    if (l->n != p->n)
        return mk_error(ctx, MK_EINTERNAL, "result of another profile");
    json_t *winners = json_array(), *ranking = json_array(), *tally = json_object(),
           *weights = json_object(), *lost = json_object();
    for (size_t j = 0; j < l->m; j++) {
        if (l->winner[j])
            json_array_append_new(winners, json_string(cand(l, j, buf, sizeof buf)));
        json_array_append_new(ranking, json_string(cand(l, l->ranking[j], buf, sizeof buf)));
        json_object_set_new(tally, cand(l, j, buf, sizeof buf), json_integer(l->tally[j]));
    }
    for (size_t i = 0; i < p->n; i++)
        if (l->end[i] == (int64_t)i)
            json_object_set_new(weights, voter(p, i, buf, sizeof buf), json_integer(l->weight[i]));
    json_object_set_new(lost, "cycles", json_integer(l->lost_cycles));
    json_object_set_new(lost, "abstainers", json_integer(l->lost_abstainers));
    json_object_set_new(r, "winners", winners);
    json_object_set_new(r, "chosen", json_string(cand(l, l->chosen, buf, sizeof buf)));
    json_object_set_new(r, "ties", json_string(l->ties_random ? "random" : "lowest"));
    json_object_set_new(r, "ranking", ranking);
    json_object_set_new(r, "tally", tally);
    json_object_set_new(r, "weights", weights);
    json_object_set_new(r, "lost", lost);
    json_object_set_new(r, "abstained", json_integer(l->abstained));
    json_object_set_new(r, "longest_chain", json_integer(l->longest));
    return MK_OK;
}

static int liquid_result_text(const mk_instance *inst, const mk_profile *p,
                              const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)outcome;
    const liquid *l = (const liquid *)inst;
    char *s = NULL, buf[24];
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (f == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    fprintf(f, "%-24s %12s\n", "candidate", "weight");
    for (size_t k = 0; k < l->m; k++) {
        size_t j = l->ranking[k];
        fprintf(f, "%-24.24s %12" PRId64 "%s\n", cand(l, j, buf, sizeof buf), l->tally[j],
                l->winner[j] ? "  *" : "");
    }
    fprintf(f, "%-24s %12s\n", "voter who votes", "carries");
    for (size_t i = 0; i < p->n; i++)
        if (l->end[i] == (int64_t)i)
            fprintf(f, "%-24.24s %12" PRId64 "\n", voter(p, i, buf, sizeof buf), l->weight[i]);
    fprintf(f,
            "lost in cycles: %" PRId64 ", lost to abstainers: %" PRId64 ", abstained: %" PRId64
            ", longest chain: %" PRId64 "\nchosen: %s (ties: %s)\n",
            l->lost_cycles, l->lost_abstainers, l->abstained, l->longest,
            cand(l, l->chosen, buf, sizeof buf), l->ties_random ? "random" : "first in the file");
    if (fclose(f) != 0) {
        free(s);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    }
    *text = s;
    return MK_OK;
}

const mk_mechanism mk_voting_liquid = {
    .name = "voting.liquid",
    .summary = "liquid democracy: votes or delegations, chains resolved, plurality of the "
               "carried weights",
    .input_help = "a CSV with columns voter, delegate (another voter, or blank) and vote (a "
                  "candidate, or blank), one line per voter",
    .params = liquid_params,
    .claims = 0,
    .flags = MK_MECH_COLLECTIVE | MK_MECH_ITEM_OUTCOME,
    .read = mk_liquid_read,
    .prepare = liquid_prepare,
    .run = liquid_run,
    .result_json = liquid_result_json,
    .result_text = liquid_result_text,
    .free = liquid_free,
};
