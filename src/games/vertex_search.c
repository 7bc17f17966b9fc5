/*
 * Vertex enumeration of {z >= 0 : Mz <= 1} by depth-first search over the
 * feasible bases (vertex_search_internal.h).
 *
 * With slacks w = 1 - Mz the polytope is {(z, w) >= 0 : Mz + w = 1}; a
 * feasible basis is a set of r basic variables whose basic solution is
 * >= 0, and each vertex is the solution of at least one. Ties of the
 * ratio test are broken lexicographically, as if row q's bound were
 * 1 + eps^(q+1) (Dantzig, Orden and Wolfe 1955): that perturbed polytope
 * is simple, its vertices are the lexicographically feasible bases, one
 * pivot (entering variable, the unique leaving row) joins neighbours, and
 * each vertex of the original is the limit of at least one of them
 * (optimise any objective that exposes it). So the search walks the
 * connected graph of the perturbed polytope: depth-first from the
 * all-slack basis (the vertex 0), with a hash set of visited bases, so
 * the work grows with the output, not with C(d + r, d) as brute force
 * does, and a degenerate vertex costs a few bases rather than all of
 * them. Going back up, levels whose neighbours have all been visited are
 * left without restoring their tableau; the next level with work left
 * gets its tableau by inverse pivots (which restore it exactly) or, when
 * that is further, rebuilt from the all-slack one.
 *
 * The tableau is fraction-free (Edmonds 1967): T = D * B^-1 [M I | 1] with
 * D = det B > 0, every entry an integer minor. Entries are 128-bit
 * integers; a product that overflows is redone in 256 bits, and when a
 * new entry itself does not fit the tableau moves to GMP, and back to 128
 * bits once every entry fits again. The answer is exact on every path.
 */
#include "vertex_search_internal.h"

#include <stdlib.h>
#include <string.h>

#include "wide_int_internal.h"

/* ---- a set of 64-bit keys (never 0), open addressing -------------------------------------- */

typedef struct key_set {
    uint64_t *slot;
    size_t cap, n; /* cap a power of two */
} key_set;

static size_t key_home(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (cap - 1);
}

/* 1 when key was added, 0 when it was there, -1 when out of memory. */
static int key_set_add(key_set *s, uint64_t key)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap == 0 ? 1024 : 2 * s->cap;
        uint64_t *slot = calloc(cap, sizeof *slot);
        if (slot == NULL)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i] != 0) {
                size_t h = key_home(s->slot[i], cap);
                while (slot[h] != 0)
                    h = (h + 1) & (cap - 1);
                slot[h] = s->slot[i];
            }
        free(s->slot);
        s->slot = slot;
        s->cap = cap;
    }
    size_t h = key_home(key, s->cap);
    while (s->slot[h] != 0) {
        if (s->slot[h] == key)
            return 0;
        h = (h + 1) & (s->cap - 1);
    }
    s->slot[h] = key;
    s->n++;
    return 1;
}

static int key_set_has(const key_set *s, uint64_t key)
{
    if (s->cap == 0)
        return 0;
    size_t h = key_home(key, s->cap);
    while (s->slot[h] != 0) {
        if (s->slot[h] == key)
            return 1;
        h = (h + 1) & (s->cap - 1);
    }
    return 0;
}

/* ---- the tableau ---------------------------------------------------------------------------- */

/* r rows, columns 0..d-1 the z variables, d..d+r-1 the slacks, d+r the
 * right-hand side. Only nonbasic columns and the right-hand side are kept
 * current (a basic column is D times a unit vector). */
typedef struct tableau {
    size_t d, r, w;   /* w = d + r + 1 columns */
    size_t *basic;    /* variable of each row */
    uint64_t cobasis; /* nonbasic variables */
    int big;          /* entries in tz (GMP) rather than t */
    mk_i128 *t, det;  /* the current entries */
    mk_i128 *spare;   /* where the next pivot writes */
    mk_i128 *init;    /* the all-slack tableau, for rebuilding */
    int can_rebuild;  /* init is there: M fits 64 bits */
    mk_i128 *work[2]; /* rebuilding space */
    mk_i128 *mem;     /* the block holding the five above */
    size_t *cur;      /* the basis while rebuilding */
    mpz_t *tz, detz, tmp, tmp2;
} tableau;

