/*
 * Lemke-Howson for two-player games, exact, from every starting label
 * (von Stengel, "Computing equilibria for two-person games", Handbook of
 * Game Theory vol. 3, 2002, ch. 45, section 2).
 *
 * With A, B > 0 (bimatrix.c shifts them), the best-response polytopes are
 * P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1}. Labels 0..m-1 belong
 * to player 1's strategies (x_i = 0 in P, or (Ay)_i = 1 in Q), labels
 * m..m+n-1 to player 2's. Two tableaux hold the systems
 *
 *     Q:  r + A y = 1   (rows: player 1's strategies),
 *     P:  s + B'x = 1   (rows: player 2's strategies),
 *
 * where every variable carries a label: in Q the slack r_l has label l
 * and y_j label m + j; in P x_l has label l and the slack s_j label m + j.
 * Starting at (0, 0), the variable of the dropped label k enters; whenever
 * a variable with label l leaves one tableau, the variable with label l
 * of the other tableau enters, until label k leaves: then the pair is
 * completely labelled, an equilibrium.
 *
 * Tableaux are integer, in dictionary form (only the nonbasic columns are
 * stored; a basic column is det times a unit vector), and pivots
 * fraction-free (Edmonds 1967; the "integer pivoting" of Avis's lrs and
 * of von Stengel 2002):
 * every entry is a subdeterminant, each update divides exactly by the
 * previous pivot. Ties in the ratio test are broken lexicographically on
 * the columns of the initial basis (von Stengel 2002, on degenerate games: the
 * perturbation 1 + (eps, eps^2, ...) makes both polytopes nondegenerate),
 * so no basis repeats on a path and degenerate games cannot cycle.
 */
#include <stdlib.h>

#include "bimatrix_internal.h"

/* A tableau in dictionary form: only the nonbasic columns are stored
 * (the basic ones are det times unit vectors). */
typedef struct tableau {
    size_t rows, labels;     /* rows; m + n labels in all */
    size_t cols;             /* nonbasic columns = labels - rows */
    size_t first_basic;      /* the initial basis is labels first_basic.. */
    mpz_t *t;                /* rows x (cols + 1), the right-hand side last */
    size_t *basis;           /* label of the basic variable of each row */
    size_t *nonbasic;        /* label of each stored column */
    size_t *where;           /* per label: its row if basic, else its column */
    unsigned char *is_basic; /* per label */
    mpz_t det;               /* the previous pivot element */
} tableau;

#define AT(tb, r, c) ((tb)->t[(r) * ((tb)->cols + 1) + (c)])

static int tableau_init(tableau *tb, size_t rows, size_t labels, size_t first_basic)
{
    size_t cols = labels - rows;
    tb->rows = rows;
    tb->labels = labels;
    tb->cols = cols;
    tb->first_basic = first_basic;
    tb->t = malloc(rows * (cols + 1) * sizeof *tb->t);
    tb->basis = malloc(rows * sizeof *tb->basis);
    tb->nonbasic = malloc((cols > 0 ? cols : 1) * sizeof *tb->nonbasic);
    tb->where = malloc(labels * sizeof *tb->where);
    tb->is_basic = malloc(labels);
    if (tb->t == NULL || tb->basis == NULL || tb->nonbasic == NULL || tb->where == NULL ||
        tb->is_basic == NULL) {
        free(tb->t), free(tb->basis), free(tb->nonbasic), free(tb->where), free(tb->is_basic);
        tb->t = NULL;
        return -1;
    }
    for (size_t k = 0; k < rows * (cols + 1); k++)
        mpz_init(tb->t[k]);
    mpz_init_set_ui(tb->det, 1);
    for (size_t l = 0, c = 0; l < labels; l++) {
        int basic = l >= first_basic && l < first_basic + rows;
        tb->is_basic[l] = (unsigned char)basic;
        if (basic) {
            tb->where[l] = l - first_basic;
            tb->basis[l - first_basic] = l;
        } else {
            tb->where[l] = c;
            tb->nonbasic[c++] = l;
        }
    }
    for (size_t r = 0; r < rows; r++)
        mpz_set_ui(AT(tb, r, cols), 1);
    return 0;
}

