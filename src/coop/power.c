/* Power indices (mechkit/power.h): options, dispatch to a method, and the
 * exact results written as strings. */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "power_internal.h"

int power_raw_init(power_raw *r, size_t n, unsigned indices, mk_ctx *ctx)
{
    r->n = n;
    r->swings = NULL;
    r->ss = NULL;
    if ((indices & MK_POWER_BANZHAF) && (r->swings = malloc(n * sizeof *r->swings)) == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for results");
    if ((indices & MK_POWER_SHAPLEY_SHUBIK) && (r->ss = malloc(n * sizeof *r->ss)) == NULL) {
        free(r->swings);
        r->swings = NULL;
        return mk_error(ctx, MK_ENOMEM, "out of memory for results");
    }
    for (size_t i = 0; i < n; i++) {
        if (r->swings != NULL)
            mpz_init(r->swings[i]);
        if (r->ss != NULL)
            mpq_init(r->ss[i]);
    }
    return MK_OK;
}

void power_raw_clear(power_raw *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->swings != NULL)
            mpz_clear(r->swings[i]);
        if (r->ss != NULL)
            mpq_clear(r->ss[i]);
    }
    free(r->swings);
    free(r->ss);
    r->swings = NULL;
    r->ss = NULL;
}

mpz_t *power_factorials(size_t n)
{
    mpz_t *fact = malloc((n + 1) * sizeof *fact);
    if (fact == NULL)
        return NULL;
    mpz_init_set_ui(fact[0], 1);
    for (size_t k = 1; k <= n; k++) {
        mpz_init(fact[k]);
        mpz_mul_ui(fact[k], fact[k - 1], (unsigned long)k);
    }
    return fact;
}

void power_factorials_free(mpz_t *fact, size_t n)
{
    for (size_t k = 0; fact != NULL && k <= n; k++)
        mpz_clear(fact[k]);
    free(fact);
}

void power_ss_from_sizes(mpq_t out, mpz_t *count, size_t len, size_t m, mpz_t *fact)
{
    mpz_t sum, term;
    mpz_inits(sum, term, NULL);
    for (size_t k = 0; k < len && k < m; k++) {
        if (mpz_sgn(count[k]) == 0)
            continue;
        mpz_mul(term, fact[k], fact[m - 1 - k]);
        mpz_addmul(sum, term, count[k]);
    }
    mpq_set_num(out, sum);
    mpq_set_den(out, fact[m]);
    mpq_canonicalize(out);
    mpz_clears(sum, term, NULL);
}

/* ---- strings ---- */

static char *integer_string(const mpz_t v)
{
    char *s = malloc(mpz_sizeinbase(v, 10) + 2);
    return s != NULL ? mpz_get_str(s, 10, v) : NULL;
}

static char **string_array(size_t n)
{
    return calloc(n, sizeof(char *));
}

static void string_array_free(char **a, size_t n)
{
    for (size_t i = 0; a != NULL && i < n; i++)
        free(a[i]);
    free(a);
}

/* Writes fraction and decimal of v[i] into the i-th strings; 0 or -1. */
static int put_fraction(char **frac, char **dec, size_t i, const mpq_t v, int places)
{
    frac[i] = coop_fraction_string(v);
    dec[i] = coop_decimal_string(v, places);
    return frac[i] != NULL && dec[i] != NULL ? 0 : -1;
}

static int banzhaf_strings(mk_power *p, const power_raw *raw, int places)
{
    size_t n = p->n;
    mpz_t total;
    mpq_t v;
    mpz_init(total);
    mpq_init(v);
    for (size_t i = 0; i < n; i++)
        mpz_add(total, total, raw->swings[i]);
    int rc = (p->total_swings = integer_string(total)) != NULL ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = (p->swings[i] = integer_string(raw->swings[i])) != NULL ? 0 : -1;
        /* total > 0: the grand coalition wins and the empty one loses, so
         * some player swings on the way from one to the other. */
        mpq_set_num(v, raw->swings[i]);
        mpq_set_den(v, total);
        mpq_canonicalize(v);
        if (rc == 0)
            rc = put_fraction(p->banzhaf, p->banzhaf_decimal, i, v, places);
        mpq_set_num(v, raw->swings[i]);
        mpz_set_ui(mpq_denref(v), 1);
        mpz_mul_2exp(mpq_denref(v), mpq_denref(v), (mp_bitcnt_t)(n - 1));
        mpq_canonicalize(v);
        if (rc == 0)
            rc = put_fraction(p->banzhaf_absolute, p->banzhaf_absolute_decimal, i, v, places);
    }
    mpq_clear(v);
    mpz_clear(total);
    return rc;
}

