/*
 * Tests of the power indices (src/coop/power.c, power_dp.c, power_enum.c):
 * known answers of real games written inline, the same games read from
 * ../shared/data/coop/ when it is there, a brute-force cross-check on
 * random small games, limits and options.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <gmp.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/coop.h"
#include "mechkit/power.h"

/* ---- helpers ---- */

static mk_simple_game *game_new(size_t n, const char *const *names, const int64_t *w, int64_t quota)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    int rc = mk_simple_game_new(&g, n, 1, names, w, &quota, &ctx);
    if (rc != 0)
        fail_msg("game: rc %d: %s", rc, ctx.message);
    return g;
}

static mk_power *power_of(const mk_simple_game *g, int method, unsigned indices)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_power_options opt = MK_POWER_OPTIONS_INIT;
    opt.method = method;
    opt.indices = indices;
    mk_power *p = NULL;
    int rc = mk_power_compute(g, &opt, &p, &ctx);
    if (rc != 0)
        fail_msg("power: rc %d: %s", rc, ctx.message);
    return p;
}

static void check(const char *what, size_t i, const char *got, const char *want)
{
    if (strcmp(got, want) != 0)
        fail_msg("%s of player %zu: got %s, want %s", what, i + 1, got, want);
}

/* Names "p1", "p2", ... for generated games (n <= 64). */
static const char *const *numbered(void)
{
    static char text[64][8];
    static const char *names[64];
    for (size_t i = 0; i < 64; i++) {
        snprintf(text[i], sizeof text[i], "p%zu", i + 1);
        names[i] = text[i];
    }
    return names;
}

/* ---- known answers, inline ---- */

/* UN Security Council since 1965: 5 permanent members of weight 7, 10
 * others of weight 1, quota 39 ("9 of 15 including the 5", UN Charter Art.
 * 27(3)). Shapley-Shubik 421/2145 and 4/2145 (Straffin, "Game Theory and
 * Strategy", 1993); Banzhaf swings 848 and 84, total 5080 (SOURCES.md of
 * ../shared/data/coop/). */
static mk_simple_game *security_council(void)
{
    int64_t w[15];
    for (size_t i = 0; i < 15; i++)
        w[i] = i < 5 ? 7 : 1;
    return game_new(15, numbered(), w, 39);
}

static void check_security_council(const mk_power *p)
{
    for (size_t i = 0; i < 15; i++) {
        int big = i < 5;
        check("shapley_shubik", i, p->shapley_shubik[i], big ? "421/2145" : "4/2145");
        check("shapley_shubik_decimal", i, p->shapley_shubik_decimal[i],
              big ? "0.196270" : "0.001865");
        check("swings", i, p->swings[i], big ? "848" : "84");
        check("banzhaf", i, p->banzhaf[i], big ? "106/635" : "21/1270");
        /* 848 / 2^14 = 53/1024 and 84 / 2^14 = 21/4096. */
        check("banzhaf_absolute", i, p->banzhaf_absolute[i], big ? "53/1024" : "21/4096");
        check("banzhaf_absolute_decimal", i, p->banzhaf_absolute_decimal[i],
              big ? "0.051758" : "0.005127");
    }
    assert_string_equal(p->total_swings, "5080");
}

static void test_security_council(void **state)
{
    (void)state;
    mk_simple_game *g = security_council();
    int methods[] = {MK_POWER_AUTO, MK_POWER_DP, MK_POWER_ENUMERATE};
    for (size_t m = 0; m < 3; m++) {
        mk_power *p = power_of(g, methods[m], MK_POWER_ALL);
        assert_int_equal(p->method, m == 2 ? MK_POWER_ENUMERATE : MK_POWER_DP);
        check_security_council(p);
        mk_power_free(p);
    }
    mk_simple_game_free(g);
}

/* EEC Council of Ministers 1958 (Treaty of Rome): weights 4, 4, 4, 2, 2, 1,
 * quota 12. Luxembourg is a dummy; Shapley-Shubik 7/30 and 3/20;
 * swings 10 and 6, normalised 5/21 and 1/7 (Felsenthal and Machover, "The
 * Measurement of Voting Power", 1998). */
