/*
 * The polynomial whose roots are the values of u at the roots of b: the
 * characteristic polynomial of multiplication by u in Q[x]/(b), computed
 * exactly. The matrix M (basis 1, x, ..., x^(d-1); column j = x^j u mod b)
 * is brought to upper Hessenberg form H by Gaussian similarity transforms
 * (a row operation and the inverse column operation), and then
 * det(y I - H) by the recurrence on its leading blocks (Golub and Van Loan,
 * "Matrix Computations", 4th ed., 2013, sections 7.4.1 and 7.4.6 for the
 * reduction; Wilkinson, "The Algebraic Eigenvalue Problem", 1965, chapter
 * 6, for the recurrence):
 *   p_0 = 1,
 *   p_k = (y - h[k-1][k-1]) p_{k-1}
 *         - sum_{i=1}^{k-1} h[k-1-i][k-1] h[k-1][k-2] ... h[k-i][k-i-1] p_{k-1-i}.
 * Over C, Q[x]/(b) splits by the Chinese remainder theorem into the local
 * algebras at the roots rho of b, on which multiplication by u has the
 * single eigenvalue u(rho): det(y I - M) = prod_rho (y - u(rho)) with the
 * multiplicities of b.
 */
#include <stdlib.h>

#include "upoly_internal.h"

/* h[r * d + c], d x d, all initialised. */
typedef struct matrix {
    size_t d;
    mpq_t *h;
} matrix;

static int matrix_init(matrix *m, size_t d, mk_ctx *ctx)
{
    m->d = d;
    m->h = malloc(d * d * sizeof *m->h);
    if (m->h == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; i < d * d; i++)
        mpq_init(m->h[i]);
    return 0;
}

static void matrix_clear(matrix *m)
{
    if (m->h == NULL)
        return;
    for (size_t i = 0; i < m->d * m->d; i++)
        mpq_clear(m->h[i]);
    free(m->h);
}

/* Column j of m = x^j (u mod b), b monic of degree d. */
static int multiplication_matrix(matrix *m, const mk_upoly *u, const mk_upoly *b, mk_ctx *ctx)
{
    size_t d = m->d;
    mk_upoly q = MK_UPOLY_INIT, col = MK_UPOLY_INIT;
    mpq_t top, s;
    mpq_inits(top, s, NULL);
    int rc = mk_upoly_divrem(&q, &col, u, b, ctx);
    if (rc == 0)
        rc = mk_upoly_reserve(&col, (long)d - 1, ctx);
    for (size_t r = (size_t)(col.deg + 1); rc == 0 && r < d; r++)
        mpq_set_ui(col.c[r], 0, 1);
    for (size_t j = 0; rc == 0 && j < d; j++) {
        for (size_t r = 0; r < d; r++)
            mpq_set(m->h[r * d + j], col.c[r]);
        /* col = x col mod b: shift up, then subtract top * b (b monic). */
        mpq_set(top, col.c[d - 1]);
        for (size_t r = d - 1; r > 0; r--)
            mpq_set(col.c[r], col.c[r - 1]);
        mpq_set_ui(col.c[0], 0, 1);
        for (size_t r = 0; r < d; r++) {
            mpq_mul(s, top, b->c[r]);
            mpq_sub(col.c[r], col.c[r], s);
        }
    }
    mpq_clears(top, s, NULL);
    mk_upoly_clear(&q);
    mk_upoly_clear(&col);
    return rc;
}

static void swap_rows_and_columns(matrix *m, size_t a, size_t b)
{
    size_t d = m->d;
    for (size_t c = 0; c < d; c++)
        mpq_swap(m->h[a * d + c], m->h[b * d + c]);
    for (size_t r = 0; r < d; r++)
        mpq_swap(m->h[r * d + a], m->h[r * d + b]);
}