#define AT(tb, i, j) ((i) * (tb)->w + (j))

static void i128_to_mpz(mpz_t out, mk_i128 v)
{
    mk_u128 u = v < 0 ? -(mk_u128)v : (mk_u128)v;
    mpz_set_ui(out, (unsigned long)(uint64_t)(u >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)u);
    if (v < 0)
        mpz_neg(out, out);
}

static int tableau_init(tableau *tb, const mk_vsearch_polytope *p)
{
    memset(tb, 0, sizeof *tb);
    tb->d = p->d;
    tb->r = p->r;
    tb->w = p->d + p->r + 1;
    size_t cells = tb->r * tb->w;
    tb->basic = malloc(tb->r * sizeof *tb->basic);
    tb->cur = malloc(tb->r * sizeof *tb->cur);
    tb->t = tb->mem = calloc(5 * cells, sizeof *tb->t);
    tb->tz = malloc(cells * sizeof *tb->tz);
    if (tb->basic == NULL || tb->cur == NULL || tb->t == NULL || tb->tz == NULL) {
        free(tb->basic), free(tb->cur), free(tb->t), free(tb->tz);
        return -1;
    }
    tb->spare = tb->t + cells;
    tb->init = tb->t + 2 * cells;
    tb->work[0] = tb->t + 3 * cells;
    tb->work[1] = tb->t + 4 * cells;
    for (size_t k = 0; k < cells; k++)
        mpz_init(tb->tz[k]);
    mpz_init_set_ui(tb->detz, 1);
    mpz_inits(tb->tmp, tb->tmp2, NULL);
    tb->det = 1;
    tb->big = p->mat64 == NULL;
    for (size_t i = 0; i < tb->r; i++) {
        tb->basic[i] = tb->d + i;
        for (size_t j = 0; j < tb->d; j++) {
            if (tb->big)
                mpz_set(tb->tz[AT(tb, i, j)], p->mat[i * p->d + j]);
            else
                tb->t[AT(tb, i, j)] = p->mat64[i * p->d + j];
        }
        tb->t[AT(tb, i, tb->d + i)] = 1;
        tb->t[AT(tb, i, tb->w - 1)] = 1;
        mpz_set_ui(tb->tz[AT(tb, i, tb->d + i)], 1);
        mpz_set_ui(tb->tz[AT(tb, i, tb->w - 1)], 1);
    }
    memcpy(tb->init, tb->t, cells * sizeof *tb->t);
    tb->can_rebuild = !tb->big;
    for (size_t j = 0; j < tb->d; j++)
        tb->cobasis |= (uint64_t)1 << j;
    return 0;
}

static void tableau_clear(tableau *tb)
{
    for (size_t k = 0; k < tb->r * tb->w; k++)
        mpz_clear(tb->tz[k]);
    mpz_clears(tb->detz, tb->tmp, tb->tmp2, NULL);
    free(tb->basic), free(tb->cur), free(tb->mem), free(tb->tz);
}

/* The sign of entry (i, j). */
static int entry_sign(const tableau *tb, size_t i, size_t j)
{
    if (tb->big)
        return mpz_sgn(tb->tz[AT(tb, i, j)]);
    mk_i128 v = tb->t[AT(tb, i, j)];
    return (v > 0) - (v < 0);
}

/* Whether v fits in 64 bits: then products of two such values are one
 * machine multiplication and cannot overflow 128 bits. */
static int fits64(mk_i128 v)
{
    return (mk_i128)(int64_t)v == v;
}

