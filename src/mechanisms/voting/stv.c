/* The STV counts as mechanisms (mechkit/stv.h): parameters, the ballots as
 * preference lists, the record of stages, and the statutory tie rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"
#include "stv_internal.h"
#include "voting_internal.h" /* the audit interface shared with the other rules */

static const mk_param_spec stv_params[] = {
    {"seats", MK_PARAM_INT, "1", NULL,
     "seats to fill (a .blt file's declared seats must be given)"},
    {"candidates", MK_PARAM_INT, "4", NULL,
     "candidates of sampled (impartial culture) profiles in audits"},
    {NULL, 0, NULL, NULL, NULL},
};

#define STV_INPUT_HELP                                                                             \
    "a PrefLib file (.soc, .soi, .toc, .toi) or a .blt ballot file ('candidates seats', "          \
    "optional '-k' withdrawn candidates, 'weight c1 c2 ... 0' ballots with a=b for equal ranks, "  \
    "'0', the quoted names and the quoted title)"

const char *stv_name(const stv *s, size_t j, char *buf, size_t cap)
{
    if (s->items != NULL && j < s->n_items)
        return s->items[j];
    snprintf(buf, cap, "%zu", j + 1);
    return buf;
}

int stv_places(const stv *s)
{
    return s->rule == STV_SCOTTISH ? 5 : s->rule == STV_MEEK ? 9 : -1;
}

/* scaled / 10^places as a decimal with `places` places. */
static char *decimal(const mpz_t scaled, int places)
{
    char *digits = mpz_get_str(NULL, 10, scaled);
    if (digits == NULL)
        return NULL;
    int negative = digits[0] == '-';
    const char *d = digits + negative;
    size_t n = strlen(d), p = (size_t)places, pad = n <= p ? p + 1 - n : 0;
    size_t whole = n + pad - p; /* >= 1 digits before the point */
    char *out = malloc(n + pad + 3);
    if (out != NULL) {
        char *o = out;
        if (negative)
            *o++ = '-';
        memset(o, '0', pad); /* leading zeros, then the digits */
        memcpy(o + pad, d, n);
        memmove(o + whole + 1, o + whole, p);
        o[whole] = p > 0 ? '.' : '\0';
        o[whole + 1 + p - (p == 0)] = '\0';
    }
    free(digits);
    return out;
}

char *stv_format(const mpq_t x, int places)
{
    if (places < 0)
        return mpq_get_str(NULL, 10, x);
    mpz_t q;
    mpz_init(q);
    mpz_ui_pow_ui(q, 10, (unsigned long)places);
    mpz_mul(q, q, mpq_numref(x));
    char *out = NULL;
    if (mpz_divisible_p(q, mpq_denref(x))) {
        mpz_divexact(q, q, mpq_denref(x));
        out = decimal(q, places);
    } else {
        out = mpq_get_str(NULL, 10, x); /* not a decimal of that many places */
    }
    mpz_clear(q);
    return out;
}

