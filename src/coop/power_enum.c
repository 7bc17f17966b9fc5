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
#include "winning_set.h"

int power_enumerate(const mk_simple_game *g, unsigned indices, power_raw *raw, mk_ctx *ctx)
{
    size_t n = g->n;
    if (n > MK_POWER_ENUMERATE_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: enumerating 2^n coalitions is limited to %d players%s", n,
                        MK_POWER_ENUMERATE_MAX_PLAYERS,
                        g->n_games > 1 ? " (and multiple weighted games need it)" : "");
    unsigned char *win = mk_coop_winning_set(g, ctx);
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
        if (!mk_coop_wins(win, c))
            continue;
        size_t others = (size_t)__builtin_popcountll((unsigned long long)c) - 1;
        for (size_t i = 0; i < n; i++)
            if (((c >> i) & 1) && !mk_coop_wins(win, c ^ ((size_t)1 << i)))
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
