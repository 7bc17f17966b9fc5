/*
 * Tests of the core and its extreme points (src/coop/core_vertices.c):
 * the known answers of issue 8, convex games, whose cores are the convex
 * hulls of their marginal vectors (Shapley 1971), and random games
 * against a brute force over every choice of n - 1 tight coalitions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/nucleolus.h"
#include "mechkit/tu_game.h"

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};

static mk_tu_game *game_new(size_t n, const int64_t *v)
{
    mk_rational *r = malloc(((size_t)1 << n) * sizeof *r);
    for (size_t m = 0; m < (size_t)1 << n; m++)
        r[m] = (mk_rational){v[m], 1};
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    if (mk_tu_game_new(&g, n, names, r, &ctx) != 0)
        fail_msg("game: %s", ctx.message);
    free(r);
    return g;
}

static mk_tu_core *core_of(const mk_tu_game *g)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_core *c = NULL;
    if (mk_tu_core_compute(g, 4, &c, &ctx) != 0)
        fail_msg("core: %s", ctx.message);
    return c;
}

/* A vector as "x1,x2,..." for comparisons. */
static char *joined(char *const *parts, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 1;
    char *s = calloc(len, 1);
    for (size_t i = 0; i < n; i++) {
        strcat(s, parts[i]);
        if (i + 1 < n)
            strcat(s, ",");
    }
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The extreme points as sorted strings (sorted as strings, so that two
 * lists compare whatever their order). */
static char **vertex_strings(const mk_tu_core *c)
{
    char **s = calloc(c->n_vertices + 1, sizeof *s);
    for (size_t k = 0; k < c->n_vertices; k++)
        s[k] = joined(c->vertices[k]->fraction, c->vertices[k]->n);
    qsort(s, c->n_vertices, sizeof *s, cmp_str);
    return s;
}

static void strings_free(char **s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(s[k]);
    free(s);
}

/* Any two of three win (issue 8): the core is empty, eps = 1/3. */
static void test_majority(void **state)
{
    (void)state;
    const int64_t v[8] = {0, 0, 0, 1, 0, 1, 1, 1};
    mk_tu_game *g = game_new(3, v);
    mk_tu_core *c = core_of(g);
    assert_true(c->empty);
    assert_string_equal(c->epsilon, "1/3");
    assert_null(c->point);
    assert_int_equal(c->n_vertices, 0);
    mk_tu_core_free(c);
    mk_tu_game_free(g);
}

/* One left glove, two right (issue 8): the core is {(1, 0, 0)}. */
static void test_glove(void **state)
{
    (void)state;
    const unsigned char left[3] = {1, 0, 0};
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_tu_game_new_glove(&g, 3, names, left, &ctx), 0);
    mk_tu_core *c = core_of(g);
    assert_false(c->empty);
    assert_string_equal(c->epsilon, "0");
    assert_int_equal(c->n_vertices, 1);
    char *s = joined(c->vertices[0]->fraction, 3), *p = joined(c->point->fraction, 3);
    assert_string_equal(s, "1,0,0");
    assert_string_equal(p, "1,0,0");
    assert_string_equal(c->vertices[0]->decimal[0], "1.0000");
    free(s);
    free(p);
    mk_tu_core_free(c);
    mk_tu_game_free(g);
}

/* The distinct marginal vectors of g: for each order of the players,
 * each gets v(predecessors and itself) - v(predecessors). */
