/* Exact superrational maximisers inside the simplex: rational guesses from
 * an enclosure, the local proof (superrational_exact.c), and whole games
 * through mk_symgame_superrational whose optimum is derived by hand.
 *
 * Notation: 3 players, f(p) = u(p, p, p); with u(s, c) depending on the
 * count c_s of the 2 others on one's own strategy s, E[c_s] = 2 p_s and
 * P(c_s = 2) = p_s^2. The maximiser of a strictly concave f on the simplex
 * is the unique point meeting the Karush-Kuhn-Tucker conditions
 * (Boyd and Vandenberghe, Convex Optimization, 2004, section 5.5.3):
 * df/dp_s = lambda on the support, <= lambda off it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "games/superrational_exact_internal.h"
#include "mechkit/kantian.h"

/* A game u(s, c) = linear[s] - step * [c_s = n - 1] - slope * c_s. */
typedef struct spec {
    size_t n, k;
    int64_t linear[4], step, slope;
} spec;

static mk_symgame *make_game(const spec *sp)
{
    mk_symgame *g = NULL;
    size_t counts[4];
    assert_int_equal(mk_symgame_new(&g, sp->n, sp->k, NULL), 0);
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        for (size_t s = 0; s < sp->k; s++) {
            int64_t u = sp->linear[s] - sp->slope * (int64_t)counts[s];
            if (counts[s] == sp->n - 1)
                u -= sp->step;
            g->payoff[s * g->n_counts + c] = (mk_rational){u, 1};
        }
    }
    return g;
}

static void solve(const spec *sp, mk_superrational *r)
{
    mk_symgame *g = make_game(sp);
    *r = (mk_superrational)MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    int rc = mk_symgame_superrational(g, r, &ctx);
    mk_symgame_free(g);
    if (rc != 0)
        fail_msg("%s", ctx.message);
}

/* One exact maximiser: probabilities want[0..k) and payoff want[k]. */
static void assert_exact(const spec *sp, const char *const *want)
{
    mk_superrational r;
    solve(sp, &r);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    for (size_t s = 0; s < sp->k; s++)
        assert_string_equal(r.choice[0].prob[s], want[s]);
    assert_string_equal(r.choice[0].value, want[sp->k]);
    mk_superrational_free(&r);
}

/* Anti-coordination, rock-paper-scissors-like (one scores for each other
 * player on another strategy): u(s, c) = 2 - c_s, f = sum p_s (2 - 2 p_s)
 * = 2 (1 - sum p_s^2) <= 2 (1 - 1/3) = 4/3 by Cauchy-Schwarz, with
 * equality only at the centre (1/3, 1/3, 1/3): a point no halving of the
 * simplex reaches, so proven by the local proof. */
static void centre(void **state)
{
    (void)state;
    const spec sp = {3, 3, {2, 2, 2}, 0, 1};
    const char *want[] = {"1/3", "1/3", "1/3", "4/3"};
    assert_exact(&sp, want);
}

/* Built from the target p = (1/2, 1/3, 1/6): with
 * f = sum a_s p_s - 36 sum p_s^3 (u(s, c) = a_s - 36 [c_s = 2]), strictly
 * concave on the simplex, df/dp_s = a_s - 108 p_s^2 is 0 for every s at p
 * when a = 108 (1/4, 1/9, 1/36) = (27, 12, 3). f(p) = 27/2 + 4 + 1/2
 * - 36 (1/8 + 1/27 + 1/216) = 18 - 6 = 12. A cubic: its Hessian varies. */
static void uneven(void **state)
{
    (void)state;
    const spec sp = {3, 3, {27, 12, 3}, 36, 0};
    const char *want[] = {"1/2", "1/3", "1/6", "12"};
    assert_exact(&sp, want);
}

/* The same with four players, f = sum a_s p_s - 216 sum p_s^4, a_s =
 * 4 * 216 p_s^3 = (108, 32, 4); f(p) = 3 * 216 sum p_s^4 = 648 (1/16 +
 * 1/81 + 1/1296) = 49. */
static void uneven_four_players(void **state)
{
    (void)state;
    const spec sp = {4, 3, {108, 32, 4}, 216, 0};
    const char *want[] = {"1/2", "1/3", "1/6", "49"};
    assert_exact(&sp, want);
}

/* On an edge: u(s, c) = a_s - 3 c_s, f = sum p_s (a_s - 6 p_s), a = (5, 3,
 * -4). On the edge {1, 2}: 5 - 12 p_1 = 3 - 12 p_2 = lambda, p_1 + p_2 = 1:
 * p = (7/12, 5/12, 0), lambda = -2 >= -4 = df/dp_3: the maximum, 13/12. */
