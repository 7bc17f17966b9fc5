/*
 * Every isolated equilibrium of a small game, certified (mechkit/
 * enumpoly.h): support profiles in order of size, the roots of each one's
 * system from enumpoly_box.c, then each root made exact (and checked
 * exactly) or enclosed (and checked in interval arithmetic).
 */
#include "mechkit/enumpoly.h"

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enumpoly_box.h"
#include "regret_internal.h"

/* What the roots of one support are collected into. */
typedef struct collect {
    const mk_game *g;
    mk_enumpoly *out;
    size_t unresolved; /* in the current support: boxes given up, undecided roots */
    ival *cert, *encl; /* the enclosed roots of the current support, d each */
    size_t n_roots, cap_roots;
    mpq_t *p, *u; /* width and most strategies of a player */
    mk_ctx *ctx;
} collect;

/* ---- the result ----------------------------------------------------------------------------- */

static size_t row(const mk_enumpoly *e)
{
    return e->width + e->n_players;
}

/* Room for one more equilibrium; its strings start NULL. */
static int grow(mk_enumpoly *e)
{
    if (e->n < e->cap)
        return 0;
    size_t cap = e->cap ? 2 * e->cap : 8, r = row(e);
    int *exact = realloc(e->exact, cap * sizeof *exact);
    if (exact != NULL)
        e->exact = exact;
    char ***lists[3] = {&e->value, &e->lower, &e->upper};
    int failed = exact == NULL;
    for (int k = 0; k < 3 && !failed; k++) {
        char **grown = realloc(*lists[k], cap * r * sizeof *grown);
        failed = grown == NULL;
        if (grown != NULL) {
            memset(grown + e->cap * r, 0, (cap - e->cap) * r * sizeof *grown);
            *lists[k] = grown;
        }
    }
    if (failed)
        return -1;
    e->cap = cap;
    return 0;
}

/* The simplest fraction in [lo, hi] (lo <= hi), by continued fractions
 * (the Stern-Brocot tree), into q. */
static void simplest(mpq_t q, double lo, double hi)
{
    if (lo <= 0 && hi >= 0) {
        mpq_set_ui(q, 0, 1);
        return;
    }
    int negative = hi < 0;
    mpq_t a, b, t;
    mpq_inits(a, b, t, NULL);
    mpq_set_d(a, negative ? -hi : lo);
    mpq_set_d(b, negative ? -lo : hi);
    /* q = [c0; c1, ...]: c_k = floor(a) while floor(a) + 1 > b, then the
     * last term is floor(a) + 1 (or a itself when an integer). */
    mpz_t *terms = NULL;
    size_t n = 0;
    for (;;) {
        mpz_t *grown = realloc(terms, (n + 1) * sizeof *terms);
        if (grown == NULL)
            break;
        terms = grown;
        mpz_init(terms[n]);
        mpz_fdiv_q(terms[n], mpq_numref(a), mpq_denref(a));
        mpq_set_z(t, terms[n]);
        if (mpq_equal(t, a)) {
            n++;
            break;
        }
        mpz_add_ui(mpq_numref(t), mpq_numref(t), 1);
        if (mpq_cmp(t, b) <= 0) {
            mpz_add_ui(terms[n], terms[n], 1);
            n++;
            break;
        }
        mpz_sub_ui(mpq_numref(t), mpq_numref(t), 1);
        mpq_sub(a, a, t);
        mpq_sub(b, b, t);
        mpq_inv(t, a);
        mpq_inv(a, b);
        mpq_set(b, t);
        n++;
    }
    mpq_set_z(q, terms[n - 1]);
    for (size_t k = n - 1; k-- > 0;) {
        mpq_inv(q, q);
        mpq_set_z(t, terms[k]);
        mpq_add(q, q, t);
    }
    if (negative)
        mpq_neg(q, q);
    for (size_t k = 0; k < n; k++)
        mpz_clear(terms[k]);
    free(terms);
    mpq_clears(a, b, t, NULL);
}

/* ---- exact roots ---------------------------------------------------------------------------- */

/* The candidate profile c->p: the simplest fractions of encl for the
 * variables, 1 minus their sum for each s0, 0 elsewhere. */
