/*
 * All extreme Nash equilibria of a two-player game and its maximal Nash
 * subsets, exact (mechkit/mixed.h).
 *
 * With A, B > 0, (x, y) scaled to unit sums is an equilibrium exactly when
 * x is a nonzero vertex of P = {x >= 0 : B'x <= 1}, y one of
 * Q = {y >= 0 : Ay <= 1}, and together they carry every label (von
 * Stengel, "Computing equilibria for two-person games", Handbook of Game
 * Theory vol. 3, 2002, section 2, on best-response polytopes and
 * equilibrium enumeration). The extreme equilibria are these pairs; in a
 * degenerate game they are the vertices of the equilibrium components,
 * which are unions of convex hulls of "cliques" (Winkels 1979; Avis,
 * Rosenberg, Savani and von Stengel, "Enumeration of Nash equilibria for
 * two-player games", Economic Theory 42, 2010, section 4; Gambit's
 * enummixed prints them).
 *
 * Vertices are found by a depth-first search of each polytope's graph of
 * lexicographically feasible bases (vertex_search.c), whose cost grows
 * with the number of vertices rather than with C(m + n, m). Each vertex is then pinned to the
 * system of tight constraints that a brute-force scan (every k
 * coordinates, every k rows, in lexicographic order) would meet first:
 * that fixes the output order, and solving that system exactly gives its
 * coordinates (fraction-free elimination in 128-bit integers, or rational
 * GMP elimination when that would overflow) and checks its labels again.
 * A vertex of P pairs with the vertices of Q whose labels cover the rest;
 * for a nondegenerate vertex that is one label set, looked up by binary
 * search, and degenerate ones are found through per-label lists, so no
 * pairing is quadratic in the number of vertices.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bimatrix_internal.h"
#include "vertex_search_internal.h"

__extension__ typedef __int128 i128;

typedef mk_vsearch_polytope polytope;

/* Workspace of the linear solves: a k x (k + 1) augmented matrix. */
typedef struct solver {
    mpq_t *aug;
    mpq_t *z; /* d candidate coordinates */
    mpq_t t, sum;
    i128 *aug128;        /* the fast path's augmented matrix */
    size_t *coord, *row; /* chosen coordinates and rows */
    size_t k, d;         /* largest system; coordinates */
} solver;

/* Next k-subset of 0..n-1 in lexicographic order; 0 after the last. */
static int next_subset(size_t *idx, size_t k, size_t n)
{
    size_t i = k;
    while (i > 0 && idx[i - 1] == n - k + i - 1)
        i--;
    if (i == 0)
        return 0;
    idx[i - 1]++;
    for (size_t j = i; j < k; j++)
        idx[j] = idx[j - 1] + 1;
    return 1;
}

/* Solves M[row, coord] z = 1 (k x k) by Gaussian elimination; 0 when
 * singular, else 1 with the solution in s->z at the chosen coordinates
 * and 0 elsewhere. */
static int solve_tight(const polytope *p, solver *s, size_t k)
{
    size_t w = k + 1;
    for (size_t a = 0; a < k; a++) {
        for (size_t b = 0; b < k; b++)
            mpq_set_z(s->aug[a * w + b], p->mat[s->row[a] * p->d + s->coord[b]]);
        mpq_set_ui(s->aug[a * w + k], 1, 1);
    }
    for (size_t col = 0; col < k; col++) {
        size_t piv = col;
        while (piv < k && mpq_sgn(s->aug[piv * w + col]) == 0)
            piv++;
        if (piv == k)
            return 0;
        if (piv != col)
            for (size_t b = col; b < w; b++)
                mpq_swap(s->aug[piv * w + b], s->aug[col * w + b]);
        for (size_t a = 0; a < k; a++) {
            if (a == col || mpq_sgn(s->aug[a * w + col]) == 0)
                continue;
            mpq_div(s->t, s->aug[a * w + col], s->aug[col * w + col]);
            for (size_t b = col; b < w; b++) {
                mpq_mul(s->sum, s->t, s->aug[col * w + b]);
                mpq_sub(s->aug[a * w + b], s->aug[a * w + b], s->sum);
            }
        }
    }
    for (size_t j = 0; j < p->d; j++)
        mpq_set_ui(s->z[j], 0, 1);
    for (size_t a = 0; a < k; a++)
        mpq_div(s->z[s->coord[a]], s->aug[a * w + k], s->aug[a * w + a]);
    return 1;
}

