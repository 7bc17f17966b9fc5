/*
 * The exact check of a mixed profile (mechkit/regret.h): expected payoffs
 * and best pure replies, over the supports only.
 */
#include "mechkit/regret.h"
#include "core/gmp_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regret_internal.h"

char *mk_mpq_text(const mpq_t q)
{
    size_t len = mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3;
    char *s = malloc(len);
    if (s != NULL)
        mpq_get_str(s, 10, q);
    return s;
}

static void payoff_mpq(mpq_t q, mk_rational r)
{
    /* Game payoffs are normalised (den > 0, lowest terms): no canonicalize. */
    mpq_set_si(q, (long)r.num, (unsigned long)r.den);
}

/* ---- the check on mpq ----------------------------------------------------------------------- */

/* Scratch: the supports of every player (strategies with p > 0). */
typedef struct supports {
    size_t *first;    /* n_players + 1 offsets into p and into list */
    size_t *list;     /* the support of player j at list[first[j] ..] */
    size_t *size;     /* n_players support sizes */
    size_t *odometer; /* n_players positions in the supports */
} supports;

static int supports_init(supports *sp, const mk_game *g, mpq_t *p)
{
    size_t n = g->n_players;
    sp->first = malloc((n + 1) * sizeof *sp->first);
    sp->size = malloc(n * sizeof *sp->size);
    sp->odometer = malloc(n * sizeof *sp->odometer);
    if (sp->first == NULL || sp->size == NULL || sp->odometer == NULL)
        return -1;
    sp->first[0] = 0;
    for (size_t j = 0; j < n; j++)
        sp->first[j + 1] = sp->first[j] + g->n_strategies[j];
    sp->list = malloc(sp->first[n] * sizeof *sp->list);
    if (sp->list == NULL)
        return -1;
    for (size_t j = 0; j < n; j++) {
        sp->size[j] = 0;
        for (size_t s = 0; s < g->n_strategies[j]; s++)
            if (mpq_sgn(p[sp->first[j] + s]) != 0)
                sp->list[sp->first[j] + sp->size[j]++] = s;
    }
    return 0;
}

static void supports_free(supports *sp)
{
    free(sp->first);
    free(sp->list);
    free(sp->size);
    free(sp->odometer);
}

/* Moves the odometer over the supports of every player but i to the next
 * profile; 0 after the last. */
static int advance(supports *sp, size_t n_players, size_t i)
{
    for (size_t j = 0; j < n_players; j++) {
        if (j == i)
            continue;
        if (++sp->odometer[j] < sp->size[j])
            return 1;
        sp->odometer[j] = 0;
    }
    return 0;
}

/* u[s] = player i's expected payoff from pure strategy s against the
 * others' mixed strategies (u has n_strategies[i] initialised entries). */
static void deviation_payoffs(const mk_game *g, mpq_t *p, supports *sp, size_t i, mpq_t *u, mpq_t w,
                              mpq_t t)
{
    for (size_t s = 0; s < g->n_strategies[i]; s++)
        mpq_set_ui(u[s], 0, 1);
    memset(sp->odometer, 0, g->n_players * sizeof *sp->odometer);
    do {
        size_t base = 0;
        mpq_set_ui(w, 1, 1);
        for (size_t j = 0; j < g->n_players; j++) {
            if (j == i)
                continue;
            size_t s = sp->list[sp->first[j] + sp->odometer[j]];
            base += s * g->stride[j];
            mpq_mul(w, w, p[sp->first[j] + s]);
        }
        for (size_t s = 0; s < g->n_strategies[i]; s++) {
            payoff_mpq(t, mk_game_payoff(g, base + s * g->stride[i], i));
            mpq_mul(t, t, w);
            mpq_add(u[s], u[s], t);
        }
    } while (advance(sp, g->n_players, i));
}

