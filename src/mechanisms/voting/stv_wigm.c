/*
 * STV by the weighted inclusive Gregory method, in the order of the
 * Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1:
 * rule 45 first stage, 46 quota, 47 return of councillors, 48-49 transfer
 * of surpluses (all of the candidate's papers, each at surplus x its value
 * / the candidate's votes; the largest surplus first), 50-51 exclusion of
 * the candidate with the fewest votes (its papers at the values they
 * carry), 52 the last vacancies. voting.stv_scottish truncates each
 * transfer value to 5 decimal places as rule 48(3) says;
 * voting.stv_gregory keeps it exact.
 *
 * Papers of one row move together (identical ballots are treated alike by
 * every rule), so a row is one parcel: it is held by one candidate at a
 * value drawn from a small table of distinct values. A transfer maps each
 * distinct old value to its new value once and adds, per receiving
 * candidate and value, the number of papers times the value, so the work
 * per paper is integer work; the exact arithmetic is per distinct value.
 */
#include <stdlib.h>
#include <string.h>

#include "stv_internal.h"

/* The count's workspace, kept in the stv instance between runs (sized for
 * cap_rows rows and cap_m candidates; the first n_init values of val are
 * initialised). */
typedef struct wigm {
    size_t cap_rows, cap_m, n_init;
    int32_t *holder; /* per row: the candidate holding the paper, -1 none */
    size_t *pos;     /* per row: the place of the holder in its preferences */
    size_t *cls;     /* per row: index of its value in val */
    size_t *next;    /* per row: the next row of the same holder's list */
    size_t *head;    /* per candidate: its first row, SIZE_MAX for none */
    mpq_t *val;      /* distinct values of papers */
    size_t n_val, cap_val;
    mpq_t *tally; /* m: votes credited */
    mpq_t quota, surplus, total, tmp;
    int *pending;  /* m: elected, surplus not yet transferred */
    size_t *map;   /* per value: its new value in the current transfer */
    int64_t *acc;  /* new values of a transfer x m: papers received */
    size_t *local; /* the new values of the current transfer */
    size_t cap_acc;
} wigm;

#define NONE SIZE_MAX