/* Compares rhs_a / t_aj with rhs_b / t_bj for t_aj, t_bj > 0, rhs >= 0. */
static int ratio_cmp(tableau *tb, size_t a, size_t b, size_t j)
{
    size_t rhs = tb->w - 1;
    if (tb->big) {
        mpz_mul(tb->tmp, tb->tz[AT(tb, a, rhs)], tb->tz[AT(tb, b, j)]);
        mpz_submul(tb->tmp, tb->tz[AT(tb, b, rhs)], tb->tz[AT(tb, a, j)]);
        return mpz_sgn(tb->tmp);
    }
    mk_i128 ra = tb->t[AT(tb, a, rhs)], bj = tb->t[AT(tb, b, j)], rb = tb->t[AT(tb, b, rhs)],
            aj = tb->t[AT(tb, a, j)], x, y;
    if (fits64(ra) && fits64(bj) && fits64(rb) && fits64(aj)) {
        x = (mk_i128)(int64_t)ra * (int64_t)bj;
        y = (mk_i128)(int64_t)rb * (int64_t)aj;
        return (x > y) - (x < y);
    }
    if (!__builtin_mul_overflow(ra, bj, &x) && !__builtin_mul_overflow(rb, aj, &y))
        return (x > y) - (x < y);
    return mk_w256_ucmp(mk_w256_umul((mk_u128)tb->t[AT(tb, a, rhs)], (mk_u128)tb->t[AT(tb, b, j)]),
                        mk_w256_umul((mk_u128)tb->t[AT(tb, b, rhs)], (mk_u128)tb->t[AT(tb, a, j)]));
}

/* Moves the tableau to GMP. */
static void go_big(tableau *tb)
{
    for (size_t k = 0; k < tb->r * tb->w; k++)
        i128_to_mpz(tb->tz[k], tb->t[k]);
    i128_to_mpz(tb->detz, tb->det);
    tb->big = 1;
}

/* The columns a pivot updates: the nonbasic ones but the entering one,
 * and the right-hand side. */
static size_t pivot_columns(const tableau *tb, size_t enter, size_t *cols)
{
    size_t n = 0;
    for (size_t j = 0; j < tb->d + tb->r; j++)
        if (j != enter && ((tb->cobasis >> j) & 1))
            cols[n++] = j;
    cols[n++] = tb->w - 1;
    return n;
}

/* The 128-bit pivot from the entries src to dst (another slot): the
 * columns cols of every row, and the leaving column; 0 when an entry does
 * not fit. */
static int pivot_fast(const tableau *tb, const mk_i128 *src, mk_i128 *dst, size_t row, size_t enter,
                      const size_t *cols, size_t nc)
{
    mk_divisor dv = mk_divisor_make(tb->det);
    size_t leave = tb->basic[row];
    mk_i128 piv = src[AT(tb, row, enter)];
    for (size_t i = 0; i < tb->r; i++) {
        if (i == row) {
            for (size_t k = 0; k < nc; k++)
                dst[AT(tb, i, cols[k])] = src[AT(tb, i, cols[k])];
            dst[AT(tb, i, leave)] = tb->det;
            continue;
        }
        mk_i128 ic = src[AT(tb, i, enter)];
        int small = fits64(ic) && fits64(piv);
        for (size_t k = 0; k < nc; k++) {
            mk_i128 ij = src[AT(tb, i, cols[k])], rj = src[AT(tb, row, cols[k])], x, y, v;
            if (small && fits64(ij) && fits64(rj))
                v = mk_divexact(
                    (mk_i128)(int64_t)ij * (int64_t)piv - (mk_i128)(int64_t)ic * (int64_t)rj, &dv);
            else if (!__builtin_mul_overflow(ij, piv, &x) && !__builtin_mul_overflow(ic, rj, &y) &&
                     !__builtin_sub_overflow(x, y, &v))
                v = mk_divexact(v, &dv);
            else if (!mk_w256_divexact(mk_w256_sub(mk_w256_mul(ij, piv), mk_w256_mul(ic, rj)), &dv,
                                       &v))
                return 0;
            dst[AT(tb, i, cols[k])] = v;
        }
        /* The leaving column: D e_row before, -t_i,enter off row after. */
        dst[AT(tb, i, leave)] = -ic;
    }
    return 1;
}