/* a * b - c * d, or 1 in *over when it overflows. */
static i128 cross(i128 a, i128 b, i128 c, i128 d, int *over)
{
    i128 x, y, r;
    *over |= __builtin_mul_overflow(a, b, &x) | __builtin_mul_overflow(c, d, &y) |
             __builtin_sub_overflow(x, y, &r);
    return r;
}

/* The fast path of solve_tight + feasible_labels, in 128-bit integers:
 * fraction-free Gauss-Jordan elimination (Edmonds 1967: after pivoting on
 * columns 0..c every entry is a minor, so each division by the previous
 * pivot is exact), which ends with det on the diagonal and det * z in the
 * last column. Returns 1 (a vertex: s->z and *mask set), 0 (singular or
 * infeasible) or -1 (an overflow: use the exact GMP path instead). The
 * answer is exact either way; this path only avoids GMP in the common
 * case of small payoffs (the "hybrid" arithmetic). */
static int solve_fast(const polytope *p, solver *s, size_t k, uint64_t *mask)
{
    size_t w = k + 1;
    i128 *a = s->aug128, prev = 1;
    int over = 0;
    for (size_t r = 0; r < k; r++) {
        for (size_t b = 0; b < k; b++)
            a[r * w + b] = p->mat64[s->row[r] * p->d + s->coord[b]];
        a[r * w + k] = 1;
    }
    for (size_t col = 0; col < k && !over; col++) {
        size_t piv = col;
        while (piv < k && a[piv * w + col] == 0)
            piv++;
        if (piv == k)
            return 0;
        for (size_t b = 0; piv != col && b < w; b++) {
            i128 t = a[piv * w + b];
            a[piv * w + b] = a[col * w + b];
            a[col * w + b] = t;
        }
        i128 pc = a[col * w + col];
        for (size_t r = 0; r < k; r++) {
            if (r == col)
                continue;
            i128 rc = a[r * w + col];
            for (size_t b = 0; b < w; b++)
                a[r * w + b] = cross(a[r * w + b], pc, rc, a[col * w + b], &over) / prev;
        }
        prev = pc;
    }
    if (over)
        return -1;
    /* Every diagonal entry is now the determinant D = prev; z_j = a[j][k] / D. */
    int sign = prev > 0 ? 1 : -1;
    uint64_t labels = 0;
    for (size_t j = 0; j < p->d; j++)
        labels |= (uint64_t)1 << (p->coord_label + j);
    for (size_t r = 0; r < k; r++) {
        i128 num = a[r * w + k];
        if ((num > 0 ? 1 : num < 0 ? -1 : 0) * sign < 0)
            return 0;
        if (num != 0)
            labels &= ~((uint64_t)1 << (p->coord_label + s->coord[r]));
    }
    for (size_t q = 0; q < p->r; q++) {
        i128 sum = 0, t;
        for (size_t r = 0; r < k; r++) {
            over |=
                __builtin_mul_overflow((i128)p->mat64[q * p->d + s->coord[r]], a[r * w + k], &t) |
                __builtin_add_overflow(sum, t, &sum);
        }
        if (over)
            return -1;
        /* (Mz)_q = sum / D compared with 1. */
        i128 diff = sum - prev;
        int c = (diff > 0 ? 1 : diff < 0 ? -1 : 0) * sign;
        if (c > 0)
            return 0;
        if (c == 0)
            labels |= (uint64_t)1 << (p->row_label + q);
    }
    for (size_t j = 0; j < p->d; j++)
        mpq_set_ui(s->z[j], 0, 1);
    for (size_t r = 0; r < k; r++) {
        i128 num = a[r * w + k] * sign, den = prev * sign;
        if (num == 0)
            continue;
        /* Both fit int64? Only then set directly; else go exact. */
        if (num > INT64_MAX || den > INT64_MAX)
            return -1;
        mpq_set_si(s->z[s->coord[r]], (long)num, (unsigned long)den);
        mpq_canonicalize(s->z[s->coord[r]]);
    }
    *mask = labels;
    return 1;
}