static void test_eec_1958(void **state)
{
    (void)state;
    const char *names[] = {"France", "Germany", "Italy", "Belgium", "Netherlands", "Luxembourg"};
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    const char *ss[] = {"7/30", "7/30", "7/30", "3/20", "3/20", "0"};
    const char *sw[] = {"10", "10", "10", "6", "6", "0"};
    const char *bz[] = {"5/21", "5/21", "5/21", "1/7", "1/7", "0"};
    mk_simple_game *g = game_new(6, names, w, 12);
    for (int m = MK_POWER_DP; m <= MK_POWER_ENUMERATE; m++) {
        mk_power *p = power_of(g, m, MK_POWER_ALL);
        for (size_t i = 0; i < 6; i++) {
            check("shapley_shubik", i, p->shapley_shubik[i], ss[i]);
            check("swings", i, p->swings[i], sw[i]);
            check("banzhaf", i, p->banzhaf[i], bz[i]);
        }
        assert_string_equal(p->shapley_shubik_decimal[5], "0.000000");
        assert_string_equal(p->total_swings, "42");
        mk_power_free(p);
    }
    mk_simple_game_free(g);
}

/* US Electoral College, 1990 apportionment (U.S. Information Agency,
 * "Electoral Voting Strength of States, 1996"), quota 270 of 538. The
 * values are those stored in ../shared/data/coop/us_electoral_college_1990
 * .json (computed there by two independent counting routines); no
 * published table exists to compare with. */
static const char *const ec_names[] = {"Alabama",        "Alaska",         "Arizona",
                                       "Arkansas",       "California",     "Colorado",
                                       "Connecticut",    "Delaware",       "District of Columbia",
                                       "Florida",        "Georgia",        "Hawaii",
                                       "Idaho",          "Illinois",       "Indiana",
                                       "Iowa",           "Kansas",         "Kentucky",
                                       "Louisiana",      "Maine",          "Maryland",
                                       "Massachusetts",  "Michigan",       "Minnesota",
                                       "Mississippi",    "Missouri",       "Montana",
                                       "Nebraska",       "Nevada",         "New Hampshire",
                                       "New Jersey",     "New Mexico",     "New York",
                                       "North Carolina", "North Dakota",   "Ohio",
                                       "Oklahoma",       "Oregon",         "Pennsylvania",
                                       "Rhode Island",   "South Carolina", "South Dakota",
                                       "Tennessee",      "Texas",          "Utah",
                                       "Vermont",        "Virginia",       "Washington",
                                       "West Virginia",  "Wisconsin",      "Wyoming"};
static const int64_t ec_weights[] = {9, 3,  8, 6,  54, 8,  8,  3, 3,  25, 13, 4, 4,  22, 12, 7,  6,
                                     8, 9,  4, 10, 12, 18, 10, 7, 11, 3,  5,  4, 4,  15, 5,  33, 14,
                                     3, 21, 8, 7,  23, 4,  8,  3, 11, 32, 5,  3, 13, 11, 5,  11, 3};

static void test_electoral_college_1990(void **state)
{
    (void)state;
    mk_simple_game *g = game_new(51, ec_names, ec_weights, 270);
    assert_int_equal(g->total[0], 538);
    mk_power *p = power_of(g, MK_POWER_AUTO, MK_POWER_ALL);
    check("swings", 4, p->swings[4], "525180666785903");   /* California */
    check("swings", 32, p->swings[32], "292267988381903"); /* New York */
    check("swings", 43, p->swings[43], "282842187059467"); /* Texas */
    check("swings", 35, p->swings[35], "182348576094347"); /* Ohio */
    check("swings", 50, p->swings[50], "25731095182547");  /* Wyoming, 3 votes */
    assert_string_equal(p->total_swings, "4713202315875475");
    check("shapley_shubik", 4, p->shapley_shubik[4], "83771364033867681937/774761126061499176600");
    check("shapley_shubik_decimal", 4, p->shapley_shubik_decimal[4], "0.108125");
    check("banzhaf", 4, p->banzhaf[4], "525180666785903/4713202315875475");
    mk_power_free(p);
    mk_simple_game_free(g);
}

