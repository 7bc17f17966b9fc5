/* Exact univariate polynomials and real-root isolation (upoly_internal.h). */
#include <stdlib.h>

#include "upoly_internal.h"

int mk_upoly_reserve(mk_upoly *p, long deg, mk_ctx *ctx)
{
    size_t need = (size_t)(deg + 1);
    if (deg < 0 || need <= p->cap)
        return 0;
    mpq_t *c = realloc(p->c, need * sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t k = p->cap; k < need; k++)
        mpq_init(c[k]);
    p->c = c;
    p->cap = need;
    return 0;
}

void mk_upoly_clear(mk_upoly *p)
{
    for (size_t k = 0; k < p->cap; k++)
        mpq_clear(p->c[k]);
    free(p->c);
    p->c = NULL;
    p->cap = 0;
    p->deg = -1;
}

void mk_upoly_trim(mk_upoly *p)
{
    while (p->deg >= 0 && mpq_sgn(p->c[p->deg]) == 0)
        p->deg--;
}

/* Sets p to the zero polynomial of room for degree deg. */
static int upoly_zero(mk_upoly *p, long deg, mk_ctx *ctx)
{
    int rc = mk_upoly_reserve(p, deg, ctx);
    for (size_t k = 0; rc == 0 && k < p->cap; k++)
        mpq_set_ui(p->c[k], 0, 1);
    p->deg = -1;
    return rc;
}

int mk_upoly_set(mk_upoly *dst, const mk_upoly *src, mk_ctx *ctx)
{
    if (dst == src)
        return 0;
    int rc = upoly_zero(dst, src->deg, ctx);
    for (long k = 0; rc == 0 && k <= src->deg; k++)
        mpq_set(dst->c[k], src->c[k]);
    dst->deg = src->deg;
    return rc;
}

int mk_upoly_add_term(mk_upoly *dst, const mpq_t v, long k, mk_ctx *ctx)
{
    if (mpq_sgn(v) == 0)
        return 0;
    long old = dst->deg;
    int rc = mk_upoly_reserve(dst, k, ctx);
    if (rc != 0)
        return rc;
    for (long j = old + 1; j <= k; j++)
        mpq_set_ui(dst->c[j], 0, 1);
    mpq_add(dst->c[k], dst->c[k], v);
    if (k > dst->deg)
        dst->deg = k;
    mk_upoly_trim(dst);
    return 0;
}

int mk_upoly_mul(mk_upoly *dst, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx)
{
    if (a->deg < 0 || b->deg < 0)
        return upoly_zero(dst, 0, ctx);
    int rc = upoly_zero(dst, a->deg + b->deg, ctx);
    if (rc != 0)
        return rc;
    mpq_t t;
    mpq_init(t);
    for (long i = 0; i <= a->deg; i++)
        for (long j = 0; j <= b->deg; j++) {
            mpq_mul(t, a->c[i], b->c[j]);
            mpq_add(dst->c[i + j], dst->c[i + j], t);
        }
    mpq_clear(t);
    dst->deg = a->deg + b->deg;
    mk_upoly_trim(dst);
    return 0;
}

int mk_upoly_derivative(mk_upoly *dst, const mk_upoly *p, mk_ctx *ctx)
{
    int rc = upoly_zero(dst, p->deg > 0 ? p->deg - 1 : 0, ctx);
    if (rc != 0)
        return rc;
    mpq_t k_q;
    mpq_init(k_q);
    for (long k = 1; k <= p->deg; k++) {
        mpq_set_si(k_q, k, 1);
        mpq_mul(dst->c[k - 1], p->c[k], k_q);
    }
    mpq_clear(k_q);
    dst->deg = p->deg - 1;
    mk_upoly_trim(dst);
    return 0;
}

void mk_upoly_eval(mpq_t out, const mk_upoly *p, const mpq_t x)
{
    mpq_t acc;
    mpq_init(acc);
    for (long k = p->deg; k >= 0; k--) {
        mpq_mul(acc, acc, x);
        mpq_add(acc, acc, p->c[k]);
    }
    mpq_set(out, acc);
    mpq_clear(acc);
}

int mk_upoly_sign_at(const mk_upoly *p, const mpq_t x)
{
    mpq_t v;
    mpq_init(v);
    mk_upoly_eval(v, p, x);
    int s = mpq_sgn(v);
    mpq_clear(v);
    return s;
}