static void tableau_clear(tableau *tb)
{
    if (tb->t == NULL)
        return;
    for (size_t k = 0; k < tb->rows * (tb->cols + 1); k++)
        mpz_clear(tb->t[k]);
    mpz_clear(tb->det);
    free(tb->t), free(tb->basis), free(tb->nonbasic), free(tb->where), free(tb->is_basic);
    tb->t = NULL;
}

/* The two tableaux at the artificial equilibrium (0, 0): Q's columns are
 * y_0..y_{n-1} (labels m..), P's are x_0..x_{m-1} (labels 0..). */
static int tableaux_init(tableau tb[2], const mk_bimatrix *bm)
{
    size_t m = bm->m, n = bm->n;
    tb[0].t = tb[1].t = NULL;
    if (tableau_init(&tb[0], m, m + n, 0) != 0 || tableau_init(&tb[1], n, m + n, m) != 0) {
        tableau_clear(&tb[0]);
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            mpz_set(AT(&tb[0], i, j), bm->a[i * n + j]);
            mpz_set(AT(&tb[1], j, i), bm->b[i * n + j]);
        }
    return 0;
}

/* Entry of the full tableau at row r, column of label l (or the
 * right-hand side when l == labels): stored, or det / 0 for a basic one. */
static const mpz_t *entry(const tableau *tb, size_t r, size_t l, mpz_t tmp)
{
    if (l == tb->labels)
        return (const mpz_t *)&AT(tb, r, tb->cols);
    if (!tb->is_basic[l])
        return (const mpz_t *)&AT(tb, r, tb->where[l]);
    if (tb->where[l] == r)
        mpz_set(tmp, tb->det);
    else
        mpz_set_ui(tmp, 0);
    return (const mpz_t *)tmp;
}

/* Row r's ratio for column c is lexicographically less than row q's:
 * (rhs, initial-basis columns) of r over t[r][c] against those of q. The
 * initial-basis columns of distinct rows are linearly independent (rows
 * of the basis inverse times det), so two rows never tie completely. */
static int lex_less(const tableau *tb, size_t r, size_t q, size_t c, mpz_t w[4])
{
    for (size_t k = 0; k <= tb->rows; k++) {
        size_t label = k == 0 ? tb->labels : tb->first_basic + k - 1;
        mpz_mul(w[0], *entry(tb, r, label, w[2]), AT(tb, q, c));
        mpz_mul(w[1], *entry(tb, q, label, w[3]), AT(tb, r, c));
        int d = mpz_cmp(w[0], w[1]);
        if (d != 0)
            return d < 0;
    }
    return 0;
}

/* The leaving row for entering column c (lexicographic minimum ratio
 * test), or rows when the column has no positive entry. */
static size_t ratio_test(const tableau *tb, size_t c, mpz_t w[4])
{
    size_t best = tb->rows;
    for (size_t r = 0; r < tb->rows; r++)
        if (mpz_sgn(AT(tb, r, c)) > 0 && (best == tb->rows || lex_less(tb, r, best, c, w)))
            best = r;
    return best;
}

/* Integer pivot on (p, c): every other row becomes
 * (row * t[p][c] - t[r][c] * row_p) / det, an exact division; the column
 * of the leaving variable (det at row p, 0 elsewhere before) takes the
 * place of column c: -t[r][c] in the other rows, the old det in row p. */
static void pivot(tableau *tb, size_t p, size_t c, mpz_t w[4])
{
    for (size_t r = 0; r < tb->rows; r++) {
        if (r == p)
            continue;
        for (size_t k = 0; k <= tb->cols; k++) {
            if (k == c)
                continue;
            mpz_mul(w[0], AT(tb, r, k), AT(tb, p, c));
            mpz_submul(w[0], AT(tb, r, c), AT(tb, p, k));
            mpz_divexact(AT(tb, r, k), w[0], tb->det);
        }
        mpz_neg(AT(tb, r, c), AT(tb, r, c));
    }
    mpz_swap(tb->det, AT(tb, p, c)); /* det = pivot; t[p][c] = old det */
    size_t enter = tb->nonbasic[c], leave = tb->basis[p];
    tb->basis[p] = enter;
    tb->is_basic[enter] = 1;
    tb->where[enter] = p;
    tb->nonbasic[c] = leave;
    tb->is_basic[leave] = 0;
    tb->where[leave] = c;
}

