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
 * that is further, rebuilt from the all-slack one. The tableau and its
 * exact arithmetic are in vertex_tableau.c.
 */
#include "vertex_search_internal.h"

#include <stdlib.h>
#include <string.h>

#include "vertex_tableau_internal.h"

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

/* ---- the search ----------------------------------------------------------------------------- */

/* One level of the depth-first search: how it was entered (variable enter
 * at row, replacing leave) and the next entering variable to try. */
typedef struct frame {
    size_t row, enter, leave, next_var;
} frame;

typedef struct search {
    mk_vtableau tb;
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
    mk_vtableau *tb = &s->tb;
    uint64_t tight = tb->cobasis, coords = tb->d == 64 ? UINT64_MAX : ((uint64_t)1 << tb->d) - 1;
    for (size_t i = 0; i < tb->r; i++)
        if (mk_vtableau_sign(tb, i, tb->w - 1) == 0)
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
    mk_vtableau *tb = &s->tb;
    size_t nv = tb->d + tb->r;
    uint8_t *cache = s->ratio + (s->depth - 1) * nv;
    for (size_t j = 0; j < nv; j++) {
        cache[j] = NO_ROW;
        if (!((tb->cobasis >> j) & 1))
            continue;
        size_t n = mk_vtableau_min_ratio(tb, j, s->rows);
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
    mk_vtableau *tb = &s->tb;
    memcpy(s->target, tb->basic, tb->r * sizeof *s->target);
    for (size_t l = from; l > to; l--)
        s->target[s->stack[l].row] = s->stack[l].leave;
    size_t basic_z = 0;
    for (size_t i = 0; i < tb->r; i++)
        basic_z += s->target[i] < tb->d;
    if (!tb->big && tb->can_rebuild && from - to > basic_z &&
        mk_vtableau_rebuild(tb, s->target, s->cols))
        return;
    for (size_t l = from; l > to; l--)
        mk_vtableau_pivot(tb, s->stack[l].row, s->stack[l].leave, s->cols);
}

static int run(search *s, size_t max_bases, mk_ctx *ctx)
{
    mk_vtableau *tb = &s->tb;
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
            mk_vtableau_pivot(tb, row, enter, s->cols);
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
    if (mk_vtableau_init(&s.tb, p) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    s.rows = malloc(p->r * sizeof *s.rows);
    s.cols = malloc((p->d + 1) * sizeof *s.cols);
    s.target = malloc(p->r * sizeof *s.target);
    int rc = s.rows == NULL || s.cols == NULL || s.target == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory")
                 : run(&s, max_bases, ctx);
    mk_vtableau_clear(&s.tb);
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