/* The GMP pivot, in place. */
static void pivot_big(tableau *tb, size_t row, size_t enter, const size_t *cols, size_t nc)
{
    size_t leave = tb->basic[row];
    mpz_t *piv = &tb->tz[AT(tb, row, enter)];
    for (size_t i = 0; i < tb->r; i++) {
        if (i == row)
            continue;
        for (size_t k = 0; k < nc; k++) {
            mpz_t *ij = &tb->tz[AT(tb, i, cols[k])];
            mpz_mul(tb->tmp, *ij, *piv);
            mpz_submul(tb->tmp, tb->tz[AT(tb, i, enter)], tb->tz[AT(tb, row, cols[k])]);
            mpz_divexact(*ij, tb->tmp, tb->detz);
        }
        mpz_neg(tb->tz[AT(tb, i, leave)], tb->tz[AT(tb, i, enter)]);
    }
    mpz_set(tb->tz[AT(tb, row, leave)], tb->detz);
    mpz_set(tb->detz, tb->tz[AT(tb, row, enter)]);
}

/* v into *out when it has at most 126 bits (so that it fits with room). */
static int mpz_to_i128(const mpz_t v, mk_i128 *out)
{
    if (mpz_sizeinbase(v, 2) > 126)
        return 0;
    mk_u128 u = (mk_u128)mpz_getlimbn(v, 0);
    if (mpz_size(v) > 1)
        u |= (mk_u128)mpz_getlimbn(v, 1) << 64;
    *out = mpz_sgn(v) < 0 ? -(mk_i128)u : (mk_i128)u;
    return 1;
}

/* Moves the tableau back to 128 bits when every entry in use fits again
 * (entries grow with the support of the basis and shrink back, so only
 * the deepest bases of large games need GMP). */
static void try_go_small(tableau *tb, size_t *cols)
{
    size_t nc = pivot_columns(tb, SIZE_MAX, cols);
    mk_i128 det;
    if (!mpz_to_i128(tb->detz, &det))
        return;
    for (size_t i = 0; i < tb->r; i++)
        for (size_t k = 0; k < nc; k++)
            if (!mpz_to_i128(tb->tz[AT(tb, i, cols[k])], &tb->t[AT(tb, i, cols[k])]))
                return;
    tb->det = det;
    tb->big = 0;
}

/* Pivots variable enter into the basis at row (its entry there > 0). */
static void tableau_pivot(tableau *tb, size_t row, size_t enter, size_t *cols)
{
    size_t leave = tb->basic[row];
    if (!tb->big) {
        if (pivot_fast(tb, tb->t, tb->spare, row, enter, cols, pivot_columns(tb, enter, cols))) {
            mk_i128 *old = tb->t;
            tb->det = old[AT(tb, row, enter)];
            tb->t = tb->spare;
            tb->spare = old;
        } else {
            go_big(tb);
        }
    }
    if (tb->big)
        pivot_big(tb, row, enter, cols, pivot_columns(tb, enter, cols));
    tb->basic[row] = enter;
    tb->cobasis = (tb->cobasis & ~((uint64_t)1 << enter)) | ((uint64_t)1 << leave);
    if (tb->big)
        try_go_small(tb, cols);
}

/* The 128-bit tableau of the basis target (the variable of each row)
 * computed afresh from the all-slack one: one pivot per basic z variable
 * (pivots need not keep feasibility, so D may turn negative on the way),
 * then rows put in target's order and D made positive (negating a row's
 * equation keeps it true). 0, with the tableau unchanged, when an entry
 * would not fit. */