int mk_regret_deviations_mpq(const mk_game *g, mpq_t *p, size_t i, mpq_t *u, mk_ctx *ctx)
{
    supports sp = {NULL, NULL, NULL, NULL};
    if (supports_init(&sp, g, p) != 0) {
        supports_free(&sp);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the equilibrium check");
    }
    mpq_t w, t;
    mpq_inits(w, t, NULL);
    deviation_payoffs(g, p, &sp, i, u, w, t);
    mpq_clears(w, t, NULL);
    supports_free(&sp);
    return MK_OK;
}

int mk_regret_mpq(const mk_game *g, mpq_t *p, mpq_t *payoff, mpq_t *best, size_t *best_reply,
                  mk_ctx *ctx)
{
    supports sp = {NULL, NULL, NULL, NULL};
    size_t most = 0;
    for (size_t i = 0; i < g->n_players; i++)
        most = g->n_strategies[i] > most ? g->n_strategies[i] : most;
    mpq_t *u = malloc(most * sizeof *u);
    if (u == NULL || supports_init(&sp, g, p) != 0) {
        free(u);
        supports_free(&sp);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the equilibrium check");
    }
    mpq_t w, t;
    mpq_inits(w, t, NULL);
    for (size_t s = 0; s < most; s++)
        mpq_init(u[s]);
    for (size_t i = 0; i < g->n_players; i++) {
        deviation_payoffs(g, p, &sp, i, u, w, t);
        mpq_set_ui(payoff[i], 0, 1);
        size_t reply = 0;
        for (size_t s = 0; s < g->n_strategies[i]; s++) {
            mpq_mul(t, u[s], p[sp.first[i] + s]);
            mpq_add(payoff[i], payoff[i], t);
            if (mpq_cmp(u[s], u[reply]) > 0)
                reply = s;
        }
        mpq_set(best[i], u[reply]);
        if (best_reply != NULL)
            best_reply[i] = reply;
    }
    for (size_t s = 0; s < most; s++)
        mpq_clear(u[s]);
    mpq_clears(w, t, NULL);
    free(u);
    supports_free(&sp);
    return MK_OK;
}

/* ---- probabilities as text ------------------------------------------------------------------ */

/* An integer, a decimal or a fraction of integers, with an optional
 * sign, into q; -1 when s is none of these or has a zero denominator. */
static int parse_exact(const char *s, mpq_t q)
{
    const char *p = s + (*s == '-' || *s == '+');
    size_t digits = strspn(p, "0123456789");
    const char *rest = p + digits;
    if (*rest == '/') {
        size_t den = strspn(rest + 1, "0123456789");
        if (digits == 0 || den == 0 || rest[1 + den] != '\0' ||
            mpq_set_str(q, *s == '+' ? s + 1 : s, 10) != 0 || mpz_sgn(mpq_denref(q)) == 0)
            return -1;
        mpq_canonicalize(q);
        return 0;
    }
    size_t places = *rest == '.' ? strspn(rest + 1, "0123456789") : 0;
    if (digits + places == 0 || rest[*rest == '.' ? 1 + places : 0] != '\0')
        return -1;
    mpz_t num;
    mpz_init(num);
    char *text = malloc(digits + places + 1);
    if (text == NULL) {
        mpz_clear(num);
        return -1;
    }
    memcpy(text, p, digits);
    memcpy(text + digits, rest + 1, places);
    text[digits + places] = '\0';
    mpz_set_str(num, text, 10);
    free(text);
    if (*s == '-')
        mpz_neg(num, num);
    mpq_set_z(q, num);
    mpz_ui_pow_ui(num, 10, places);
    mpz_set(mpq_denref(q), num);
    mpq_canonicalize(q);
    mpz_clear(num);
    return 0;
}