static int to_strings(mk_power *p, const power_raw *raw, int places)
{
    size_t n = p->n;
    if (raw->ss != NULL) {
        p->shapley_shubik = string_array(n);
        p->shapley_shubik_decimal = string_array(n);
        if (p->shapley_shubik == NULL || p->shapley_shubik_decimal == NULL)
            return -1;
        for (size_t i = 0; i < n; i++)
            if (put_fraction(p->shapley_shubik, p->shapley_shubik_decimal, i, raw->ss[i], places) !=
                0)
                return -1;
    }
    if (raw->swings != NULL) {
        p->swings = string_array(n);
        p->banzhaf = string_array(n);
        p->banzhaf_decimal = string_array(n);
        p->banzhaf_absolute = string_array(n);
        p->banzhaf_absolute_decimal = string_array(n);
        if (p->swings == NULL || p->banzhaf == NULL || p->banzhaf_decimal == NULL ||
            p->banzhaf_absolute == NULL || p->banzhaf_absolute_decimal == NULL)
            return -1;
        return banzhaf_strings(p, raw, places);
    }
    return 0;
}

/* ---- the API ---- */

static int check_options(const mk_power_options *o, mk_ctx *ctx)
{
    if (o->version != MK_POWER_OPTIONS_VERSION)
        return mk_error(ctx, MK_EPARAM, "power options version %u, expected %u", o->version,
                        MK_POWER_OPTIONS_VERSION);
    if (o->indices == 0 || (o->indices & ~(unsigned)MK_POWER_ALL) != 0)
        return mk_error(ctx, MK_EPARAM, "no known power index asked for (indices %#x)", o->indices);
    if (o->method < MK_POWER_AUTO || o->method > MK_POWER_ENUMERATE)
        return mk_error(ctx, MK_EPARAM, "unknown power method %d", o->method);
    if (o->places < 0 || o->places > MK_POWER_MAX_PLACES)
        return mk_error(ctx, MK_EPARAM, "%d decimal places: expected 0 to %d", o->places,
                        MK_POWER_MAX_PLACES);
    return MK_OK;
}

/* MK_POWER_AUTO: DP for a weighted game; for a multiple weighted game
 * enumeration up to AUTO_ENUMERATE_PLAYERS players (2^20 coalitions take
 * milliseconds), then DP when its tables fit, else enumeration up to its
 * limit, else DP (which reports why the tables do not fit). */
#define AUTO_ENUMERATE_PLAYERS 20

static int choose_method(const mk_simple_game *g, const mk_power_options *o)
{
    if (o->method != MK_POWER_AUTO)
        return o->method;
    if (g->n_games == 1)
        return MK_POWER_DP;
    if (g->n <= AUTO_ENUMERATE_PLAYERS)
        return MK_POWER_ENUMERATE;
    if (power_dp_multi_check(g, o->indices, NULL) == 0)
        return MK_POWER_DP;
    return g->n <= MK_POWER_ENUMERATE_MAX_PLAYERS ? MK_POWER_ENUMERATE : MK_POWER_DP;
}

int mk_power_compute(const mk_simple_game *g, const mk_power_options *opt, mk_power **out,
                     mk_ctx *ctx)
{
    mk_power_options defaults = MK_POWER_OPTIONS_INIT;
    const mk_power_options *o = opt != NULL ? opt : &defaults;
    int rc = check_options(o, ctx);
    if (rc != 0)
        return rc;
    int method = choose_method(g, o);
    power_raw raw;
    if ((rc = power_raw_init(&raw, g->n, o->indices, ctx)) != 0)
        return rc;
    if (method == MK_POWER_ENUMERATE)
        rc = power_enumerate(g, o->indices, &raw, ctx);
    else if (g->n_games == 1)
        rc = power_dp(g, o->indices, o->threads, &raw, ctx);
    else
        rc = power_dp_multi(g, o->indices, &raw, ctx);
    mk_power *p = NULL;
    if (rc == 0 && (p = calloc(1, sizeof *p)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for results");
    if (rc == 0) {
        p->n = g->n;
        p->method = method;
        if (to_strings(p, &raw, o->places) != 0)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    }
    power_raw_clear(&raw);
    if (rc != 0) {
        mk_power_free(p);
        return rc;
    }
    *out = p;
    return MK_OK;
}

void mk_power_free(mk_power *p)
{
    if (p == NULL)
        return;
    string_array_free(p->shapley_shubik, p->n);
    string_array_free(p->shapley_shubik_decimal, p->n);
    string_array_free(p->swings, p->n);
    string_array_free(p->banzhaf, p->n);
    string_array_free(p->banzhaf_decimal, p->n);
    string_array_free(p->banzhaf_absolute, p->n);
    string_array_free(p->banzhaf_absolute_decimal, p->n);
    free(p->total_swings);
    free(p);
}

const char *mk_power_method_name(int method)
{
    switch (method) {
    case MK_POWER_DP: return "dp";
    case MK_POWER_ENUMERATE: return "enumeration";
    case MK_POWER_AUTO: return "auto";
    default: return "unknown";
    }
}
