/* Which coalitions of a simple game win (winning_set.h). */
#include <stdlib.h>

#include "winning_set.h"

unsigned char *mk_coop_winning_set(const mk_simple_game *g, mk_ctx *ctx)
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