int stv_stage_push(stv *s, stv_action action, long from, stv_tie tie, mk_ctx *ctx)
{
    if (s->n_stages == s->cap_stages) {
        size_t cap = s->cap_stages ? 2 * s->cap_stages : 16;
        stv_stage *st = realloc(s->stage, cap * sizeof *st);
        if (st == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the stages of the count");
        s->stage = st;
        s->cap_stages = cap;
    }
    size_t nv = 2 * s->m + 2;
    mpq_t *v;
    if (s->n_stages < s->n_ready) {
        v = s->stage[s->n_stages].value;
        for (size_t i = 0; i < nv; i++)
            mpq_set_ui(v[i], 0, 1);
    } else {
        v = malloc(nv * sizeof *v);
        if (v == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the stages of the count");
        for (size_t i = 0; i < nv; i++)
            mpq_init(v[i]);
        s->n_ready++;
    }
    s->stage[s->n_stages++] = (stv_stage){action, from, tie, 0, v};
    return MK_OK;
}

size_t stv_break_tie(stv *s, const size_t *cand, size_t k, int high, stv_tie *how)
{
    size_t live[STV_MAX_CANDIDATES], n = k;
    memcpy(live, cand, k * sizeof *live);
    *how = k > 1 ? STV_TIE_EARLIER : STV_TIE_NONE;
    /* Rules 49(2), 51(2): the most recent preceding stage at which they
     * had unequal votes; keep those best there and look further back. */
    for (size_t st = s->n_stages; n > 1 && st-- > 0;) {
        mpq_t *t = s->stage[st].value;
        size_t best = live[0], kept = 0;
        for (size_t i = 1; i < n; i++) {
            int c = mpq_cmp(t[live[i]], t[best]);
            if (high ? c > 0 : c < 0)
                best = live[i];
        }
        for (size_t i = 0; i < n; i++)
            if (mpq_equal(t[live[i]], t[best]))
                live[kept++] = live[i];
        n = kept;
    }
    if (n == 1)
        return live[0];
    *how = STV_TIE_LOT; /* rules 49(3), 51(2)(b): by lot, drawn from --seed */
    return live[mk_rng_below(&s->lot, n)];
}

void stv_elect(stv *s, size_t c, int rule_52)
{
    s->state[c] = STV_ELECTED;
    s->stage_elected[c] = (long)s->n_stages - 1;
    s->by_rule_52[c] = rule_52;
    s->order[s->n_elected++] = c;
}

void stv_elect_in_order(stv *s, size_t *cand, size_t k, mpq_t *votes, int rule_52)
{
    while (k > 0) {
        size_t top[STV_MAX_CANDIDATES], n = 0, best = cand[0];
        for (size_t i = 1; i < k; i++)
            if (mpq_cmp(votes[cand[i]], votes[best]) > 0)
                best = cand[i];
        for (size_t i = 0; i < k; i++)
            if (mpq_equal(votes[cand[i]], votes[best]))
                top[n++] = cand[i];
        stv_tie how;
        size_t pick = stv_break_tie(s, top, n, 1, &how);
        stv_elect(s, pick, rule_52);
        for (size_t i = 0; i < k; i++)
            if (cand[i] == pick) {
                cand[i] = cand[--k];
                break;
            }
    }
}

size_t stv_count_state(const stv *s, stv_state st)
{
    size_t n = 0;
    for (size_t j = 0; j < s->m; j++)
        n += s->state[j] == st;
    return n;
}

/* Frees the values of every stage kept. */
static void clear_stages(stv *s)
{
    for (size_t i = 0; i < s->n_ready; i++) {
        for (size_t k = 0; k < 2 * s->ready_m + 2; k++)
            mpq_clear(s->stage[i].value[k]);
        free(s->stage[i].value);
    }
    s->n_stages = s->n_ready = 0;
}

static void free_run(stv *s)
{
    clear_stages(s);
    free(s->weight);
    free(s->start);
    free(s->pref);
    free(s->state);
    free(s->stage_elected);
    free(s->stage_excluded);
    free(s->by_rule_52);
    free(s->order);
    free(s->slot);
    free(s->rank_count);
    stv_wigm_free(s);
    stv_meek_free(s);
}

/* Sizes the arrays of a run for the n rows of m candidates of p (grows
 * only); MK_ERANGE, MK_ENOMEM. */
static int reserve_run(stv *s, const mk_profile *p, mk_ctx *ctx)
{
    size_t m = s->m, cells;
    if (mk_checked_size_mul(p->n, m, &cells) != 0)
        return mk_error(ctx, MK_ERANGE, "too many ballots");
    int failed = 0;
    if (p->n + 1 > s->cap_rows) {
        s->weight = voting_grow(s->weight, p->n + 1, sizeof *s->weight, &failed);
        s->start = voting_grow(s->start, p->n + 1, sizeof *s->start, &failed);
        if (!failed)
            s->cap_rows = p->n + 1;
    }
    if (cells + 1 > s->cap_cells) {
        s->pref = voting_grow(s->pref, cells + 1, sizeof *s->pref, &failed);
        if (!failed)
            s->cap_cells = cells + 1;
    }
    if (m > s->cap_m) {
        s->state = voting_grow(s->state, m, sizeof *s->state, &failed);
        s->stage_elected = voting_grow(s->stage_elected, m, sizeof *s->stage_elected, &failed);
        s->stage_excluded = voting_grow(s->stage_excluded, m, sizeof *s->stage_excluded, &failed);
        s->by_rule_52 = voting_grow(s->by_rule_52, m, sizeof *s->by_rule_52, &failed);
        s->order = voting_grow(s->order, m, sizeof *s->order, &failed);
        s->slot = voting_grow(s->slot, m + 1, sizeof *s->slot, &failed);
        s->rank_count = voting_grow(s->rank_count, m + 1, sizeof *s->rank_count, &failed);
        if (!failed)
            s->cap_m = m;
    }
    return failed ? mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", p->n) : MK_OK;
}

/* The preference list of one row into pref (at most m entries): its
 * candidates in rank order, up to the first rank two or more share. */
static size_t preferences(const int64_t *row, size_t m, int32_t *pref, int64_t *slot, int *count)
{
    for (size_t r = 0; r <= m; r++)
        count[r] = 0;
    for (size_t j = 0; j < m; j++)
        if (row[j] != MK_RANK_UNRANKED) {
            count[row[j]]++;
            slot[row[j]] = (int64_t)j;
        }
    size_t n = 0;
    for (size_t r = 1; r <= m; r++) {
        if (count[r] > 1)
            break;
        if (count[r] == 1)
            pref[n++] = (int32_t)slot[r];
    }
    return n;
}

static int build_ballots(stv *s, const mk_profile *p, mk_ctx *ctx)
{
    size_t m = s->m;
    int rc = MK_OK;
    s->rows = 0;
    s->valid = s->invalid = 0;
    size_t used = 0;
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        for (size_t j = 0; j < m && rc == 0; j++)
            if (row[j] < 0 || (uint64_t)row[j] > (uint64_t)m)
                rc = mk_error(ctx, MK_EINPUT, "ballot %zu gives candidate %zu rank %lld", i + 1,
                              j + 1, (long long)row[j]);
        if (rc == 0 && w < 0)
            rc = mk_error(ctx, MK_EINPUT, "ballot %zu has weight %lld", i + 1, (long long)w);
        if (rc != 0)
            break;
        size_t n = preferences(row, m, s->pref + used, s->slot, s->rank_count);
        int64_t *total = n > 0 ? &s->valid : &s->invalid;
        if (mk_checked_add(*total, w, total) != 0) {
            rc = mk_error(ctx, MK_ERANGE, "the number of voters overflows");
            break;
        }
        if (n == 0 || w == 0)
            continue;
        s->start[s->rows] = used;
        s->weight[s->rows++] = w;
        used += n;
    }
    if (rc == 0)
        s->start[s->rows] = used;
    return rc;
}

static int start_run(stv *s, const mk_profile *p, mk_ctx *ctx)
{
    s->n_stages = 0;
    if (p->width == 0)
        return mk_error(ctx, MK_EINPUT, "an election needs at least one candidate");
    if (p->width > STV_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%zu candidates; STV counts take at most %d", p->width,
                        STV_MAX_CANDIDATES);
    if (p->width != s->ready_m)
        clear_stages(s); /* the kept stages hold values for other candidates */
    s->m = s->ready_m = p->width;
    int rc = reserve_run(s, p, ctx);
    if (rc != 0)
        return rc;
    for (size_t j = 0; j < s->m; j++) {
        s->state[j] = STV_HOPEFUL;
        s->stage_elected[j] = s->stage_excluded[j] = -1;
        s->by_rule_52[j] = 0;
    }
    s->n_elected = 0;
    mk_rng_seed_stream(&s->lot, s->seed, 3);
    return build_ballots(s, p, ctx);
}

static int stv_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    stv *s = (stv *)inst;
    int rc = start_run(s, reports, ctx);
    if (rc == 0)
        rc = s->rule == STV_MEEK ? stv_count_meek(s, ctx) : stv_count_wigm(s, ctx);
    if (rc == 0)
        rc = mk_outcome_reset(out, s->m, 0, ctx);
    for (size_t k = 0; rc == 0 && k < s->n_elected; k++)
        out->allocation[s->order[k]] = 1;
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voters", s->valid + s->invalid, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "candidates", (int64_t)s->m, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "seats", s->seats, MK_FACT_COUNT, ctx);
    return rc;
}

