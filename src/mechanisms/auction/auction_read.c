/* Readers named by the auction mechanisms: mk_bids_read with the options
 * that each kind of auction needs. */
#include "auction_internal.h"
#include "mechkit/money.h"

/* The input scale must cover the decimals written in money parameters and
 * in distributions, so that "-p reserve=2.5" works with whole-unit bids. */
static int min_scale(const mk_params *params)
{
    int places = mk_params_money_places(params);
    static const char *const texts[] = {"values", "dist", "dists"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (mk_params_spec(params, texts[i]) == NULL || !mk_params_given(params, texts[i]))
            continue;
        int d = mk_distribution_places(mk_params_get(params, texts[i]));
        if (d > places)
            places = d;
    }
    return places;
}

static int read_with(const mk_input *in, const mk_params *params, mk_bids_options opt,
                     mk_dataset *out, mk_ctx *ctx)
{
    if (mk_params_given(params, "scale")) {
        int64_t scale;
        int rc = mk_params_get_int(params, "scale", 0, MK_SCALE_MAX, &scale, ctx);
        if (rc != 0)
            return rc;
        opt.scale = (int)scale;
    }
    opt.min_scale = min_scale(params);
    return mk_bids_read(in, &opt, out, ctx);
}

int mk_auction_read_single(const mk_input *in, const mk_params *params, mk_dataset *out,
                           mk_ctx *ctx)
{
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    return read_with(in, params, opt, out, ctx);
}

int mk_auction_read_multi(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    int64_t units;
    int rc = mk_params_get_int(params, "units", 1, INT64_MAX, &units, ctx);
    if (rc != 0)
        return rc;
    /* A bidder bids for at most the units offered, and at most
     * MK_BIDS_MAX_UNITS of them, whatever the supply. */
    opt.max_bids = units < MK_BIDS_MAX_UNITS ? (size_t)units : MK_BIDS_MAX_UNITS;
    return read_with(in, params, opt, out, ctx);
}

int mk_auction_read_double(const mk_input *in, const mk_params *params, mk_dataset *out,
                           mk_ctx *ctx)
{
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.sides = 1;
    return read_with(in, params, opt, out, ctx);
}

int mk_auction_read_position(const mk_input *in, const mk_params *params, mk_dataset *out,
                             mk_ctx *ctx)
{
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.quality = 1;
    return read_with(in, params, opt, out, ctx);
}