/* ---- the same games from ../shared/data/coop/, when present ---- */

static json_t *load_shared(const char *file)
{
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    if (dir == NULL)
        return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/coop/%s", dir, file);
    return json_load_file(path, 0, NULL);
}

/* Every stored answer of the file equals what mechkit computes from it. */
static void check_shared(const char *file)
{
    json_t *doc = load_shared(file);
    if (doc == NULL) {
        skip(); /* the shared data is not there: nothing to compare with */
        return;
    }
    char *text = json_dumps(doc, 0);
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    int rc = mk_simple_game_read_json(&g, file, text, strlen(text), &ctx);
    if (rc != 0)
        fail_msg("%s: %s", file, ctx.message);
    mk_power *p = power_of(g, MK_POWER_AUTO, MK_POWER_ALL);
    json_t *ss = json_object_get(doc, "shapley_shubik");
    json_t *sw = json_object_get(doc, "banzhaf_swings");
    json_t *bz = json_object_get(doc, "banzhaf_normalized");
    assert_int_equal(json_object_size(ss), g->n);
    for (size_t i = 0; i < g->n; i++) {
        const char *who = g->names[i];
        check("shapley_shubik", i, p->shapley_shubik[i],
              json_string_value(json_object_get(ss, who)));
        char swings[32];
        snprintf(swings, sizeof swings, "%lld",
                 (long long)json_integer_value(json_object_get(sw, who)));
        check("swings", i, p->swings[i], swings);
        check("banzhaf", i, p->banzhaf[i], json_string_value(json_object_get(bz, who)));
    }
    char total[32];
    snprintf(total, sizeof total, "%lld",
             (long long)json_integer_value(json_object_get(doc, "banzhaf_total_swings")));
    assert_string_equal(p->total_swings, total);
    mk_power_free(p);
    mk_simple_game_free(g);
    free(text);
    json_decref(doc);
}

static void test_shared_security_council(void **state)
{
    (void)state;
    check_shared("un_security_council.json");
}

static void test_shared_eec(void **state)
{
    (void)state;
    check_shared("eec_council_1958.json");
}

static void test_shared_electoral_college(void **state)
{
    (void)state;
    check_shared("us_electoral_college_1990.json");
}

/* ---- brute force: coalition enumeration written here, independently ---- */

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void fraction(uint64_t num, uint64_t den, char *buf, size_t cap)
{
    uint64_t d = gcd(num, den);
    if (num == 0)
        snprintf(buf, cap, "0");
    else if (den / d == 1)
        snprintf(buf, cap, "%llu", (unsigned long long)(num / d));
    else
        snprintf(buf, cap, "%llu/%llu", (unsigned long long)(num / d),
                 (unsigned long long)(den / d));
}

/* Wins in every component game (k games of n weights). */
static int brute_wins(const mk_simple_game *g, uint32_t c)
{
    for (size_t k = 0; k < g->n_games; k++) {
        int64_t sum = 0;
        for (size_t i = 0; i < g->n; i++)
            if (c >> i & 1)
                sum += g->weight[k * g->n + i];
        if (sum < g->quota[k])
            return 0;
    }
    return 1;
}

/* Compares p with counting over all 2^n coalitions (n <= 12, so n! and
 * every numerator fit in uint64). */
