/* The input writer of the voting rules (mk_mechanism.write_input): a
 * PrefLib file of the ballots, so that an audit's counterexample replays
 * with `mechkit run`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/preflib.h"
#include "voting_internal.h"

/* PrefLib's data type: strict or with ties, complete or truncated. */
static const char *data_type(const mk_profile *p)
{
    int ties = 0, truncated = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        for (size_t a = 0; a < p->width; a++) {
            truncated |= row[a] == MK_RANK_UNRANKED;
            for (size_t b = a + 1; b < p->width; b++)
                ties |= row[a] != MK_RANK_UNRANKED && row[a] == row[b];
        }
    }
    static const char *const types[2][2] = {{"soc", "soi"}, {"toc", "toi"}};
    return types[ties][truncated];
}

int voting_write_input(const mk_instance *inst, const mk_profile *reports, const mk_profile *types,
                       const char *const *labels, size_t n_labels, char **text,
                       const char **extension, mk_ctx *ctx)
{
    (void)types, (void)labels, (void)n_labels; /* PrefLib names no voters */
    const voting *v = (const voting *)inst;
    size_t m = reports->width;
    char **names = calloc(m > 0 ? m : 1, sizeof *names);
    int rc = names == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory naming candidates") : MK_OK;
    char number[24];
    for (size_t j = 0; rc == 0 && j < m; j++) {
        snprintf(number, sizeof number, "%zu", j + 1);
        names[j] = (char *)(v->items != NULL && j < v->n_items ? v->items[j] : number);
        if (names[j] == number && (names[j] = malloc(sizeof number)) != NULL)
            snprintf(names[j], sizeof number, "%s", number);
        if (names[j] == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory naming candidates");
    }
    mk_ballots b = {m, names, "mechkit audit counterexample", {0}, *reports, 0};
    *extension = data_type(reports);
    memcpy(b.data_type, *extension, sizeof b.data_type);
    if (rc == 0)
        rc = mk_preflib_write(&b, text, NULL, ctx);
    for (size_t j = 0; names != NULL && j < m; j++)
        if (v->items == NULL || j >= v->n_items)
            free(names[j]);
    free(names);
    return rc;
}
