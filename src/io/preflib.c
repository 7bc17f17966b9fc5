/*
 * PrefLib reader (.soc, .soi, .toc, .toi), the current format of
 * preflib.org/format (Mattei and Walsh, "PrefLib: A Library for
 * Preferences", ADT 2013): `# KEY: value` metadata, then `count: order`
 * lines whose order lists candidate numbers from most to least preferred,
 * ties in braces. The profile layout is documented in preflib.h; the
 * writer is preflib_write.c.
 */
#include "mechkit/preflib.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/money.h"

typedef struct reader {
    const mk_input *in;
    int plain;           /* the whole input is ASCII without NUL bytes */
    size_t line;         /* 1-based number of the current line */
    int64_t header_m;    /* NUMBER ALTERNATIVES, -1 until seen */
    int64_t header_n;    /* NUMBER VOTERS */
    int64_t header_rows; /* NUMBER UNIQUE ORDERS */
} reader;

static const char *in_name(const reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

static int bad(const reader *r, mk_ctx *ctx, const char *what)
{
    return mk_error(ctx, MK_EINPUT, "%s:%zu: %s", in_name(r), r->line, what);
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* Parses a non-negative decimal integer at *p (no sign, at most 18 digits,
 * so that it fits int64). */
static int parse_count(const char **p, const char *end, int64_t *out)
{
    const char *s = *p;
    int64_t v = 0;
    int digits = 0;
    while (s < end && *s >= '0' && *s <= '9') {
        if (++digits > 18)
            return -1;
        v = v * 10 + (*s - '0');
        s++;
    }
    if (digits == 0)
        return -1;
    *p = s;
    *out = v;
    return 0;
}

/* The value of a `# KEY: value` line as an integer. */
static int header_int(reader *r, const char *v, const char *end, int64_t *out, mk_ctx *ctx)
{
    v = skip_space(v, end);
    if (parse_count(&v, end, out) != 0 || skip_space(v, end) != end)
        return bad(r, ctx, "expected a whole number after the colon");
    return MK_OK;
}

static char *dup_range(const char *s, const char *end)
{
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t n = (size_t)(end - s);
    char *out = malloc(n + 1);
    if (out != NULL) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

/* 1 when s..end is well-formed UTF-8 (RFC 3629: no overlong forms,
 * surrogates or code points above U+10FFFF), which JSON output needs. */
static int utf8_ok(const unsigned char *s, const unsigned char *end)
{
    while (s < end) {
        unsigned c = *s++;
        size_t more = c < 0x80             ? 0
                      : (c & 0xE0) == 0xC0 ? 1
                      : (c & 0xF0) == 0xE0 ? 2
                      : (c & 0xF8) == 0xF0 ? 3
                                           : 9;
        if (more == 9 || (size_t)(end - s) < more)
            return 0;
        unsigned cp = more == 0 ? c : c & (0x3F >> more);
        for (size_t k = 0; k < more; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[k] & 0x3F);
        }
        static const unsigned least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        s += more;
    }
    return 1;
}

/* 1 when s..s+len holds only ASCII bytes and no NUL: then no line needs
 * the checks of each line (most files; one fast pass instead of a
 * byte-by-byte walk of every line). */
static int plain_ascii(const char *s, size_t len)
{
    if (memchr(s, '\0', len) != NULL)
        return 0;
    unsigned char high = 0;
    for (size_t i = 0; i < len; i++)
        high |= (unsigned char)s[i]; /* a loop the compiler vectorises */
    return high < 0x80;
}

static int key_is(const char *key, size_t klen, const char *want)
{
    return klen == strlen(want) && memcmp(key, want, klen) == 0;
}

/* Sizes the candidate arrays once NUMBER ALTERNATIVES is known. */
static int set_candidates(reader *r, mk_ballots *b, int64_t m, mk_ctx *ctx)
{
    if (r->header_m >= 0)
        return bad(r, ctx, "NUMBER ALTERNATIVES is given twice");
    if (m < 1)
        return bad(r, ctx, "NUMBER ALTERNATIVES must be at least 1");
    if (m > MK_PREFLIB_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: %" PRId64 " candidates; at most %d are allowed",
                        in_name(r), r->line, m, MK_PREFLIB_MAX_CANDIDATES);
    r->header_m = m;
    b->m = (size_t)m;
    b->names = calloc(b->m, sizeof *b->names);
    if (b->names == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", b->m);
    return MK_OK;
}

/* `ALTERNATIVE NAME i: name`; the key holds "ALTERNATIVE NAME i". */
static int set_name(reader *r, mk_ballots *b, const char *key, const char *kend, const char *v,
                    const char *end, mk_ctx *ctx)
{
    const char *p = skip_space(key + strlen("ALTERNATIVE NAME"), kend);
    int64_t i;
    if (parse_count(&p, kend, &i) != 0 || p != kend)
        return bad(r, ctx, "expected 'ALTERNATIVE NAME <number>: <name>'");
    if (r->header_m < 0)
        return bad(r, ctx, "ALTERNATIVE NAME comes before NUMBER ALTERNATIVES");
    if (i < 1 || i > r->header_m) {
        char msg[96];
        snprintf(msg, sizeof msg, "alternative %" PRId64 " is outside 1..%" PRId64, i, r->header_m);
        return bad(r, ctx, msg);
    }
    if (b->names[i - 1] != NULL) {
        char msg[96];
        snprintf(msg, sizeof msg, "alternative %" PRId64 " is named twice", i);
        return bad(r, ctx, msg);
    }
    b->names[i - 1] = dup_range(skip_space(v, end), end);
    if (b->names[i - 1] == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a candidate name");
    return MK_OK;
}

static int header_line(reader *r, mk_ballots *b, const char *p, const char *end, mk_ctx *ctx)
{
    p = skip_space(p + 1, end);
    const char *colon = memchr(p, ':', (size_t)(end - p));
    if (colon == NULL)
        return MK_OK; /* a comment that is not metadata */
    const char *key = p, *kend = colon, *v = colon + 1;
    size_t klen = (size_t)(kend - key);
    int64_t x;
    if (key_is(key, klen, "NUMBER ALTERNATIVES")) {
        int rc = header_int(r, v, end, &x, ctx);
        return rc != 0 ? rc : set_candidates(r, b, x, ctx);
    }
    if (key_is(key, klen, "NUMBER VOTERS"))
        return header_int(r, v, end, &r->header_n, ctx);
    if (key_is(key, klen, "NUMBER UNIQUE ORDERS"))
        return header_int(r, v, end, &r->header_rows, ctx);
    if (klen > 16 && memcmp(key, "ALTERNATIVE NAME", 16) == 0)
        return set_name(r, b, key, kend, v, end, ctx);
    if (key_is(key, klen, "TITLE")) {
        free(b->title);
        b->title = dup_range(skip_space(v, end), end);
        return b->title == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory for the title") : MK_OK;
    }
    if (key_is(key, klen, "DATA TYPE")) {
        const char *t = skip_space(v, end);
        size_t tl = (size_t)(end - t);
        while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
            tl--;
        static const char *const types[] = {"soc", "soi", "toc", "toi"};
        for (size_t i = 0; i < 4; i++)
            if (tl == 3 && memcmp(t, types[i], 3) == 0) {
                memcpy(b->data_type, types[i], 4);
                return MK_OK;
            }
        return bad(r, ctx, "DATA TYPE must be soc, soi, toc or toi");
    }
    return MK_OK; /* other metadata (FILE NAME, dates, ...) is not needed */
}

/* Makes room for one more row. */
static int grow_rows(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    mk_profile *p = &b->profile;
    if (p->n >= MK_PREFLIB_MAX_ORDERS)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: more than %d orders", in_name(r), r->line,
                        MK_PREFLIB_MAX_ORDERS);
    return mk_profile_reserve(p, p->n + 1, b->m, ctx);
}

/* One ranking: candidates separated by commas, ties in braces, into row
 * (all 0 on entry: a candidate already ranked has a rank above 0). */
static int parse_order(reader *r, const char *p, const char *end, int64_t *row, mk_ctx *ctx,
                       int *tied, size_t *ranked)
{
    int64_t rank = 0, m = r->header_m;
    size_t placed = 0;
    int tie = 0;
    p = skip_space(p, end);
    if (p == end)
        return bad(r, ctx, "the order is empty");
    for (;;) {
        int brace = *p == '{';
        size_t members = 0;
        rank++;
        if (brace)
            p = skip_space(p + 1, end);
        for (;;) {
            int64_t c;
            if (parse_count(&p, end, &c) != 0)
                return bad(r, ctx, "expected a candidate number");
            if (c < 1 || c > m) {
                char msg[96];
                snprintf(msg, sizeof msg,
                         "unknown candidate %" PRId64 " (candidates are 1..%" PRId64 ")", c, m);
                return bad(r, ctx, msg);
            }
            if (row[c - 1] != MK_RANK_UNRANKED) {
                char msg[96];
                snprintf(msg, sizeof msg, "candidate %" PRId64 " is ranked twice on one ballot", c);
                return bad(r, ctx, msg);
            }
            row[c - 1] = rank;
            members++;
            p = skip_space(p, end);
            if (!brace || p == end || *p == '}')
                break;
            if (*p != ',')
                return bad(r, ctx, "expected ',' or '}' in a tie");
            p = skip_space(p + 1, end);
        }
        placed += members;
        tie |= members > 1;
        if (brace) {
            if (p == end || *p != '}')
                return bad(r, ctx, "a '{' is not closed");
            p = skip_space(p + 1, end);
        }
        if (p == end)
            break;
        if (*p != ',')
            return bad(r, ctx, "expected ',' between ranks");
        p = skip_space(p + 1, end);
    }
    *tied = tie;
    *ranked = placed;
    return MK_OK;
}

/* The common data line: candidate numbers of at most 4 digits (every
 * candidate: MK_PREFLIB_MAX_CANDIDATES is 4096) separated by commas,
 * nothing else, each candidate once. Returns 1 with the order in row
 * (all 0 on entry) and the candidates ranked in *ranked; 0 for any other
 * line, which parse_order then reads from the start (with its messages).
 * A few instructions a byte instead of parse_order's general walk. */
static int plain_order(const char *p, const char *end, int64_t *row, int64_t m, size_t *ranked)
{
    int64_t rank = 0;
    for (;;) {
        const char *start = p;
        int64_t c = 0;
        /* at most 5 digits read: a fifth is refused below, without overflow */
        for (unsigned d; p < end && p - start < 5 && (d = (unsigned)(unsigned char)*p - '0') < 10;
             p++)
            c = c * 10 + d;
        if (p == start || p - start > 4 || c < 1 || c > m || row[c - 1] != MK_RANK_UNRANKED)
            return 0;
        row[c - 1] = ++rank;
        if (p == end) {
            *ranked = (size_t)rank;
            return 1;
        }
        if (*p++ != ',')
            return 0;
    }
}

static int data_line(reader *r, mk_ballots *b, const char *p, const char *end, mk_ctx *ctx)
{
    if (r->header_m < 0)
        return bad(r, ctx, "a data line comes before NUMBER ALTERNATIVES");
    int64_t count;
    if (parse_count(&p, end, &count) != 0)
        return bad(r, ctx, "expected 'count: order'");
    p = skip_space(p, end);
    if (p == end || *p != ':')
        return bad(r, ctx, "expected ':' after the count");
    if (count < 1)
        return bad(r, ctx, "a count must be at least 1");
    int rc = grow_rows(r, b, ctx);
    if (rc != 0)
        return rc;
    int64_t *row = b->profile.cells + b->profile.n * b->m;
    memset(row, 0, b->m * sizeof *row);
    int tied = 0;
    size_t ranked = 0;
    if (!plain_order(skip_space(p + 1, end), end, row, r->header_m, &ranked)) {
        memset(row, 0, b->m * sizeof *row);
        rc = parse_order(r, p + 1, end, row, ctx, &tied, &ranked);
    }
    if (rc != 0)
        return rc;
    if (tied && b->data_type[0] == 's')
        return bad(r, ctx, "a tie in a strict-order file (DATA TYPE soc or soi)");
    if (ranked < b->m && b->data_type[2] == 'c')
        return bad(r, ctx, "an incomplete order in a complete-order file (DATA TYPE soc or toc)");
    if (mk_checked_add(b->voters, count, &b->voters) != 0)
        return mk_error(ctx, MK_ERANGE, "%s:%zu: the number of voters overflows", in_name(r),
                        r->line);
    b->profile.weight[b->profile.n++] = count;
    return MK_OK;
}

static int check_totals(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    const char *name = in_name(r);
    if (r->header_m < 0)
        return mk_error(ctx, MK_EINPUT, "%s: no '# NUMBER ALTERNATIVES' line", name);
    for (size_t j = 0; j < b->m; j++)
        if (b->names[j] == NULL)
            return mk_error(ctx, MK_EINPUT, "%s: no '# ALTERNATIVE NAME %zu' line", name, j + 1);
    if (r->header_n < 0 || r->header_rows < 0)
        return mk_error(ctx, MK_EINPUT, "%s: no '# NUMBER VOTERS' or '# NUMBER UNIQUE ORDERS' line",
                        name);
    if (b->voters != r->header_n)
        return mk_error(ctx, MK_EINPUT,
                        "%s: the counts add up to %" PRId64
                        " voters but NUMBER VOTERS says %" PRId64,
                        name, b->voters, r->header_n);
    if ((int64_t)b->profile.n != r->header_rows)
        return mk_error(ctx, MK_EINPUT, "%s: %zu orders but NUMBER UNIQUE ORDERS says %" PRId64,
                        name, b->profile.n, r->header_rows);
    return MK_OK;
}

static int read_lines(reader *r, mk_ballots *b, mk_ctx *ctx)
{
    const char *p = r->in->data, *end = p + r->in->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl != NULL ? nl : end;
        const char *next = nl != NULL ? nl + 1 : end;
        if (le > p && le[-1] == '\r')
            le--;
        r->line++;
        size_t len = le > p ? (size_t)(le - p) : 0; /* le >= p; says so to gcc */
        if (!r->plain && memchr(p, '\0', len) != NULL)
            return bad(r, ctx, "a NUL byte");
        if (!r->plain && !utf8_ok((const unsigned char *)p, (const unsigned char *)le))
            return bad(r, ctx, "the line is not UTF-8");
        const char *s = skip_space(p, le);
        int rc = MK_OK;
        if (s < le && *s == '#')
            rc = header_line(r, b, s, le, ctx);
        else if (s < le)
            rc = data_line(r, b, s, le, ctx);
        if (rc != 0)
            return rc;
        p = next;
    }
    return check_totals(r, b, ctx);
}

int mk_preflib_read(const mk_input *in, mk_ballots *out, mk_ctx *ctx)
{
    mk_ballots b = MK_BALLOTS_INIT;
    reader r = {in, plain_ascii(in->data, in->len), 0, -1, -1, -1};
    memcpy(b.data_type, "toi", 4); /* the most permissive when absent */
    b.title = calloc(1, 1);
    int rc = b.title == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : read_lines(&r, &b, ctx);
    if (rc != 0) {
        mk_ballots_free(&b);
        return rc;
    }
    b.profile.width = b.m;
    *out = b;
    return MK_OK;
}

void mk_ballots_free(mk_ballots *b)
{
    if (b == NULL)
        return;
    for (size_t j = 0; b->names != NULL && j < b->m; j++)
        free(b->names[j]);
    free(b->names);
    free(b->title);
    mk_profile_free(&b->profile);
    *b = (mk_ballots)MK_BALLOTS_INIT;
}