static void edge(void **state)
{
    (void)state;
    const spec sp = {3, 3, {5, 3, -4}, 0, 3};
    const char *want[] = {"7/12", "5/12", "0", "13/12"};
    assert_exact(&sp, want);
}

/* Four strategies, on the face of the first three: a = (4, 4, 4, -2),
 * f = sum p_s (a_s - 6 p_s): 4 - 12 p_s = 0 on the face at p_s = 1/3, and
 * df/dp_4 = -2 < 0: (1/3, 1/3, 1/3, 0), payoff 4 - 6/3 = 2. */
static void face_of_four(void **state)
{
    (void)state;
    const spec sp = {3, 4, {4, 4, 4, -2}, 0, 3};
    const char *want[] = {"1/3", "1/3", "1/3", "0", "2"};
    assert_exact(&sp, want);
}

/* Four strategies inside: f = sum p_s (a_s - 10 p_s) (u = a_s - 5 c_s),
 * a = (8, 4, 4, 4): 8 - 20 p_1 = 4 - 20 p_s = 0 at (2/5, 1/5, 1/5, 1/5),
 * payoff 2/5 * 4 + 3/5 * 2 = 14/5. */
static void inside_four(void **state)
{
    (void)state;
    const spec sp = {3, 4, {8, 4, 4, 4}, 0, 5};
    const char *want[] = {"2/5", "1/5", "1/5", "1/5", "14/5"};
    assert_exact(&sp, want);
}

/* Degenerate: a = (4, 4, 4, 0) in the game of face_of_four gives the same
 * maximiser (1/3, 1/3, 1/3, 0), payoff 2, but df/dp_4 = 0 = lambda: the
 * first-order change off the face vanishes, and the proof needs the
 * curvature in that direction too (f is strictly concave). */
static void degenerate_face(void **state)
{
    (void)state;
    const spec sp = {3, 4, {4, 4, 4, 0}, 0, 3};
    const char *want[] = {"1/3", "1/3", "1/3", "0", "2"};
    assert_exact(&sp, want);
}

/* Two maximisers. Four players, f = -(9 (p_1 - p_2)^2 - 1)^2 - (9 p_3 - 3)^2
 * <= 0, with equality only where p_3 = 1/3 and p_1 - p_2 = +-1/3: at
 * (1/2, 1/6, 1/3) and (1/6, 1/2, 1/3), both rational but out of reach of
 * halving. The game: u(s, c) = 2 b_{c + e_s}, b the Bernstein coefficients
 * of f (degree 4, after homogenising with p_1 + p_2 + p_3 = 1), so that
 * u(p, ..., p) = sum_a (sum_s a_s / 4) 2 b_a B_a(p) = 2 f. Count vectors
 * (c_1, c_2) = (0,0) (0,1) (0,2) (0,3) (1,0) (1,1) (1,2) (2,0) (2,1) (3,0). */
static void two_maxima(void **state)
{
    (void)state;
    const int64_t table[3][10] = {{-20, 1, 1, 142, 13, 1, -194, 25, 142, -146},
                                  {-20, 13, 25, -146, 1, 1, 142, 1, -194, 142},
                                  {-74, -20, 13, 25, -20, 1, 1, 13, 1, 25}};
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 4, 3, NULL), 0);
    for (size_t s = 0; s < 3; s++)
        for (size_t c = 0; c < 10; c++)
            g->payoff[s * g->n_counts + c] = (mk_rational){table[s][c], 1};
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_symgame_superrational(g, &r, &ctx), 0);
    mk_symgame_free(g);
    const char *want[2][3] = {{"1/2", "1/6", "1/3"}, {"1/6", "1/2", "1/3"}};
    assert_int_equal(r.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_true(r.choice[i].exact);
        for (size_t s = 0; s < 3; s++)
            assert_string_equal(r.choice[i].prob[s], want[i][s]);
        assert_string_equal(r.choice[i].value, "0");
    }
    mk_superrational_free(&r);
}

/* An irrational optimum stays certified: u(s, c) = [s = 1] - [c_s = 2],
 * f = p_1 - sum p_s^3, strictly concave; 1 - 3 p_1^2 = -3 t^2 with
 * p_2 = p_3 = t, p_1 = 1 - 2 t gives 9 t^2 - 12 t + 2 = 0, t = (2 - sqrt 2)/3:
 * p_1 = (2 sqrt 2 - 1)/3 = 0.60947570824873... */
