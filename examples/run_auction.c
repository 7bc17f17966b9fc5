/*
 * A small program that uses the installed libmechkit: it runs a Vickrey
 * (second-price) auction on three bids built in code, through the registry
 * and the mechanism interface, and prints who wins and what it pays.
 *
 *   cc run_auction.c $(pkg-config --cflags --libs mechkit) -o run_auction
 */
#include <stdio.h>

#include <mechkit/mechkit.h>

int main(void)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_registry *reg = NULL;
    const mk_mechanism *vickrey = NULL;
    mk_params params = MK_PARAMS_INIT;
    mk_profile bids = MK_PROFILE_INIT;
    mk_instance *auction = NULL;
    mk_outcome outcome = MK_OUTCOME_INIT;
    const char *names[] = {"ann", "ben", "cat"};
    const int64_t cents[] = {1250, 1800, 1525}; /* 12.50, 18.00, 15.25 */
    int status = 1;

    if (mk_registry_new(&reg, &ctx) != 0 ||
        mk_registry_find(reg, "auction.second_price", &vickrey, &ctx) != 0 ||
        mk_params_set(&params, "reserve", "13.00", &ctx) != 0 ||
        mk_profile_resize(&bids, 3, MK_BID_FIRST + 1, &ctx) != 0)
        goto done;
    for (size_t i = 0; i < 3; i++) {
        int64_t *row = mk_profile_row(&bids, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = cents[i];
    }
    mk_setting setting = {2, 3, bids.width, 0, NULL, 0}; /* amounts in cents */
    if (mk_mechanism_prepare(vickrey, &params, &setting, &auction, &ctx) != 0 ||
        vickrey->run(auction, &bids, &outcome, &ctx) != 0)
        goto done;
    for (size_t i = 0; i < outcome.n; i++) {
        char paid[MK_MONEY_FORMAT_MAX];
        if (outcome.allocation[i] > 0)
            printf("%s wins and pays %s\n", names[i],
                   mk_money_format(outcome.payment[i], outcome.payment_scale, paid));
    }
    status = 0;
done:
    if (status != 0)
        fprintf(stderr, "run_auction: %s\n", ctx.message);
    if (auction != NULL)
        vickrey->free(auction);
    mk_outcome_free(&outcome);
    mk_profile_free(&bids);
    mk_params_free(&params);
    mk_registry_free(reg);
    return status;
}
