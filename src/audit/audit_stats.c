/* Exact statistics of an audit: accumulators, worst-case picks, the
 * Wilson interval and exact formatting of GMP rationals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

/* Is (unit, who, candidate) of a before that of b? */
static int earlier(const audit_pick *a, uint64_t unit, size_t who, size_t candidate)
{
    if (a->unit != unit)
        return a->unit < unit;
    if (a->who != who)
        return a->who < who;
    return a->candidate < candidate;
}

void audit_pick_offer(audit_pick *p, mk_rational value, int sign, uint64_t unit, size_t who,
                      size_t candidate)
{
    if (p->set) {
        int c = mk_rational_cmp(value, p->value) * sign;
        if (c < 0 || (c == 0 && earlier(p, unit, who, candidate)))
            return;
    }
    *p = (audit_pick){1, value, unit, who, candidate};
}

/* Is (unit, size, members, reports) of p after those given? */
static int group_later(const audit_group_pick *p, uint64_t unit, size_t size, const size_t *member,
                       const size_t *report)
{
    if (p->unit != unit)
        return p->unit > unit;
    if (p->size != size)
        return p->size > size;
    for (size_t k = 0; k < size; k++)
        if (p->member[k] != member[k])
            return p->member[k] > member[k];
    for (size_t k = 0; k < size; k++)
        if (p->report[k] != report[k])
            return p->report[k] > report[k];
    return 0;
}

void audit_group_offer(audit_group_pick *p, mk_rational value, uint64_t unit, size_t size,
                       const size_t *member, const size_t *report)
{
    if (p->set) {
        int c = mk_rational_cmp(value, p->value);
        if (c < 0 || (c == 0 && !group_later(p, unit, size, member, report)))
            return;
    }
    p->set = 1;
    p->value = value;
    p->unit = unit;
    p->size = size;
    memcpy(p->member, member, size * sizeof *member);
    memcpy(p->report, report, size * sizeof *report);
}

static void merge_group(audit_group_pick *dst, const audit_group_pick *src)
{
    if (src->set)
        audit_group_offer(dst, src->value, src->unit, src->size, src->member, src->report);
}

static void merge_pick(audit_pick *dst, const audit_pick *src, int sign)
{
    if (src->set)
        audit_pick_offer(dst, src->value, sign, src->unit, src->who, src->candidate);
}

void audit_acc_init(audit_acc *a)
{
    memset(a, 0, sizeof *a);
    a->exhaustive = 1;
    a->scale = -1;
    mpq_init(a->regret_sum);
    mpq_init(a->revenue_sum);
    mpq_init(a->efficiency_sum);
    mpq_init(a->term);
    mpq_init(a->ratio);
}

void audit_acc_clear(audit_acc *a)
{
    mpq_clear(a->regret_sum);
    mpq_clear(a->revenue_sum);
    mpq_clear(a->efficiency_sum);
    mpq_clear(a->term);
    mpq_clear(a->ratio);
    memset(a, 0, sizeof *a);
}

void audit_acc_add(audit_acc *a, mpq_t sum, mk_rational r)
{
    /* mk_rational is normalised (den > 0, lowest terms): no canonicalize. */
    mpq_set_si(a->term, (long)r.num, (unsigned long)r.den);
    mpq_add(sum, sum, a->term);
}

void audit_acc_merge(audit_acc *dst, const audit_acc *src)
{
    dst->profiles += src->profiles;
    dst->participants += src->participants;
    dst->profitable += src->profitable;
    dst->ir_violations += src->ir_violations;
    dst->revenue_negative += src->revenue_negative;
    dst->revenue_nonzero += src->revenue_nonzero;
    dst->runs += src->runs;
    dst->exhaustive &= src->exhaustive;
    if (src->scale > dst->scale)
        dst->scale = src->scale;
    mpq_add(dst->regret_sum, dst->regret_sum, src->regret_sum);
    mpq_add(dst->revenue_sum, dst->revenue_sum, src->revenue_sum);
    merge_pick(&dst->worst, &src->worst, 1);
    merge_pick(&dst->ir, &src->ir, -1);
    merge_pick(&dst->revenue_min, &src->revenue_min, -1);
    merge_pick(&dst->revenue_max, &src->revenue_max, 1);
    dst->sybil_profitable += src->sybil_profitable;
    dst->coalition_profitable += src->coalition_profitable;
    dst->collusion_profitable += src->collusion_profitable;
    dst->coalition_skipped += src->coalition_skipped;
    dst->coalition_capped += src->coalition_capped;
    merge_group(&dst->coalition_worst, &src->coalition_worst);
    merge_group(&dst->collusion_worst, &src->collusion_worst);
    for (size_t s = 0; s <= MK_AUDIT_COALITION_MAX; s++) {
        dst->coalition_profitable_k[s] += src->coalition_profitable_k[s];
        dst->collusion_profitable_k[s] += src->collusion_profitable_k[s];
        merge_group(&dst->coalition_k[s], &src->coalition_k[s]);
        merge_group(&dst->collusion_k[s], &src->collusion_k[s]);
    }
    dst->bloc_profitable += src->bloc_profitable;
    merge_pick(&dst->bloc_worst, &src->bloc_worst, 1);
    dst->monotonicity_failures += src->monotonicity_failures;
    dst->monotonicity_sampled |= src->monotonicity_sampled;
    merge_pick(&dst->monotonicity_worst, &src->monotonicity_worst, -1);
    dst->inefficient += src->inefficient;
    dst->efficiency_profiles += src->efficiency_profiles;
    mpq_add(dst->efficiency_sum, dst->efficiency_sum, src->efficiency_sum);
    merge_pick(&dst->efficiency_worst, &src->efficiency_worst, 1);
    merge_pick(&dst->sybil_worst, &src->sybil_worst, 1);
    for (size_t k = 0; k <= MK_AUDIT_IDENTITIES_MAX; k++) {
        dst->sybil_profitable_k[k] += src->sybil_profitable_k[k];
        merge_pick(&dst->sybil_k[k], &src->sybil_k[k], 1);
    }
}

