/* Collecting contribution rows (see contributions_internal.h): names are
 * interned, amounts kept as written until the scale is known. */
#include <stdlib.h>
#include <string.h>

#include "contributions_internal.h"
#include "mechkit/money.h"

void mk_contrib_builder_init(mk_contrib_builder *b, const char *name, const char *where,
                             const mk_contributions_options *opt)
{
    memset(b, 0, sizeof *b);
    b->name = name != NULL ? name : "<input>";
    b->where = where;
    b->opt = *opt;
    b->who = b->projects = b->group_names = (mk_name_list)MK_NAME_LIST_INIT;
}

void mk_contrib_builder_free(mk_contrib_builder *b)
{
    mk_name_list_free(&b->who, 0);
    mk_name_list_free(&b->projects, 0);
    mk_name_list_free(&b->group_names, 0);
    for (size_t i = 0; b->groups != NULL && i < b->weight_cap; i++)
        free(b->groups[i]);
    free(b->groups);
    free(b->groups_line);
    free(b->group_start);
    free(b->group_ids);
    free(b->weight);
    free(b->weight_line);
    free(b->rows);
    memset(b, 0, sizeof *b);
}

/* Grows *p (elements of size `size`) to hold at least need; *cap updated. */
static int grow(void **p, size_t *cap, size_t need, size_t size, mk_ctx *ctx)
{
    if (need <= *cap)
        return MK_OK;
    size_t grown = *cap ? *cap : 16, bytes;
    while (grown < need)
        grown *= 2;
    if (mk_checked_size_mul(grown, size, &bytes) != 0)
        return mk_error(ctx, MK_ELIMIT, "too many contributions");
    void *q = realloc(*p, bytes);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for contributions");
    *p = q;
    *cap = grown;
    return MK_OK;
}

static int bad(const mk_contrib_builder *b, size_t line, const char *field, const char *why,
               const char *s, size_t len, mk_ctx *ctx)
{
    int shown = len > 40 ? 40 : (int)len;
    return mk_error(ctx, MK_EINPUT, "%s: %s %zu: field '%s': %s ('%.*s')", b->name, b->where, line,
                    field, why, shown, s != NULL ? s : "");
}

static int has_nul(const char *s, size_t len)
{
    return len > 0 && memchr(s, '\0', len) != NULL;
}

/* The weight of a row in millionths; 1.0 when absent or empty. */
static int parse_weight(const mk_contrib_builder *b, const mk_contrib_fields *f, size_t line,
                        int64_t *w, mk_ctx *ctx)
{
    *w = MK_FUNDING_WEIGHT_ONE;
    if (f->weight == NULL || f->weight_len == 0)
        return MK_OK;
    int places = mk_decimal_places(f->weight, f->weight_len);
    if (places < 0 || places > MK_FUNDING_WEIGHT_SCALE ||
        mk_money_parse(f->weight, f->weight_len, MK_FUNDING_WEIGHT_SCALE, w, NULL) != 0)
        return bad(b, line, "weight", "not a decimal with at most 6 places", f->weight,
                   f->weight_len, ctx);
    if (*w < 0)
        return bad(b, line, "weight", "negative", f->weight, f->weight_len, ctx);
    return MK_OK;
}

/* Decimal places of s[0..len) without trailing zeros of its fraction
 * ("1.500" has 1, "2.000" has 0); s is a valid decimal with `places`. */
static int significant_places(const char *s, size_t len, int places)
{
    while (places > 0 && s[len - 1] == '0') {
        len--;
        places--;
    }
    return places;
}

/* The amount of a row: *written its decimal places as written, *places
 * those that matter (trailing zeros dropped), *mantissa its value at
 * *places. Dropping zeros lets "10.000000000000000000" (ten tokens in wei)
 * take one int64 cell at a coarser scale (see mechkit/funding.h). */
static int check_fields(const mk_contrib_builder *b, const mk_contrib_fields *f, size_t line,
                        mk_u128 *mantissa, int *places, int *written, mk_ctx *ctx)
{
    if (f->who_len == 0 || has_nul(f->who, f->who_len))
        return bad(b, line, "contributor", "empty or holds a NUL byte", f->who, f->who_len, ctx);
    if (f->project_len == 0 || has_nul(f->project, f->project_len))
        return bad(b, line, "project", "empty or holds a NUL byte", f->project, f->project_len,
                   ctx);
    *written = mk_decimal_places(f->amount, f->amount_len);
    if (*written < 0)
        return bad(b, line, "amount", "not a decimal number", f->amount, f->amount_len, ctx);
    if (f->amount[0] == '-')
        return bad(b, line, "amount", "negative", f->amount, f->amount_len, ctx);
    *places = significant_places(f->amount, f->amount_len, *written);
    if (*places > MK_SCALE_MAX)
        return bad(b, line, "amount", "more than 18 significant decimal places", f->amount,
                   f->amount_len, ctx);
    if (b->opt.scale >= 0 && *places > b->opt.scale)
        return bad(b, line, "amount", "more decimal places than the scale (-p scale)", f->amount,
                   f->amount_len, ctx);
    size_t len = f->amount_len - (size_t)(*written - *places);
    if (*places == 0 && *written > 0)
        len--; /* "2.000" -> "2" */
    if (mk_money_parse_wide(f->amount, len, *places, mantissa, NULL) != 0)
        return bad(b, line, "amount", "too large: past 2^128-1 minor units", f->amount,
                   f->amount_len, ctx);
    return MK_OK;
}