/* 1 and the labels of z in *mask when z is in the polytope, else 0. */
static int feasible_labels(const polytope *p, solver *s, uint64_t *mask)
{
    uint64_t labels = 0;
    for (size_t j = 0; j < p->d; j++) {
        int sg = mpq_sgn(s->z[j]);
        if (sg < 0)
            return 0;
        if (sg == 0)
            labels |= (uint64_t)1 << (p->coord_label + j);
    }
    int ok = 1;
    for (size_t q = 0; ok && q < p->r; q++) {
        mpq_set_ui(s->sum, 0, 1);
        for (size_t j = 0; j < p->d; j++)
            if (mpq_sgn(s->z[j]) != 0) {
                mpq_set_z(s->t, p->mat[q * p->d + j]);
                mpq_mul(s->t, s->t, s->z[j]);
                mpq_add(s->sum, s->sum, s->t);
            }
        int c = mpq_cmp_ui(s->sum, 1, 1);
        ok = c <= 0;
        if (c == 0)
            labels |= (uint64_t)1 << (p->row_label + q);
    }
    *mask = labels;
    return ok;
}

static int solver_init(solver *s, size_t d, size_t r)
{
    size_t k = d < r ? d : r;
    s->aug = malloc(k * (k + 1) * sizeof *s->aug);
    s->aug128 = malloc(k * (k + 1) * sizeof *s->aug128);
    s->z = malloc(d * sizeof *s->z);
    s->coord = malloc(k * sizeof *s->coord);
    s->row = malloc(k * sizeof *s->row);
    if (s->aug == NULL || s->aug128 == NULL || s->z == NULL || s->coord == NULL || s->row == NULL) {
        free(s->aug), free(s->aug128), free(s->z), free(s->coord), free(s->row);
        return -1;
    }
    for (size_t i = 0; i < k * (k + 1); i++)
        mpq_init(s->aug[i]);
    for (size_t j = 0; j < d; j++)
        mpq_init(s->z[j]);
    mpq_inits(s->t, s->sum, NULL);
    s->k = k;
    s->d = d;
    return 0;
}

static void solver_clear(solver *s)
{
    for (size_t i = 0; i < s->k * (s->k + 1); i++)
        mpq_clear(s->aug[i]);
    for (size_t j = 0; j < s->d; j++)
        mpq_clear(s->z[j]);
    mpq_clears(s->t, s->sum, NULL);
    free(s->aug), free(s->aug128), free(s->z), free(s->coord), free(s->row);
}

/* A vertex of a polytope: its labels, its support (coordinate indices)
 * and the rows of the tight system that defines it, the lexicographically
 * first k of its tight rows whose system has it as solution (k the size of
 * the support); z its coordinates once computed (NULL before). */
typedef struct vertex {
    uint64_t labels, support, rows;
    mpq_t *z;
} vertex;

typedef struct vertex_list {
    size_t d, n;
    vertex *v;
} vertex_list;

static void vertex_list_clear(vertex_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k].z != NULL) {
            for (size_t j = 0; j < l->d; j++)
                mpq_clear(l->v[k].z[j]);
            free(l->v[k].z);
        }
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Loads the system (support, rows) into s; its size. */
static size_t load_system(const polytope *p, solver *s, uint64_t support, uint64_t rows)
{
    size_t k = 0, q = 0;
    for (size_t j = 0; j < p->d; j++)
        if ((support >> j) & 1)
            s->coord[k++] = j;
    for (size_t i = 0; i < p->r; i++)
        if ((rows >> i) & 1)
            s->row[q++] = i;
    return k;
}

/* Solves the loaded k x k system exactly: 1 and the labels in *mask when
 * it is nonsingular with a feasible solution (in s->z), else 0. */
static int solve_system(const polytope *p, solver *s, size_t k, uint64_t *mask)
{
    int found = p->mat64 != NULL ? solve_fast(p, s, k, mask) : -1;
    if (found < 0)
        found = solve_tight(p, s, k) && feasible_labels(p, s, mask);
    return found;
}