static void candidate(collect *c, enumpoly_system *sy, const ival *encl)
{
    for (size_t j = 0; j < sy->n; j++) {
        size_t at = sy->first[j] + sy->s0[j];
        mpq_set_ui(c->p[at], 1, 1);
        for (size_t r = 0; r < c->g->n_strategies[j]; r++) {
            size_t flat = sy->first[j] + r;
            long v = sy->var_of[flat];
            if (flat == at)
                continue;
            if (v < 0) {
                mpq_set_ui(c->p[flat], 0, 1);
                continue;
            }
            simplest(c->p[flat], encl[v].lo, encl[v].hi);
            mpq_sub(c->p[at], c->p[at], c->p[flat]);
        }
    }
}

/* 1 when c->p solves the system exactly, with positive support
 * probabilities (-1: it solves it, but is no equilibrium of this support)
 * and no better reply; 0 when it does not solve it. */
static int exact_root(collect *c, enumpoly_system *sy, int *error)
{
    int equilibrium = 1;
    for (size_t i = 0; i < sy->n; i++) {
        mpq_t *u = c->u;
        if ((*error = mk_regret_deviations_mpq(c->g, c->p, i, u, c->ctx)) != 0)
            return 0;
        size_t s0 = sy->s0[i];
        for (size_t s = 0; s < c->g->n_strategies[i]; s++) {
            int in = sy->support[i] >> s & 1, cmp = mpq_cmp(u[s], u[s0]);
            if (in && cmp != 0)
                return 0;
            if (in && mpq_sgn(c->p[sy->first[i] + s]) <= 0)
                equilibrium = 0;
            if (!in && cmp > 0)
                equilibrium = 0;
        }
    }
    return equilibrium ? 1 : -1;
}

static int add_exact(collect *c)
{
    mk_enumpoly *e = c->out;
    size_t n = e->n_players, w = e->width;
    mpq_t *payoff = malloc(2 * n * sizeof *payoff);
    if (payoff == NULL || grow(e) != 0) {
        free(payoff);
        return mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
    }
    for (size_t k = 0; k < 2 * n; k++)
        mpq_init(payoff[k]);
    /* The shared exact check (mechkit/regret.h) once more. */
    int rc = mk_regret_mpq(c->g, c->p, payoff, payoff + n, NULL, c->ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!mpq_equal(payoff[i], payoff[n + i]))
            rc = mk_error(c->ctx, MK_EINTERNAL, "enumpoly: a candidate fails the exact check");
    char **v = e->value + e->n * row(e);
    for (size_t k = 0; rc == 0 && k < w + n; k++)
        if ((v[k] = mk_mpq_text(k < w ? c->p[k] : payoff[k - w])) == NULL)
            rc = mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
    for (size_t k = 0; k < 2 * n; k++)
        mpq_clear(payoff[k]);
    free(payoff);
    int duplicate = 0;
    for (size_t q = 0; rc == 0 && q < e->n && !duplicate; q++) {
        size_t k = 0;
        while (e->exact[q] && k < w && strcmp(e->value[q * row(e) + k], v[k]) == 0)
            k++;
        duplicate = k == w;
    }
    if (rc != 0 || duplicate) {
        for (size_t k = 0; k < w + n; k++) {
            free(v[k]);
            v[k] = NULL;
        }
        return rc;
    }
    e->exact[e->n++] = 1;
    return MK_OK;
}

/* ---- enclosed roots ------------------------------------------------------------------------- */

static int inside(const ival *a, const ival *b, size_t d)
{
    for (size_t l = 0; l < d; l++)
        if (a[l].lo < b[l].lo || a[l].hi > b[l].hi)
            return 0;
    return 1;
}

/* 1 when this root was found before (its enclosure lies in an earlier
 * certification box, or the reverse: each box holds one root only). */
static int seen(const collect *c, size_t d, const ival *cert, const ival *encl)
{
    for (size_t r = 0; r < c->n_roots; r++)
        if (inside(encl, c->cert + r * d, d) || inside(c->encl + r * d, cert, d))
            return 1;
    return 0;
}

static int remember(collect *c, size_t d, const ival *cert, const ival *encl)
{
    if (c->n_roots == c->cap_roots) {
        size_t cap = c->cap_roots ? 2 * c->cap_roots : 8;
        ival *a = realloc(c->cert, cap * d * sizeof *a);
        if (a != NULL)
            c->cert = a;
        ival *b = a != NULL ? realloc(c->encl, cap * d * sizeof *b) : NULL;
        if (b == NULL)
            return mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
        c->encl = b;
        c->cap_roots = cap;
    }
    memcpy(c->cert + c->n_roots * d, cert, d * sizeof *cert);
    memcpy(c->encl + c->n_roots++ * d, encl, d * sizeof *encl);
    return MK_OK;
}