static void check_brute(const mk_simple_game *g, const mk_power *p)
{
    size_t n = g->n;
    uint64_t fact[13] = {1};
    for (size_t k = 1; k <= 12; k++)
        fact[k] = fact[k - 1] * k;
    uint64_t total = 0, swings[12] = {0}, ss[12] = {0};
    for (uint32_t c = 0; c < (1u << n); c++) {
        if (!brute_wins(g, c))
            continue;
        size_t size = (size_t)__builtin_popcount(c);
        for (size_t i = 0; i < n; i++) {
            if (!(c >> i & 1) || brute_wins(g, c & ~(1u << i)))
                continue;
            swings[i]++;
            total++;
            ss[i] += fact[size - 1] * fact[n - size];
        }
    }
    char want[64];
    for (size_t i = 0; i < n; i++) {
        fraction(ss[i], fact[n], want, sizeof want);
        check("shapley_shubik", i, p->shapley_shubik[i], want);
        snprintf(want, sizeof want, "%llu", (unsigned long long)swings[i]);
        check("swings", i, p->swings[i], want);
        fraction(swings[i], total, want, sizeof want);
        check("banzhaf", i, p->banzhaf[i], want);
        fraction(swings[i], 1ull << (n - 1), want, sizeof want);
        check("banzhaf_absolute", i, p->banzhaf_absolute[i], want);
    }
}

/* A small deterministic generator (xorshift64*), so that failures repeat. */
static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void test_random_weighted_against_brute_force(void **state)
{
    (void)state;
    uint64_t seed = 20261123;
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + next(&seed) % 12;
        int64_t w[12], total = 0;
        int64_t top = 1 + (int64_t)(next(&seed) % 20);
        for (size_t i = 0; i < n; i++)
            total += w[i] = (int64_t)(next(&seed) % (uint64_t)(top + 1)); /* zeros too */
        if (total == 0)
            total += w[0] = 1;
        int64_t quota = 1 + (int64_t)(next(&seed) % (uint64_t)total);
        mk_simple_game *g = game_new(n, numbered(), w, quota);
        for (int m = MK_POWER_DP; m <= MK_POWER_ENUMERATE; m++) {
            mk_power *p = power_of(g, m, MK_POWER_ALL);
            check_brute(g, p);
            mk_power_free(p);
        }
        mk_simple_game_free(g);
    }
}

/* Swings by a plain reference: f[s] = coalitions of weight s < q (mpz,
 * one cell at a time, every player including those of weight 0), then
 * for each player i the coalitions without i, d[s] = f[s] - d[s - w_i]
 * (f[s] / 2 for weight 0), summed over the window [q - w_i, q - 1]. No
 * limbs, tiles, groups or threads, unlike src/coop/limb_row.c. */
static void reference_swings(size_t n, const int64_t *w, int64_t quota, mpz_t *out)
{
    size_t q = (size_t)quota;
    mpz_t *f = malloc(q * sizeof *f), *d = malloc(q * sizeof *d);
    assert_non_null(f);
    assert_non_null(d);
    for (size_t s = 0; s < q; s++) {
        mpz_init_set_ui(f[s], s == 0);
        mpz_init(d[s]);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t s = q; s-- > 0;)
            if ((size_t)w[i] <= s)
                mpz_add(f[s], f[s], f[s - (size_t)w[i]]);
    for (size_t i = 0; i < n; i++) {
        size_t wi = (size_t)w[i];
        mpz_set_ui(out[i], 0);
        for (size_t s = 0; s < q; s++) {
            if (wi == 0)
                mpz_tdiv_q_2exp(d[s], f[s], 1);
            else if (s >= wi)
                mpz_sub(d[s], f[s], d[s - wi]);
            else
                mpz_set(d[s], f[s]);
            if (s + wi >= q)
                mpz_add(out[i], out[i], d[s]);
        }
    }
    for (size_t s = 0; s < q; s++) {
        mpz_clear(f[s]);
        mpz_clear(d[s]);
    }
    free(f);
    free(d);
}

/* Rows long enough for many tiles of the wavefront and groups of players
 * (src/coop/limb_row.c), counts past one limb, weights past
 * LIMB_GROUP_MAX_WEIGHT (added alone), zeros and repeated weights, every
 * kind of quota; swings against reference_swings. */