/* The defining rows of v (labels and support set): all its tight rows
 * when there are k of them, else the first k-subset of them, in
 * lexicographic order, whose system gives back v (a degenerate vertex). */
static int defining_rows(const polytope *p, solver *s, vertex *v)
{
    size_t k = (size_t)__builtin_popcountll(v->support), t = 0, tight[64], pick[64];
    for (size_t i = 0; i < p->r; i++)
        if ((v->labels >> (p->row_label + i)) & 1)
            tight[t++] = i;
    if (t == k) {
        for (size_t a = 0; a < t; a++)
            v->rows |= (uint64_t)1 << tight[a];
        return 1;
    }
    for (size_t a = 0; a < k; a++)
        pick[a] = a;
    do {
        uint64_t rows = 0, mask;
        for (size_t a = 0; a < k; a++)
            rows |= (uint64_t)1 << tight[pick[a]];
        load_system(p, s, v->support, rows);
        if (solve_system(p, s, k, &mask) && mask == v->labels) {
            v->rows = rows;
            return 1;
        }
    } while (next_subset(pick, k, t));
    return 0;
}

/* Orders two sets of equal size lexicographically as sorted lists: the
 * one holding the least element of the symmetric difference first. */
static int cmp_sets(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ b;
    if (x == 0)
        return 0;
    return (a & x & -x) != 0 ? -1 : 1;
}

/* The order in which a brute-force scan meets the vertices: by support
 * size, then support, then defining rows. */
static int cmp_vertex(const void *pa, const void *pb)
{
    const vertex *a = pa, *b = pb;
    int ka = __builtin_popcountll(a->support), kb = __builtin_popcountll(b->support);
    if (ka != kb)
        return ka < kb ? -1 : 1;
    int c = cmp_sets(a->support, b->support);
    return c != 0 ? c : cmp_sets(a->rows, b->rows);
}

/* Every nonzero vertex of p into l, in brute-force order. */
static int enumerate_vertices(const polytope *p, vertex_list *l, mk_ctx *ctx)
{
    uint64_t *labels = NULL;
    size_t count = 0;
    int rc = mk_vsearch_vertices(p, MK_ENUMMIXED_MAX_BASES, &labels, &count, ctx);
    if (rc != 0)
        return rc;
    solver s;
    l->d = p->d;
    l->v = calloc(count + 1, sizeof *l->v);
    if (l->v == NULL || solver_init(&s, p->d, p->r) != 0) {
        free(labels);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu vertices", count);
    }
    for (size_t k = 0; rc == 0 && k < count; k++) {
        vertex *v = &l->v[l->n++];
        v->labels = labels[k];
        for (size_t j = 0; j < p->d; j++)
            if (!((labels[k] >> (p->coord_label + j)) & 1))
                v->support |= (uint64_t)1 << j;
        if (!defining_rows(p, &s, v))
            rc = mk_error(ctx, MK_EINTERNAL, "vertex %zu has no defining system", k);
    }
    solver_clear(&s);
    free(labels);
    if (rc == 0)
        qsort(l->v, l->n, sizeof *l->v, cmp_vertex);
    return rc;
}

/* The coordinates of vertex v of l, solved exactly on first use and
 * checked against its labels. */
static int vertex_coords(const polytope *p, solver *s, vertex *v, mk_ctx *ctx)
{
    if (v->z != NULL)
        return MK_OK;
    uint64_t mask;
    size_t k = load_system(p, s, v->support, v->rows);
    if (!solve_system(p, s, k, &mask) || mask != v->labels)
        return mk_error(ctx, MK_EINTERNAL, "a vertex failed its exact check");
    v->z = malloc(p->d * sizeof *v->z);
    if (v->z == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t j = 0; j < p->d; j++) {
        mpq_init(v->z[j]);
        mpq_set(v->z[j], s->z[j]);
    }
    return MK_OK;
}