int mk_contrib_builder_add(mk_contrib_builder *b, const mk_contrib_fields *f, size_t line,
                           mk_ctx *ctx)
{
    mk_u128 mantissa = 0;
    int64_t w = MK_FUNDING_WEIGHT_ONE;
    int places = 0, written = 0;
    int rc = check_fields(b, f, line, &mantissa, &places, &written, ctx);
    if (rc == 0)
        rc = parse_weight(b, f, line, &w, ctx);
    int has_groups = b->opt.groups && f->groups != NULL && f->groups_len > 0;
    if (rc == 0 && has_groups && mk_contrib_groups_valid(f->groups, f->groups_len) != 0)
        rc = bad(b, line, "groups", "not names separated by ';'", f->groups, f->groups_len, ctx);
    if (rc != 0)
        return rc;
    size_t who;
    int known = mk_strmap_find(&b->who.map, f->who, f->who_len, &who);
    if (known && f->weight != NULL && f->weight_len > 0 && b->weight[who] >= 0 &&
        b->weight[who] != w)
        return mk_error(ctx, MK_EINPUT,
                        "%s: %s %zu: field 'weight': differs from the weight given on %s %zu for "
                        "the same contributor",
                        b->name, b->where, line, b->where, b->weight_line[who]);
    if (known && has_groups && b->groups[who] != NULL &&
        (strlen(b->groups[who]) != f->groups_len ||
         memcmp(b->groups[who], f->groups, f->groups_len) != 0))
        return mk_contrib_groups_note(b, who, f, line, ctx); /* the error naming both */
    if (b->projects.n >= MK_FUNDING_MAX_PROJECTS &&
        !mk_strmap_find(&b->projects.map, f->project, f->project_len, &who))
        return mk_error(ctx, MK_ELIMIT, "%s: %s %zu: more than %d projects", b->name, b->where,
                        line, MK_FUNDING_MAX_PROJECTS);
    size_t project;
    rc = grow((void **)&b->rows, &b->cap_rows, b->n_rows + 1, sizeof *b->rows, ctx);
    if (rc == 0)
        rc = mk_name_list_intern(&b->who, f->who, f->who_len, &who, ctx);
    if (rc == 0)
        rc = mk_name_list_intern(&b->projects, f->project, f->project_len, &project, ctx);
    if (rc == 0 && who >= b->weight_cap) {
        size_t cap = b->weight_cap, cap2 = cap, cap3 = cap, old = cap;
        rc = grow((void **)&b->weight, &cap, who + 1, sizeof *b->weight, ctx);
        if (rc == 0)
            rc = grow((void **)&b->groups, &cap2, who + 1, sizeof *b->groups, ctx);
        if (rc == 0)
            rc = grow((void **)&b->groups_line, &cap3, who + 1, sizeof *b->groups_line, ctx);
        if (rc == 0)
            rc = grow((void **)&b->weight_line, &b->weight_cap, who + 1, sizeof *b->weight_line,
                      ctx);
        for (size_t i = old; rc == 0 && i < b->weight_cap; i++) {
            b->weight[i] = -1;
            b->groups[i] = NULL;
        }
    }
    if (rc == 0 && has_groups)
        rc = mk_contrib_groups_note(b, who, f, line, ctx);
    if (rc != 0)
        return rc;
    if (f->weight != NULL && f->weight_len > 0 && b->weight[who] < 0) {
        b->weight[who] = w;
        b->weight_line[who] = line;
    }
    if (places > b->max_significant)
        b->max_significant = places;
    if (written > b->max_places)
        b->max_places = written <= MK_SCALE_MAX ? written : MK_SCALE_MAX;
    b->rows[b->n_rows++] =
        (mk_contrib_row){(uint32_t)who, (uint32_t)project, mantissa, places, line};
    return MK_OK;
}

int mk_contrib_builder_settle(mk_contrib_builder *b, int rc, mk_ctx *ctx)
{
    if (rc == MK_EINPUT && b->opt.skip_bad_rows) {
        b->skipped++;
        mk_error_clear(ctx);
        return MK_OK;
    }
    return rc;
}