/* The enclosure's verdict: 1 an equilibrium (positive support
 * probabilities, every other strategy pays less), -1 surely not, 0
 * undecided. sy->x is loaded with encl. */
static int enclosed_verdict(enumpoly_system *sy)
{
    int verdict = 1;
    for (size_t i = 0; i < sy->n; i++)
        for (size_t s = 0; s < sy->g->n_strategies[i]; s++) {
            if (sy->support[i] >> s & 1) {
                ival p = sy->x[sy->first[i] + s];
                if (p.hi < 0)
                    return -1;
                verdict = p.lo > 0 ? verdict : 0;
            } else {
                ival gain = enumpoly_gain(sy, i, s, (size_t)-1);
                if (gain.lo > 0)
                    return -1;
                verdict = gain.hi < 0 ? verdict : 0;
            }
        }
    return verdict;
}

static char *copy_text(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    return out != NULL ? strcpy(out, text) : NULL;
}

/* A bound one step further out, so that the 17 digits printed (finer
 * than a double's spacing) still bound the root. */
static char *bound_text(double v, double toward)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", nextafter(v, toward));
    return copy_text(buf);
}

static int add_enclosed(collect *c, enumpoly_system *sy)
{
    mk_enumpoly *e = c->out;
    size_t w = e->width, n = e->n_players;
    if (grow(e) != 0)
        return mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
    char **v = e->value + e->n * row(e), **lo = e->lower + e->n * row(e),
         **hi = e->upper + e->n * row(e);
    int failed = 0;
    for (size_t i = 0, k = 0; k < w + n; k++) {
        while (k < w && k >= sy->first[i + 1])
            i++;
        int zero = k < w && !(sy->support[i] >> (k - sy->first[i]) & 1);
        ival x = k < w ? sy->x[k] : enumpoly_payoff(sy, k - w);
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", iv_mid(x));
        failed |= (v[k] = copy_text(zero ? "0" : buf)) == NULL;
        failed |= (lo[k] = zero ? copy_text("0") : bound_text(x.lo, -INFINITY)) == NULL;
        failed |= (hi[k] = zero ? copy_text("0") : bound_text(x.hi, INFINITY)) == NULL;
    }
    if (failed) {
        for (size_t k = 0; k < w + n; k++) {
            free(v[k]), free(lo[k]), free(hi[k]);
            v[k] = lo[k] = hi[k] = NULL;
        }
        return mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
    }
    e->exact[e->n++] = 0;
    return MK_OK;
}

/* ---- one root ------------------------------------------------------------------------------- */

static int found(void *user, enumpoly_system *sy, const ival *cert, const ival *encl)
{
    collect *c = user;
    int error = 0;
    candidate(c, sy, encl);
    int exact = exact_root(c, sy, &error);
    if (error != 0)
        return error;
    if (exact != 0)
        return exact > 0 ? add_exact(c) : MK_OK;
    if (seen(c, sy->d, cert, encl))
        return MK_OK;
    int rc = remember(c, sy->d, cert, encl);
    if (rc != 0)
        return rc;
    enumpoly_load(sy, encl);
    int verdict = enclosed_verdict(sy);
    c->unresolved += verdict == 0;
    return verdict > 0 ? add_enclosed(c, sy) : MK_OK;
}

/* ---- supports ------------------------------------------------------------------------------- */

/* The number of support profiles, or 0 past MK_ENUMPOLY_MAX_SUPPORTS. */
static size_t count_supports(const mk_game *g)
{
    size_t total = 1;
    for (size_t i = 0; i < g->n_players; i++) {
        if (g->n_strategies[i] > 20)
            return 0;
        total *= ((size_t)1 << g->n_strategies[i]) - 1;
        if (total > MK_ENUMPOLY_MAX_SUPPORTS)
            return 0;
    }
    return total;
}

static unsigned popcount_total(const uint64_t *mask, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i < n; i++)
        k += (unsigned)__builtin_popcountll(mask[i]);
    return k;
}

/* Next support profile (masks 1 .. 2^m - 1 per player, the first player's
 * fastest); 0 after the last. */
static int next_masks(const mk_game *g, uint64_t *mask)
{
    for (size_t i = 0; i < g->n_players; i++) {
        if (++mask[i] < ((uint64_t)1 << g->n_strategies[i]))
            return 1;
        mask[i] = 1;
    }
    return 0;
}