/* Checks the size limit before any work. */
static int check_size(size_t m, size_t n, mk_ctx *ctx)
{
    if (m + n > MK_ENUMMIXED_MAX_LABELS)
        return mk_error(ctx, MK_ELIMIT,
                        "enummixed handles at most %d strategies in all; the game has %zu",
                        MK_ENUMMIXED_MAX_LABELS, m + n);
    return MK_OK;
}

/* Distinct extreme strategies that occur in equilibria, numbered in order
 * of first appearance: id[v] for vertex v of a list, SIZE_MAX if unused. */
typedef struct numbering {
    size_t *id;
    size_t n;
} numbering;

static size_t number(numbering *nb, size_t v)
{
    if (nb->id[v] == SIZE_MAX)
        nb->id[v] = nb->n++;
    return nb->id[v];
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* For each label, the vertices of Q of one kind that have it, ascending:
 * item[start[l] .. start[l + 1]). */
typedef struct label_index {
    size_t *start, *item;
} label_index;

static int label_index_build(label_index *li, const vertex_list *vq, size_t width,
                             int degenerate_only)
{
    li->start = calloc(width + 1, sizeof *li->start);
    size_t total = 0;
    for (size_t b = 0; li->start != NULL && b < vq->n; b++) {
        uint64_t labels = vq->v[b].labels;
        if (degenerate_only && (size_t)__builtin_popcountll(labels) == vq->d)
            continue;
        for (size_t l = 0; l < width; l++)
            if ((labels >> l) & 1) {
                li->start[l + 1]++;
                total++;
            }
    }
    li->item = malloc((total + 1) * sizeof *li->item);
    size_t *fill = malloc((width + 1) * sizeof *fill);
    if (li->start == NULL || li->item == NULL || fill == NULL) {
        free(fill);
        return -1;
    }
    for (size_t l = 0; l < width; l++)
        fill[l] = li->start[l + 1] += li->start[l];
    for (size_t l = 0; l < width; l++)
        fill[l] = li->start[l];
    for (size_t b = 0; b < vq->n; b++) {
        uint64_t labels = vq->v[b].labels;
        if (degenerate_only && (size_t)__builtin_popcountll(labels) == vq->d)
            continue;
        for (size_t l = 0; l < width; l++)
            if ((labels >> l) & 1)
                li->item[fill[l]++] = b;
    }
    free(fill);
    return 0;
}

/* Appends to match the vertices of li whose labels include need (not
 * empty), by scanning the shortest list among need's labels; the new
 * count. */
static size_t label_index_scan(const label_index *li, const vertex_list *vq, uint64_t need,
                               size_t *match, size_t c)
{
    size_t best = 0, len = SIZE_MAX;
    for (uint64_t rest = need; rest != 0; rest &= rest - 1) {
        size_t l = (size_t)__builtin_ctzll(rest);
        if (li->start[l + 1] - li->start[l] < len) {
            len = li->start[l + 1] - li->start[l];
            best = l;
        }
    }
    for (size_t k = li->start[best]; k < li->start[best + 1]; k++)
        if ((vq->v[li->item[k]].labels & need) == need)
            match[c++] = li->item[k];
    return c;
}

/* Q's vertices indexed for pairing: the nondegenerate ones (exactly d
 * labels, which determine them) sorted by labels; per label, the
 * degenerate ones and all. */
typedef struct keyed {
    uint64_t labels;
    size_t index;
} keyed;

typedef struct pair_index {
    keyed *simple;
    size_t n_simple;
    label_index degenerate, all;
} pair_index;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    return (a->labels > b->labels) - (a->labels < b->labels);
}

static int pair_index_build(pair_index *pi, const vertex_list *vq, size_t width)
{
    memset(pi, 0, sizeof *pi);
    pi->simple = malloc((vq->n + 1) * sizeof *pi->simple);
    if (pi->simple == NULL || label_index_build(&pi->degenerate, vq, width, 1) != 0 ||
        label_index_build(&pi->all, vq, width, 0) != 0)
        return -1;
    for (size_t b = 0; b < vq->n; b++)
        if ((size_t)__builtin_popcountll(vq->v[b].labels) == vq->d)
            pi->simple[pi->n_simple++] = (keyed){vq->v[b].labels, b};
    qsort(pi->simple, pi->n_simple, sizeof *pi->simple, cmp_keyed);
    return 0;
}