int mk_upoly_divrem(mk_upoly *q, mk_upoly *r, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx)
{
    if (b->deg < 0)
        return mk_error(ctx, MK_EINTERNAL, "polynomial division by zero");
    int rc = mk_upoly_set(r, a, ctx);
    if (rc == 0)
        rc = upoly_zero(q, a->deg >= b->deg ? a->deg - b->deg : 0, ctx);
    if (rc != 0)
        return rc;
    mpq_t f, t;
    mpq_inits(f, t, NULL);
    while (r->deg >= b->deg) {
        long shift = r->deg - b->deg;
        mpq_div(f, r->c[r->deg], b->c[b->deg]);
        mpq_set(q->c[shift], f);
        if (shift > q->deg)
            q->deg = shift;
        for (long k = 0; k <= b->deg; k++) {
            mpq_mul(t, f, b->c[k]);
            mpq_sub(r->c[k + shift], r->c[k + shift], t);
        }
        mk_upoly_trim(r);
    }
    mpq_clears(f, t, NULL);
    return 0;
}

/* Divides p by its leading coefficient. */
static void make_monic(mk_upoly *p)
{
    if (p->deg < 0)
        return;
    mpq_t lead;
    mpq_init(lead);
    mpq_set(lead, p->c[p->deg]);
    for (long k = 0; k <= p->deg; k++)
        mpq_div(p->c[k], p->c[k], lead);
    mpq_clear(lead);
}

/* Scales p by a positive rational so that its coefficients are coprime
 * integers: the same roots and signs, and much smaller numbers in the
 * remainder sequences below (coefficient growth is what makes Euclid over
 * the rationals slow; Collins 1967 on subresultants). */
static void make_primitive(mk_upoly *p)
{
    if (p->deg < 0)
        return;
    mpz_t lcm, g;
    mpz_inits(lcm, g, NULL);
    mpz_set_ui(lcm, 1);
    for (long k = 0; k <= p->deg; k++)
        mpz_lcm(lcm, lcm, mpq_denref(p->c[k]));
    mpq_t scale;
    mpq_init(scale);
    for (long k = 0; k <= p->deg; k++) {
        mpq_set_z(scale, lcm);
        mpq_mul(p->c[k], p->c[k], scale);
        mpz_gcd(g, g, mpq_numref(p->c[k]));
    }
    mpq_set_z(scale, g);
    for (long k = 0; k <= p->deg; k++)
        mpq_div(p->c[k], p->c[k], scale);
    mpq_clear(scale);
    mpz_clears(lcm, g, NULL);
}

int mk_upoly_gcd(mk_upoly *g, const mk_upoly *a, const mk_upoly *b, mk_ctx *ctx)
{
    mk_upoly x = MK_UPOLY_INIT, y = MK_UPOLY_INIT, q = MK_UPOLY_INIT, r = MK_UPOLY_INIT;
    int rc = mk_upoly_set(&x, a, ctx);
    if (rc == 0)
        rc = mk_upoly_set(&y, b, ctx);
    while (rc == 0 && y.deg >= 0) {
        rc = mk_upoly_divrem(&q, &r, &x, &y, ctx);
        make_primitive(&r);
        if (rc == 0)
            rc = mk_upoly_set(&x, &y, ctx);
        if (rc == 0)
            rc = mk_upoly_set(&y, &r, ctx);
    }
    if (rc == 0) {
        make_monic(&x);
        rc = mk_upoly_set(g, &x, ctx);
    }
    mk_upoly_clear(&x);
    mk_upoly_clear(&y);
    mk_upoly_clear(&q);
    mk_upoly_clear(&r);
    return rc;
}

int mk_upoly_squarefree(mk_upoly *dst, const mk_upoly *p, mk_ctx *ctx)
{
    mk_upoly d = MK_UPOLY_INIT, g = MK_UPOLY_INIT, r = MK_UPOLY_INIT;
    int rc = mk_upoly_derivative(&d, p, ctx);
    if (rc == 0)
        rc = mk_upoly_gcd(&g, p, &d, ctx);
    if (rc == 0)
        rc = mk_upoly_divrem(dst, &r, p, &g, ctx);
    if (rc == 0)
        make_monic(dst);
    mk_upoly_clear(&d);
    mk_upoly_clear(&g);
    mk_upoly_clear(&r);
    return rc;
}

