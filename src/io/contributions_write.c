/* The contributions CSV writer (funding.h): the inverse of the reader, for
 * replayable counterexamples. */
#include <stdio.h>

#include "contributions_row.h"
#include "mechkit/money.h"
#include "text_out.h"

static int any_weight(const mk_profile *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (mk_profile_row(p, i)[MK_FUNDING_WEIGHT] != MK_FUNDING_WEIGHT_ONE)
            return 1;
    return 0;
}

/* names[i] when there is one, else "#i+1" in buf. */
static const char *name_of(const char *const *names, size_t n_names, size_t i, char *buf,
                           size_t cap)
{
    if (names != NULL && i < n_names && names[i] != NULL)
        return names[i];
    snprintf(buf, cap, "#%zu", i + 1);
    return buf;
}

int mk_contributions_write_csv(const mk_profile *reports, int scale, const char *const *labels,
                               size_t n_labels, const char *const *projects, size_t n_projects,
                               char **text, size_t *len, mk_ctx *ctx)
{
    if (scale < 0 || scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_EINPUT, "scale %d outside 0..%d", scale, MK_SCALE_MAX);
    int rc = mk_funding_check(reports, ctx);
    if (rc != 0)
        return rc;
    int weights = any_weight(reports);
    mk_text t = MK_TEXT_INIT;
    mk_text_printf(&t, "contributor,project,amount%s\n", weights ? ",weight" : "");
    char amount[MK_MONEY_WIDE_FORMAT_MAX], who[32], project[32];
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        const char *id = name_of(labels, n_labels, i, who, sizeof who);
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            mk_u128 c = mk_funding_amount_at(row, j);
            if (c == 0)
                continue;
            mk_text_csv_field(&t, id);
            mk_text_printf(&t, ",");
            mk_text_csv_field(&t, name_of(projects, n_projects, mk_funding_project_at(row, j),
                                          project, sizeof project));
            mk_text_printf(&t, ",%s", mk_money_format_wide(c, scale, amount));
            if (weights)
                mk_text_printf(
                    &t, ",%s",
                    mk_money_format(row[MK_FUNDING_WEIGHT], MK_FUNDING_WEIGHT_SCALE, amount));
            mk_text_printf(&t, "\n");
        }
    }
    return mk_text_finish(&t, text, len, "contributions CSV", ctx);
}