static void pair_index_clear(pair_index *pi)
{
    free(pi->simple);
    free(pi->degenerate.start), free(pi->degenerate.item);
    free(pi->all.start), free(pi->all.item);
}

/* The vertices of Q whose labels include need, ascending, into match;
 * their count. A nondegenerate vertex of P needs n labels, which only one
 * nondegenerate vertex of Q has. */
static size_t partners(const pair_index *pi, const vertex_list *vq, uint64_t need, int simple_p,
                       size_t *match)
{
    if (!simple_p)
        return label_index_scan(&pi->all, vq, need, match, 0);
    size_t c = 0;
    keyed k = {need, 0}, *hit = bsearch(&k, pi->simple, pi->n_simple, sizeof k, cmp_keyed);
    if (hit != NULL)
        match[c++] = hit->index;
    c = label_index_scan(&pi->degenerate, vq, need, match, c);
    qsort(match, c, sizeof *match, cmp_size);
    return c;
}

/* Pairs the completely labelled vertices into equilibria, in the order of
 * P's vertices, then Q's. */
static int pair_vertices(const mk_bimatrix *bm, const polytope *pp, const polytope *pq,
                         vertex_list *vp, vertex_list *vq, numbering nb[2],
                         mk_mixed_equilibria *out, mk_ctx *ctx)
{
    size_t m = bm->m, n = bm->n, width = m + n;
    uint64_t all = width == 64 ? UINT64_MAX : ((uint64_t)1 << width) - 1;
    pair_index pi;
    solver sp, sq;
    int have_p = solver_init(&sp, m, n) == 0, have_q = solver_init(&sq, n, m) == 0;
    mpq_t *xy = malloc(width * sizeof *xy);
    size_t *match = malloc((vq->n + 1) * sizeof *match);
    int rc =
        pair_index_build(&pi, vq, width) != 0 || !have_p || !have_q || xy == NULL || match == NULL
            ? mk_error(ctx, MK_ENOMEM, "out of memory")
            : MK_OK;
    int have_xy = rc == 0;
    for (size_t s = 0; have_xy && s < width; s++)
        mpq_init(xy[s]);
    for (size_t a = 0; rc == 0 && a < vp->n; a++) {
        uint64_t labels = vp->v[a].labels;
        size_t c =
            partners(&pi, vq, all & ~labels, (size_t)__builtin_popcountll(labels) == m, match);
        for (size_t t = 0; rc == 0 && t < c; t++) {
            size_t b = match[t], before = out->n, index;
            rc = vertex_coords(pp, &sp, &vp->v[a], ctx);
            if (rc == 0)
                rc = vertex_coords(pq, &sq, &vq->v[b], ctx);
            if (rc != 0)
                break;
            for (size_t s = 0; s < m; s++)
                mpq_set(xy[s], vp->v[a].z[s]);
            for (size_t s = 0; s < n; s++)
                mpq_set(xy[m + s], vq->v[b].z[s]);
            rc = mk_bimatrix_add(bm, xy, xy + m, number(&nb[0], a), number(&nb[1], b), out, &index,
                                 ctx);
            if (rc == 0 && out->n == before)
                rc = mk_error(ctx, MK_EINTERNAL, "vertex pair (%zu, %zu) repeats equilibrium %zu",
                              a, b, index);
        }
    }
    for (size_t s = 0; s < width; s++)
        mpq_clear(xy[s]);
    if (have_p)
        solver_clear(&sp);
    if (have_q)
        solver_clear(&sq);
    pair_index_clear(&pi);
    free(xy), free(match);
    return rc;
}

/* ---- maximal Nash subsets ------------------------------------------------------------------- */

/* Sets of player 1's extreme strategies as bitsets of w words. */
typedef struct set_list {
    size_t w, n, cap;
    uint64_t *bits;
} set_list;

static int set_list_find(const set_list *l, const uint64_t *set)
{
    for (size_t i = 0; i < l->n; i++)
        if (memcmp(l->bits + i * l->w, set, l->w * sizeof *set) == 0)
            return 1;
    return 0;
}

