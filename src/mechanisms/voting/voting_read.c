/* The reader every voting mechanism names: a PrefLib or .blt file as a
 * dataset of ballots, with the candidates' names as its items (see
 * voting.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/blt.h"
#include "voting_internal.h"

static int format_ok(const char *f)
{
    static const char *const known[] = {"preflib", "soc", "soi", "toc", "toi"};
    if (f == NULL)
        return 1;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(f, known[i]) == 0)
            return 1;
    return 0;
}

/* Moves the ballots of b into out: one row per distinct ballot, labelled
 * by its number, and the candidates' names as the dataset's items. */
static int to_dataset(mk_ballots *b, mk_dataset *out, mk_ctx *ctx)
{
    size_t n = b->profile.n, m = b->m;
    mk_dataset d = MK_DATASET_INIT;
    d.labels = calloc(n > 0 ? n : 1, sizeof *d.labels);
    d.items = calloc(m > 0 ? m : 1, sizeof *d.items);
    int rc = d.labels == NULL || d.items == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory for %zu ballots", n)
                 : 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        if ((d.labels[i] = strdup(num)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for labels");
    }
    for (size_t j = 0; rc == 0 && j < m; j++, d.n_items++)
        if ((d.items[j] = strdup(b->names[j])) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for candidate names");
    if (rc == 0) {
        d.reports = b->profile; /* moved: b no longer owns it */
        b->profile = (mk_profile)MK_PROFILE_INIT;
        d.reports.labels = (const char *const *)d.labels;
    }
    if (rc != 0) {
        /* d.reports is still empty, so mk_dataset_free would not see them. */
        for (size_t i = 0; d.labels != NULL && i < n; i++)
            free(d.labels[i]);
        free(d.labels);
        d.labels = NULL;
        mk_dataset_free(&d);
        return rc;
    }
    *out = d;
    return MK_OK;
}

/* 1 for a .blt file: format "blt", or no format and a name ending ".blt". */
static int is_blt(const mk_input *in)
{
    if (in->format != NULL)
        return strcmp(in->format, "blt") == 0;
    size_t n = in->name != NULL ? strlen(in->name) : 0;
    return n >= 4 && strcmp(in->name + n - 4, ".blt") == 0;
}

/* A .blt file declares its seats; a rule with a `seats` parameter must be
 * run for that many (the parameter is the record of what was counted). */
static int read_blt(const mk_input *in, const mk_params *params, mk_ballots *b, mk_ctx *ctx)
{
    mk_blt_info info;
    int rc = mk_blt_read(in, b, &info, ctx);
    if (rc != 0 || params == NULL || mk_params_spec(params, "seats") == NULL)
        return rc;
    int64_t seats = 0;
    rc = mk_params_get_int(params, "seats", 1, INT64_MAX, &seats, ctx);
    if (rc == 0 && seats != info.seats)
        rc = mk_error(ctx, MK_EPARAM, "%s declares %" PRId64 " seats; run with -p seats=%" PRId64,
                      in->name != NULL ? in->name : "<input>", info.seats, info.seats);
    return rc;
}

int mk_voting_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    if (is_blt(in)) {
        mk_ballots b = MK_BALLOTS_INIT;
        int rc = read_blt(in, params, &b, ctx);
        if (rc == 0)
            rc = to_dataset(&b, out, ctx);
        mk_ballots_free(&b);
        return rc;
    }
    if (!format_ok(in->format))
        return mk_error(
            ctx, MK_EINPUT,
            "%s: voting reads PrefLib files (soc, soi, toc, toi) and .blt files, not %s",
            in->name != NULL ? in->name : "<input>", in->format);
    mk_ballots b = MK_BALLOTS_INIT;
    int rc = mk_preflib_read(in, &b, ctx);
    if (rc == 0)
        rc = to_dataset(&b, out, ctx);
    mk_ballots_free(&b);
    return rc;
}