static int tableau_rebuild(tableau *tb, const size_t *target, size_t *cols)
{
    size_t cells = tb->r * tb->w, *basic = tb->basic;
    mk_i128 *t = tb->t, det = tb->det, *a = tb->work[0], *b = tb->work[1];
    uint64_t cobasis = tb->cobasis, want = 0;
    for (size_t i = 0; i < tb->r; i++)
        want |= (uint64_t)1 << target[i];
    memcpy(a, tb->init, cells * sizeof *a);
    tb->basic = tb->cur;
    for (size_t i = 0; i < tb->r; i++)
        tb->cur[i] = tb->d + i;
    tb->cobasis = ((uint64_t)1 << tb->d) - 1;
    tb->det = 1;
    int ok = 1;
    for (size_t j = 0; ok && j < tb->d; j++) {
        if (!((want >> j) & 1))
            continue;
        size_t i = 0; /* a row whose slack must go, with a nonzero entry */
        while (i < tb->r && (((want >> tb->cur[i]) & 1) || a[AT(tb, i, j)] == 0))
            i++;
        ok = i < tb->r && pivot_fast(tb, a, b, i, j, cols, pivot_columns(tb, j, cols));
        if (ok) {
            tb->det = a[AT(tb, i, j)];
            tb->cobasis = (tb->cobasis & ~((uint64_t)1 << j)) | ((uint64_t)1 << tb->cur[i]);
            tb->cur[i] = j;
            mk_i128 *c = a;
            a = b;
            b = c;
        }
    }
    tb->basic = basic;
    if (!ok) {
        tb->t = t;
        tb->det = det;
        tb->cobasis = cobasis;
        return 0;
    }
    mk_i128 sign = tb->det < 0 ? -1 : 1;
    for (size_t p = 0; p < tb->r; p++) {
        size_t i = 0;
        while (tb->cur[i] != target[p])
            i++;
        for (size_t k = 0; k < tb->w; k++)
            tb->spare[AT(tb, p, k)] = sign * a[AT(tb, i, k)];
        basic[p] = target[p];
    }
    tb->det *= sign;
    tb->t = tb->spare;
    tb->spare = t;
    return 1;
}

/* Entry (i, c) for a slack column c, basic or not. */
static mk_i128 slack_entry(const tableau *tb, size_t i, size_t c)
{
    if ((tb->cobasis >> c) & 1)
        return tb->t[AT(tb, i, c)];
    return tb->basic[i] == c ? tb->det : 0;
}

static void slack_entry_mpz(tableau *tb, mpz_t out, size_t i, size_t c)
{
    if ((tb->cobasis >> c) & 1)
        mpz_set(out, tb->tz[AT(tb, i, c)]);
    else if (tb->basic[i] == c)
        mpz_set(out, tb->detz);
    else
        mpz_set_ui(out, 0);
}

/* The sign of x_a / y_a - x_b / y_b for y_a, y_b > 0. */
static int cross_cmp(mk_i128 xa, mk_i128 ya, mk_i128 xb, mk_i128 yb)
{
    mk_i128 p, q;
    if (!__builtin_mul_overflow(xa, yb, &p) && !__builtin_mul_overflow(xb, ya, &q))
        return (p > q) - (p < q);
    mk_w256 u = mk_w256_mul(xa, yb), v = mk_w256_mul(xb, ya);
    if (u.hi != v.hi)
        return (mk_i128)u.hi < (mk_i128)v.hi ? -1 : 1;
    return u.lo < v.lo ? -1 : u.lo > v.lo;
}

/* The sign of (entry (a, c) / t_aj) - (entry (b, c) / t_bj), c a slack. */
static int slack_cmp(tableau *tb, size_t a, size_t b, size_t j, size_t c, mpz_t x, mpz_t y)
{
    if (!tb->big)
        return cross_cmp(slack_entry(tb, a, c), tb->t[AT(tb, a, j)], slack_entry(tb, b, c),
                         tb->t[AT(tb, b, j)]);
    slack_entry_mpz(tb, x, a, c);
    mpz_mul(x, x, tb->tz[AT(tb, b, j)]);
    slack_entry_mpz(tb, y, b, c);
    mpz_mul(y, y, tb->tz[AT(tb, a, j)]);
    return mpz_cmp(x, y);
}

