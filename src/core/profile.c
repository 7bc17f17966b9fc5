/* Flat profiles of reports or types, and datasets (see profile.h). */
#include "mechkit/profile.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

int mk_profile_resize(mk_profile *p, size_t n, size_t width, mk_ctx *ctx)
{
    size_t cells;
    if (mk_checked_size_mul(n, width, &cells) != 0 || cells > SIZE_MAX / sizeof(int64_t))
        return mk_error(ctx, MK_ERANGE, "profile of %zu rows of %zu cells is too large", n, width);
    if (cells > p->capacity) {
        int64_t *grown = realloc(p->cells, cells * sizeof *grown);
        if (grown == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for a profile of %zu cells", cells);
        p->cells = grown;
        p->capacity = cells;
    }
    if (cells > 0)
        memset(p->cells, 0, cells * sizeof *p->cells);
    if (p->weight != NULL && n <= p->weight_capacity) {
        for (size_t i = 0; i < n; i++)
            p->weight[i] = 1;
    } else {
        free(p->weight);
        p->weight = NULL;
        p->weight_capacity = 0;
    }
    p->labels = NULL;
    p->n = n;
    p->width = width;
    return MK_OK;
}

int mk_profile_reserve(mk_profile *p, size_t rows, size_t width, mk_ctx *ctx)
{
    size_t have = p->weight != NULL ? p->weight_capacity : 0, cells;
    if (rows <= have && (width == 0 || p->capacity / width >= rows))
        return MK_OK;
    size_t cap = have > rows ? have : rows;
    if (cap < 2 * have)
        cap = 2 * have;
    if (cap < 64)
        cap = 64;
    if (mk_checked_size_mul(cap, width, &cells) != 0 || cells > SIZE_MAX / sizeof(int64_t) ||
        cap > SIZE_MAX / sizeof(int64_t))
        return mk_error(ctx, MK_ERANGE, "a profile of %zu rows of %zu cells is too large", cap,
                        width);
    int64_t *c = realloc(p->cells, (cells > 0 ? cells : 1) * sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu rows", cap);
    p->cells = c;
    p->capacity = cells;
    int64_t *w = realloc(p->weight, cap * sizeof *w);
    if (w == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu rows", cap);
    p->weight = w;
    p->weight_capacity = cap;
    return MK_OK;
}

int mk_profile_weigh(mk_profile *p, mk_ctx *ctx)
{
    if (p->weight != NULL && p->weight_capacity >= p->n)
        return MK_OK;
    size_t had = p->weight != NULL ? p->weight_capacity : 0, n = p->n > 0 ? p->n : 1;
    int64_t *weight =
        n <= SIZE_MAX / sizeof *weight ? realloc(p->weight, n * sizeof *weight) : NULL;
    if (weight == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for profile weights");
    for (size_t i = had; i < n; i++)
        weight[i] = 1;
    p->weight = weight;
    p->weight_capacity = n;
    return MK_OK;
}

int mk_profile_copy(mk_profile *dst, const mk_profile *src, mk_ctx *ctx)
{
    if (dst == src)
        return MK_OK;
    int rc = mk_profile_resize(dst, src->n, src->width, ctx);
    if (rc != 0)
        return rc;
    if (src->n * src->width > 0)
        memcpy(dst->cells, src->cells, src->n * src->width * sizeof *dst->cells);
    if (src->weight != NULL && src->n > 0) {
        if (dst->weight == NULL || dst->weight_capacity < src->n) {
            int64_t *weight = realloc(dst->weight, src->n * sizeof *weight);
            if (weight == NULL)
                return mk_error(ctx, MK_ENOMEM, "out of memory for profile weights");
            dst->weight = weight;
            dst->weight_capacity = src->n;
        }
        memcpy(dst->weight, src->weight, src->n * sizeof *dst->weight);
    }
    dst->labels = src->labels;
    return MK_OK;
}

int mk_profile_split_copies(const mk_profile *p, size_t who, size_t k, mk_profile *out, mk_ctx *ctx)
{
    size_t n = p->n, w = p->width;
    if (who >= n || k == 0 || out == p)
        return mk_error(ctx, MK_EPARAM, "split: participant %zu of %zu into %zu identities",
                        who + 1, n, k);
    if (k - 1 > SIZE_MAX - n)
        return mk_error(ctx, MK_ERANGE, "split into %zu identities is too large", k);
    int rc = mk_profile_resize(out, n + k - 1, w, ctx);
    if (rc != 0)
        return rc;
    if (n * w > 0)
        memcpy(out->cells, p->cells, n * w * sizeof *out->cells);
    for (size_t j = 1; j < k; j++)
        memcpy(mk_profile_row(out, n + j - 1), mk_profile_row(p, who), w * sizeof *out->cells);
    return MK_OK;
}

void mk_profile_free(mk_profile *p)
{
    if (p == NULL)
        return;
    free(p->cells);
    free(p->weight);
    *p = (mk_profile)MK_PROFILE_INIT;
}

void mk_names_free(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
}

int mk_dataset_adopt_names(mk_dataset *d, char **labels, size_t n_labels, char **items,
                           size_t n_items, int rc, mk_dataset *out)
{
    if (rc != 0) {
        mk_names_free(labels, n_labels);
        mk_names_free(items, n_items);
        mk_dataset_free(d);
        return rc;
    }
    d->labels = labels;
    d->reports.labels = (const char *const *)labels;
    d->items = items;
    d->n_items = n_items;
    *out = *d;
    return MK_OK;
}

void mk_dataset_free(mk_dataset *d)
{
    if (d == NULL)
        return;
    if (d->labels != NULL) {
        for (size_t i = 0; i < d->reports.n; i++)
            free(d->labels[i]);
        free(d->labels);
    }
    for (size_t i = 0; d->items != NULL && i < d->n_items; i++)
        free(d->items[i]);
    free(d->items);
    mk_profile_free(&d->reports);
    mk_profile_free(&d->types);
    *d = (mk_dataset)MK_DATASET_INIT;
}

long mk_dataset_find(const mk_dataset *d, const char *label)
{
    if (d->labels == NULL)
        return -1;
    for (size_t i = 0; i < d->reports.n; i++)
        if (strcmp(d->labels[i], label) == 0)
            return (long)i;
    return -1;
}