/* Parses every probability of prob into p and checks each player's sum. */
static int parse_profile(const mk_game *g, const char *const *prob, mpq_t *p, mk_ctx *ctx)
{
    mpq_t sum;
    mpq_init(sum);
    int rc = MK_OK;
    for (size_t i = 0, k = 0; rc == 0 && i < g->n_players; i++) {
        mpq_set_ui(sum, 0, 1);
        for (size_t s = 0; rc == 0 && s < g->n_strategies[i]; s++, k++) {
            if (parse_exact(prob[k], p[k]) != 0)
                rc = mk_error(ctx, MK_EINPUT,
                              "player %zu, strategy %zu: '%.40s' is not a probability (an "
                              "integer, a decimal such as 0.25 or a fraction such as 2/3)",
                              i + 1, s + 1, prob[k]);
            else if (mpq_sgn(p[k]) < 0)
                rc = mk_error(ctx, MK_EINPUT, "player %zu, strategy %zu: probability %.40s < 0",
                              i + 1, s + 1, prob[k]);
            else
                mpq_add(sum, sum, p[k]);
        }
        if (rc == 0 && mpq_cmp_ui(sum, 1, 1) != 0) {
            char *text = mk_mpq_text(sum);
            rc = mk_error(ctx, MK_EINPUT, "player %zu: the probabilities sum to %.60s, not 1",
                          i + 1, text != NULL ? text : "?");
            free(text);
        }
    }
    mpq_clear(sum);
    return rc;
}

/* ---- mk_game_regret ------------------------------------------------------------------------- */

static size_t total_strategies(const mk_game *g)
{
    size_t total = 0;
    for (size_t i = 0; i < g->n_players; i++)
        total += g->n_strategies[i];
    return total;
}

/* The strings of out from the exact values. */
static int fill(mk_regret *out, size_t n, mpq_t *payoff, mpq_t *best)
{
    out->payoff = calloc(n, sizeof *out->payoff);
    out->best_payoff = calloc(n, sizeof *out->best_payoff);
    out->regret = calloc(n, sizeof *out->regret);
    if (out->payoff == NULL || out->best_payoff == NULL || out->regret == NULL)
        return -1;
    out->is_nash = 1;
    mpq_t r;
    mpq_init(r);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        mpq_sub(r, best[i], payoff[i]);
        out->is_nash &= mpq_sgn(r) == 0;
        failed |= (out->payoff[i] = mk_mpq_text(payoff[i])) == NULL;
        failed |= (out->best_payoff[i] = mk_mpq_text(best[i])) == NULL;
        failed |= (out->regret[i] = mk_mpq_text(r)) == NULL;
    }
    mpq_clear(r);
    return failed ? -1 : 0;
}

int mk_game_regret(const mk_game *g, const char *const *prob, mk_regret *result, mk_ctx *ctx)
{
    size_t n = g->n_players, total = total_strategies(g);
    mpq_t *p = mk_mpq_array(total), *payoff = mk_mpq_array(n), *best = mk_mpq_array(n);
    mk_regret out = MK_REGRET_INIT;
    out.n_players = n;
    out.best_reply = malloc(n * sizeof *out.best_reply);
    int rc = p == NULL || payoff == NULL || best == NULL || out.best_reply == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory for the profile")
                 : parse_profile(g, prob, p, ctx);
    if (rc == 0)
        rc = mk_regret_mpq(g, p, payoff, best, out.best_reply, ctx);
    if (rc == 0 && fill(&out, n, payoff, best) != 0)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for the regrets");
    mk_mpq_array_free(p, total);
    mk_mpq_array_free(payoff, n);
    mk_mpq_array_free(best, n);
    if (rc != 0) {
        mk_regret_free(&out);
        return rc;
    }
    *result = out;
    return MK_OK;
}

void mk_regret_free(mk_regret *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n_players; i++) {
        if (r->payoff != NULL)
            free(r->payoff[i]);
        if (r->best_payoff != NULL)
            free(r->best_payoff[i]);
        if (r->regret != NULL)
            free(r->regret[i]);
    }
    free(r->payoff);
    free(r->best_payoff);
    free(r->regret);
    free(r->best_reply);
    *r = (mk_regret)MK_REGRET_INIT;
}

