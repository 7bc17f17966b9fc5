/*
 * Power indices from minimal winning and vulnerable coalitions
 * (mechkit/simple_indices.h): Deegan-Packel, Holler-Packel, Johnston and
 * Coleman, by one pass over every coalition of a simple game.
 */
#include <stdlib.h>

#include "coop_internal.h"
#include "winning_set.h"
#include "mechkit/simple_indices.h"

/* Counts of one pass. crit[i (n+1) + c]: winning coalitions with c
 * critical members, i among them; minimal[i (n+1) + s]: minimal winning
 * coalitions of size s holding i. */
typedef struct counts {
    size_t n;
    uint64_t winning, minimal, vulnerable;
    uint64_t *crit, *minimal_by_size;
} counts;

static void count_coalitions(const unsigned char *win, counts *t)
{
    size_t n = t->n;
    for (size_t c = 0; c < (size_t)1 << n; c++) {
        if (!mk_coop_wins(win, c))
            continue;
        t->winning++;
        size_t critical = 0;
        for (size_t rest = c; rest != 0; rest &= rest - 1) {
            size_t i = (size_t)__builtin_ctzll((unsigned long long)rest);
            if (!mk_coop_wins(win, c ^ ((size_t)1 << i)))
                critical |= (size_t)1 << i;
        }
        size_t k = (size_t)__builtin_popcountll((unsigned long long)critical);
        if (k == 0)
            continue;
        t->vulnerable++;
        for (size_t rest = critical; rest != 0; rest &= rest - 1)
            t->crit[(size_t)__builtin_ctzll((unsigned long long)rest) * (n + 1) + k]++;
        if (critical != c)
            continue;
        t->minimal++; /* every member critical: k = |c| */
        for (size_t rest = c; rest != 0; rest &= rest - 1)
            t->minimal_by_size[(size_t)__builtin_ctzll((unsigned long long)rest) * (n + 1) + k]++;
    }
}

static void set_u64(mpz_t out, uint64_t v)
{
    mpz_set_ui(out, (unsigned long)v);
}

/* x[i] = sum over k of row_i[k] / k when by_size, else sum of row_i[k];
 * then divided by den. */
static void per_player(const counts *t, const uint64_t *table, int by_size, uint64_t den, mpq_t *x)
{
    size_t n = t->n;
    mpq_t term;
    mpq_init(term);
    for (size_t i = 0; i < n; i++) {
        mpq_set_ui(x[i], 0, 1);
        for (size_t k = 1; k <= n; k++) {
            set_u64(mpq_numref(term), table[i * (n + 1) + k]);
            mpz_set_ui(mpq_denref(term), by_size ? (unsigned long)k : 1);
            mpq_canonicalize(term);
            mpq_add(x[i], x[i], term);
        }
        set_u64(mpq_numref(term), den);
        mpz_set_ui(mpq_denref(term), 1);
        mpq_div(x[i], x[i], term);
    }
    mpq_clear(term);
}

static uint64_t table_sum(const counts *t, const uint64_t *table)
{
    uint64_t s = 0;
    for (size_t j = 0; j < t->n * (t->n + 1); j++)
        s += table[j];
    return s;
}