static void test_random_rows_against_reference(void **state)
{
    (void)state;
    static char text[120][8];
    static const char *names[120];
    for (size_t i = 0; i < 120; i++) {
        snprintf(text[i], sizeof text[i], "r%zu", i);
        names[i] = text[i];
    }
    uint64_t seed = 8;
    for (int round = 0; round < 12; round++) {
        size_t n = 20 + next(&seed) % 100;
        int64_t w[120], total = 0, top = round % 3 == 0 ? 20000 : 1 + (int64_t)(next(&seed) % 400);
        for (size_t i = 0; i < n; i++)
            total += w[i] = (int64_t)(next(&seed) % (uint64_t)(top + 1));
        if (total == 0)
            total += w[0] = 1;
        /* Quotas from a tenth of the total to all of it, capped so that the
         * reference stays quick. */
        int64_t quota = total / 10 + 1 + (int64_t)(next(&seed) % (uint64_t)(total - total / 10));
        if (quota > 30000)
            quota = 30000;
        mk_simple_game *g = game_new(n, names, w, quota);
        mpz_t want[120];
        for (size_t i = 0; i < n; i++)
            mpz_init(want[i]);
        reference_swings(n, w, quota, want);
        for (unsigned threads = 1; threads <= 2; threads++) {
            mk_ctx ctx = MK_CTX_INIT;
            mk_power_options opt = MK_POWER_OPTIONS_INIT;
            opt.indices = MK_POWER_BANZHAF;
            opt.method = MK_POWER_DP;
            opt.threads = threads;
            mk_power *p = NULL;
            assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), 0);
            for (size_t i = 0; i < n; i++) {
                char *s = mpz_get_str(NULL, 10, want[i]);
                check("swings", i, p->swings[i], s);
                free(s);
            }
            mk_power_free(p);
        }
        for (size_t i = 0; i < n; i++)
            mpz_clear(want[i]);
        mk_simple_game_free(g);
    }
}

static void test_random_multiple_against_brute_force(void **state)
{
    (void)state;
    uint64_t seed = 77;
    for (int round = 0; round < 100; round++) {
        size_t n = 1 + next(&seed) % 10, k = 1 + next(&seed) % 3;
        int64_t w[3 * 10], quota[3];
        for (size_t j = 0; j < k; j++) {
            int64_t total = 0;
            for (size_t i = 0; i < n; i++)
                total += w[j * n + i] = (int64_t)(next(&seed) % 9);
            if (total == 0)
                total += w[j * n] = 1;
            quota[j] = 1 + (int64_t)(next(&seed) % (uint64_t)total);
        }
        mk_ctx ctx = MK_CTX_INIT;
        mk_simple_game *g = NULL;
        assert_int_equal(mk_simple_game_new(&g, n, k, numbered(), w, quota, &ctx), 0);
        mk_power *p = power_of(g, MK_POWER_AUTO, MK_POWER_ALL);
        assert_int_equal(p->method, k == 1 ? MK_POWER_DP : MK_POWER_ENUMERATE);
        check_brute(g, p);
        mk_power_free(p);
        /* Dynamic programming over vectors of weights, on the same games. */
        p = power_of(g, MK_POWER_DP, MK_POWER_ALL);
        check_brute(g, p);
        mk_power_free(p);
        for (unsigned one = MK_POWER_SHAPLEY_SHUBIK; one <= MK_POWER_BANZHAF; one++) {
            p = power_of(g, MK_POWER_DP, one);
            assert_true(one == MK_POWER_BANZHAF ? p->shapley_shubik == NULL : p->swings == NULL);
            mk_power_free(p);
        }
        mk_simple_game_free(g);
    }
}

/* Past the enumeration limit: a double majority of 27 members (15 of 27,
 * and 65% of seeded populations), by DP over vectors of weights. No brute
 * force is possible here, so the checks are the axioms: Shapley-Shubik
 * adds up to 1, members with the same population get the same values;
 * and at 21 members the two methods agree. */
