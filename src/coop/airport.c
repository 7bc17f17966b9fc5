/* Airport games (mechkit/airport.h) and their Shapley value in closed
 * form (Littlechild and Owen 1973). */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "mechkit/airport.h"

int mk_airport_new(mk_airport **out, size_t n, const char *const *names, const mk_rational *cost,
                   mk_ctx *ctx)
{
    if (n == 0)
        return mk_error(ctx, MK_ELIMIT, "an airport game needs at least one player");
    if (n > MK_AIRPORT_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT, "%zu players: at most %d are supported", n,
                        MK_AIRPORT_MAX_PLAYERS);
    for (size_t i = 0; i < n; i++)
        if (cost[i].num < 0 || cost[i].den <= 0)
            return mk_error(ctx, MK_ERANGE, "player %zu: a cost must be >= 0", i + 1);
    mk_airport *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    a->n = n;
    int rc = coop_names_copy(&a->names, n, names, ctx);
    if (rc == 0 && (a->cost = malloc(n * sizeof *a->cost)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    if (rc != 0) {
        mk_airport_free(a);
        return rc;
    }
    memcpy(a->cost, cost, n * sizeof *a->cost);
    *out = a;
    return MK_OK;
}

void mk_airport_free(mk_airport *a)
{
    if (a == NULL)
        return;
    coop_names_free(a->names, a->n);
    free(a->cost);
    free(a->title);
    free(a);
}

typedef struct ranked {
    mk_rational cost;
    size_t player;
} ranked;

static int by_cost(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int c = mk_rational_cmp(x->cost, y->cost);
    return c != 0 ? c : (x->player > y->player) - (x->player < y->player);
}

int mk_airport_shapley(const mk_airport *a, int places, mk_coop_vector **out, mk_ctx *ctx)
{
    size_t n = a->n;
    ranked *order = malloc(n * sizeof *order);
    mpq_t *phi = mk_mpq_array(n);
    if (order == NULL || phi == NULL) {
        free(order);
        mk_mpq_array_free(phi, n);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the Shapley value");
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (ranked){a->cost[i], i};
    qsort(order, n, sizeof *order, by_cost);
    /* Littlechild and Owen 1973: segment j (from c_(j-1) to c_(j)) is used
     * by the n - j + 1 players from j on, who share its cost equally. */
    mpq_t share, prev, cur, seg;
    mpq_inits(share, prev, cur, seg, NULL);
    for (size_t j = 0; j < n; j++) {
        coop_mpq_set_rational(cur, order[j].cost);
        mpq_sub(seg, cur, prev);
        mpz_mul_ui(mpq_denref(seg), mpq_denref(seg), (unsigned long)(n - j));
        mpq_canonicalize(seg);
        mpq_add(share, share, seg);
        mpq_set(phi[order[j].player], share);
        mpq_set(prev, cur);
    }
    mpq_clears(share, prev, cur, seg, NULL);
    int rc = coop_vector_from_mpq(out, phi, n, places, ctx);
    mk_mpq_array_free(phi, n);
    free(order);
    return rc;
}

int mk_airport_game(const mk_airport *a, mk_tu_game **out, mk_ctx *ctx)
{
    size_t n = a->n;
    if (n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: the airport game is an explicit game, at most %d players", n,
                        MK_TU_GAME_MAX_PLAYERS);
    size_t count = (size_t)1 << n;
    mk_rational *v = malloc(count * sizeof *v);
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalitions", n);
    /* v(S) = -max(c(S without its lowest player), c_lowest): min of the
     * negated costs, each coalition from a smaller one. */
    v[0] = (mk_rational){0, 1};
    for (size_t m = 1; m < count; m++) {
        size_t low = (size_t)__builtin_ctzll((unsigned long long)m), rest = m & (m - 1);
        mk_rational c = {-a->cost[low].num, a->cost[low].den};
        v[m] = rest != 0 && mk_rational_cmp(v[rest], c) < 0 ? v[rest] : c;
    }
    int rc = mk_tu_game_new(out, n, (const char *const *)a->names, v, ctx);
    if (rc == 0)
        (*out)->kind = "airport";
    free(v);
    return rc;
}