static int coleman(const counts *t, mpq_t *x, int places, mk_simple_indices *r, mk_ctx *ctx)
{
    uint64_t all = (uint64_t)1 << t->n;
    per_player(t, t->crit, 0, t->winning, x);
    int rc = coop_vector_from_mpq(&r->coleman_prevent, x, t->n, places, ctx);
    per_player(t, t->crit, 0, all - t->winning, x);
    if (rc == 0)
        rc = coop_vector_from_mpq(&r->coleman_initiate, x, t->n, places, ctx);
    if (rc != 0)
        return rc;
    mpq_set_ui(x[0], (unsigned long)t->winning, (unsigned long)all);
    mpq_canonicalize(x[0]);
    r->coleman_act = coop_fraction_string(x[0]);
    r->coleman_act_decimal = coop_decimal_string(x[0], places);
    if (r->coleman_act == NULL || r->coleman_act_decimal == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory writing results");
    return MK_OK;
}

static int results(const counts *t, unsigned which, int places, mk_simple_indices *r, mk_ctx *ctx)
{
    mpq_t *x = mk_mpq_array(t->n);
    if (x == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for results");
    int rc = MK_OK;
    r->winning = t->winning;
    r->minimal_winning = t->minimal;
    r->vulnerable = t->vulnerable;
    /* The grand coalition wins and the empty one loses, so some minimal
     * winning coalition exists: every denominator below is positive. */
    if (which & MK_INDEX_DEEGAN_PACKEL) {
        per_player(t, t->minimal_by_size, 1, t->minimal, x);
        rc = coop_vector_from_mpq(&r->deegan_packel, x, t->n, places, ctx);
    }
    if (rc == 0 && (which & MK_INDEX_HOLLER_PACKEL)) {
        per_player(t, t->minimal_by_size, 0, table_sum(t, t->minimal_by_size), x);
        rc = coop_vector_from_mpq(&r->holler_packel, x, t->n, places, ctx);
    }
    if (rc == 0 && (which & MK_INDEX_JOHNSTON)) {
        per_player(t, t->crit, 1, t->vulnerable, x);
        rc = coop_vector_from_mpq(&r->johnston, x, t->n, places, ctx);
    }
    if (rc == 0 && (which & MK_INDEX_COLEMAN))
        rc = coleman(t, x, places, r, ctx);
    mk_mpq_array_free(x, t->n);
    return rc;
}

static int check(const mk_simple_game *g, unsigned which, int places, mk_ctx *ctx)
{
    if (which == 0 || (which & ~(unsigned)MK_INDEX_ALL) != 0)
        return mk_error(ctx, MK_EPARAM, "no known power index asked for (indices %#x)", which);
    if (places < 0 || places > MK_COOP_MAX_PLACES)
        return mk_error(ctx, MK_EPARAM, "%d decimal places: expected 0 to %d", places,
                        MK_COOP_MAX_PLACES);
    if (g->n > MK_SIMPLE_INDICES_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: the Deegan-Packel, Holler-Packel, Johnston and Coleman "
                        "indices enumerate all 2^n coalitions, at most %d players",
                        g->n, MK_SIMPLE_INDICES_MAX_PLAYERS);
    return MK_OK;
}

int mk_simple_indices_compute(const mk_simple_game *g, unsigned which, int places,
                              mk_simple_indices **out, mk_ctx *ctx)
{
    int rc = check(g, which, places, ctx);
    if (rc != 0)
        return rc;
    size_t n = g->n;
    counts t = {
        n, 0, 0, 0, calloc(n * (n + 1), sizeof(uint64_t)), calloc(n * (n + 1), sizeof(uint64_t))};
    unsigned char *win = mk_coop_winning_set(g, NULL);
    mk_simple_indices *r = calloc(1, sizeof *r);
    if (t.crit == NULL || t.minimal_by_size == NULL || win == NULL || r == NULL) {
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalitions", n);
    } else {
        r->n = n;
        count_coalitions(win, &t);
        rc = results(&t, which, places, r, ctx);
    }
    free(win);
    free(t.crit);
    free(t.minimal_by_size);
    if (rc != 0) {
        mk_simple_indices_free(r);
        return rc;
    }
    *out = r;
    return MK_OK;
}

void mk_simple_indices_free(mk_simple_indices *r)
{
    if (r == NULL)
        return;
    mk_coop_vector_free(r->deegan_packel);
    mk_coop_vector_free(r->holler_packel);
    mk_coop_vector_free(r->johnston);
    mk_coop_vector_free(r->coleman_prevent);
    mk_coop_vector_free(r->coleman_initiate);
    free(r->coleman_act);
    free(r->coleman_act_decimal);
    free(r);
}