static void test_multiple_dp_large(void **state)
{
    (void)state;
    static char text[27][8];
    static const char *names[27];
    int64_t w[2 * 27], quota[2], people = 0;
    uint64_t seed = 2719;
    for (size_t i = 0; i < 27; i++) {
        snprintf(text[i], sizeof text[i], "m%zu", i + 1);
        names[i] = text[i];
        w[i] = 1;
        people += w[27 + i] = i == 26 ? w[27 + 25] : 1 + (int64_t)(next(&seed) % 800);
    }
    quota[0] = 15;
    quota[1] = (people * 65 + 99) / 100;
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    assert_int_equal(mk_simple_game_new(&g, 27, 2, names, w, quota, &ctx), 0);
    mk_power *p = power_of(g, MK_POWER_AUTO, MK_POWER_ALL);
    assert_int_equal(p->method, MK_POWER_DP);
    mpq_t sum, v;
    mpq_inits(sum, v, NULL);
    for (size_t i = 0; i < 27; i++) {
        assert_int_equal(mpq_set_str(v, p->shapley_shubik[i], 10), 0);
        mpq_canonicalize(v);
        mpq_add(sum, sum, v);
    }
    assert_int_equal(mpq_cmp_ui(sum, 1, 1), 0);
    mpq_clears(sum, v, NULL);
    assert_string_equal(p->shapley_shubik[25], p->shapley_shubik[26]);
    assert_string_equal(p->swings[25], p->swings[26]);
    mk_power_free(p);
    mk_simple_game_free(g);

    /* 21 members, three games: DP and enumeration agree. */
    int64_t w3[3 * 21], q3[3];
    for (size_t k = 0; k < 3; k++) {
        int64_t total = 0;
        for (size_t i = 0; i < 21; i++)
            total += w3[k * 21 + i] = (int64_t)(next(&seed) % 12);
        q3[k] = total / 2 + 1;
    }
    assert_int_equal(mk_simple_game_new(&g, 21, 3, names, w3, q3, &ctx), 0);
    mk_power *dp = power_of(g, MK_POWER_DP, MK_POWER_ALL);
    mk_power *en = power_of(g, MK_POWER_ENUMERATE, MK_POWER_ALL);
    for (size_t i = 0; i < 21; i++) {
        check("shapley_shubik", i, dp->shapley_shubik[i], en->shapley_shubik[i]);
        check("swings", i, dp->swings[i], en->swings[i]);
    }
    mk_power_free(dp);
    mk_power_free(en);
    mk_simple_game_free(g);
}

/* A double majority (EU-style): 3 members with populations 60, 30, 10;
 * 2 of 3 members and 65 of the 100 people. Worked by hand: the winning
 * coalitions are {A,B} (90) and {A,C} (70) and {A,B,C}; {B,C} has 40.
 * A swings all three, B swings {A,B}, C swings {A,C}: swings 3, 1, 1;
 * A is pivotal in 4 of the 6 orders (second or third after B or C). */
static void test_double_majority(void **state)
{
    (void)state;
    const char *names[] = {"A", "B", "C"};
    int64_t w[] = {1, 1, 1, 60, 30, 10}, quota[] = {2, 65};
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    assert_int_equal(mk_simple_game_new(&g, 3, 2, names, w, quota, &ctx), 0);
    for (int m = MK_POWER_DP; m <= MK_POWER_ENUMERATE; m++) {
        mk_power *p = power_of(g, m, MK_POWER_ALL);
        assert_string_equal(p->shapley_shubik[0], "2/3");
        assert_string_equal(p->shapley_shubik[1], "1/6");
        assert_string_equal(p->swings[0], "3");
        assert_string_equal(p->banzhaf[2], "1/5");
        mk_power_free(p);
    }
    mk_simple_game_free(g);
}

/* ---- options, renderings and limits ---- */

