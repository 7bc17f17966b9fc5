/* Agent kinds and the population grammar of `--agents`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

__extension__ typedef unsigned __int128 sim_u128;

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

/* One group of the spec: a kind and a count, or a share of the
 * population in millionths of a percent. */
typedef struct agent_group {
    int kind;
    int is_share;
    size_t count;
    uint64_t share; /* 10^-6 % units: 100% = SHARE_WHOLE */
} agent_group;

#define SHARE_PLACES 6
#define SHARE_WHOLE 100000000ULL /* 100% in 10^-6 % units */

/* SHARE of a group, s[0..len) before the '%': a decimal from 0 to 100 with
 * at most SHARE_PLACES places. */
static int parse_share(const char *s, size_t len, size_t group, uint64_t *out, mk_ctx *ctx)
{
    uint64_t v = 0;
    size_t places = 0, digits = 0;
    int point = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' && !point) {
            point = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || (point && ++places > SHARE_PLACES) || v > SHARE_WHOLE)
            goto bad;
        v = v * 10 + (uint64_t)(s[i] - '0');
        digits++;
    }
    for (; places < SHARE_PLACES; places++)
        v *= 10;
    if (digits == 0 || v > SHARE_WHOLE)
        goto bad;
    *out = v;
    return MK_OK;
bad:
    return mk_error(ctx, MK_EPARAM,
                    "--agents: group %zu: share '%.*s%%' is not a percentage from 0 to 100 with "
                    "at most %d decimals",
                    group, (int)(len < 40 ? len : 40), s, SHARE_PLACES);
}

/* One group s[0..len): KIND[:COUNT] or KIND:SHARE%. */
static int parse_group(const char *s, size_t len, size_t group, agent_group *g, mk_ctx *ctx)
{
    if (len == 0)
        return mk_error(ctx, MK_EPARAM,
                        "--agents: group %zu is empty (expected KIND[:COUNT] or KIND:SHARE%%)",
                        group);
    const char *colon = memchr(s, ':', len);
    size_t name_len = colon != NULL ? (size_t)(colon - s) : len;
    if (name_len == 0)
        return mk_error(ctx, MK_EPARAM,
                        "--agents: group %zu has no kind (expected KIND[:COUNT] or KIND:SHARE%%)",
                        group);
    g->kind = find_kind(s, name_len);
    if (g->kind < 0)
        return unknown_kind(s, name_len, group, ctx);
    g->count = 1;
    g->is_share = 0;
    if (colon == NULL)
        return MK_OK;
    const char *value = colon + 1;
    size_t value_len = len - name_len - 1;
    if (value_len > 0 && value[value_len - 1] == '%') {
        g->is_share = 1;
        return parse_share(value, value_len - 1, group, &g->share, ctx);
    }
    return parse_count(value, value_len, group, &g->count, ctx);
}

/* Counts of share groups: floor(population * share), the agents left over
 * to the largest remainders (ties: the earlier group). MK_EPARAM when the
 * shares do not add up to 100%. */
static int counts_from_shares(agent_group *g, size_t groups, size_t population, mk_ctx *ctx)
{
    uint64_t total = 0, remainder[MK_SIM_GROUPS_MAX];
    size_t given = 0;
    for (size_t i = 0; i < groups; i++)
        total += g[i].share;
    if (total != SHARE_WHOLE)
        return mk_error(ctx, MK_EPARAM, "--agents: the shares add up to %llu.%06llu%%, not 100%%",
                        (unsigned long long)(total / 1000000),
                        (unsigned long long)(total % 1000000));
    for (size_t i = 0; i < groups; i++) {
        sim_u128 product = (sim_u128)population * g[i].share;
        g[i].count = (size_t)(product / SHARE_WHOLE);
        remainder[i] = (uint64_t)(product % SHARE_WHOLE);
        given += g[i].count;
    }
    for (; given < population; given++) {
        size_t best = 0;
        for (size_t i = 1; i < groups; i++)
            if (remainder[i] > remainder[best])
                best = i;
        g[best].count++;
        remainder[best] = 0;
    }
    return MK_OK;
}

int mk_sim_agents_parse(const char *spec, size_t population, mk_sim_kind **kinds, size_t *n,
                        mk_ctx *ctx)
{
    if (spec == NULL || kinds == NULL || n == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_sim_agents_parse: NULL argument");
    agent_group g[MK_SIM_GROUPS_MAX];
    size_t groups = 0, shares = 0;
    for (const char *s = spec;; groups++) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        if (groups == MK_SIM_GROUPS_MAX)
            return mk_error(ctx, MK_EPARAM, "--agents: more than %d groups", MK_SIM_GROUPS_MAX);
        int rc = parse_group(s, len, groups + 1, &g[groups], ctx);
        if (rc != 0)
            return rc;
        shares += (size_t)g[groups].is_share;
        if (comma == NULL) {
            groups++;
            break;
        }
        s = comma + 1;
    }
    if (shares > 0 && shares < groups)
        return mk_error(ctx, MK_EPARAM,
                        "--agents: give every group a count or every group a share, not both");
    if (shares > 0 && (population == 0 || population > MK_SIM_AGENTS_MAX))
        return mk_error(ctx, MK_EPARAM,
                        "--agents: shares need the population size (--population N, 1 to %d)",
                        MK_SIM_AGENTS_MAX);
    if (shares == 0 && population > 0)
        return mk_error(ctx, MK_EPARAM,
                        "--population applies to shares (e.g. --agents honest:40%%,mw:60%%)");
    int rc = shares > 0 ? counts_from_shares(g, groups, population, ctx) : MK_OK;
    size_t count = 0;
    for (size_t i = 0; rc == 0 && i < groups; i++) {
        if (g[i].count > MK_SIM_AGENTS_MAX - count)
            rc = mk_error(ctx, MK_EPARAM, "--agents: more than %d agents", MK_SIM_AGENTS_MAX);
        count += g[i].count;
    }
    if (rc == 0 && count == 0)
        rc = mk_error(ctx, MK_EPARAM, "--agents: no agents");
    mk_sim_kind *out = rc == 0 ? malloc(count * sizeof *out) : NULL;
    if (rc == 0 && out == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for the agents");
    if (rc != 0)
        return rc;
    for (size_t i = 0, k = 0; i < groups; i++)
        for (size_t j = 0; j < g[i].count; j++)
            out[k++] = (mk_sim_kind)g[i].kind;
    *kinds = out;
    *n = count;
    return MK_OK;
}
