/* A small exact simplex method (lp_exact.h). */
#include <stdlib.h>

#include "lp_exact.h"

int lp_exact_new(lp_exact *lp, size_t rows, size_t cols, mk_ctx *ctx)
{
    lp->rows = rows;
    lp->cols = cols;
    lp->a = malloc((rows * cols > 0 ? rows * cols : 1) * sizeof *lp->a);
    lp->b = malloc((rows > 0 ? rows : 1) * sizeof *lp->b);
    lp->c = malloc((cols > 0 ? cols : 1) * sizeof *lp->c);
    if (lp->a == NULL || lp->b == NULL || lp->c == NULL) {
        free(lp->a);
        free(lp->b);
        free(lp->c);
        lp->a = lp->b = lp->c = NULL;
        return mk_error(ctx, MK_ENOMEM, "out of memory for a program of %zu x %zu", rows, cols);
    }
    for (size_t k = 0; k < rows * cols; k++)
        mpq_init(lp->a[k]);
    for (size_t i = 0; i < rows; i++)
        mpq_init(lp->b[i]);
    for (size_t j = 0; j < cols; j++)
        mpq_init(lp->c[j]);
    return MK_OK;
}

void lp_exact_free(lp_exact *lp)
{
    if (lp->a == NULL)
        return;
    for (size_t k = 0; k < lp->rows * lp->cols; k++)
        mpq_clear(lp->a[k]);
    for (size_t i = 0; i < lp->rows; i++)
        mpq_clear(lp->b[i]);
    for (size_t j = 0; j < lp->cols; j++)
        mpq_clear(lp->c[j]);
    free(lp->a);
    free(lp->b);
    free(lp->c);
    lp->a = lp->b = lp->c = NULL;
}

/* The tableau: rows + 1 lines (the last is the objective, z - c.x = 0) of
 * width = cols + rows (the slacks) + 1 (the artificial x0 of the first
 * phase) + 1 (the right-hand side). Columns below `enter` may enter the
 * basis: x0 only in the first phase. */
typedef struct tableau {
    size_t rows, width, enter;
    mpq_t *t;
    size_t *basis;
} tableau;

#define AT(tb, i, j) ((tb)->t[(i) * (tb)->width + (j)])

static void pivot(tableau *tb, size_t r, size_t e, mpq_t tmp)
{
    mpq_t inv;
    mpq_init(inv);
    mpq_inv(inv, AT(tb, r, e));
    for (size_t j = 0; j < tb->width; j++)
        mpq_mul(AT(tb, r, j), AT(tb, r, j), inv);
    for (size_t i = 0; i <= tb->rows; i++) {
        if (i == r || mpq_sgn(AT(tb, i, e)) == 0)
            continue;
        mpq_set(inv, AT(tb, i, e));
        for (size_t j = 0; j < tb->width; j++) {
            mpq_mul(tmp, inv, AT(tb, r, j));
            mpq_sub(AT(tb, i, j), AT(tb, i, j), tmp);
        }
    }
    tb->basis[r] = e;
    mpq_clear(inv);
}

/* Bland's rule: the lowest-indexed improving column, then among the rows
 * of least ratio the one whose basic variable has the lowest index.
 * Returns 1 at an optimum, 0 after a pivot, -1 when unbounded. */
static int step(tableau *tb, mpq_t ratio, mpq_t best, mpq_t tmp)
{
    size_t rhs = tb->width - 1, e = rhs, r = tb->rows;
    for (size_t j = 0; j < tb->enter && e == rhs; j++)
        if (mpq_sgn(AT(tb, tb->rows, j)) < 0)
            e = j;
    if (e == rhs)
        return 1;
    for (size_t i = 0; i < tb->rows; i++) {
        if (mpq_sgn(AT(tb, i, e)) <= 0)
            continue;
        mpq_div(ratio, AT(tb, i, rhs), AT(tb, i, e));
        int c = r == tb->rows ? -1 : mpq_cmp(ratio, best);
        if (c < 0 || (c == 0 && tb->basis[i] < tb->basis[r])) {
            r = i;
            mpq_set(best, ratio);
        }
    }
    if (r == tb->rows)
        return -1;
    pivot(tb, r, e, tmp);
    return 0;
}