static void irrational(void **state)
{
    (void)state;
    const spec sp = {3, 3, {1, 0, 0}, 1, 0};
    mk_superrational r;
    solve(&sp, &r);
    assert_int_equal(r.n, 1);
    assert_false(r.choice[0].exact);
    double p1 = (2 * sqrt(2.0) - 1) / 3, t = (2 - sqrt(2.0)) / 3;
    double value = p1 - p1 * p1 * p1 - 2 * t * t * t;
    assert_true(strtod(r.choice[0].prob_lo[0], NULL) <= p1);
    assert_true(strtod(r.choice[0].prob_hi[0], NULL) >= p1);
    assert_true(strtod(r.choice[0].value_lo, NULL) <= value + 1e-12);
    assert_true(strtod(r.choice[0].value_hi, NULL) >= value - 1e-12);
    mk_superrational_free(&r);
}

static void guess(void **state)
{
    (void)state;
    mpq_t p[3];
    for (size_t s = 0; s < 3; s++)
        mpq_init(p[s]);
    /* around (1/2, 1/3, 1/6): the smallest denominator 6 */
    const double lo[] = {0.49999, 0.33332, 0.16666}, hi[] = {0.50001, 0.33334, 0.16668};
    const double mid[] = {0.5, 0.33333, 0.16667};
    assert_int_equal(mk_superrational_guess(lo, hi, mid, 3, 0, p), 1);
    assert_int_equal(mpq_cmp_si(p[0], 1, 2), 0);
    assert_int_equal(mpq_cmp_si(p[1], 1, 3), 0);
    assert_int_equal(mpq_cmp_si(p[2], 1, 6), 0);
    /* in a wider box, the next one: a larger denominator (not 12, the
     * same point again), still in the box */
    const double wide_lo[] = {0.49, 0.32, 0.16}, wide_hi[] = {0.51, 0.34, 0.18};
    const double wide_mid[] = {0.5, 0.33, 0.17};
    assert_int_equal(mk_superrational_guess(wide_lo, wide_hi, wide_mid, 3, 1, p), 1);
    assert_int_equal(mpq_cmp_si(p[0], 1, 2), 0); /* (14, 9, 5) / 28 */
    assert_int_equal(mpq_cmp_si(p[1], 9, 28), 0);
    assert_int_equal(mpq_cmp_si(p[2], 5, 28), 0);
    /* a box too narrow for any denominator up to 1000 */
    const double lo2[] = {0.3141592, 0.5, 0.1858406}, hi2[] = {0.3141593, 0.5, 0.1858407};
    const double mid2[] = {0.31415925, 0.5, 0.18584065};
    assert_int_equal(mk_superrational_guess(lo2, hi2, mid2, 3, 0, p), 0);
    for (size_t s = 0; s < 3; s++)
        mpq_clear(p[s]);
}

/* The Bernstein coefficients of f for a game of spec sp on the whole
 * simplex: b_a = sum_s (a_s / n) u(s, a - e_s). */
static void root_coefficients(const spec *sp, const mk_compositions *c, mpq_t *b)
{
    for (size_t x = 0; x < c->count; x++) {
        const size_t *a = &c->part[x * c->k];
        mpq_set_ui(b[x], 0, 1);
        for (size_t s = 0; s < c->k; s++) {
            if (a[s] == 0)
                continue;
            int64_t u = sp->linear[s] - sp->slope * (int64_t)(a[s] - 1);
            if (a[s] == sp->n)
                u -= sp->step;
            mpq_t t;
            mpq_init(t);
            mpq_set_si(t, (long)(u * (int64_t)a[s]), (unsigned long)sp->n);
            mpq_canonicalize(t);
            mpq_add(b[x], b[x], t);
            mpq_clear(t);
        }
    }
}

/* prove_local: 1 at the anti-coordination centre, 0 at the centre of
 * coordination (u = c_s: f = 2 sum p_s^2, stationary but a minimum) and at
 * a point that is not stationary. */
static int prove(const spec *sp, const char *const *point, mpq_t value, mpq_t *floor)
{
    mk_compositions c;
    assert_int_equal(mk_compositions_make(&c, sp->n, sp->k, NULL), 0);
    mpq_t *b = malloc(c.count * sizeof *b), p[3];
    for (size_t x = 0; x < c.count; x++)
        mpq_init(b[x]);
    root_coefficients(sp, &c, b);
    for (size_t s = 0; s < 3; s++) {
        mpq_init(p[s]);
        assert_int_equal(mpq_set_str(p[s], point[s], 10), 0);
        mpq_canonicalize(p[s]);
    }
    int proven = mk_superrational_prove_local(&c, b, p, value, floor, NULL);
    for (size_t s = 0; s < 3; s++)
        mpq_clear(p[s]);
    for (size_t x = 0; x < c.count; x++)
        mpq_clear(b[x]);
    free(b);
    mk_compositions_free(&c);
    return proven;
}