/* ---- Sturm sequences ------------------------------------------------------------------------ */

typedef struct sturm {
    size_t n;
    mk_upoly *seq;
} sturm;

static void sturm_clear(sturm *s)
{
    for (size_t i = 0; i < s->n; i++)
        mk_upoly_clear(&s->seq[i]);
    free(s->seq);
    s->seq = NULL;
    s->n = 0;
}

/* p, p', -rem(p, p'), ... down to a constant (p square-free, deg >= 1). */
static int sturm_build(sturm *s, const mk_upoly *p, mk_ctx *ctx)
{
    size_t cap = (size_t)p->deg + 2;
    s->seq = calloc(cap, sizeof *s->seq);
    s->n = 0;
    if (s->seq == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; i < cap; i++)
        s->seq[i] = (mk_upoly)MK_UPOLY_INIT;
    s->n = cap;
    int rc = mk_upoly_set(&s->seq[0], p, ctx);
    if (rc == 0)
        rc = mk_upoly_derivative(&s->seq[1], p, ctx);
    make_primitive(&s->seq[0]);
    make_primitive(&s->seq[1]);
    size_t used = 2;
    mk_upoly q = MK_UPOLY_INIT;
    while (rc == 0 && s->seq[used - 1].deg > 0 && used < cap) {
        rc = mk_upoly_divrem(&q, &s->seq[used], &s->seq[used - 2], &s->seq[used - 1], ctx);
        for (long k = 0; rc == 0 && k <= s->seq[used].deg; k++)
            mpq_neg(s->seq[used].c[k], s->seq[used].c[k]);
        make_primitive(&s->seq[used]); /* a positive multiple: the same signs */
        used++;
    }
    mk_upoly_clear(&q);
    for (size_t i = used; i < cap; i++)
        mk_upoly_clear(&s->seq[i]);
    s->n = used;
    return rc;
}

/* Sign changes of the sequence at x, zeros skipped. */
static size_t sturm_variations(const sturm *s, const mpq_t x)
{
    size_t changes = 0;
    int last = 0;
    for (size_t i = 0; i < s->n; i++) {
        int sg = mk_upoly_sign_at(&s->seq[i], x);
        if (sg == 0)
            continue;
        if (last != 0 && sg != last)
            changes++;
        last = sg;
    }
    return changes;
}

/* ---- root isolation ------------------------------------------------------------------------- */

void mk_roots_free(mk_root *roots, size_t count)
{
    for (size_t i = 0; i < count; i++)
        mpq_clears(roots[i].lo, roots[i].hi, NULL);
    free(roots);
}

typedef struct root_list {
    mk_root *r;
    size_t n, cap;
} root_list;