/* Breaks a tie of the ratio test (rows, n > 1) lexicographically, as if
 * row q's right-hand side were 1 + eps^(q+1) (Dantzig, Orden and Wolfe
 * 1955): the perturbed right-hand side of the tableau is its own plus
 * eps^(q+1) times slack column q, compared column by column. No two rows
 * tie throughout (D B^-1 is nonsingular), so one row remains: the
 * perturbed polytope is simple, every vertex of the original is the
 * limit of one of its vertices, and the search needs only its bases
 * (lexicographically feasible ones), far fewer in degenerate games. */
static size_t lex_break(tableau *tb, size_t j, size_t *rows, size_t n)
{
    for (size_t q = 0; n > 1 && q < tb->r; q++) {
        size_t kept = 1; /* rows[0 .. kept) tie for the least so far */
        for (size_t k = 1; k < n; k++) {
            int cmp = slack_cmp(tb, rows[k], rows[0], j, tb->d + q, tb->tmp, tb->tmp2);
            if (cmp < 0) {
                rows[0] = rows[k];
                kept = 1;
            } else if (cmp == 0) {
                rows[kept++] = rows[k];
            }
        }
        n = kept;
    }
    return n;
}

/* The row of the lexicographic minimum ratio test for entering variable
 * j into rows[0]; 1, or 0 when no entry of column j is positive. */
static size_t min_ratio_rows(tableau *tb, size_t j, size_t *rows)
{
    size_t n = 0;
    if (!tb->big) {
        /* The common case: the rows with a positive entry first, without
         * branches (their signs are unpredictable), then the best ratio
         * held in registers. */
        const mk_i128 *col = tb->t + j, *rhs = tb->t + tb->w - 1;
        uint64_t positive = 0;
        for (size_t i = 0; i < tb->r; i++)
            positive |= (uint64_t)(col[i * tb->w] > 0) << i;
        mk_i128 best_num = 0, best_den = 1;
        for (; positive != 0; positive &= positive - 1) {
            size_t i = (size_t)__builtin_ctzll(positive);
            mk_i128 den = col[i * tb->w], num = rhs[i * tb->w];
            int c = -1;
            if (n > 0 && fits64(num) && fits64(den) && fits64(best_num) && fits64(best_den)) {
                mk_i128 x = (mk_i128)(int64_t)num * (int64_t)best_den,
                        y = (mk_i128)(int64_t)best_num * (int64_t)den;
                c = (x > y) - (x < y);
            } else if (n > 0) {
                c = ratio_cmp(tb, i, rows[0], j);
            }
            if (c < 0) {
                n = 0;
                best_num = num;
                best_den = den;
            }
            if (c <= 0)
                rows[n++] = i;
        }
        return n > 1 ? lex_break(tb, j, rows, n) : n;
    }
    for (size_t i = 0; i < tb->r; i++) {
        if (entry_sign(tb, i, j) <= 0)
            continue;
        int c = n == 0 ? -1 : ratio_cmp(tb, i, rows[0], j);
        if (c < 0)
            n = 0;
        if (c <= 0)
            rows[n++] = i;
    }
    return n > 1 ? lex_break(tb, j, rows, n) : n;
}

/* ---- the search ----------------------------------------------------------------------------- */

/* One level of the depth-first search: how it was entered (variable enter
 * at row, replacing leave) and the next entering variable to try. */
typedef struct frame {
    size_t row, enter, leave, next_var;
} frame;

typedef struct search {
    tableau tb;
    key_set bases, vertices;
    frame *stack;
    size_t depth, cap;
    size_t *rows, *cols;
    uint64_t *labels; /* the vertices found, in variable numbering */
    size_t n_labels, cap_labels;
    /* Per stack level and variable, the ratio test at that level's basis
     * (which returning from a child restores): the leaving row, or NO_ROW
     * when the variable is basic; and the neighbouring basis. */
    uint8_t *ratio;
    uint64_t *next_key;
    size_t *target; /* a basis being restored */
} search;

