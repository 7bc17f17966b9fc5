/* Agent kinds and the population grammar of `--agents`. */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static const char *const kind_names[MK_SIM_KINDS] = {"honest", "best_response", "mw", "adversarial",
                                                     "fictitious"};

const char *mk_sim_kind_name(mk_sim_kind kind)
{
    return (unsigned)kind < MK_SIM_KINDS ? kind_names[kind] : NULL;
}

/* The kind named by s[0..len); -1 when none. */
static int find_kind(const char *s, size_t len)
{
    if (len == 2 && strncmp(s, "br", 2) == 0)
        return MK_SIM_BEST_RESPONSE;
    if (len == 2 && strncmp(s, "fp", 2) == 0)
        return MK_SIM_FICTITIOUS;
    for (int k = 0; k < MK_SIM_KINDS; k++)
        if (strlen(kind_names[k]) == len && strncmp(s, kind_names[k], len) == 0)
            return k;
    return -1;
}

/* An unknown kind: the message suggests the closest name. */
static int unknown_kind(const char *s, size_t len, size_t group, mk_ctx *ctx)
{
    char word[64];
    size_t w = len < sizeof word - 1 ? len : sizeof word - 1;
    memcpy(word, s, w);
    word[w] = '\0';
    unsigned best = 4;
    const char *guess = NULL;
    for (int k = 0; k < MK_SIM_KINDS; k++) {
        unsigned d = mk_edit_distance(word, kind_names[k]);
        if (d < best) {
            best = d;
            guess = kind_names[k];
        }
    }
    if (guess != NULL)
        return mk_error(ctx, MK_EPARAM,
                        "--agents: group %zu: unknown kind '%s'; did you mean '%s'?", group, word,
                        guess);
    return mk_error(ctx, MK_EPARAM,
                    "--agents: group %zu: unknown kind '%s' (honest, best_response, fictitious, "
                    "mw, adversarial)",
                    group, word);
}

/* COUNT of a group: digits only, 1..MK_SIM_AGENTS_MAX. */
static int parse_count(const char *s, size_t len, size_t group, size_t *out, mk_ctx *ctx)
{
    size_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > MK_SIM_AGENTS_MAX)
            goto bad;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    if (len == 0 || v < 1 || v > MK_SIM_AGENTS_MAX)
        goto bad;
    *out = v;
    return MK_OK;
bad:
    return mk_error(ctx, MK_EPARAM,
                    "--agents: group %zu: count '%.*s' is not an integer from 1 to %d", group,
                    (int)(len < 40 ? len : 40), s, MK_SIM_AGENTS_MAX);
}

/* One group s[0..len) (KIND[:COUNT]) appended to kinds[*n..]. */
static int parse_group(const char *s, size_t len, size_t group, mk_sim_kind *kinds, size_t *n,
                       mk_ctx *ctx)
{
    if (len == 0)
        return mk_error(ctx, MK_EPARAM, "--agents: group %zu is empty (expected KIND[:COUNT])",
                        group);
    const char *colon = memchr(s, ':', len);
    size_t name_len = colon != NULL ? (size_t)(colon - s) : len;
    size_t count = 1;
    if (name_len == 0)
        return mk_error(ctx, MK_EPARAM, "--agents: group %zu has no kind (expected KIND[:COUNT])",
                        group);
    int kind = find_kind(s, name_len);
    if (kind < 0)
        return unknown_kind(s, name_len, group, ctx);
    if (colon != NULL) {
        int rc = parse_count(colon + 1, len - name_len - 1, group, &count, ctx);
        if (rc != 0)
            return rc;
    }
    if (count > MK_SIM_AGENTS_MAX - *n)
        return mk_error(ctx, MK_EPARAM, "--agents: more than %d agents", MK_SIM_AGENTS_MAX);
    for (size_t i = 0; i < count; i++)
        kinds[(*n)++] = (mk_sim_kind)kind;
    return MK_OK;
}

int mk_sim_agents_parse(const char *spec, mk_sim_kind **kinds, size_t *n, mk_ctx *ctx)
{
    if (spec == NULL || kinds == NULL || n == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_sim_agents_parse: NULL argument");
    mk_sim_kind *out = malloc(MK_SIM_AGENTS_MAX * sizeof *out);
    if (out == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the agents");
    size_t count = 0, group = 1;
    const char *s = spec;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        int rc = parse_group(s, len, group, out, &count, ctx);
        if (rc != 0) {
            free(out);
            return rc;
        }
        if (comma == NULL)
            break;
        s = comma + 1;
        group++;
    }
    mk_sim_kind *shrunk = realloc(out, count * sizeof *out);
    *kinds = shrunk != NULL ? shrunk : out;
    *n = count;
    return MK_OK;
}