static void stv_free(mk_instance *inst)
{
    stv *s = (stv *)inst;
    if (s == NULL)
        return;
    free_run(s);
    free(s->stage);
    free(s);
}

static int stv_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                       stv_rule rule, mk_ctx *ctx)
{
    int64_t seats = 1, candidates = 4;
    int rc = mk_params_get_int(params, "seats", 1, STV_MAX_CANDIDATES, &seats, ctx);
    if (rc == 0)
        rc = mk_params_get_int(params, "candidates", 1, STV_MAX_CANDIDATES, &candidates, ctx);
    if (rc != 0)
        return rc;
    stv *s = calloc(1, sizeof *s);
    if (s == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an STV count");
    s->rule = rule;
    s->seats = seats;
    s->seed = setting->seed;
    s->items = setting->items;
    s->n_items = setting->n_items;
    s->sample_m = setting->width > 0 ? setting->width : (size_t)candidates;
    *out = (mk_instance *)s;
    return MK_OK;
}

#define STV_PREPARE(fn, rule)                                                                      \
    static int fn(mk_instance **out, const mk_params *params, const mk_setting *setting,           \
                  mk_ctx *ctx)                                                                     \
    {                                                                                              \
        return stv_prepare(out, params, setting, rule, ctx);                                       \
    }

STV_PREPARE(prepare_scottish, STV_SCOTTISH)
STV_PREPARE(prepare_gregory, STV_GREGORY)
STV_PREPARE(prepare_meek, STV_MEEK)

/* Impartial culture (as voting.h's rules): n voters of weight 1, each a
 * uniformly random complete ranking of sample_m candidates. */
static int stv_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types,
                      mk_ctx *ctx)
{
    const stv *s = (const stv *)inst;
    size_t m = s->sample_m, perm[STV_MAX_CANDIDATES];
    int rc = mk_profile_resize(types, n, m, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        mk_rng_permutation(rng, perm, m);
        int64_t *row = mk_profile_row(types, i);
        for (size_t k = 0; k < m; k++)
            row[perm[k]] = (int64_t)k + 1;
    }
    return rc;
}