static int root_push(root_list *l, const mpq_t lo, const mpq_t hi, int exact, mk_ctx *ctx)
{
    if (l->n == l->cap) {
        size_t cap = l->cap == 0 ? 8 : 2 * l->cap;
        mk_root *r = realloc(l->r, cap * sizeof *r);
        if (r == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        l->r = r;
        l->cap = cap;
    }
    mk_root *x = &l->r[l->n++];
    mpq_inits(x->lo, x->hi, NULL);
    mpq_set(x->lo, lo);
    mpq_set(x->hi, hi);
    x->exact = exact;
    return 0;
}

/* p = p / (x - r), r a root of p. */
static int deflate(mk_upoly *p, const mpq_t r, mk_ctx *ctx)
{
    mk_upoly lin = MK_UPOLY_INIT, q = MK_UPOLY_INIT, rem = MK_UPOLY_INIT;
    mpq_t one, minus_r;
    mpq_inits(one, minus_r, NULL);
    mpq_set_ui(one, 1, 1);
    mpq_neg(minus_r, r);
    int rc = mk_upoly_add_term(&lin, one, 1, ctx);
    if (rc == 0)
        rc = mk_upoly_add_term(&lin, minus_r, 0, ctx);
    if (rc == 0)
        rc = mk_upoly_divrem(&q, &rem, p, &lin, ctx);
    if (rc == 0 && rem.deg >= 0)
        rc = mk_error(ctx, MK_EINTERNAL, "deflation by a non-root");
    if (rc == 0)
        rc = mk_upoly_set(p, &q, ctx);
    mpq_clears(one, minus_r, NULL);
    mk_upoly_clear(&lin);
    mk_upoly_clear(&q);
    mk_upoly_clear(&rem);
    return rc;
}

/* Bisects (lo, hi) until every piece holds at most one root of p; pieces
 * with one root go to out. A midpoint that is a root is returned in *hit
 * (found = 1) instead, so that the caller can deflate and start again. */
static int isolate(const mk_upoly *p, const mpq_t a, const mpq_t b, root_list *out, mpq_t hit,
                   int *found, mk_ctx *ctx)
{
    sturm s = {0, NULL};
    int rc = sturm_build(&s, p, ctx);
    root_list stack = {NULL, 0, 0};
    if (rc == 0)
        rc = root_push(&stack, a, b, 0, ctx);
    mpq_t lo, hi, mid;
    mpq_inits(lo, hi, mid, NULL);
    *found = 0;
    while (rc == 0 && stack.n > 0 && !*found) {
        mk_root *top = &stack.r[--stack.n];
        mpq_set(lo, top->lo);
        mpq_set(hi, top->hi);
        mpq_clears(top->lo, top->hi, NULL);
        size_t va = sturm_variations(&s, lo), vb = sturm_variations(&s, hi);
        size_t count = va > vb ? va - vb : 0;
        if (count == 1) {
            rc = root_push(out, lo, hi, 0, ctx);
            continue;
        }
        if (count == 0)
            continue;
        mpq_add(mid, lo, hi);
        mpq_div_2exp(mid, mid, 1);
        if (mk_upoly_sign_at(p, mid) == 0) {
            mpq_set(hit, mid);
            *found = 1;
            break;
        }
        /* The right half first onto the stack, so roots come out in order. */
        rc = root_push(&stack, mid, hi, 0, ctx);
        if (rc == 0)
            rc = root_push(&stack, lo, mid, 0, ctx);
    }
    mpq_clears(lo, hi, mid, NULL);
    mk_roots_free(stack.r, stack.n);
    sturm_clear(&s);
    return rc;
}

void mk_root_bisect(mk_root *r, const mk_upoly *sqf)
{
    if (r->exact)
        return;
    mpq_t mid;
    mpq_init(mid);
    mpq_add(mid, r->lo, r->hi);
    mpq_div_2exp(mid, mid, 1);
    int sm = mk_upoly_sign_at(sqf, mid), slo = mk_upoly_sign_at(sqf, r->lo);
    if (sm == 0) {
        mpq_set(r->lo, mid);
        mpq_set(r->hi, mid);
        r->exact = 1;
    } else if (sm == slo) {
        mpq_set(r->lo, mid);
    } else {
        mpq_set(r->hi, mid);
    }
    mpq_clear(mid);
}

/* out = the fraction with the smallest denominator in [lo, hi], 0 <= lo
 * <= hi (continued fractions: Stern-Brocot descent). */
static void simplest_between(mpq_t out, const mpq_t lo, const mpq_t hi)
{
    mpz_t fl;
    mpq_t c, a, b;
    mpz_init(fl);
    mpq_inits(c, a, b, NULL);
    mpz_fdiv_q(fl, mpq_numref(lo), mpq_denref(lo));
    mpq_set_z(c, fl);
    if (mpq_equal(c, lo)) {
        mpq_set(out, lo);
    } else {
        mpz_add_ui(fl, fl, 1);
        mpq_set_z(c, fl);
        if (mpq_cmp(c, hi) <= 0) {
            mpq_set(out, c);
        } else {
            mpz_sub_ui(fl, fl, 1);
            mpq_set_z(c, fl);
            mpq_sub(a, hi, c); /* fl < lo <= hi < fl + 1 */
            mpq_sub(b, lo, c);
            mpq_inv(a, a);
            mpq_inv(b, b);
            simplest_between(out, a, b);
            mpq_inv(out, out);
            mpq_add(out, out, c);
        }
    }
    mpz_clear(fl);
    mpq_clears(c, a, b, NULL);
}

/* |L|: the leading coefficient of the primitive integer multiple of p. */
static void primitive_leading(mpz_t out, const mk_upoly *p)
{
    mpz_t lcm, g, t;
    mpz_inits(lcm, g, t, NULL);
    mpz_set_ui(lcm, 1);
    for (long k = 0; k <= p->deg; k++)
        mpz_lcm(lcm, lcm, mpq_denref(p->c[k]));
    mpz_set_ui(g, 0);
    for (long k = 0; k <= p->deg; k++) {
        mpz_divexact(t, lcm, mpq_denref(p->c[k]));
        mpz_mul(t, t, mpq_numref(p->c[k]));
        mpz_gcd(g, g, t);
    }
    mpz_divexact(t, lcm, mpq_denref(p->c[p->deg]));
    mpz_mul(t, t, mpq_numref(p->c[p->deg]));
    mpz_divexact(out, t, g);
    mpz_abs(out, out);
    mpz_clears(lcm, g, t, NULL);
}

/* Makes r exact when its root is rational (see mk_upoly_real_roots). */
static void recognise_rational(mk_root *r, const mk_upoly *sqf)
{
    mpz_t lead;
    mpq_t width, bound, s;
    mpz_init(lead);
    mpq_inits(width, bound, s, NULL);
    primitive_leading(lead, sqf);
    mpz_mul(mpq_numref(bound), lead, lead); /* bound = L^2 */
    mpz_set_ui(mpq_denref(bound), 1);
    for (;;) {
        mpq_sub(width, r->hi, r->lo);
        mpq_mul(width, width, bound);
        if (r->exact || mpz_cmp(mpq_numref(width), mpq_denref(width)) < 0)
            break;
        mk_root_bisect(r, sqf);
    }
    if (!r->exact) {
        simplest_between(s, r->lo, r->hi);
        if (mpz_cmp(mpq_denref(s), lead) <= 0 && mk_upoly_sign_at(sqf, s) == 0) {
            mpq_set(r->lo, s);
            mpq_set(r->hi, s);
            r->exact = 1;
        }
    }
    mpz_clear(lead);
    mpq_clears(width, bound, s, NULL);
}

static int root_cmp(const void *x, const void *y)
{
    const mk_root *a = x, *b = y;
    return mpq_cmp(a->lo, b->lo);
}

int mk_upoly_real_roots(const mk_upoly *p, const mpq_t a, const mpq_t b, mk_root **roots,
                        size_t *count, mk_upoly *basis, mk_ctx *ctx)
{
    mk_upoly sqf = MK_UPOLY_INIT;
    root_list exact = {NULL, 0, 0}, isolated = {NULL, 0, 0};
    mpq_t hit;
    mpq_init(hit);
    int rc = mk_upoly_squarefree(&sqf, p, ctx);
    /* Roots at the ends are outside the open interval: divide them out. */
    while (rc == 0 && sqf.deg > 0 && mk_upoly_sign_at(&sqf, a) == 0)
        rc = deflate(&sqf, a, ctx);
    while (rc == 0 && sqf.deg > 0 && mk_upoly_sign_at(&sqf, b) == 0)
        rc = deflate(&sqf, b, ctx);
    int found = 1;
    while (rc == 0 && found && sqf.deg > 0) {
        mk_roots_free(isolated.r, isolated.n);
        isolated = (root_list){NULL, 0, 0};
        rc = isolate(&sqf, a, b, &isolated, hit, &found, ctx);
        if (rc == 0 && found) {
            rc = root_push(&exact, hit, hit, 1, ctx);
            if (rc == 0)
                rc = deflate(&sqf, hit, ctx);
        }
    }
    if (sqf.deg <= 0) {
        mk_roots_free(isolated.r, isolated.n);
        isolated = (root_list){NULL, 0, 0};
    }
    for (size_t i = 0; rc == 0 && i < isolated.n; i++) {
        recognise_rational(&isolated.r[i], &sqf);
        rc = root_push(&exact, isolated.r[i].lo, isolated.r[i].hi, isolated.r[i].exact, ctx);
    }
    mk_roots_free(isolated.r, isolated.n);
    if (rc == 0)
        rc = mk_upoly_set(basis, &sqf, ctx);
    mk_upoly_clear(&sqf);
    mpq_clear(hit);
    if (rc != 0) {
        mk_roots_free(exact.r, exact.n);
        return rc;
    }
    if (exact.n > 1)
        qsort(exact.r, exact.n, sizeof *exact.r, root_cmp);
    *roots = exact.r;
    *count = exact.n;
    return 0;
}