/* ---- mk_game_check_equilibrium -------------------------------------------------------------- */

/* The pure profile index of prob when every entry is "0" or "1" (one "1"
 * per player), else -1. */
static int pure_profile(const mk_game *g, const char *const *prob, size_t *k)
{
    *k = 0;
    for (size_t i = 0, c = 0; i < g->n_players; i++) {
        size_t ones = 0;
        for (size_t s = 0; s < g->n_strategies[i]; s++, c++) {
            if (strcmp(prob[c], "1") == 0) {
                ones++;
                *k += s * g->stride[i];
            } else if (strcmp(prob[c], "0") != 0) {
                return -1;
            }
        }
        if (ones != 1)
            return -1;
    }
    return 0;
}

static void rational_text(mk_rational v, char *buf, size_t cap)
{
    if (v.den == 1)
        snprintf(buf, cap, "%lld", (long long)v.num);
    else
        snprintf(buf, cap, "%lld/%lld", (long long)v.num, (long long)v.den);
}

/* The check of a pure profile k in 128-bit exact comparisons. */
static int check_pure(const mk_game *g, size_t k, const char *const *payoff, mk_ctx *ctx)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    size_t *strategy = malloc(g->n_players * sizeof *strategy);
    if (strategy == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the equilibrium check");
    mk_game_profile_strategies(g, k, strategy);
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < g->n_players; i++) {
        mk_rational here = mk_game_payoff(g, k, i);
        size_t base = k - strategy[i] * g->stride[i];
        for (size_t s = 0; rc == 0 && s < g->n_strategies[i]; s++)
            if (mk_rational_cmp(mk_game_payoff(g, base + s * g->stride[i], i), here) > 0)
                rc = mk_error(ctx, MK_EINTERNAL,
                              "a computed equilibrium fails the exact check: player %zu gains by "
                              "playing strategy %zu",
                              i + 1, s + 1);
        rational_text(here, buf, sizeof buf);
        if (rc == 0 && payoff != NULL && strcmp(payoff[i], buf) != 0)
            rc = mk_error(ctx, MK_EINTERNAL,
                          "a computed equilibrium gives player %zu the payoff %s, not %.60s", i + 1,
                          buf, payoff[i]);
    }
    free(strategy);
    return rc;
}

int mk_game_check_equilibrium(const mk_game *g, const char *const *prob, const char *const *payoff,
                              mk_ctx *ctx)
{
    size_t k;
    if (pure_profile(g, prob, &k) == 0)
        return check_pure(g, k, payoff, ctx);
    mk_regret r = MK_REGRET_INIT;
    int rc = mk_game_regret(g, prob, &r, ctx);
    if (rc == MK_EINPUT) {
        char why[MK_ERROR_MESSAGE_MAX];
        snprintf(why, sizeof why, "%s", ctx->message);
        return mk_error(ctx, MK_EINTERNAL, "a computed equilibrium is not a profile: %s", why);
    }
    for (size_t i = 0; rc == 0 && i < g->n_players; i++) {
        if (strcmp(r.regret[i], "0") != 0)
            rc = mk_error(ctx, MK_EINTERNAL,
                          "a computed equilibrium fails the exact check: player %zu gains %.60s "
                          "by playing strategy %zu",
                          i + 1, r.regret[i], r.best_reply[i] + 1);
        else if (payoff != NULL && strcmp(payoff[i], r.payoff[i]) != 0)
            rc = mk_error(ctx, MK_EINTERNAL,
                          "a computed equilibrium gives player %zu the payoff %.60s, not %.60s",
                          i + 1, r.payoff[i], payoff[i]);
    }
    mk_regret_free(&r);
    return rc;
}

/* ---- mk_game_check_correlated --------------------------------------------------------------- */