static char **marginal_strings(const mk_tu_game *g, size_t *count)
{
    size_t n = g->n, total = 1;
    for (size_t k = 2; k <= n; k++)
        total *= k;
    char **s = calloc(total, sizeof *s);
    size_t order[9];
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t k = 0; k < total; k++) {
        char buf[9][32], *parts[9];
        uint64_t before = 0;
        for (size_t p = 0; p < n; p++) {
            uint64_t with = before | (uint64_t)1 << order[p];
            snprintf(buf[order[p]], sizeof buf[0], "%lld",
                     (long long)(g->num[with] - g->num[before]));
            before = with;
        }
        for (size_t i = 0; i < n; i++)
            parts[i] = buf[i];
        s[k] = joined(parts, n);
        /* next permutation (lexicographic) */
        size_t i = n - 1;
        while (i > 0 && order[i - 1] > order[i])
            i--;
        if (i == 0)
            break;
        size_t j = n - 1;
        while (order[j] < order[i - 1])
            j--;
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
        for (size_t a = i, b = n - 1; a < b; a++, b--) {
            t = order[a];
            order[a] = order[b];
            order[b] = t;
        }
    }
    qsort(s, total, sizeof *s, cmp_str);
    size_t distinct = 0;
    for (size_t k = 0; k < total; k++) {
        if (distinct > 0 && strcmp(s[k], s[distinct - 1]) == 0)
            free(s[k]);
        else
            s[distinct++] = s[k];
    }
    *count = distinct;
    return s;
}

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

/* Convex games v(S) = a(S) + w(S)^2 (w >= 0: the square of an additive
 * function is supermodular), and v(S) = |S|^2, whose marginal vectors are
 * the n! orders of (1, 3, 5, ...). Shapley (1971): the extreme points
 * are exactly the distinct marginal vectors. */
static void test_convex(void **state)
{
    (void)state;
    uint64_t seed = 7;
    for (int round = 0; round < 12; round++) {
        size_t n = 3 + (size_t)round % 4; /* up to 6 players: 720 orders */
        int64_t a[9], w[9], v[256] = {0};
        for (size_t i = 0; i < n; i++) {
            a[i] = round == 0 ? 0 : (int64_t)(next(&seed) % 21) - 10;
            w[i] = round == 0 ? 1 : (int64_t)(next(&seed) % 4);
        }
        for (size_t m = 1; m < (size_t)1 << n; m++) {
            int64_t sa = 0, sw = 0;
            for (size_t i = 0; i < n; i++)
                if ((m >> i) & 1) {
                    sa += a[i];
                    sw += w[i];
                }
            v[m] = sa + sw * sw;
        }
        mk_tu_game *g = game_new(n, v);
        mk_tu_core *c = core_of(g);
        size_t count;
        char **want = marginal_strings(g, &count), **got = vertex_strings(c);
        assert_false(c->empty);
        assert_int_equal(c->n_vertices, count);
        for (size_t k = 0; k < count; k++)
            assert_string_equal(got[k], want[k]);
        if (round == 0)
            assert_string_equal(got[0], "1,3,5");
        strings_free(want, count);
        strings_free(got, c->n_vertices);
        mk_tu_core_free(c);
        mk_tu_game_free(g);
    }
}

/* ---- brute force: every n - 1 coalitions that, with N, fix a point ---- */

typedef struct brute {
    const mk_tu_game *g;
    size_t n;
    uint64_t chosen[8];
    char **found;
    size_t n_found;
} brute;

/* Solves x(S) = v(S) for the chosen coalitions and N by Gauss-Jordan;
 * records x when unique and in the core. */