static void test_indices_and_places(void **state)
{
    (void)state;
    const char *names[] = {"a", "b"};
    int64_t w[] = {1, 1};
    mk_simple_game *g = game_new(2, names, w, 1); /* either alone wins */
    mk_ctx ctx = MK_CTX_INIT;
    mk_power *p = NULL;
    mk_power_options opt = MK_POWER_OPTIONS_INIT;
    opt.indices = MK_POWER_SHAPLEY_SHUBIK;
    opt.places = 0;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), 0);
    assert_null(p->swings);
    assert_null(p->banzhaf);
    assert_string_equal(p->shapley_shubik[0], "1/2");
    assert_string_equal(p->shapley_shubik_decimal[0], "1"); /* half rounds up */
    mk_power_free(p);
    opt.indices = MK_POWER_BANZHAF;
    opt.places = 3;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), 0);
    assert_null(p->shapley_shubik);
    assert_string_equal(p->banzhaf_decimal[1], "0.500");
    assert_string_equal(p->banzhaf_absolute[1], "1/2");
    mk_power_free(p);

    mk_power *untouched = (mk_power *)&ctx;
    p = untouched;
    opt.places = MK_POWER_MAX_PLACES + 1;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_EPARAM);
    opt.places = 6;
    opt.indices = 0;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_EPARAM);
    opt.indices = 8;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_EPARAM);
    opt.indices = MK_POWER_ALL;
    opt.method = 9;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_EPARAM);
    opt.method = MK_POWER_AUTO;
    opt.version = 99;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_EPARAM);
    assert_ptr_equal(p, untouched);
    assert_int_equal(mk_power_compute(g, NULL, &p, &ctx), 0); /* defaults */
    assert_string_equal(p->shapley_shubik_decimal[0], "0.500000");
    mk_power_free(p);
    mk_power_free(NULL);
    mk_simple_game_free(g);
}

/* A lone player with a weight at or above the quota is a dictator. */
static void test_dictator_and_heavy_players(void **state)
{
    (void)state;
    int64_t w[] = {0, 100, 3, 0};
    mk_simple_game *g = game_new(4, numbered(), w, 50);
    mk_power *p = power_of(g, MK_POWER_DP, MK_POWER_ALL);
    const char *ss[] = {"0", "1", "0", "0"}, *sw[] = {"0", "8", "0", "0"};
    for (size_t i = 0; i < 4; i++) {
        check("shapley_shubik", i, p->shapley_shubik[i], ss[i]);
        check("swings", i, p->swings[i], sw[i]);
    }
    assert_string_equal(p->banzhaf_absolute[1], "1");
    mk_power_free(p);
    mk_simple_game_free(g);
}

/* Swings past 2^64 stay exact: 70 players of weight 1, quota 36 (simple
 * majority): each swings C(69, 35) = 56093138908331422716 times. */
static void test_big_counts(void **state)
{
    (void)state;
    char text[70][8];
    const char *names[70];
    int64_t w[70];
    for (size_t i = 0; i < 70; i++) {
        snprintf(text[i], sizeof text[i], "v%zu", i);
        names[i] = text[i];
        w[i] = 1;
    }
    mk_simple_game *g = game_new(70, names, w, 36);
    mk_power *p = power_of(g, MK_POWER_DP, MK_POWER_ALL);
    assert_string_equal(p->swings[69], "56093138908331422716");
    assert_string_equal(p->shapley_shubik[0], "1/70");
    assert_string_equal(p->banzhaf[0], "1/70");
    mk_power_free(p);
    mk_simple_game_free(g);
}

/* Banzhaf with 1, 2 and 3 threads (src/coop/limb_row.c cuts long rows
 * into segments, each thread sweeping a copy of the band below its own):
 * the same swings. Game A is random (600 players, weights up to 1,000, a
 * row long enough for two segments); in game B the group with the heavy
 * players is too short to split. */
static void check_threads_agree(const mk_simple_game *g)
{
    mk_power *one = NULL;
    for (unsigned threads = 1; threads <= 3; threads++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_power_options opt = MK_POWER_OPTIONS_INIT;
        opt.indices = MK_POWER_BANZHAF;
        opt.threads = threads;
        mk_power *p = NULL;
        assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), 0);
        if (one == NULL) {
            one = p;
            continue;
        }
        for (size_t i = 0; i < g->n; i++)
            check("swings", i, p->swings[i], one->swings[i]);
        mk_power_free(p);
    }
    mk_power_free(one);
}