static int set_list_add(set_list *l, const uint64_t *set)
{
    if (l->n == l->cap) {
        size_t cap = l->cap == 0 ? 16 : 2 * l->cap;
        uint64_t *b = realloc(l->bits, cap * l->w * sizeof *b);
        if (b == NULL)
            return -1;
        l->bits = b;
        l->cap = cap;
    }
    memcpy(l->bits + l->n * l->w, set, l->w * sizeof *set);
    l->n++;
    return 0;
}

static int bit(const uint64_t *set, size_t i)
{
    return (int)((set[i / 64] >> (i % 64)) & 1);
}

/* The closed sets of the bipartite graph "x and y form an equilibrium":
 * every nonempty intersection of neighbourhoods N(y). Each closed set C
 * with the strategies D of player 2 adjacent to all of C is a maximal
 * biclique C x D, a maximal Nash subset (Avis et al. 2010, section 4;
 * these are the concepts of formal concept analysis, Ganter and Wille
 * 1999, which are exactly the intersections of object intents). */
static int closed_sets(const size_t *edge, size_t nx, size_t ny, set_list *l)
{
    size_t w = l->w;
    uint64_t *nbhd = calloc(ny * w + w, sizeof *nbhd);
    if (nbhd == NULL)
        return -1;
    uint64_t *tmp = nbhd + ny * w;
    int rc = 0;
    for (size_t y = 0; y < ny; y++) {
        for (size_t x = 0; x < nx; x++)
            if (edge[x * ny + y] != SIZE_MAX)
                nbhd[y * w + x / 64] |= (uint64_t)1 << (x % 64);
        if (!set_list_find(l, nbhd + y * w) && set_list_add(l, nbhd + y * w) != 0)
            rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < l->n; i++)
        for (size_t y = 0; rc == 0 && y < ny; y++) {
            uint64_t any = 0;
            for (size_t k = 0; k < w; k++)
                any |= tmp[k] = l->bits[i * w + k] & nbhd[y * w + k];
            if (any != 0 && !set_list_find(l, tmp) && set_list_add(l, tmp) != 0)
                rc = -1;
        }
    free(nbhd);
    return rc;
}

/* The members of each closed set's biclique, into out's clique arrays. */
static int write_cliques(const size_t *edge, size_t nx, size_t ny, const set_list *l,
                         mk_mixed_equilibria *out)
{
    size_t total = 0;
    out->clique_start = malloc((l->n + 1) * sizeof *out->clique_start);
    out->clique_member = malloc((l->n * out->n + 1) * sizeof *out->clique_member);
    if (out->clique_start == NULL || out->clique_member == NULL)
        return -1;
    for (size_t c = 0; c < l->n; c++) {
        const uint64_t *set = l->bits + c * l->w;
        out->clique_start[c] = total;
        for (size_t y = 0; y < ny; y++) {
            size_t x = 0;
            while (x < nx && (!bit(set, x) || edge[x * ny + y] != SIZE_MAX))
                x++;
            if (x < nx) /* some x of the set is not adjacent to y */
                continue;
            for (x = 0; x < nx; x++)
                if (bit(set, x))
                    out->clique_member[total++] = edge[x * ny + y];
        }
        qsort(out->clique_member + out->clique_start[c], total - out->clique_start[c],
              sizeof(size_t), cmp_size);
    }
    out->clique_start[l->n] = total;
    out->n_cliques = l->n;
    return 0;
}

static int find_cliques(mk_mixed_equilibria *out, size_t nx, size_t ny, mk_ctx *ctx)
{
    if (out->n == 0)
        return MK_OK;
    set_list l = {(nx + 63) / 64, 0, 0, NULL};
    size_t *edge = malloc(nx * ny * sizeof *edge);
    int rc = edge == NULL ? -1 : 0;
    for (size_t k = 0; rc == 0 && k < nx * ny; k++)
        edge[k] = SIZE_MAX;
    for (size_t e = 0; rc == 0 && e < out->n; e++)
        edge[out->vertex[2 * e] * ny + out->vertex[2 * e + 1]] = e;
    if (rc == 0)
        rc = closed_sets(edge, nx, ny, &l);
    if (rc == 0)
        rc = write_cliques(edge, nx, ny, &l, out);
    free(edge);
    free(l.bits);
    return rc == 0 ? MK_OK : mk_error(ctx, MK_ENOMEM, "out of memory for cliques");
}