/* Records the support profile mask as unresolved. */
static int note_unresolved(collect *c, const uint64_t *mask)
{
    mk_enumpoly *e = c->out;
    size_t n = e->n_players;
    uint64_t *grown = realloc(e->unresolved_support, (e->unresolved + 1) * n * sizeof *grown);
    if (grown == NULL)
        return mk_error(c->ctx, MK_ENOMEM, "out of memory for enumpoly");
    memcpy(grown + e->unresolved++ * n, mask, n * sizeof *mask);
    e->unresolved_support = grown;
    return MK_OK;
}

/* Every support profile of total size k. */
static int solve_size(collect *c, enumpoly_system *sy, uint64_t *mask, unsigned k)
{
    const mk_game *g = c->g;
    int rc = MK_OK;
    for (size_t i = 0; i < g->n_players; i++)
        mask[i] = 1;
    do {
        if (popcount_total(mask, g->n_players) != k)
            continue;
        enumpoly_set_support(sy, mask);
        c->n_roots = 0;
        c->out->supports++;
        c->unresolved = 0;
        rc = enumpoly_solve(sy, found, c, &c->unresolved, c->ctx);
        if (rc == 0 && c->unresolved > 0)
            rc = note_unresolved(c, mask);
    } while (rc == 0 && next_masks(g, mask));
    return rc;
}

static int solve_all(collect *c, size_t most, mk_ctx *ctx)
{
    enumpoly_system sy;
    const mk_game *g = c->g;
    uint64_t *mask = malloc(g->n_players * sizeof *mask);
    c->p = malloc(c->out->width * sizeof *c->p);
    c->u = malloc(most * sizeof *c->u);
    int rc = enumpoly_system_init(&sy, g, ctx);
    if (rc == 0 && (mask == NULL || c->p == NULL || c->u == NULL))
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for enumpoly");
    int inited = rc == 0;
    for (size_t k = 0; inited && k < c->out->width; k++)
        mpq_init(c->p[k]);
    for (size_t k = 0; inited && k < most; k++)
        mpq_init(c->u[k]);
    for (unsigned k = (unsigned)g->n_players; rc == 0 && k <= c->out->width; k++)
        rc = solve_size(c, &sy, mask, k);
    if (inited) {
        for (size_t k = 0; k < c->out->width; k++)
            mpq_clear(c->p[k]);
        for (size_t k = 0; k < most; k++)
            mpq_clear(c->u[k]);
    }
    free(c->p), free(c->u), free(mask), free(c->cert), free(c->encl);
    enumpoly_system_free(&sy);
    return rc;
}

int mk_game_solve_enumpoly(const mk_game *g, mk_enumpoly *out, mk_ctx *ctx)
{
    if (g->n_profiles > MK_ENUMPOLY_MAX_PROFILES || count_supports(g) == 0)
        return mk_error(ctx, MK_ELIMIT,
                        "enumpoly takes games of at most %d profiles and %d support profiles "
                        "(e.g. 3x3x3); this one has %zu profiles",
                        MK_ENUMPOLY_MAX_PROFILES, MK_ENUMPOLY_MAX_SUPPORTS, g->n_profiles);
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    e.n_players = g->n_players;
    size_t most = 0;
    for (size_t i = 0; i < g->n_players; i++) {
        e.width += g->n_strategies[i];
        most = g->n_strategies[i] > most ? g->n_strategies[i] : most;
    }
    collect c = {g, &e, 0, NULL, NULL, 0, 0, NULL, NULL, ctx};
    int rc = solve_all(&c, most, ctx);
    if (rc != 0) {
        mk_enumpoly_free(&e);
        return rc;
    }
    *out = e;
    return MK_OK;
}

void mk_enumpoly_free(mk_enumpoly *e)
{
    if (e == NULL)
        return;
    size_t r = e->width + e->n_players;
    for (size_t k = 0; k < e->n * r; k++) {
        if (e->value != NULL)
            free(e->value[k]);
        if (e->lower != NULL)
            free(e->lower[k]);
        if (e->upper != NULL)
            free(e->upper[k]);
    }
    free(e->exact), free(e->value), free(e->lower), free(e->upper), free(e->unresolved_support);
    *e = (mk_enumpoly)MK_ENUMPOLY_INIT;
}