void mk_audit_wilson(size_t k, size_t n, double *lo, double *hi)
{
    if (n == 0 || k > n) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    const double z = 1.959963984540054; /* the 97.5% quantile of the normal */
    double nn = (double)n, kk = (double)k, z2 = z * z;
    double centre = (kk + z2 / 2.0) / (nn + z2);
    double half = z * sqrt(kk * (nn - kk) / nn + z2 / 4.0) / (nn + z2);
    *lo = centre - half < 0.0 ? 0.0 : centre - half;
    *hi = centre + half > 1.0 ? 1.0 : centre + half;
    /* At k = 0 (k = n) the bound is exactly 0 (1); keep it so in print. */
    if (k == 0)
        *lo = 0.0;
    if (k == n)
        *hi = 1.0;
}

/* The integer v as a decimal with `places` digits after the point. */
static char *format_scaled(const mpz_t v, int places)
{
    char *digits = mpz_get_str(NULL, 10, v);
    if (digits == NULL)
        return NULL;
    int negative = digits[0] == '-';
    const char *d = digits + negative;
    size_t len = strlen(d), whole = len > (size_t)places ? len - (size_t)places : 0;
    size_t cap = len + (size_t)places + 4;
    char *out = malloc(cap);
    if (out != NULL) {
        size_t o = 0;
        if (negative)
            out[o++] = '-';
        if (whole == 0)
            out[o++] = '0';
        memcpy(out + o, d, whole);
        o += whole;
        if (places > 0) {
            out[o++] = '.';
            for (size_t pad = len < (size_t)places ? (size_t)places - len : 0; pad > 0; pad--)
                out[o++] = '0';
            memcpy(out + o, d + whole, len - whole);
            o += len - whole;
        }
        out[o] = '\0';
    }
    free(digits);
    return out;
}

/* q exactly: a decimal when den = 2^a 5^b, else "num/den". */
static char *format_exact(const mpq_t q, int min_places)
{
    char *out = NULL;
    mpz_t rest, scaled;
    mpz_inits(rest, scaled, NULL);
    mpz_set_ui(scaled, 2);
    mp_bitcnt_t twos = mpz_remove(rest, mpq_denref(q), scaled);
    mpz_set_ui(scaled, 5);
    mp_bitcnt_t fives = mpz_remove(rest, rest, scaled);
    if (mpz_cmp_ui(rest, 1) == 0 && twos <= 1024 && fives <= 1024) {
        unsigned long places = twos > fives ? twos : fives;
        if (min_places > 0 && (unsigned long)min_places > places)
            places = (unsigned long)min_places;
        mpz_ui_pow_ui(scaled, 10, places);
        mpz_mul(scaled, scaled, mpq_numref(q));
        mpz_divexact(scaled, scaled, mpq_denref(q));
        out = format_scaled(scaled, (int)places);
    } else {
        char *num = mpz_get_str(NULL, 10, mpq_numref(q));
        char *den = mpz_get_str(NULL, 10, mpq_denref(q));
        size_t cap = num != NULL && den != NULL ? strlen(num) + strlen(den) + 2 : 0;
        out = cap > 0 ? malloc(cap) : NULL;
        if (out != NULL)
            snprintf(out, cap, "%s/%s", num, den);
        free(num);
        free(den);
    }
    mpz_clears(rest, scaled, NULL);
    return out;
}

/* q rounded half away from zero to places decimals:
 * floor((2 |num| 10^places + den) / (2 den)), with num's sign. */
static char *format_rounded(const mpq_t q, int places)
{
    mpz_t t, d;
    mpz_inits(t, d, NULL);
    mpz_ui_pow_ui(t, 10, (unsigned long)places);
    mpz_mul(t, t, mpq_numref(q));
    mpz_abs(t, t);
    mpz_mul_2exp(t, t, 1);
    mpz_add(t, t, mpq_denref(q));
    mpz_mul_2exp(d, mpq_denref(q), 1);
    mpz_fdiv_q(t, t, d);
    if (mpq_sgn(q) < 0)
        mpz_neg(t, t);
    char *out = format_scaled(t, places);
    mpz_clears(t, d, NULL);
    return out;
}

char *audit_mpq_format(const mpq_t q, int min_places, int places)
{
    return places < 0 ? format_exact(q, min_places) : format_rounded(q, places);
}
