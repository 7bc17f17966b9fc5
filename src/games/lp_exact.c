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
 * width = cols + rows (the slacks) + 1 (the right-hand side). */
typedef struct tableau {
    size_t rows, width;
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
    for (size_t j = 0; j < rhs && e == rhs; j++)
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

int lp_exact_maximize(const lp_exact *lp, mpq_t *x, mpq_t value, mk_ctx *ctx)
{
    size_t m = lp->rows, n = lp->cols;
    for (size_t i = 0; i < m; i++)
        if (mpq_sgn(lp->b[i]) < 0)
            return mk_error(ctx, MK_EINPUT, "constraint %zu has a negative bound", i + 1);
    tableau tb = {m, n + m + 1, NULL, NULL};
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
    for (size_t j = 0; j < n; j++)
        mpq_neg(AT(&tb, m, j), lp->c[j]);
    mpq_t ratio, best, tmp;
    mpq_inits(ratio, best, tmp, NULL);
    int state;
    while ((state = step(&tb, ratio, best, tmp)) == 0)
        ;
    int rc = MK_OK;
    if (state < 0) {
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
