/*
 * Power indices of any simple game of mechkit/coop.h by enumerating its
 * 2^n coalitions: the reference method, and the one for multiple weighted
 * games. One bit per coalition records whether it wins; the weights of
 * successive coalitions in Gray-code order differ by one player, so each
 * costs O(k) for k component games. Then every winning coalition S and
 * member i with S - i losing is a swing of i by |S| - 1 others.
 * Counts fit in uint64: at most 2^(n-1) <= 2^24.
 */
#include <stdlib.h>

#include "power_internal.h"

/* win[c] for every coalition c (bit i = player i), packed in bytes. */
static unsigned char *winning_set(const mk_simple_game *g, mk_ctx *ctx)
{
    size_t n = g->n, count = (size_t)1 << n;
    unsigned char *win = calloc(count / 8 + 1, 1);
    int64_t *sum = calloc(g->n_games, sizeof *sum);
    if (win == NULL || sum == NULL) {
        free(win);
        free(sum);
        mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalitions", n);
        return NULL;
    }
    size_t coalition = 0; /* Gray code of step */
    for (size_t step = 0; step < count; step++) {
        if (step > 0) {
            unsigned i = (unsigned)__builtin_ctzll((unsigned long long)step);
            coalition ^= (size_t)1 << i;
            int joins = (int)((coalition >> i) & 1);
            for (size_t k = 0; k < g->n_games; k++)
                sum[k] += joins ? g->weight[k * n + i] : -g->weight[k * n + i];
        }
        int winning = 1;
        for (size_t k = 0; k < g->n_games && winning; k++)
            winning = sum[k] >= g->quota[k];
        if (winning)
            win[coalition >> 3] |= (unsigned char)(1u << (coalition & 7));
    }
    free(sum);
    return win;
}

static int wins(const unsigned char *win, size_t c)
{
    return (win[c >> 3] >> (c & 7)) & 1;
}

int power_enumerate(const mk_simple_game *g, unsigned indices, power_raw *raw, mk_ctx *ctx)
{
    size_t n = g->n;
    if (n > MK_POWER_ENUMERATE_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: enumerating 2^n coalitions is limited to %d players%s", n,
                        MK_POWER_ENUMERATE_MAX_PLAYERS,
                        g->n_games > 1 ? " (and multiple weighted games need it)" : "");
    unsigned char *win = winning_set(g, ctx);
    /* by_size[i * n + k]: swings of player i by coalitions of k others. */
    uint64_t *by_size = win != NULL ? calloc(n * n, sizeof *by_size) : NULL;
    mpz_t *count = by_size != NULL ? malloc(n * sizeof *count) : NULL;
    mpz_t *fact = count != NULL ? power_factorials(n) : NULL;
    if (fact == NULL) {
        free(count);
        free(by_size);
        free(win);
        return win == NULL ? MK_ENOMEM : mk_error(ctx, MK_ENOMEM, "out of memory for counts");
    }
    for (size_t c = 0; c < (size_t)1 << n; c++) {
        if (!wins(win, c))
            continue;
        size_t others = (size_t)__builtin_popcountll((unsigned long long)c) - 1;
        for (size_t i = 0; i < n; i++)
            if (((c >> i) & 1) && !wins(win, c ^ ((size_t)1 << i)))
                by_size[i * n + others]++;
    }
    for (size_t k = 0; k < n; k++)
        mpz_init(count[k]);
    for (size_t i = 0; i < n; i++) {
        uint64_t total = 0;
        for (size_t k = 0; k < n; k++) {
            total += by_size[i * n + k];
            mpz_set_ui(count[k], (unsigned long)by_size[i * n + k]);
        }
        if (indices & MK_POWER_BANZHAF)
            mpz_set_ui(raw->swings[i], (unsigned long)total);
        if (indices & MK_POWER_SHAPLEY_SHUBIK)
            power_ss_from_sizes(raw->ss[i], count, n, n, fact);
    }
    for (size_t k = 0; k < n; k++)
        mpz_clear(count[k]);
    power_factorials_free(fact, n);
    free(count);
    free(by_size);
    free(win);
    return MK_OK;
}
