/* The core of an explicit game and its extreme points
 * (mechkit/nucleolus.h, mk_tu_core_compute). */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "excess_lp.h"
#include "mechkit/nucleolus.h"

/*
 * The extreme points by the double description method (Motzkin, Raiffa,
 * Thompson and Thrall 1953; Fukuda and Prodon 1996 for the combinatorial
 * adjacency test). With u = den x, u_n = num(N) - (u_1 + ... + u_{n-1}),
 * the core is the cone of rays r = (t, u_1, ..., u_{n-1}) with
 *   t >= 0 and num(S) t <= u(S) for every proper coalition S
 * (the last player's share substituted), cut at t = 1. The first cone is
 * cut by t >= 0 and the first n - 1 players' constraints alone: its rays
 * are (1, v_1, ..., v_{n-1}) and the unit directions. Each further
 * constraint keeps the rays on its side and joins each adjacent pair of
 * rays across it. Rays are 64-bit integers divided by their gcd; 128-bit
 * arithmetic inside, MK_ERANGE past 64 bits.
 */

#define WORDS 4 /* constraint bitsets: 1 + 2^8 - 2 constraints at most */

typedef struct ray {
    int64_t c[MK_TU_CORE_MAX_PLAYERS]; /* t, u_1..u_{n-1} */
    uint64_t zero[WORDS];              /* constraints it meets with equality */
} ray;

typedef struct rays {
    size_t len, cap;
    ray *r;
} rays;