#define NO_ROW 0xFF

/* Records the vertex of the current basis unless it is 0 or known. */
static int record_vertex(search *s)
{
    tableau *tb = &s->tb;
    uint64_t tight = tb->cobasis, coords = tb->d == 64 ? UINT64_MAX : ((uint64_t)1 << tb->d) - 1;
    for (size_t i = 0; i < tb->r; i++)
        if (entry_sign(tb, i, tb->w - 1) == 0)
            tight |= (uint64_t)1 << tb->basic[i];
    if ((tight & coords) == coords)
        return 0;
    int added = key_set_add(&s->vertices, tight);
    if (added <= 0)
        return added;
    if (s->n_labels == s->cap_labels) {
        size_t cap = s->cap_labels == 0 ? 64 : 2 * s->cap_labels;
        uint64_t *l = realloc(s->labels, cap * sizeof *l);
        if (l == NULL)
            return -1;
        s->labels = l;
        s->cap_labels = cap;
    }
    s->labels[s->n_labels++] = tight;
    return 0;
}

/* Fills the top level's ratio cache and prefetches the hash slots of its
 * neighbours, which the search looks up next (the visited set is far
 * larger than the cache, and these lookups dominated the time). */
static void scan_neighbours(search *s)
{
    tableau *tb = &s->tb;
    size_t nv = tb->d + tb->r;
    uint8_t *cache = s->ratio + (s->depth - 1) * nv;
    for (size_t j = 0; j < nv; j++) {
        cache[j] = NO_ROW;
        if (!((tb->cobasis >> j) & 1))
            continue;
        size_t n = min_ratio_rows(tb, j, s->rows);
        if (n == 0)
            continue;
        cache[j] = (uint8_t)s->rows[0];
        uint64_t next =
            (tb->cobasis & ~((uint64_t)1 << j)) | ((uint64_t)1 << tb->basic[s->rows[0]]);
        s->next_key[(s->depth - 1) * nv + j] = next;
        __builtin_prefetch(&s->bases.slot[key_home(next, s->bases.cap)]);
    }
}

static int push(search *s, frame f)
{
    if (s->depth == s->cap) {
        size_t cap = s->cap == 0 ? 64 : 2 * s->cap;
        frame *st = realloc(s->stack, cap * sizeof *st);
        if (st == NULL)
            return -1;
        s->stack = st;
        uint8_t *ratio = realloc(s->ratio, cap * (s->tb.d + s->tb.r));
        if (ratio == NULL)
            return -1;
        s->ratio = ratio;
        uint64_t *keys = realloc(s->next_key, cap * (s->tb.d + s->tb.r) * sizeof *keys);
        if (keys == NULL)
            return -1;
        s->next_key = keys;
        s->cap = cap;
    }
    s->stack[s->depth++] = f;
    scan_neighbours(s);
    return 0;
}

/* The next unvisited neighbour of the top frame's basis, as (row, enter)
 * in *row, *enter; 0 when there is none. */
static int next_neighbour(search *s, size_t *row, size_t *enter)
{
    size_t nv = s->tb.d + s->tb.r, level = s->depth - 1;
    frame *f = &s->stack[level];
    while (f->next_var < nv) {
        size_t j = f->next_var++;
        if (s->ratio[level * nv + j] != NO_ROW &&
            !key_set_has(&s->bases, s->next_key[level * nv + j])) {
            *row = s->ratio[level * nv + j];
            *enter = j;
            return 1;
        }
    }
    return 0;
}

/* Whether the basis of level L still has an unvisited neighbour. Visited
 * bases stay visited, so a level without one can be left for good. */