/* The audit interface of voting.h (types are sincere rankings; utility
 * is Borda utility averaged over the winners, here the elected members;
 * deviations every ranking for m <= 5, else sampled swaps); only the
 * sampler is STV's own. */
#define STV_MECHANISM(var, mech_name, mech_summary, prep)                                          \
    const mk_mechanism var = {.name = mech_name,                                                   \
                              .summary = mech_summary,                                             \
                              .input_help = STV_INPUT_HELP,                                        \
                              .params = stv_params,                                                \
                              .claims = 0,                                                         \
                              .flags = MK_MECH_COLLECTIVE | MK_MECH_ITEM_OUTCOME,                  \
                              .read = mk_voting_read,                                              \
                              .prepare = prep,                                                     \
                              .run = stv_run,                                                      \
                              .utility = voting_utility,                                           \
                              .truthful = mk_truthful_copy,                                        \
                              .sample = stv_sample,                                                \
                              .deviations = voting_deviations,                                     \
                              .result_json = stv_result_json,                                      \
                              .result_text = stv_result_text,                                      \
                              .format_report = voting_format_report,                               \
                              .free = stv_free}

STV_MECHANISM(mk_voting_stv_scottish, "voting.stv_scottish",
              "Scottish STV (SSI 2007/42): Droop quota, inclusive Gregory at 5 decimals, truncated",
              prepare_scottish);
STV_MECHANISM(mk_voting_stv_gregory, "voting.stv_gregory",
              "STV by the weighted inclusive Gregory method with exact fractions", prepare_gregory);
STV_MECHANISM(mk_voting_stv_meek, "voting.stv_meek",
              "STV by Meek's method: keep values iterated to 10^-6, fixed point at 10^-9",
              prepare_meek);