/* One path from the artificial equilibrium, dropping label k; on return
 * the tableaux hold a completely labelled pair. */
static int follow_path(tableau tb[2], size_t m, size_t k, mk_ctx *ctx)
{
    mpz_t w[4];
    mpz_inits(w[0], w[1], w[2], w[3], NULL);
    /* x_k (label k < m) lives in P = tb[1]; y_j (label m + j) in Q = tb[0]. */
    size_t side = k < m ? 1 : 0, enter = k;
    int rc = MK_OK;
    for (size_t steps = 0;; steps++) {
        if (steps >= MK_LCP_MAX_PIVOTS) {
            rc = mk_error(ctx, MK_ELIMIT, "Lemke-Howson path from label %zu exceeds %zu pivots",
                          k + 1, MK_LCP_MAX_PIVOTS);
            break;
        }
        tableau *t = &tb[side];
        size_t c = t->where[enter]; /* enter is nonbasic in t */
        size_t row = ratio_test(t, c, w);
        if (row == t->rows) {
            rc = mk_error(ctx, MK_EINTERNAL, "unbounded Lemke-Howson ray from label %zu", k + 1);
            break;
        }
        size_t leave = t->basis[row];
        pivot(t, row, c, w);
        if (leave == k)
            break;
        side = 1 - side;
        enter = leave;
    }
    mpz_clears(w[0], w[1], w[2], w[3], NULL);
    return rc;
}

/* The strategy of a tableau's player: the values of the basic variables
 * with labels from..from+count-1 (proportional to t[r][rhs]), else 0. */
static void read_strategy(const tableau *tb, size_t from, size_t count, mpq_t *out)
{
    for (size_t s = 0; s < count; s++)
        mpq_set_ui(out[s], 0, 1);
    for (size_t r = 0; r < tb->rows; r++)
        if (tb->basis[r] >= from && tb->basis[r] < from + count)
            mpq_set_z(out[tb->basis[r] - from], AT(tb, r, tb->cols));
}

static int run_label(const mk_bimatrix *bm, size_t k, mpq_t *xy, mk_mixed_equilibria *out,
                     mk_ctx *ctx)
{
    tableau tb[2];
    if (tableaux_init(tb, bm) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory for Lemke-Howson tableaux");
    int rc = follow_path(tb, bm->m, k, ctx);
    if (rc == 0) {
        size_t index;
        read_strategy(&tb[1], 0, bm->m, xy);
        read_strategy(&tb[0], bm->m, bm->n, xy + bm->m);
        rc = mk_bimatrix_add(bm, xy, xy + bm->m, 0, 0, out, &index, ctx);
    }
    tableau_clear(&tb[0]);
    tableau_clear(&tb[1]);
    return rc;
}

int mk_game_solve_lcp(const mk_game *g, mk_mixed_equilibria *out, mk_ctx *ctx)
{
    mk_bimatrix bm;
    int rc = mk_bimatrix_init(&bm, g, ctx);
    if (rc != 0)
        return rc;
    size_t width = bm.m + bm.n;
    mk_mixed_equilibria res = MK_MIXED_EQUILIBRIA_INIT;
    mpq_t *xy = malloc(width * sizeof *xy);
    if (xy == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t s = 0; rc == 0 && s < width; s++)
        mpq_init(xy[s]);
    for (size_t k = 0; rc == 0 && k < width; k++)
        rc = run_label(&bm, k, xy, &res, ctx);
    for (size_t s = 0; xy != NULL && s < width; s++)
        mpq_clear(xy[s]);
    free(xy);
    mk_bimatrix_clear(&bm);
    if (rc != 0) {
        mk_mixed_equilibria_free(&res);
        return rc;
    }
    free(res.vertex); /* extreme-strategy numbers are enummixed's */
    res.vertex = NULL;
    res.width = width;
    *out = res;
    return MK_OK;
}