static int has_prospect(const search *s, size_t L)
{
    size_t nv = s->tb.d + s->tb.r;
    for (size_t j = s->stack[L].next_var; j < nv; j++)
        if (s->ratio[L * nv + j] != NO_ROW && !key_set_has(&s->bases, s->next_key[L * nv + j]))
            return 1;
    return 0;
}

/* Brings the tableau from level from back to level to < from: by inverse
 * pivots, or when more of them are needed than there are basic z
 * variables, by rebuilding it from the all-slack tableau. */
static void restore(search *s, size_t from, size_t to)
{
    tableau *tb = &s->tb;
    memcpy(s->target, tb->basic, tb->r * sizeof *s->target);
    for (size_t l = from; l > to; l--)
        s->target[s->stack[l].row] = s->stack[l].leave;
    size_t basic_z = 0;
    for (size_t i = 0; i < tb->r; i++)
        basic_z += s->target[i] < tb->d;
    if (!tb->big && tb->can_rebuild && from - to > basic_z &&
        tableau_rebuild(tb, s->target, s->cols))
        return;
    for (size_t l = from; l > to; l--)
        tableau_pivot(tb, s->stack[l].row, s->stack[l].leave, s->cols);
}

static int run(search *s, size_t max_bases, mk_ctx *ctx)
{
    tableau *tb = &s->tb;
    frame root = {SIZE_MAX, SIZE_MAX, SIZE_MAX, 0};
    if (key_set_add(&s->bases, tb->cobasis) < 0 || push(s, root) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    while (s->depth > 0) {
        size_t row, enter;
        if (next_neighbour(s, &row, &enter)) {
            if (s->bases.n >= max_bases)
                return mk_error(
                    ctx, MK_ELIMIT,
                    "a best-response polytope has more than %zu feasible bases to visit "
                    "(too many vertices: the game is too large or too degenerate); "
                    "enummixed refuses it (try --method lcp)",
                    max_bases);
            frame f = {row, enter, tb->basic[row], 0};
            tableau_pivot(tb, row, enter, s->cols);
            if (key_set_add(&s->bases, tb->cobasis) < 0 || record_vertex(s) != 0 || push(s, f) != 0)
                return mk_error(ctx, MK_ENOMEM, "out of memory for %zu bases", s->bases.n);
        } else {
            size_t from = --s->depth;
            while (s->depth > 0 && !has_prospect(s, s->depth - 1))
                s->depth--;
            if (s->depth > 0)
                restore(s, from, s->depth - 1);
        }
    }
    return MK_OK;
}

/* Variable numbering (z then slacks) to labels. */
static uint64_t to_labels(uint64_t vars, const mk_vsearch_polytope *p)
{
    uint64_t out = 0;
    for (size_t v = 0; v < p->d + p->r; v++)
        if ((vars >> v) & 1)
            out |= (uint64_t)1 << (v < p->d ? p->coord_label + v : p->row_label + (v - p->d));
    return out;
}

int mk_vsearch_vertices(const mk_vsearch_polytope *p, size_t max_bases, uint64_t **labels,
                        size_t *count, mk_ctx *ctx)
{
    search s;
    memset(&s, 0, sizeof s);
    if (tableau_init(&s.tb, p) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    s.rows = malloc(p->r * sizeof *s.rows);
    s.cols = malloc((p->d + 1) * sizeof *s.cols);
    s.target = malloc(p->r * sizeof *s.target);
    int rc = s.rows == NULL || s.cols == NULL || s.target == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory")
                 : run(&s, max_bases, ctx);
    tableau_clear(&s.tb);
    free(s.bases.slot), free(s.vertices.slot), free(s.stack), free(s.ratio);
    free(s.rows), free(s.cols), free(s.target), free(s.next_key);
    if (rc != 0) {
        free(s.labels);
        return rc;
    }
    for (size_t k = 0; k < s.n_labels; k++)
        s.labels[k] = to_labels(s.labels[k], p);
    *labels = s.labels;
    *count = s.n_labels;
    return MK_OK;
}
