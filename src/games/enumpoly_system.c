/* The polynomial system of a support profile and its interval evaluation
 * (enumpoly_system.h). */
#include "enumpoly_system.h"

#include <stdlib.h>
#include <string.h>

int enumpoly_system_init(enumpoly_system *sy, const mk_game *g, mk_ctx *ctx)
{
    memset(sy, 0, sizeof *sy);
    size_t n = g->n_players;
    sy->g = g;
    sy->n = n;
    sy->first = malloc((n + 1) * sizeof *sy->first);
    if (sy->first == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for enumpoly");
    sy->first[0] = 0;
    for (size_t j = 0; j < n; j++)
        sy->first[j + 1] = sy->first[j] + g->n_strategies[j];
    size_t width = sy->first[n];
    sy->support = malloc(n * sizeof *sy->support);
    sy->s0 = malloc(n * sizeof *sy->s0);
    sy->list = malloc(width * sizeof *sy->list);
    sy->size = malloc(n * sizeof *sy->size);
    sy->var = malloc(width * sizeof *sy->var);
    sy->var_player = malloc(width * sizeof *sy->var_player);
    sy->var_of = malloc(width * sizeof *sy->var_of);
    sy->payoff = malloc(g->n_profiles * n * sizeof *sy->payoff);
    sy->x = malloc(width * sizeof *sy->x);
    sy->odo = malloc(n * sizeof *sy->odo);
    if (!sy->support || !sy->s0 || !sy->list || !sy->size || !sy->var || !sy->var_player ||
        !sy->var_of || !sy->payoff || !sy->x || !sy->odo)
        return mk_error(ctx, MK_ENOMEM, "out of memory for enumpoly");
    for (size_t c = 0; c < g->n_profiles * n; c++)
        sy->payoff[c] = iv_rational(g->payoff[c]);
    return MK_OK;
}

void enumpoly_system_free(enumpoly_system *sy)
{
    free(sy->first);
    free(sy->support);
    free(sy->s0);
    free(sy->list);
    free(sy->size);
    free(sy->var);
    free(sy->var_player);
    free(sy->var_of);
    free(sy->payoff);
    free(sy->x);
    free(sy->odo);
    memset(sy, 0, sizeof *sy);
}

void enumpoly_set_support(enumpoly_system *sy, const uint64_t *masks)
{
    sy->d = 0;
    for (size_t j = 0; j < sy->n; j++) {
        sy->support[j] = masks[j];
        sy->size[j] = 0;
        for (size_t r = 0; r < sy->g->n_strategies[j]; r++) {
            size_t flat = sy->first[j] + r;
            sy->var_of[flat] = -1;
            if (!(masks[j] >> r & 1))
                continue;
            sy->list[sy->first[j] + sy->size[j]++] = r;
            if (sy->size[j] == 1) {
                sy->s0[j] = r;
                continue;
            }
            sy->var_of[flat] = (long)sy->d;
            sy->var_player[sy->d] = j;
            sy->var[sy->d++] = flat;
        }
    }
}

int enumpoly_load(enumpoly_system *sy, const ival *box)
{
    int inside = 0;
    for (size_t j = 0; j < sy->n; j++) {
        ival rest = iv_point(1);
        for (size_t r = 0; r < sy->g->n_strategies[j]; r++) {
            size_t flat = sy->first[j] + r;
            long v = sy->var_of[flat];
            sy->x[flat] = v >= 0 ? box[v] : iv_point(0);
            if (v >= 0)
                rest = iv_sub(rest, box[v]);
        }
        sy->x[sy->first[j] + sy->s0[j]] = rest;
        for (size_t k = 0; k < sy->size[j]; k++) {
            ival p = sy->x[sy->first[j] + sy->list[sy->first[j] + k]];
            inside |= p.hi < 0 || p.lo > 1 ? -1 : 0;
        }
    }
    return inside;
}

/* Moves the odometer over the supports of every player but i; 0 after
 * the last profile. */
static int advance(enumpoly_system *sy, size_t i)
{
    for (size_t j = 0; j < sy->n; j++) {
        if (j == i)
            continue;
        if (++sy->odo[j] < sy->size[j])
            return 1;
        sy->odo[j] = 0;
    }
    return 0;
}

/* The weight of the others' profile at the odometer: the product of their
 * probabilities, or with var's player's factor replaced by the derivative
 * of its probability by var (1 for var's strategy, -1 for s0, else 0). */
static ival weight(const enumpoly_system *sy, size_t i, size_t var, size_t *base)
{
    ival w = iv_point(1);
    *base = 0;
    for (size_t j = 0; j < sy->n; j++) {
        if (j == i)
            continue;
        size_t t = sy->list[sy->first[j] + sy->odo[j]];
        *base += t * sy->g->stride[j];
        if (var != (size_t)-1 && sy->var_player[var] == j) {
            double dx = sy->var[var] == sy->first[j] + t ? 1 : t == sy->s0[j] ? -1 : 0;
            w = iv_mul(w, iv_point(dx));
        } else {
            w = iv_mul(w, sy->x[sy->first[j] + t]);
        }
    }
    return w;
}

ival enumpoly_gain(enumpoly_system *sy, size_t i, size_t s, size_t var)
{
    if (var != (size_t)-1 && sy->var_player[var] == i)
        return iv_point(0);
    memset(sy->odo, 0, sy->n * sizeof *sy->odo);
    ival sum = iv_point(0);
    size_t n = sy->n, stride = sy->g->stride[i];
    do {
        size_t base;
        ival c = weight(sy, i, var, &base);
        ival diff = iv_sub(sy->payoff[(base + s * stride) * n + i],
                           sy->payoff[(base + sy->s0[i] * stride) * n + i]);
        sum = iv_add(sum, iv_mul(c, diff));
    } while (advance(sy, i));
    return sum;
}

ival enumpoly_payoff(enumpoly_system *sy, size_t i)
{
    memset(sy->odo, 0, sy->n * sizeof *sy->odo);
    ival sum = iv_point(0);
    do {
        size_t base;
        ival c = weight(sy, i, (size_t)-1, &base);
        sum = iv_add(sum, iv_mul(c, sy->payoff[(base + sy->s0[i] * sy->g->stride[i]) * sy->n + i]));
    } while (advance(sy, i));
    return sum;
}

ival enumpoly_gain_range(enumpoly_system *sy, const ival *box, size_t i, size_t s, size_t var)
{
    size_t others[64], k = 0;
    ival vertex[64];
    for (size_t l = 0; l < sy->d; l++) {
        vertex[l] = iv_point(box[l].lo);
        if (sy->var_player[l] != i && l != var && k < 63)
            others[k++] = l;
    }
    ival range = {INFINITY, -INFINITY};
    for (uint64_t corner = 0; corner < (uint64_t)1 << k; corner++) {
        for (size_t b = 0; b < k; b++)
            vertex[others[b]] = iv_point(corner >> b & 1 ? box[others[b]].hi : box[others[b]].lo);
        enumpoly_load(sy, vertex);
        ival v = enumpoly_gain(sy, i, s, var);
        range.lo = v.lo < range.lo ? v.lo : range.lo;
        range.hi = v.hi > range.hi ? v.hi : range.hi;
    }
    return range;
}