static int add_value(wigm *w, const mpq_t v, size_t *id, mk_ctx *ctx)
{
    if (w->n_val == w->cap_val) {
        size_t cap = w->cap_val ? 2 * w->cap_val : 64;
        mpq_t *a = realloc(w->val, cap * sizeof *a);
        size_t *map = realloc(w->map, cap * sizeof *map);
        if (a != NULL)
            w->val = a;
        if (map != NULL)
            w->map = map;
        if (a == NULL || map == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for transfer values");
        w->cap_val = cap;
    }
    if (w->n_val == w->n_init) {
        mpq_init(w->val[w->n_val]);
        w->n_init++;
    }
    mpq_set(w->val[w->n_val], v);
    w->map[w->n_val] = NONE;
    *id = w->n_val++;
    return MK_OK;
}

/* The next continuing candidate on row r after place pos, or -1. */
static int32_t next_hopeful(const stv *s, size_t r, size_t *pos)
{
    for (size_t k = s->start[r] + *pos + 1; k < s->start[r + 1]; k++)
        if (s->state[s->pref[k]] == STV_HOPEFUL) {
            *pos = k - s->start[r];
            return s->pref[k];
        }
    return -1;
}

static void hold(wigm *w, size_t r, int32_t c)
{
    w->holder[r] = c;
    if (c >= 0) {
        w->next[r] = w->head[c];
        w->head[c] = r;
    }
}

/* Records the current tallies as a new stage. */
static int record(stv *s, wigm *w, stv_action action, long from, stv_tie tie, mk_ctx *ctx)
{
    int rc = stv_stage_push(s, action, from, tie, ctx);
    if (rc != 0)
        return rc;
    mpq_t *v = stv_stage_last(s)->value;
    mpq_set_si(v[2 * s->m], s->valid, 1);
    for (size_t j = 0; j < s->m; j++) {
        mpq_set(v[j], w->tally[j]);
        mpq_sub(v[2 * s->m], v[2 * s->m], w->tally[j]);
    }
    mpq_set(v[2 * s->m + 1], w->quota);
    if (action == STV_EXCLUSION)
        s->stage_excluded[from] = (long)s->n_stages - 1;
    return MK_OK;
}

/* The value of a paper of value v moved from a candidate with surplus S
 * and votes T: v * S / T, truncated to 5 decimal places for the Scottish
 * rule (48(3): "any remainder being ignored"). */
static void transfer_value(const stv *s, wigm *w, const mpq_t v, mpq_t out)
{
    mpq_mul(out, v, w->surplus);
    mpq_div(out, out, w->total);
    if (s->rule != STV_SCOTTISH)
        return;
    mpz_t scale;
    mpz_init_set_ui(scale, 100000);
    mpz_mul(mpq_numref(out), mpq_numref(out), scale);
    mpz_fdiv_q(mpq_numref(out), mpq_numref(out), mpq_denref(out));
    mpz_set(mpq_denref(out), scale);
    mpq_canonicalize(out);
    mpz_clear(scale);
}

static int reserve_acc(wigm *w, size_t values, size_t m, mk_ctx *ctx)
{
    if (values * m <= w->cap_acc)
        return MK_OK;
    size_t cap = 2 * values * m;
    int64_t *a = realloc(w->acc, cap * sizeof *a);
    size_t *l = a != NULL ? realloc(w->local, 2 * values * sizeof *l) : NULL;
    if (a != NULL)
        w->acc = a;
    if (l != NULL)
        w->local = l;
    if (a == NULL || l == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a transfer");
    /* Only the new part: a transfer may grow it while it accumulates. */
    memset(w->acc + w->cap_acc, 0, (cap - w->cap_acc) * sizeof *a);
    w->cap_acc = cap;
    return MK_OK;
}

/* Moves every paper of candidate `from` to its next continuing candidate:
 * at a new value (a surplus) or at the value it carries (an exclusion). */
static int transfer(stv *s, wigm *w, size_t from, int surplus, mk_ctx *ctx)
{
    size_t m = s->m, n_local = 0;
    int rc = MK_OK;
    if (surplus) {
        mpq_set(w->total, w->tally[from]);
        mpq_sub(w->surplus, w->tally[from], w->quota);
    }
    for (size_t r = w->head[from], nx; r != NONE && rc == 0; r = nx) {
        nx = w->next[r];
        int32_t to = next_hopeful(s, r, &w->pos[r]);
        if (to < 0) {
            hold(w, r, -1); /* non-transferable */
            continue;
        }
        size_t old = w->cls[r];
        if (w->map[old] == NONE) {
            rc = reserve_acc(w, n_local + 1, m, ctx);
            size_t id = old;
            if (rc == 0 && surplus) {
                transfer_value(s, w, w->val[old], w->tmp);
                rc = add_value(w, w->tmp, &id, ctx);
            }
            if (rc != 0)
                break;
            w->map[old] = n_local;
            w->local[n_local++] = id;
        }
        size_t l = w->map[old];
        w->acc[l * m + (size_t)to] += s->weight[r]; /* <= valid voters */
        w->cls[r] = w->local[l];
        hold(w, r, to);
    }
    w->head[from] = NONE;
    for (size_t l = 0; l < n_local; l++)
        for (size_t j = 0; j < m; j++) {
            int64_t *a = &w->acc[l * m + j];
            if (*a == 0)
                continue;
            mpq_set_si(w->tmp, *a, 1);
            mpq_mul(w->tmp, w->tmp, w->val[w->local[l]]);
            mpq_add(w->tally[j], w->tally[j], w->tmp);
            *a = 0;
        }
    for (size_t v = 0; v < w->n_val; v++)
        w->map[v] = NONE;
    if (surplus)
        mpq_set(w->tally[from], w->quota); /* the candidate keeps the quota */
    else
        mpq_set_ui(w->tally[from], 0, 1);
    return rc;
}

/* Rule 47: every continuing candidate with the quota is elected, the
 * most votes first. */
static void elect_quota(stv *s, wigm *w)
{
    size_t cand[STV_MAX_CANDIDATES], k = 0;
    for (size_t j = 0; j < s->m; j++)
        if (s->state[j] == STV_HOPEFUL && mpq_cmp(w->tally[j], w->quota) >= 0) {
            cand[k++] = j;
            w->pending[j] = 1;
        }
    stv_elect_in_order(s, cand, k, w->tally, 0);
}

/* The candidates flagged in `only` whose votes are best (high: the most,
 * else the fewest), into cand; their number. */
static size_t extreme(const stv *s, const wigm *w, int high, const int *only, size_t *cand)
{
    size_t k = 0;
    for (size_t j = 0; j < s->m; j++) {
        if (!only[j])
            continue;
        int c = k == 0 ? 0 : mpq_cmp(w->tally[j], w->tally[cand[0]]);
        if (high ? c > 0 : c < 0)
            k = 0;
        if (k == 0 || c == 0)
            cand[k++] = j;
    }
    return k;
}

/* One stage after the first: the largest surplus (rules 48, 49), else an
 * exclusion (rules 50, 51). */
static int next_stage(stv *s, wigm *w, int *only, mk_ctx *ctx)
{
    size_t cand[STV_MAX_CANDIDATES];
    stv_tie how;
    for (size_t j = 0; j < s->m; j++) {
        if (w->pending[j] && mpq_cmp(w->tally[j], w->quota) <= 0)
            w->pending[j] = 0; /* exactly the quota: nothing to transfer */
        only[j] = w->pending[j];
    }
    size_t k = extreme(s, w, 1, only, cand);
    if (k > 0) {
        size_t c = stv_break_tie(s, cand, k, 1, &how);
        w->pending[c] = 0;
        int rc = transfer(s, w, c, 1, ctx);
        return rc != 0 ? rc : record(s, w, STV_SURPLUS, (long)c, how, ctx);
    }
    for (size_t j = 0; j < s->m; j++)
        only[j] = s->state[j] == STV_HOPEFUL;
    k = extreme(s, w, 0, only, cand);
    size_t c = stv_break_tie(s, cand, k, 0, &how);
    s->state[c] = STV_EXCLUDED;
    int rc = transfer(s, w, c, 0, ctx);
    return rc != 0 ? rc : record(s, w, STV_EXCLUSION, (long)c, how, ctx);
}

static int first_stage(stv *s, wigm *w, mk_ctx *ctx)
{
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    size_t id;
    int rc = add_value(w, one, &id, ctx); /* value 0: a first preference */
    mpq_clear(one);
    if (rc != 0)
        return rc;
    int64_t *first = w->acc; /* m counters, zeroed by reserve_acc */
    for (size_t r = 0; r < s->rows; r++) {
        int32_t c = s->pref[s->start[r]];
        w->pos[r] = 0;
        w->cls[r] = id;
        first[c] += s->weight[r];
        hold(w, r, c);
    }
    for (size_t j = 0; j < s->m; j++) {
        mpq_set_si(w->tally[j], first[j], 1);
        first[j] = 0;
    }
    /* Rule 46: the valid papers / (seats + 1), ignoring decimals, plus 1. */
    mpq_set_si(w->quota, s->valid / (s->seats + 1) + 1, 1);
    return record(s, w, STV_FIRST, -1, STV_TIE_NONE, ctx);
}

/* Sizes w for s (grows only) and empties it for a new count. */
static int reset_wigm(const stv *s, wigm *w, mk_ctx *ctx)
{
    size_t rows = s->rows, m = s->m;
    int failed = 0;
    if (rows > w->cap_rows) {
        w->holder = voting_grow(w->holder, rows, sizeof *w->holder, &failed);
        w->pos = voting_grow(w->pos, rows, sizeof *w->pos, &failed);
        w->cls = voting_grow(w->cls, rows, sizeof *w->cls, &failed);
        w->next = voting_grow(w->next, rows, sizeof *w->next, &failed);
        if (!failed)
            w->cap_rows = rows;
    }
    if (m > w->cap_m) {
        w->head = voting_grow(w->head, m, sizeof *w->head, &failed);
        w->pending = voting_grow(w->pending, m, sizeof *w->pending, &failed);
        w->tally = voting_grow(w->tally, m, sizeof *w->tally, &failed);
        for (size_t j = w->cap_m; !failed && j < m; j++)
            mpq_init(w->tally[j]);
        if (!failed)
            w->cap_m = m;
    }
    if (failed)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", rows);
    for (size_t j = 0; j < m; j++) {
        w->head[j] = NONE;
        w->pending[j] = 0;
    }
    w->n_val = 0;
    if (w->acc != NULL) /* a count that failed midway may leave papers there */
        memset(w->acc, 0, w->cap_acc * sizeof *w->acc);
    return reserve_acc(w, 1, m, ctx);
}

void stv_wigm_free(stv *s)
{
    wigm *w = s->wigm;
    if (w == NULL)
        return;
    for (size_t j = 0; j < w->cap_m; j++)
        mpq_clear(w->tally[j]);
    for (size_t v = 0; v < w->n_init; v++)
        mpq_clear(w->val[v]);
    mpq_clears(w->quota, w->surplus, w->total, w->tmp, NULL);
    free(w->holder);
    free(w->pos);
    free(w->cls);
    free(w->next);
    free(w->head);
    free(w->tally);
    free(w->pending);
    free(w->val);
    free(w->map);
    free(w->acc);
    free(w->local);
    free(w);
    s->wigm = NULL;
}

int stv_count_wigm(stv *s, mk_ctx *ctx)
{
    if (s->wigm == NULL) {
        s->wigm = calloc(1, sizeof *s->wigm);
        if (s->wigm == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for an STV count");
        mpq_inits(s->wigm->quota, s->wigm->surplus, s->wigm->total, s->wigm->tmp, NULL);
    }
    wigm *w = s->wigm;
    int only[STV_MAX_CANDIDATES];
    int rc = reset_wigm(s, w, ctx);
    if (rc == 0)
        rc = first_stage(s, w, ctx);
    while (rc == 0) {
        elect_quota(s, w);
        size_t hopeful = stv_count_state(s, STV_HOPEFUL);
        if ((int64_t)s->n_elected >= s->seats)
            break;
        if ((int64_t)hopeful <= s->seats - (int64_t)s->n_elected) {
            /* Rule 52: as many continuing candidates as vacancies. */
            size_t cand[STV_MAX_CANDIDATES], k = 0;
            for (size_t j = 0; j < s->m; j++)
                if (s->state[j] == STV_HOPEFUL)
                    cand[k++] = j;
            stv_elect_in_order(s, cand, k, w->tally, 1);
            break;
        }
        rc = next_stage(s, w, only, ctx);
    }
    return rc;
}
