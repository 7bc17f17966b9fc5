/* The catalogue of mechanisms (see registry.h). */
#include "mechkit/registry.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/auction.h"
#include "mechkit/cardinal.h"
#include "mechkit/funding.h"
#include "mechkit/liquid.h"
#include "mechkit/quadratic.h"
#include "mechkit/stv.h"
#include "mechkit/voting.h"

struct mk_registry {
    size_t n, capacity;
    const mk_mechanism **items; /* sorted by name */
};

/* Every built-in mechanism; a new family adds its list here. */
static const mk_mechanism *const builtin[] = {
    &mk_auction_first_price,
    &mk_auction_second_price,
    &mk_auction_all_pay,
    &mk_auction_uniform_price,
    &mk_auction_pay_as_bid,
    &mk_auction_multiunit_vickrey,
    &mk_auction_gsp,
    &mk_auction_vcg_positions,
    &mk_auction_myerson,
    &mk_auction_mcafee,
    &mk_auction_k_double,
    &mk_funding_assurance,
    &mk_funding_clrfund,
    &mk_funding_cocm,
    &mk_funding_conviction,
    &mk_funding_qf,
    &mk_funding_qf_pairwise, /* funding */
    &mk_voting_plurality,
    &mk_voting_borda,
    &mk_voting_copeland,
    &mk_voting_minimax,
    &mk_voting_schulze,
    &mk_voting_ranked_pairs,
    &mk_voting_irv,
    &mk_voting_condorcet,
    &mk_voting_antiplurality,
    &mk_voting_coombs,
    &mk_voting_bucklin,
    &mk_voting_kemeny,
    &mk_voting_llull,
    &mk_voting_black,
    &mk_voting_two_round,
    &mk_voting_baldwin,
    &mk_voting_nanson,
    &mk_voting_smith,
    &mk_voting_schwartz, /* voting */
    &mk_voting_stv_scottish,
    &mk_voting_stv_gregory,
    &mk_voting_stv_meek,
    &mk_voting_approval,
    &mk_voting_score,
    &mk_voting_star,
    &mk_voting_majority_judgment, /* voting: score ballots */
    &mk_voting_quadratic,
    &mk_voting_liquid,
};

int mk_registry_new(mk_registry **out, mk_ctx *ctx)
{
    mk_registry *reg = calloc(1, sizeof *reg);
    if (reg == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the registry");
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        int rc = mk_registry_add(reg, builtin[i], ctx);
        if (rc != 0) {
            mk_registry_free(reg);
            return rc;
        }
    }
    *out = reg;
    return MK_OK;
}

static long lookup(const mk_registry *reg, const char *name, size_t *insert_at)
{
    size_t lo = 0, hi = reg->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(reg->items[mid]->name, name);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (insert_at != NULL)
        *insert_at = lo;
    return -1;
}

int mk_registry_add(mk_registry *reg, const mk_mechanism *mech, mk_ctx *ctx)
{
    if (mech == NULL || mech->name == NULL || mech->name[0] == '\0')
        return mk_error(ctx, MK_EPARAM, "a mechanism needs a name");
    if (mech->read == NULL || mech->prepare == NULL || mech->run == NULL || mech->free == NULL)
        return mk_error(ctx, MK_EPARAM, "mechanism '%s' lacks read, prepare, run or free",
                        mech->name);
    size_t at = 0;
    if (lookup(reg, mech->name, &at) >= 0)
        return mk_error(ctx, MK_EPARAM, "mechanism '%s' is already registered", mech->name);
    if (reg->n == reg->capacity) {
        size_t grown = reg->capacity ? 2 * reg->capacity : 16;
        const mk_mechanism **items = realloc(reg->items, grown * sizeof *items);
        if (items == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for the registry");
        reg->items = items;
        reg->capacity = grown;
    }
    memmove(reg->items + at + 1, reg->items + at, (reg->n - at) * sizeof *reg->items);
    reg->items[at] = mech;
    reg->n++;
    return MK_OK;
}

size_t mk_registry_count(const mk_registry *reg)
{
    return reg->n;
}

const mk_mechanism *mk_registry_at(const mk_registry *reg, size_t i)
{
    return i < reg->n ? reg->items[i] : NULL;
}

int mk_registry_find(const mk_registry *reg, const char *name, const mk_mechanism **out,
                     mk_ctx *ctx)
{
    long at = lookup(reg, name, NULL);
    if (at >= 0) {
        *out = reg->items[at];
        return MK_OK;
    }
    /* Suggest the closest name, also matching a name without its family
     * ("vickrey" for "auction.multiunit_vickrey" is not close, but
     * "second_price" for "auction.second_price" is). */
    const char *closest = NULL;
    unsigned best = 4;
    for (size_t i = 0; i < reg->n; i++) {
        const char *full = reg->items[i]->name;
        const char *dot = strchr(full, '.');
        unsigned d = mk_edit_distance(name, full);
        if (dot != NULL && mk_edit_distance(name, dot + 1) < d)
            d = mk_edit_distance(name, dot + 1);
        if (d < best) {
            best = d;
            closest = full;
        }
    }
    if (closest != NULL)
        return mk_error(ctx, MK_ENOTFOUND, "unknown mechanism '%s'; did you mean '%s'?", name,
                        closest);
    return mk_error(ctx, MK_ENOTFOUND, "unknown mechanism '%s' (see 'mechkit list')", name);
}

void mk_registry_free(mk_registry *reg)
{
    if (reg == NULL)
        return;
    free(reg->items);
    free(reg);
}