static void try_basis(brute *b)
{
    size_t n = b->n;
    mpq_t m[8][9], f, t;
    mpq_inits(f, t, NULL);
    uint64_t all = ((uint64_t)1 << n) - 1;
    for (size_t r = 0; r < n; r++) {
        uint64_t set = r + 1 < n ? b->chosen[r] : all;
        for (size_t j = 0; j < n; j++)
            mpq_init(m[r][j]), mpq_set_ui(m[r][j], (set >> j) & 1, 1);
        mpq_init(m[r][n]);
        mpq_set_si(m[r][n], b->g->num[set], 1);
    }
    int singular = 0;
    for (size_t col = 0; col < n && !singular; col++) {
        size_t p = col;
        while (p < n && mpq_sgn(m[p][col]) == 0)
            p++;
        if (p == n) {
            singular = 1;
            break;
        }
        for (size_t j = 0; j <= n; j++)
            mpq_swap(m[p][j], m[col][j]);
        for (size_t r = 0; r < n; r++) {
            if (r == col || mpq_sgn(m[r][col]) == 0)
                continue;
            mpq_div(f, m[r][col], m[col][col]);
            for (size_t j = 0; j <= n; j++) {
                mpq_mul(t, f, m[col][j]);
                mpq_sub(m[r][j], m[r][j], t);
            }
        }
    }
    if (!singular) {
        mpq_t x[8];
        for (size_t i = 0; i < n; i++) {
            mpq_init(x[i]);
            mpq_div(x[i], m[i][n], m[i][i]);
        }
        int in_core = 1;
        for (uint64_t set = 1; set < all && in_core; set++) {
            mpq_set_ui(f, 0, 1);
            for (size_t i = 0; i < n; i++)
                if ((set >> i) & 1)
                    mpq_add(f, f, x[i]);
            mpq_set_si(t, b->g->num[set], 1);
            in_core = mpq_cmp(f, t) >= 0;
        }
        if (in_core) {
            char *parts[8];
            for (size_t i = 0; i < n; i++)
                parts[i] = mpq_get_str(NULL, 10, x[i]);
            b->found[b->n_found++] = joined(parts, n);
            for (size_t i = 0; i < n; i++)
                free(parts[i]);
        }
        for (size_t i = 0; i < n; i++)
            mpq_clear(x[i]);
    }
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j <= n; j++)
            mpq_clear(m[r][j]);
    mpq_clears(f, t, NULL);
}

static void choose(brute *b, size_t depth, uint64_t from)
{
    if (depth + 1 == b->n) {
        try_basis(b);
        return;
    }
    for (uint64_t set = from; set + 1 < (uint64_t)1 << b->n; set++) {
        b->chosen[depth] = set;
        choose(b, depth + 1, set + 1);
    }
}

/* Random games of 3 to 5 players (two of 5: 27,405 systems each), values in -3..12 (v(N) larger,
 * so that cores are often not empty): the extreme points are exactly the distinct feasible basic
 * solutions; an empty core has eps > 0. */
static void test_random(void **state)
{
    (void)state;
    uint64_t seed = 11;
    for (int round = 0; round < 24; round++) {
        size_t n = round < 22 ? 3 + (size_t)round % 2 : 5;
        int64_t v[32] = {0};
        for (size_t m = 1; m < (size_t)1 << n; m++)
            v[m] = (int64_t)(next(&seed) % 16) - 3;
        v[((size_t)1 << n) - 1] = 8 + (int64_t)(next(&seed) % 20);
        mk_tu_game *g = game_new(n, v);
        mk_tu_core *c = core_of(g);
        brute b = {g, n, {0}, calloc(40000, sizeof(char *)), 0};
        choose(&b, 0, 1);
        qsort(b.found, b.n_found, sizeof *b.found, cmp_str);
        size_t distinct = 0;
        for (size_t k = 0; k < b.n_found; k++) {
            if (distinct > 0 && strcmp(b.found[k], b.found[distinct - 1]) == 0)
                free(b.found[k]);
            else
                b.found[distinct++] = b.found[k];
        }
        char **got = vertex_strings(c);
        assert_int_equal(c->n_vertices, distinct);
        assert_int_equal(c->empty, distinct == 0);
        for (size_t k = 0; k < distinct; k++)
            assert_string_equal(got[k], b.found[k]);
        strings_free(got, c->n_vertices);
        strings_free(b.found, distinct);
        mk_tu_core_free(c);
        mk_tu_game_free(g);
    }
}

static void test_limits(void **state)
{
    (void)state;
    int64_t *v = calloc(512, sizeof *v);
    mk_tu_game *g = game_new(9, v);
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_core *c = NULL;
    assert_int_equal(mk_tu_core_compute(g, 6, &c, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "9 players"));
    assert_null(c);
    mk_tu_game_free(g);
    g = game_new(2, v);
    assert_int_equal(mk_tu_core_compute(g, -1, &c, &ctx), MK_EPARAM);
    mk_tu_game_free(g);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_majority), cmocka_unit_test(test_glove),
        cmocka_unit_test(test_convex),   cmocka_unit_test(test_random),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