/* Parses the distribution over profiles into p: each >= 0, sum 1. */
static int parse_distribution(const mk_game *g, const char *const *prob, mpq_t *p, mk_ctx *ctx)
{
    mpq_t sum;
    mpq_init(sum);
    int rc = MK_OK;
    for (size_t k = 0; rc == 0 && k < g->n_profiles; k++) {
        if (parse_exact(prob[k], p[k]) != 0 || mpq_sgn(p[k]) < 0)
            rc = mk_error(ctx, MK_EINTERNAL,
                          "a computed correlated equilibrium gives profile %zu the probability "
                          "'%.40s'",
                          k + 1, prob[k]);
        else
            mpq_add(sum, sum, p[k]);
    }
    if (rc == 0 && mpq_cmp_ui(sum, 1, 1) != 0)
        rc = mk_error(ctx, MK_EINTERNAL,
                      "a computed correlated equilibrium has probabilities that do not sum to 1");
    mpq_clear(sum);
    return rc;
}

/* The gain of player i from playing b whenever told a, into gain. */
static void disobedience_gain(const mk_game *g, mpq_t *p, size_t i, size_t a, size_t b, mpq_t gain,
                              mpq_t u, mpq_t t)
{
    mpq_set_ui(gain, 0, 1);
    for (size_t k = 0; k < g->n_profiles; k++) {
        if (k / g->stride[i] % g->n_strategies[i] != a || mpq_sgn(p[k]) == 0)
            continue;
        size_t other = k - a * g->stride[i] + b * g->stride[i];
        payoff_mpq(u, mk_game_payoff(g, other, i));
        payoff_mpq(t, mk_game_payoff(g, k, i));
        mpq_sub(u, u, t);
        mpq_mul(u, u, p[k]);
        mpq_add(gain, gain, u);
    }
}

/* Every obedience constraint, then the payoffs. */
static int check_obedience(const mk_game *g, mpq_t *p, const char *const *payoff, mk_ctx *ctx)
{
    mpq_t gain, u, t;
    mpq_inits(gain, u, t, NULL);
    int rc = MK_OK;
    for (size_t i = 0; rc == 0 && i < g->n_players; i++)
        for (size_t a = 0; rc == 0 && a < g->n_strategies[i]; a++)
            for (size_t b = 0; rc == 0 && b < g->n_strategies[i]; b++) {
                disobedience_gain(g, p, i, a, b, gain, u, t);
                if (mpq_sgn(gain) > 0)
                    rc = mk_error(ctx, MK_EINTERNAL,
                                  "a computed correlated equilibrium fails the exact check: "
                                  "player %zu gains by playing %zu when told %zu",
                                  i + 1, b + 1, a + 1);
            }
    for (size_t i = 0; rc == 0 && payoff != NULL && i < g->n_players; i++) {
        mpq_set_ui(gain, 0, 1);
        for (size_t k = 0; k < g->n_profiles; k++) {
            payoff_mpq(u, mk_game_payoff(g, k, i));
            mpq_mul(u, u, p[k]);
            mpq_add(gain, gain, u);
        }
        char *text = mk_mpq_text(gain);
        if (text == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the check");
        else if (strcmp(text, payoff[i]) != 0)
            rc = mk_error(ctx, MK_EINTERNAL,
                          "a computed correlated equilibrium gives player %zu the payoff %.60s, "
                          "not %.60s",
                          i + 1, text, payoff[i]);
        free(text);
    }
    mpq_clears(gain, u, t, NULL);
    return rc;
}

int mk_game_check_correlated(const mk_game *g, const char *const *prob, const char *const *payoff,
                             mk_ctx *ctx)
{
    mpq_t *p = mk_mpq_array(g->n_profiles);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the check");
    int rc = parse_distribution(g, prob, p, ctx);
    if (rc == 0)
        rc = check_obedience(g, p, payoff, ctx);
    mk_mpq_array_free(p, g->n_profiles);
    return rc;
}