static void test_threads_agree(void **state)
{
    (void)state;
    static char text[604][8];
    static const char *names[604];
    for (size_t i = 0; i < 604; i++) {
        snprintf(text[i], sizeof text[i], "t%zu", i);
        names[i] = text[i];
    }
    int64_t w[604], total = 0;
    uint64_t seed = 5;
    for (size_t i = 0; i < 600; i++)
        total += w[i] = 1 + (int64_t)(next(&seed) % 1000);
    mk_simple_game *g = game_new(600, names, w, total / 2 + 1);
    check_threads_agree(g);
    mk_simple_game_free(g);
    for (size_t i = 0; i < 604; i++)
        w[i] = i < 600 ? 10 : 4000;
    g = game_new(604, names, w, 15000);
    check_threads_agree(g);
    mk_simple_game_free(g);
}

/* 400 players of weight 1,000, quota 200,001: a player swings exactly
 * the coalitions of 200 others, C(399, 200) of them, a number of 396
 * bits, through a row of 200,000 cells in many tiles. Shapley-Shubik
 * (1/400 each) would need 200 such rows: refused, saying that Banzhaf
 * alone fits. */
static void test_large_symmetric_game(void **state)
{
    (void)state;
    static char text[400][8];
    static const char *names[400];
    int64_t w[400];
    for (size_t i = 0; i < 400; i++) {
        snprintf(text[i], sizeof text[i], "s%zu", i);
        names[i] = text[i];
        w[i] = 1000;
    }
    mk_simple_game *g = game_new(400, names, w, 200001);
    mpz_t want;
    mpz_init(want);
    mpz_bin_uiui(want, 399, 200);
    char *s = mpz_get_str(NULL, 10, want);
    mk_power *p = power_of(g, MK_POWER_DP, MK_POWER_BANZHAF);
    for (size_t i = 0; i < 400; i += 57)
        check("swings", i, p->swings[i], s);
    check("banzhaf", 399, p->banzhaf[399], "1/400");
    mk_power_free(p);
    free(s);
    mpz_clear(want);
    mk_ctx ctx = MK_CTX_INIT;
    mk_power_options opt = MK_POWER_OPTIONS_INIT;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "Shapley-Shubik"));
    assert_non_null(strstr(ctx.message, "Banzhaf index alone fits"));
    mk_simple_game_free(g);
}

static void test_limits(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_power *p = NULL;
    mk_power_options opt = MK_POWER_OPTIONS_INIT;
    /* 26 players: past the enumeration limit. */
    int64_t w[26];
    for (size_t i = 0; i < 26; i++)
        w[i] = 1;
    char text[26][8];
    const char *names[26];
    for (size_t i = 0; i < 26; i++) {
        snprintf(text[i], sizeof text[i], "x%zu", i);
        names[i] = text[i];
    }
    mk_simple_game *g = game_new(26, names, w, 14);
    opt.method = MK_POWER_ENUMERATE;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "25 players"));
    mk_simple_game_free(g);
    /* A quota of 10^15: the DP tables would not fit. */
    int64_t huge[] = {INT64_C(1000000000000000), INT64_C(1000000000000000)};
    g = game_new(2, names, huge, INT64_C(1000000000000000));
    opt.method = MK_POWER_DP;
    assert_int_equal(mk_power_compute(g, &opt, &p, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "MiB"));
    assert_null(p);
    mk_simple_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_security_council),
        cmocka_unit_test(test_eec_1958),
        cmocka_unit_test(test_electoral_college_1990),
        cmocka_unit_test(test_shared_security_council),
        cmocka_unit_test(test_shared_eec),
        cmocka_unit_test(test_shared_electoral_college),
        cmocka_unit_test(test_random_weighted_against_brute_force),
        cmocka_unit_test(test_random_multiple_against_brute_force),
        cmocka_unit_test(test_random_rows_against_reference),
        cmocka_unit_test(test_double_majority),
        cmocka_unit_test(test_multiple_dp_large),
        cmocka_unit_test(test_indices_and_places),
        cmocka_unit_test(test_dictator_and_heavy_players),
        cmocka_unit_test(test_big_counts),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_large_symmetric_game),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