/* mat (count entries) as int64 for the fast path, or NULL when an entry
 * does not fit (or memory is short: the exact path is then used). */
static int64_t *small_copy(const mpz_t *mat, size_t count)
{
    int64_t *out = malloc((count > 0 ? count : 1) * sizeof *out);
    for (size_t k = 0; out != NULL && k < count; k++) {
        if (!mpz_fits_slong_p(mat[k])) {
            free(out);
            return NULL;
        }
        out[k] = (int64_t)mpz_get_si(mat[k]);
    }
    return out;
}

/* ---- the solver ----------------------------------------------------------------------------- */

int mk_game_solve_enummixed(const mk_game *g, mk_mixed_equilibria *out, mk_ctx *ctx)
{
    if (g->n_players != 2)
        return mk_error(ctx, MK_EINPUT, "the game has %zu players; enummixed needs 2",
                        g->n_players);
    size_t m = g->n_strategies[0], n = g->n_strategies[1];
    int rc = check_size(m, n, ctx);
    if (rc != 0)
        return rc;
    mk_bimatrix bm;
    rc = mk_bimatrix_init(&bm, g, ctx);
    if (rc != 0)
        return rc;
    mk_mixed_equilibria res = MK_MIXED_EQUILIBRIA_INIT;
    vertex_list vp = {0}, vq = {0};
    numbering nb[2] = {{NULL, 0}, {NULL, 0}};
    mpz_t *bt = malloc(m * n * sizeof *bt);
    if (bt == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < m; i++)
        for (size_t j = 0; j < n; j++)
            mpz_init_set(bt[j * m + i], bm.b[i * n + j]);
    /* P = {x >= 0 : B'x <= 1}: x_i = 0 has label i, (B'x)_j = 1 label m + j;
     * Q = {y >= 0 : Ay <= 1}: y_j = 0 has label m + j, (Ay)_i = 1 label i. */
    polytope pp = {.d = m, .r = n, .mat = (const mpz_t *)bt, .coord_label = 0, .row_label = m};
    polytope pq = {.d = n, .r = m, .mat = (const mpz_t *)bm.a, .coord_label = m, .row_label = 0};
    int64_t *small[2] = {NULL, NULL};
    if (rc == 0) {
        pp.mat64 = small[0] = small_copy(pp.mat, m * n);
        pq.mat64 = small[1] = small_copy(pq.mat, m * n);
        rc = enumerate_vertices(&pp, &vp, ctx);
    }
    if (rc == 0)
        rc = enumerate_vertices(&pq, &vq, ctx);
    if (rc == 0) {
        nb[0].id = malloc((vp.n + 1) * sizeof(size_t));
        nb[1].id = malloc((vq.n + 1) * sizeof(size_t));
        if (nb[0].id == NULL || nb[1].id == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t v = 0; rc == 0 && v < vp.n; v++)
        nb[0].id[v] = SIZE_MAX;
    for (size_t v = 0; rc == 0 && v < vq.n; v++)
        nb[1].id[v] = SIZE_MAX;
    if (rc == 0)
        rc = pair_vertices(&bm, &pp, &pq, &vp, &vq, nb, &res, ctx);
    free(small[0]), free(small[1]);
    if (rc == 0)
        rc = find_cliques(&res, nb[0].n, nb[1].n, ctx);
    if (bt != NULL) {
        for (size_t k = 0; k < m * n; k++)
            mpz_clear(bt[k]);
        free(bt);
    }
    free(nb[0].id), free(nb[1].id);
    vertex_list_clear(&vp);
    vertex_list_clear(&vq);
    mk_bimatrix_clear(&bm);
    if (rc != 0) {
        mk_mixed_equilibria_free(&res);
        return rc;
    }
    res.width = m + n;
    *out = res;
    return MK_OK;
}