static void prove_local(void **state)
{
    (void)state;
    mpq_t value, floor[3];
    mpq_init(value);
    for (size_t s = 0; s < 3; s++)
        mpq_init(floor[s]);
    const char *centre_point[] = {"1/3", "1/3", "1/3"}, *off[] = {"1/2", "1/4", "1/4"};
    const spec anti = {3, 3, {2, 2, 2}, 0, 1}, coordination = {3, 3, {0, 0, 0}, 0, -1};
    assert_int_equal(prove(&anti, centre_point, value, floor), 1);
    assert_int_equal(mpq_cmp_si(value, 4, 3), 0);
    for (size_t s = 0; s < 3; s++) /* a neighbourhood: below 1/3, not below 0 */
        assert_true(mpq_cmp_si(floor[s], 1, 3) < 0 && mpq_sgn(floor[s]) >= 0);
    assert_int_equal(prove(&coordination, centre_point, value, floor), 0);
    assert_int_equal(prove(&anti, off, value, floor), 0);
    mpq_clear(value);
    for (size_t s = 0; s < 3; s++)
        mpq_clear(floor[s]);
}

/* A strict local maximiser that is not global: four players, f = 6 (3 q^2
 * - q) with q = sum (p_s - 1/3)^2 in [0, 2/3] on the simplex. Near the
 * centre f ~ -6 q, a strict local maximum of value 0, which the local proof
 * accepts; but f grows with q beyond q = 1/6, and the vertices (q = 2/3)
 * pay 6 (4/3 - 2/3) = 4: the answer is the three pure strategies, and the
 * centre is not reported. Table from the Bernstein coefficients as in
 * two_maxima. */
static void local_not_global(void **state)
{
    (void)state;
    const int64_t table[3][10] = {{-5, 1, 1, -5, 4, 1, 4, -5, -5, 4},
                                  {-5, 4, -5, 4, 1, 1, -5, 1, 4, -5},
                                  {4, -5, 4, -5, -5, 1, 1, 4, 1, -5}};
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 4, 3, NULL), 0);
    for (size_t s = 0; s < 3; s++)
        for (size_t c = 0; c < 10; c++)
            g->payoff[s * g->n_counts + c] = (mk_rational){table[s][c], 1};
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_symgame_superrational(g, &r, &ctx), 0);
    assert_int_equal(r.n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_true(r.choice[i].exact);
        assert_string_equal(r.choice[i].prob[i], "1");
        assert_string_equal(r.choice[i].value, "4");
    }
    mk_superrational_free(&r);

    /* b_a = sum_s (a_s / n) u(s, a - e_s) */
    mk_compositions c;
    assert_int_equal(mk_compositions_make(&c, 4, 3, NULL), 0);
    mpq_t b[15], p[3], value, floor[3], t;
    size_t counts[3];
    mpq_inits(value, t, NULL);
    for (size_t x = 0; x < c.count; x++) {
        mpq_init(b[x]);
        for (size_t s = 0; s < 3; s++) {
            if (c.part[x * 3 + s] == 0)
                continue;
            memcpy(counts, &c.part[x * 3], sizeof counts);
            counts[s]--;
            mk_rational u = g->payoff[s * g->n_counts + mk_symgame_count_index(g, counts)];
            mpq_set_si(t, (long)(u.num * (int64_t)c.part[x * 3 + s]), 4);
            mpq_canonicalize(t);
            mpq_add(b[x], b[x], t);
        }
    }
    for (size_t s = 0; s < 3; s++) {
        mpq_inits(p[s], floor[s], NULL);
        mpq_set_ui(p[s], 1, 3);
    }
    assert_int_equal(mk_superrational_prove_local(&c, b, p, value, floor, NULL), 1);
    assert_int_equal(mpq_sgn(value), 0);
    for (size_t x = 0; x < c.count; x++)
        mpq_clear(b[x]);
    for (size_t s = 0; s < 3; s++)
        mpq_clears(p[s], floor[s], NULL);
    mpq_clears(value, t, NULL);
    mk_compositions_free(&c);
    mk_symgame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(centre),
        cmocka_unit_test(uneven),
        cmocka_unit_test(uneven_four_players),
        cmocka_unit_test(edge),
        cmocka_unit_test(face_of_four),
        cmocka_unit_test(inside_four),
        cmocka_unit_test(degenerate_face),
        cmocka_unit_test(two_maxima),
        cmocka_unit_test(irrational),
        cmocka_unit_test(guess),
        cmocka_unit_test(prove_local),
        cmocka_unit_test(local_not_global),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
