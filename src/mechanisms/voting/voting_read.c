/* The reader every voting mechanism names: a PrefLib file, a .blt file
 * or a cast-vote-record CSV as a dataset of ballots, with the candidates'
 * names as its items (see voting.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/blt.h"
#include "mechkit/cvr.h"
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

/* k in decimal as a string the caller frees (a ballot's label; without
 * snprintf, which took most of the labelling of 100,000 ballots). */
static char *number_label(size_t k)
{
    char digits[24];
    size_t at = sizeof digits;
    digits[--at] = '\0';
    do {
        digits[--at] = (char)('0' + k % 10);
        k /= 10;
    } while (k > 0);
    return strdup(digits + at);
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
    for (size_t i = 0; rc == 0 && i < n; i++)
        if ((d.labels[i] = number_label(i + 1)) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for labels");
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

/* A cast-vote record: --input-format cvr, or a file name ending in .csv
 * when no format is given. */
static int is_cvr(const mk_input *in)
{
    if (in->format != NULL)
        return strcmp(in->format, "cvr") == 0;
    size_t len = in->name != NULL ? strlen(in->name) : 0;
    return len >= 4 && strcmp(in->name + len - 4, ".csv") == 0;
}

/* A text parameter when the rule has it and it is not empty, else dflt. */
static const char *text_param(const mk_params *p, const char *name, const char *dflt)
{
    const char *s = p != NULL && mk_params_spec(p, name) != NULL ? mk_params_get(p, name) : NULL;
    return s != NULL && s[0] != '\0' ? s : dflt;
}

/* 1 when the rule has the choice parameter `name` and its value is `word`. */
static int choice_is(const mk_params *p, const char *name, const char *word)
{
    const char *s = text_param(p, name, NULL);
    return s != NULL && strcmp(s, word) == 0;
}

/* The CVR reader's options from the rule's parameters (see voting_cvr_params). */
static int cvr_options(const mk_params *p, mk_cvr_options *o, mk_ctx *ctx)
{
    *o = (mk_cvr_options)MK_CVR_OPTIONS_INIT;
    o->rank_columns = text_param(p, "rank_columns", NULL);
    const char *count = text_param(p, "count_column", "auto");
    o->count_column = strcmp(count, "auto") == 0 ? NULL : strcmp(count, "none") == 0 ? "" : count;
    o->candidates = text_param(p, "candidate_names", NULL);
    o->overvote_label = text_param(p, "overvote_label", o->overvote_label);
    o->undervote_label = text_param(p, "undervote_label", o->undervote_label);
    o->writein_label = text_param(p, "writein_label", o->writein_label);
    o->overvote_delimiter = text_param(p, "overvote_delimiter", NULL);
    o->writeins =
        choice_is(p, "writeins", "exclude") ? MK_CVR_WRITEIN_EXCLUDE : MK_CVR_WRITEIN_CANDIDATE;
    o->duplicates = choice_is(p, "duplicates", "exhaust") ? MK_CVR_DUPLICATE_EXHAUST
                    : choice_is(p, "duplicates", "error") ? MK_CVR_DUPLICATE_ERROR
                                                          : MK_CVR_DUPLICATE_SKIP;
    /* An overvote label's candidates are unknown: only "skip" skips it;
     * under every other rule the ballot ends there (cvr.h). */
    o->overvote = choice_is(p, "overvote", "always_skip_to_next_rank") ? MK_CVR_OVERVOTE_SKIP
                  : choice_is(p, "overvote", "exhaust_immediately")
                      ? MK_CVR_OVERVOTE_EXHAUST_IMMEDIATELY
                      : MK_CVR_OVERVOTE_EXHAUST_IF_MULTIPLE;
    int64_t skipped = -1;
    const char *ms = text_param(p, "max_skipped_ranks", "unlimited");
    if (strcmp(ms, "unlimited") != 0) {
        int rc = mk_params_get_int(p, "max_skipped_ranks", 0, INT32_MAX, &skipped, ctx);
        if (rc != 0)
            return rc;
    }
    /* A limit of at least the number of rank columns never exhausts. */
    o->max_skipped = skipped > MK_CVR_MAX_RANKS ? MK_CVR_MAX_RANKS : (int)skipped;
    return MK_OK;
}

int mk_voting_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    mk_ballots b = MK_BALLOTS_INIT;
    int rc;
    if (is_blt(in) || is_cvr(in)) {
        mk_cvr_options o;
        rc = is_blt(in) ? read_blt(in, params, &b, ctx) : cvr_options(params, &o, ctx);
        if (rc == 0 && !is_blt(in))
            rc = mk_cvr_read(in, &o, &b, ctx);
        if (rc == 0)
            rc = to_dataset(&b, out, ctx);
        mk_ballots_free(&b);
        return rc;
    }
    if (!format_ok(in->format))
        return mk_error(ctx, MK_EINPUT,
                        "%s: voting reads PrefLib files (soc, soi, toc, toi), .blt files or "
                        "cast-vote records (cvr), not %s",
                        in->name != NULL ? in->name : "<input>", in->format);
    rc = mk_preflib_read(in, &b, ctx);
    if (rc == 0)
        rc = to_dataset(&b, out, ctx);
    mk_ballots_free(&b);
    return rc;
}