/* The objective row for c in terms of the current basis. */
static void set_objective(tableau *tb, const lp_exact *lp, mpq_t tmp, mpq_t prod)
{
    size_t m = tb->rows;
    for (size_t j = 0; j < tb->width; j++)
        mpq_set_ui(AT(tb, m, j), 0, 1);
    for (size_t j = 0; j < lp->cols; j++)
        mpq_neg(AT(tb, m, j), lp->c[j]);
    for (size_t i = 0; i < m; i++) {
        size_t k = tb->basis[i];
        if (mpq_sgn(AT(tb, m, k)) == 0)
            continue;
        mpq_set(tmp, AT(tb, m, k));
        for (size_t j = 0; j < tb->width; j++) {
            mpq_mul(prod, tmp, AT(tb, i, j));
            mpq_sub(AT(tb, m, j), AT(tb, m, j), prod);
        }
    }
}

/* The first phase, from the slack basis with some b < 0: maximise -x0
 * after pivoting x0 into the row of the most negative b, which makes
 * every right-hand side >= 0. Returns 1 when the program is feasible (x0
 * then left the basis or sits at 0 in a row of zeros), 0 when not. */
static int first_phase(tableau *tb, size_t worst, mpq_t ratio, mpq_t best, mpq_t tmp)
{
    size_t m = tb->rows, x0 = tb->width - 2;
    for (size_t i = 0; i < m; i++)
        mpq_set_si(AT(tb, i, x0), -1, 1);
    mpq_set_ui(AT(tb, m, x0), 1, 1);
    pivot(tb, worst, x0, tmp);
    tb->enter = x0 + 1;
    while (step(tb, ratio, best, tmp) == 0) /* bounded: -x0 <= 0 */
        ;
    if (mpq_sgn(AT(tb, m, tb->width - 1)) != 0)
        return 0;
    for (size_t i = 0; i < m; i++) {
        if (tb->basis[i] != x0)
            continue;
        /* x0 = 0 in this row: a degenerate pivot takes it out, if any
         * other entry of the row is non-zero. */
        for (size_t j = 0; j < x0; j++)
            if (mpq_sgn(AT(tb, i, j)) != 0) {
                pivot(tb, i, j, tmp);
                break;
            }
    }
    tb->enter = x0;
    return 1;
}

int lp_exact_maximize(const lp_exact *lp, mpq_t *x, mpq_t value, mk_ctx *ctx)
{
    size_t m = lp->rows, n = lp->cols, worst = m;
    for (size_t i = 0; i < m; i++)
        if (mpq_sgn(lp->b[i]) < 0 && (worst == m || mpq_cmp(lp->b[i], lp->b[worst]) < 0))
            worst = i;
    tableau tb = {m, n + m + 2, n + m, NULL, NULL};
    size_t cells = (m + 1) * tb.width;
    tb.t = malloc(cells * sizeof *tb.t);
    tb.basis = malloc((m > 0 ? m : 1) * sizeof *tb.basis);
    if (tb.t == NULL || tb.basis == NULL) {
        free(tb.t);
        free(tb.basis);
        return mk_error(ctx, MK_ENOMEM, "out of memory for a tableau of %zu cells", cells);
    }
    for (size_t k = 0; k < cells; k++)
        mpq_init(tb.t[k]);
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++)
            mpq_set(AT(&tb, i, j), lp->a[i * n + j]);
        mpq_set_ui(AT(&tb, i, n + i), 1, 1);
        mpq_set(AT(&tb, i, tb.width - 1), lp->b[i]);
        tb.basis[i] = n + i;
    }
    mpq_t ratio, best, tmp;
    mpq_inits(ratio, best, tmp, NULL);
    int state = 0;
    if (worst < m && !first_phase(&tb, worst, ratio, best, tmp))
        state = 2;
    if (state == 0) {
        set_objective(&tb, lp, tmp, ratio);
        while ((state = step(&tb, ratio, best, tmp)) == 0)
            ;
    }
    int rc = MK_OK;
    if (state == 2) {
        rc = LP_EXACT_INFEASIBLE;
    } else if (state < 0) {
        rc = mk_error(ctx, MK_ERANGE, "the program is unbounded");
    } else {
        for (size_t j = 0; j < n; j++)
            mpq_set_ui(x[j], 0, 1);
        for (size_t i = 0; i < m; i++)
            if (tb.basis[i] < n)
                mpq_set(x[tb.basis[i]], AT(&tb, i, tb.width - 1));
        mpq_set(value, AT(&tb, m, tb.width - 1));
    }
    mpq_clears(ratio, best, tmp, NULL);
    for (size_t k = 0; k < cells; k++)
        mpq_clear(tb.t[k]);
    free(tb.t);
    free(tb.basis);
    return rc;
}
