/* The bid CSV writer (bids.h): the inverse of the reader, for replayable
 * counterexamples. */
#include <stdio.h>
#include <string.h>

#include "mechkit/bids.h"
#include "mechkit/money.h"
#include "text_out.h"

/* Whether types can ride along as the value column: same rows, and as
 * many values as bids in each. */
static int values_fit(const mk_profile *reports, const mk_profile *types)
{
    if (types == NULL || types->n != reports->n || types->n == 0)
        return 0;
    for (size_t i = 0; i < reports->n; i++)
        if (mk_bids_count(mk_profile_row(reports, i), reports->width) !=
            mk_bids_count(mk_profile_row(types, i), types->width))
            return 0;
    return 1;
}

static int any_quality(const mk_profile *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (mk_profile_row(p, i)[MK_BID_QUALITY] != MK_QUALITY_ONE)
            return 1;
    return 0;
}

int mk_bids_write_csv(const mk_profile *reports, const mk_profile *types, int scale, int sides,
                      const char *const *labels, size_t n_labels, char **text, size_t *len,
                      mk_ctx *ctx)
{
    if (scale < 0 || scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_EINPUT, "scale %d outside 0..%d", scale, MK_SCALE_MAX);
    int values = values_fit(reports, types), quality = any_quality(reports);
    mk_text t = MK_TEXT_INIT;
    mk_text_printf(&t, "bidder,amount%s%s%s\n", values ? ",value" : "", sides ? ",side" : "",
                   quality ? ",quality" : "");
    char amount[MK_MONEY_FORMAT_MAX], name[32];
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        const char *id = labels != NULL && i < n_labels ? labels[i] : NULL;
        if (id == NULL) {
            snprintf(name, sizeof name, "#%zu", i + 1);
            id = name;
        }
        for (size_t k = 0, bids = mk_bids_count(row, reports->width); k < bids; k++) {
            mk_text_csv_field(&t, id);
            mk_text_printf(&t, ",%s", mk_money_format(row[MK_BID_FIRST + k], scale, amount));
            if (values)
                mk_text_printf(
                    &t, ",%s",
                    mk_money_format(mk_profile_row(types, i)[MK_BID_FIRST + k], scale, amount));
            if (sides)
                mk_text_printf(&t, ",%s", row[MK_BID_SIDE] == MK_SIDE_SELL ? "sell" : "buy");
            if (quality)
                mk_text_printf(&t, ",%s",
                               mk_money_format(row[MK_BID_QUALITY], MK_QUALITY_SCALE, amount));
            mk_text_printf(&t, "\n");
        }
    }
    return mk_text_finish(&t, text, len, "bid CSV", ctx);
}