static int push(rays *rs, const ray *r, mk_ctx *ctx)
{
    if (rs->len == rs->cap) {
        size_t cap = rs->cap ? 2 * rs->cap : 64;
        ray *grown = realloc(rs->r, cap * sizeof *grown);
        if (grown == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the core's extreme points");
        rs->r = grown;
        rs->cap = cap;
    }
    rs->r[rs->len++] = *r;
    return MK_OK;
}

/* Row h: (coefficient of t, coefficients of u_1..u_{n-1}); h = 0 is
 * t >= 0, h = 1..n-1 the first players alone, then the other proper
 * coalitions in increasing bitmask order. */
static void constraint(const mk_tu_game *g, uint64_t set, int64_t *row)
{
    size_t n = g->n, d = n - 1;
    uint64_t all = ((uint64_t)1 << n) - 1, last = (uint64_t)1 << d;
    if (set & last) { /* u(N \ S) <= (num(N) - num(S)) t */
        row[0] = g->num[all] - g->num[set];
        for (size_t i = 0; i < d; i++)
            row[1 + i] = (set >> i) & 1 ? 0 : -1;
    } else {
        row[0] = -g->num[set];
        for (size_t i = 0; i < d; i++)
            row[1 + i] = (int64_t)((set >> i) & 1);
    }
}

static coop_i128 dot(const int64_t *row, const ray *r, size_t dims)
{
    coop_i128 s = 0;
    for (size_t j = 0; j < dims; j++)
        s += (coop_i128)row[j] * r->c[j];
    return s;
}

static coop_i128 gcd128(coop_i128 a, coop_i128 b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        coop_i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* out = sp q - sq p (sp > 0 > sq), divided by the gcd of its entries. */
static int combine(const ray *p, coop_i128 sp, const ray *q, coop_i128 sq, size_t dims, ray *out,
                   mk_ctx *ctx)
{
    coop_i128 c[MK_TU_CORE_MAX_PLAYERS], g = 0;
    for (size_t j = 0; j < dims; j++) {
        coop_i128 a, b;
        if (__builtin_mul_overflow(sp, (coop_i128)q->c[j], &a) ||
            __builtin_mul_overflow(sq, (coop_i128)p->c[j], &b) ||
            __builtin_sub_overflow(a, b, &c[j]))
            return mk_error(ctx, MK_ERANGE, "core: the extreme points need integers past 2^127");
        g = gcd128(g, c[j]);
    }
    for (size_t j = 0; j < dims; j++) {
        coop_i128 v = g > 1 ? c[j] / g : c[j];
        if (v > INT64_MAX || v < -INT64_MAX)
            return mk_error(ctx, MK_ERANGE, "core: the extreme points need integers past 2^63");
        out->c[j] = (int64_t)v;
    }
    return MK_OK;
}

static int subset(const uint64_t *a, const uint64_t *b)
{
    for (int w = 0; w < WORDS; w++)
        if (a[w] & ~b[w])
            return 0;
    return 1;
}

/* p and q are adjacent when the constraints both meet with equality have
 * rank dims - 2, which for a minimal set of rays of a pointed cone is:
 * at least dims - 2 of them, and no third ray meets them all. */
static int adjacent(const rays *rs, size_t p, size_t q, size_t dims, uint64_t *common)
{
    int count = 0;
    for (int w = 0; w < WORDS; w++) {
        common[w] = rs->r[p].zero[w] & rs->r[q].zero[w];
        count += __builtin_popcountll(common[w]);
    }
    if (count + 2 < (int)dims)
        return 0;
    for (size_t k = 0; k < rs->len; k++)
        if (k != p && k != q && subset(common, rs->r[k].zero))
            return 0;
    return 1;
}

/* Cuts the cone of rs by row (constraint h). */
static int cut(rays *rs, const int64_t *row, size_t h, size_t dims, mk_ctx *ctx)
{
    coop_i128 *s = malloc((rs->len ? rs->len : 1) * sizeof *s);
    rays next = {0, 0, NULL};
    if (s == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the core's extreme points");
    int rc = MK_OK;
    for (size_t k = 0; k < rs->len; k++)
        s[k] = dot(row, &rs->r[k], dims);
    for (size_t p = 0; p < rs->len && rc == 0; p++) {
        if (s[p] < 0)
            continue;
        ray kept = rs->r[p];
        if (s[p] == 0)
            kept.zero[h / 64] |= (uint64_t)1 << (h % 64);
        rc = push(&next, &kept, ctx);
        for (size_t q = 0; q < rs->len && rc == 0 && s[p] > 0; q++) {
            ray joined;
            if (s[q] >= 0 || !adjacent(rs, p, q, dims, joined.zero))
                continue;
            joined.zero[h / 64] |= (uint64_t)1 << (h % 64);
            rc = combine(&rs->r[p], s[p], &rs->r[q], s[q], dims, &joined, ctx);
            if (rc == 0)
                rc = push(&next, &joined, ctx);
        }
    }
    free(s);
    free(rs->r);
    *rs = next;
    if (rc == 0 && rs->len > MK_TU_CORE_MAX_RAYS)
        rc = mk_error(ctx, MK_ELIMIT,
                      "core: the enumeration of extreme points passed %d rays (a convex game of "
                      "n players has n! extreme points); --index least_core tells whether the "
                      "core is empty and gives a point",
                      MK_TU_CORE_MAX_RAYS);
    return rc;
}

/* The extreme points of the core as rays with t > 0. */
static int enumerate(const mk_tu_game *g, rays *rs, mk_ctx *ctx)
{
    size_t n = g->n, d = n - 1, dims = n;
    uint64_t count = (uint64_t)1 << n;
    ray r;
    memset(&r, 0, sizeof r);
    r.c[0] = 1;
    for (size_t i = 0; i < d; i++)
        r.c[1 + i] = g->num[(uint64_t)1 << i];
    for (size_t h = 1; h <= d; h++)
        r.zero[0] |= (uint64_t)1 << h;
    int rc = push(rs, &r, ctx);
    for (size_t i = 0; i < d && rc == 0; i++) {
        memset(&r, 0, sizeof r);
        r.c[1 + i] = 1;
        for (size_t h = 0; h <= d; h++)
            if (h != 1 + i)
                r.zero[0] |= (uint64_t)1 << h;
        rc = push(rs, &r, ctx);
    }
    size_t h = d + 1;
    for (uint64_t set = 1; set + 1 < count && rc == 0; set++) {
        if (__builtin_popcountll(set) == 1 && set < ((uint64_t)1 << d))
            continue; /* the first n - 1 players: already in the first cone */
        int64_t row[MK_TU_CORE_MAX_PLAYERS];
        constraint(g, set, row);
        rc = cut(rs, row, h++, dims, ctx);
    }
    return rc;
}

/* x of ray r (t > 0): x_i = u_i / (den t), x_n from efficiency. */
static void vertex_of(const mk_tu_game *g, const ray *r, mpq_t *x)
{
    size_t n = g->n;
    mpz_t rest, den;
    mpz_inits(rest, den, NULL);
    mpz_set_si(rest, g->num[((uint64_t)1 << n) - 1]);
    mpz_mul_si(rest, rest, r->c[0]);
    mpz_set_si(den, g->den);
    mpz_mul_si(den, den, r->c[0]);
    for (size_t i = 0; i + 1 < n; i++) {
        mpz_set_si(mpq_numref(x[i]), r->c[1 + i]);
        mpz_sub(rest, rest, mpq_numref(x[i]));
        mpz_set(mpq_denref(x[i]), den);
        mpq_canonicalize(x[i]);
    }
    mpz_set(mpq_numref(x[n - 1]), rest);
    mpz_set(mpq_denref(x[n - 1]), den);
    mpq_canonicalize(x[n - 1]);
    mpz_clears(rest, den, NULL);
}

/* A vertex for qsort, which passes no context: each carries its size. */
typedef struct point {
    size_t n;
    mpq_t *x;
} point;

static int lex(const void *a, const void *b)
{
    const point *p = a, *q = b;
    for (size_t i = 0; i < p->n; i++) {
        int c = mpq_cmp(p->x[i], q->x[i]);
        if (c != 0)
            return c;
    }
    return 0;
}

static int vertices_of(const mk_tu_game *g, const rays *rs, int places, mk_tu_core *c, mk_ctx *ctx)
{
    size_t n = g->n, k = 0;
    point *pts = calloc(rs->len ? rs->len : 1, sizeof *pts);
    c->vertices = calloc(rs->len ? rs->len : 1, sizeof *c->vertices);
    int rc = pts != NULL && c->vertices != NULL
                 ? MK_OK
                 : mk_error(ctx, MK_ENOMEM, "out of memory for the core's extreme points");
    for (size_t j = 0; j < rs->len && rc == 0; j++) {
        if (rs->r[j].c[0] == 0)
            continue;
        pts[k].n = n;
        if ((pts[k].x = mk_mpq_array(n)) == NULL) {
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the core's extreme points");
            break;
        }
        vertex_of(g, &rs->r[j], pts[k++].x);
    }
    if (rc == 0)
        qsort(pts, k, sizeof *pts, lex);
    for (size_t j = 0; j < k && rc == 0; j++)
        rc = coop_vector_from_mpq(&c->vertices[c->n_vertices++], pts[j].x, n, places, ctx);
    for (size_t j = 0; pts != NULL && j < k; j++)
        mk_mpq_array_free(pts[j].x, n);
    free(pts);
    return rc;
}

void mk_tu_core_free(mk_tu_core *c)
{
    if (c == NULL)
        return;
    free(c->epsilon);
    free(c->epsilon_decimal);
    mk_coop_vector_free(c->point);
    for (size_t k = 0; c->vertices != NULL && k < c->n_vertices; k++)
        mk_coop_vector_free(c->vertices[k]);
    free(c->vertices);
    free(c);
}

/* The least-core eps and, when it is at most 0, the nucleolus (which is
 * then in the core). */
static int emptiness(const mk_tu_game *g, int places, mk_tu_core *c, mk_ctx *ctx)
{
    size_t n = g->n, n_levels = 0;
    mpq_t *x = mk_mpq_array(n), *levels = mk_mpq_array(n);
    int rc = x != NULL && levels != NULL ? excess_sequence(g, 0, 1, x, levels, &n_levels, ctx)
                                         : mk_error(ctx, MK_ENOMEM, "out of memory for the core");
    if (rc == 0) {
        c->empty = mpq_sgn(levels[0]) > 0;
        c->epsilon = coop_fraction_string(levels[0]);
        c->epsilon_decimal = coop_decimal_string(levels[0], places);
        if (c->epsilon == NULL || c->epsilon_decimal == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the core");
    }
    if (rc == 0 && !c->empty)
        rc = excess_sequence(g, 1, 0, x, levels, &n_levels, ctx);
    if (rc == 0 && !c->empty)
        rc = coop_vector_from_mpq(&c->point, x, n, places, ctx);
    mk_mpq_array_free(x, n);
    mk_mpq_array_free(levels, n);
    return rc;
}

int mk_tu_core_compute(const mk_tu_game *g, int places, mk_tu_core **out, mk_ctx *ctx)
{
    if (g->n < 2 || g->n > MK_TU_CORE_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: the core's extreme points are computed for 2 to %d players "
                        "(the least core tells for any size whether the core is empty)",
                        g->n, MK_TU_CORE_MAX_PLAYERS);
    if (places < 0 || places > MK_COOP_MAX_PLACES)
        return mk_error(ctx, MK_EPARAM, "%d decimal places: expected 0 to %d", places,
                        MK_COOP_MAX_PLACES);
    mk_tu_core *c = calloc(1, sizeof *c);
    rays rs = {0, 0, NULL};
    int rc = c != NULL ? emptiness(g, places, c, ctx)
                       : mk_error(ctx, MK_ENOMEM, "out of memory for the core");
    if (rc == 0)
        rc = enumerate(g, &rs, ctx);
    if (rc == 0)
        rc = vertices_of(g, &rs, places, c, ctx);
    if (rc == 0 && c->empty != (c->n_vertices == 0))
        rc = mk_error(ctx, MK_EINTERNAL,
                      "core: the least core (eps %s) and the %zu extreme points disagree",
                      c->epsilon, c->n_vertices);
    free(rs.r);
    if (rc != 0) {
        mk_tu_core_free(c);
        return rc;
    }
    *out = c;
    return MK_OK;
}
