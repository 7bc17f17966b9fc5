/* Contributors' groups for funding.cocm (see mechkit/funding.h): kept as
 * written per contributor while rows are read, then split on ';',
 * interned and laid out at the end of each row. */
#include <stdlib.h>
#include <string.h>

#include "contributions_internal.h"
#include "mechkit/csv.h"

/* The next name of a groups text from *at (names trimmed). */
static const char *next_name(const char *s, size_t len, size_t *at, size_t *name_len)
{
    size_t start = *at, end = start;
    while (end < len && s[end] != ';')
        end++;
    *at = end + 1;
    return mk_csv_trim(s + start, end - start, name_len);
}

int mk_contrib_groups_valid(const char *s, size_t len)
{
    if (len == 0 || memchr(s, '\0', len) != NULL)
        return -1;
    for (size_t at = 0; at <= len;) {
        size_t n;
        next_name(s, len, &at, &n);
        if (n == 0)
            return -1;
    }
    return 0;
}

int mk_contrib_groups_note(mk_contrib_builder *b, size_t who, const mk_contrib_fields *f,
                           size_t line, mk_ctx *ctx)
{
    if (f->groups == NULL || f->groups_len == 0)
        return MK_OK;
    char *kept = b->groups[who];
    if (kept != NULL) {
        if (strlen(kept) != f->groups_len || memcmp(kept, f->groups, f->groups_len) != 0)
            return mk_error(ctx, MK_EINPUT,
                            "%s: %s %zu: field 'groups': differs from the groups given on %s %zu "
                            "for the same contributor",
                            b->name, b->where, line, b->where, b->groups_line[who]);
        return MK_OK;
    }
    kept = malloc(f->groups_len + 1);
    if (kept == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for groups");
    memcpy(kept, f->groups, f->groups_len);
    kept[f->groups_len] = '\0';
    b->groups[who] = kept;
    b->groups_line[who] = line;
    return MK_OK;
}

static int ascending(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : (a > b);
}

int mk_contrib_groups_resolve(mk_contrib_builder *b, size_t *t_max, mk_ctx *ctx)
{
    size_t n = b->who.n, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (b->groups == NULL || i >= b->weight_cap || b->groups[i] == NULL)
            return mk_error(ctx, MK_EINPUT,
                            "%s: contributor '%s' has no groups (give a 'groups' "
                            "field on at least one of its %ss)",
                            b->name, b->who.names[i], b->where);
        total += 1 + strlen(b->groups[i]) / 2; /* at most this many names */
    }
    b->group_start = malloc((n + 1) * sizeof *b->group_start);
    b->group_ids = malloc((total ? total : 1) * sizeof *b->group_ids);
    if (b->group_start == NULL || b->group_ids == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for groups");
    size_t at_id = 0;
    *t_max = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = b->groups[i];
        size_t len = strlen(s), first = at_id;
        b->group_start[i] = first;
        for (size_t at = 0; at <= len;) {
            size_t name_len, g;
            const char *name = next_name(s, len, &at, &name_len);
            int rc = mk_name_list_intern(&b->group_names, name, name_len, &g, ctx);
            if (rc != 0)
                return rc;
            b->group_ids[at_id++] = g;
        }
        qsort(b->group_ids + first, at_id - first, sizeof *b->group_ids, ascending);
        size_t kept = first; /* a group named twice counts once */
        for (size_t x = first; x < at_id; x++)
            if (x == first || b->group_ids[x] != b->group_ids[kept - 1])
                b->group_ids[kept++] = b->group_ids[x];
        at_id = kept;
        if (at_id - first > *t_max)
            *t_max = at_id - first;
    }
    b->group_start[n] = at_id;
    return MK_OK;
}

void mk_contrib_groups_write(const mk_contrib_builder *b, size_t i, int64_t *row, size_t width)
{
    size_t first = b->group_start[i], t = b->group_start[i + 1] - first;
    row[width - 1] = (int64_t)t;
    for (size_t x = 0; x < t; x++)
        row[width - 1 - t + x] = (int64_t)b->group_ids[first + x];
}
