/*
 * The simplex tableau of the vertex search (vertex_tableau_internal.h).
 *
 * The tableau is fraction-free (Edmonds 1967): T = D * B^-1 [M I | 1] with
 * D = det B > 0, every entry an integer minor. Entries are 128-bit
 * integers; a product that overflows is redone in 256 bits, and when a
 * new entry itself does not fit the tableau moves to GMP, and back to 128
 * bits once every entry fits again. The answer is exact on every path.
 */
#include "vertex_tableau_internal.h"

#include <stdlib.h>
#include <string.h>

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

int mk_vtableau_init(mk_vtableau *tb, const mk_vsearch_polytope *p)
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

void mk_vtableau_clear(mk_vtableau *tb)
{
    for (size_t k = 0; k < tb->r * tb->w; k++)
        mpz_clear(tb->tz[k]);
    mpz_clears(tb->detz, tb->tmp, tb->tmp2, NULL);
    free(tb->basic), free(tb->cur), free(tb->mem), free(tb->tz);
}

/* The sign of entry (i, j). */
int mk_vtableau_sign(const mk_vtableau *tb, size_t i, size_t j)
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
static int ratio_cmp(mk_vtableau *tb, size_t a, size_t b, size_t j)
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
static void go_big(mk_vtableau *tb)
{
    for (size_t k = 0; k < tb->r * tb->w; k++)
        i128_to_mpz(tb->tz[k], tb->t[k]);
    i128_to_mpz(tb->detz, tb->det);
    tb->big = 1;
}

/* The columns a pivot updates: the nonbasic ones but the entering one,
 * and the right-hand side. */
static size_t pivot_columns(const mk_vtableau *tb, size_t enter, size_t *cols)
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
static int pivot_fast(const mk_vtableau *tb, const mk_i128 *src, mk_i128 *dst, size_t row,
                      size_t enter, const size_t *cols, size_t nc)
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
static void pivot_big(mk_vtableau *tb, size_t row, size_t enter, const size_t *cols, size_t nc)
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
static void try_go_small(mk_vtableau *tb, size_t *cols)
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
void mk_vtableau_pivot(mk_vtableau *tb, size_t row, size_t enter, size_t *cols)
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
int mk_vtableau_rebuild(mk_vtableau *tb, const size_t *target, size_t *cols)
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
static mk_i128 slack_entry(const mk_vtableau *tb, size_t i, size_t c)
{
    if ((tb->cobasis >> c) & 1)
        return tb->t[AT(tb, i, c)];
    return tb->basic[i] == c ? tb->det : 0;
}

static void slack_entry_mpz(mk_vtableau *tb, mpz_t out, size_t i, size_t c)
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
static int slack_cmp(mk_vtableau *tb, size_t a, size_t b, size_t j, size_t c, mpz_t x, mpz_t y)
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
static size_t lex_break(mk_vtableau *tb, size_t j, size_t *rows, size_t n)
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
size_t mk_vtableau_min_ratio(mk_vtableau *tb, size_t j, size_t *rows)
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
        if (mk_vtableau_sign(tb, i, j) <= 0)
            continue;
        int c = n == 0 ? -1 : ratio_cmp(tb, i, rows[0], j);
        if (c < 0)
            n = 0;
        if (c <= 0)
            rows[n++] = i;
    }
    return n > 1 ? lex_break(tb, j, rows, n) : n;
}