/* Upper Hessenberg form: zeros below the first subdiagonal. */
static void hessenberg(matrix *m)
{
    size_t d = m->d;
    mpq_t f, t;
    mpq_inits(f, t, NULL);
    for (size_t k = 1; k + 1 < d; k++) {
        size_t p = k;
        while (p < d && mpq_sgn(m->h[p * d + k - 1]) == 0)
            p++;
        if (p == d)
            continue;
        if (p != k)
            swap_rows_and_columns(m, p, k);
        for (size_t i = k + 1; i < d; i++) {
            if (mpq_sgn(m->h[i * d + k - 1]) == 0)
                continue;
            /* row i -= f row k, then column k += f column i. */
            mpq_div(f, m->h[i * d + k - 1], m->h[k * d + k - 1]);
            for (size_t c = 0; c < d; c++) {
                mpq_mul(t, f, m->h[k * d + c]);
                mpq_sub(m->h[i * d + c], m->h[i * d + c], t);
            }
            for (size_t r = 0; r < d; r++) {
                mpq_mul(t, f, m->h[r * d + i]);
                mpq_add(m->h[r * d + k], m->h[r * d + k], t);
            }
        }
    }
    mpq_clears(f, t, NULL);
}

/* det(y I - H) for the upper Hessenberg m, by the recurrence above. */
static int hessenberg_charpoly(mk_upoly *out, const matrix *m, mk_ctx *ctx)
{
    size_t d = m->d;
    mk_upoly *p = calloc(d + 1, sizeof *p);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t k = 0; k <= d; k++)
        p[k] = (mk_upoly)MK_UPOLY_INIT;
    mk_upoly lin = MK_UPOLY_INIT;
    mpq_t t, prod;
    mpq_inits(t, prod, NULL);
    mpq_set_ui(t, 1, 1);
    int rc = mk_upoly_add_term(&p[0], t, 0, ctx);
    for (size_t k = 1; rc == 0 && k <= d; k++) {
        /* p_k = (y - h[k-1][k-1]) p_{k-1} */
        lin.deg = -1;
        mpq_set_ui(t, 1, 1);
        rc = mk_upoly_add_term(&lin, t, 1, ctx);
        mpq_neg(t, m->h[(k - 1) * d + k - 1]);
        if (rc == 0)
            rc = mk_upoly_add_term(&lin, t, 0, ctx);
        if (rc == 0)
            rc = mk_upoly_mul(&p[k], &lin, &p[k - 1], ctx);
        mpq_set_ui(prod, 1, 1);
        for (size_t i = 1; rc == 0 && i < k; i++) {
            /* prod = h[k-1][k-2] ... h[k-i][k-i-1] */
            mpq_mul(prod, prod, m->h[(k - i) * d + k - i - 1]);
            if (mpq_sgn(prod) == 0)
                break;
            mpq_mul(t, prod, m->h[(k - 1 - i) * d + k - 1]);
            mpq_neg(t, t);
            for (long e = 0; rc == 0 && e <= p[k - 1 - i].deg; e++) {
                mpq_t s;
                mpq_init(s);
                mpq_mul(s, t, p[k - 1 - i].c[e]);
                rc = mk_upoly_add_term(&p[k], s, e, ctx);
                mpq_clear(s);
            }
        }
    }
    if (rc == 0)
        rc = mk_upoly_set(out, &p[d], ctx);
    for (size_t k = 0; k <= d; k++)
        mk_upoly_clear(&p[k]);
    free(p);
    mk_upoly_clear(&lin);
    mpq_clears(t, prod, NULL);
    return rc;
}

int mk_upoly_value_polynomial(mk_upoly *out, const mk_upoly *u, const mk_upoly *b, mk_ctx *ctx)
{
    if (b->deg < 1)
        return mk_error(ctx, MK_EINTERNAL, "value polynomial: b must not be constant");
    size_t d = (size_t)b->deg;
    mk_upoly monic = MK_UPOLY_INIT;
    matrix m = {0, NULL};
    int rc = mk_upoly_set(&monic, b, ctx);
    if (rc == 0) {
        for (long k = 0; k < monic.deg; k++)
            mpq_div(monic.c[k], monic.c[k], b->c[b->deg]);
        mpq_set_ui(monic.c[monic.deg], 1, 1);
        rc = matrix_init(&m, d, ctx);
    }
    if (rc == 0)
        rc = multiplication_matrix(&m, u, &monic, ctx);
    if (rc == 0) {
        hessenberg(&m);
        rc = hessenberg_charpoly(out, &m, ctx);
    }
    matrix_clear(&m);
    mk_upoly_clear(&monic);
    return rc;
}
