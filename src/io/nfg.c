/*
 * Gambit .nfg reader and writer (see nfg.h).
 *
 * A hand-written scanner over the buffer: the header is read token by
 * token, the payoff table by a tight loop that parses each number in place
 * (no copy, no allocation), which is what makes large tables fast. Line
 * and column are tracked by counting newlines as they are skipped; the
 * column of an error is worked out only when there is an error.
 */
#include "mechkit/nfg.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__SIZEOF_INT128__)
#error "mechkit needs a compiler with __int128 (gcc or clang)"
#endif
__extension__ typedef unsigned __int128 u128;

enum token_kind { T_EOF, T_LBRACE, T_RBRACE, T_COMMA, T_STRING, T_WORD };

/* A position in the input, for messages. */
typedef struct where {
    const char *at;
    size_t line;
    const char *line_start;
} where;

typedef struct token {
    enum token_kind kind;
    const char *start, *end; /* WORD: the word; STRING: between the quotes */
    where pos;
} token;

typedef struct reader {
    const char *p, *end;
    const char *name;
    size_t line;
    const char *line_start;
    mk_ctx *ctx;
} reader;

/* A growable list of owned strings. */
typedef struct strvec {
    char **item;
    size_t n, cap;
} strvec;

/* ---- errors --------------------------------------------------------------------------------- */

static where here(const reader *r)
{
    return (where){r->p, r->line, r->line_start};
}

/* Column of w.at in characters (UTF-8 continuation bytes do not count). */
static size_t column_of(where w)
{
    size_t col = 1;
    for (const char *q = w.line_start; q < w.at; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            col++;
    return col;
}

static int fail_at(const reader *r, where w, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail_at(const reader *r, where w, int code, const char *fmt, ...)
{
    char what[MK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mk_error(r->ctx, code, "%s:%zu:%zu: %s", r->name, w.line, column_of(w), what);
}

/* ---- scanning ------------------------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Bytes that end a word (a number, NFG, R). */
static int is_delimiter(char c)
{
    return is_space(c) || c == '{' || c == '}' || c == '"' || c == ',';
}

static void skip_space(reader *r)
{
    const char *p = r->p, *end = r->end;
    while (p < end && is_space(*p)) {
        if (*p == '\n') {
            r->line++;
            r->line_start = p + 1;
        }
        p++;
    }
    r->p = p;
}

/* Reads a string after its opening quote; newlines inside count as lines. */
static int scan_string(reader *r, token *t)
{
    const char *p = r->p + 1;
    t->start = p;
    while (p < r->end && *p != '"') {
        if (*p == '\\' && p + 1 < r->end)
            p++;
        if (*p == '\n') {
            r->line++;
            r->line_start = p + 1;
        }
        p++;
    }
    if (p >= r->end)
        return fail_at(r, t->pos, MK_EINPUT, "string not closed: a '\"' is missing");
    t->end = p;
    r->p = p + 1;
    return MK_OK;
}

static int next_token(reader *r, token *t)
{
    skip_space(r);
    t->pos = here(r);
    t->start = t->end = r->p;
    if (r->p >= r->end) {
        t->kind = T_EOF;
        return MK_OK;
    }
    switch (*r->p) {
    case '{': t->kind = T_LBRACE; break;
    case '}': t->kind = T_RBRACE; break;
    case ',': t->kind = T_COMMA; break;
    case '"': t->kind = T_STRING; return scan_string(r, t);
    default:
        t->kind = T_WORD;
        while (r->p < r->end && !is_delimiter(*r->p))
            r->p++;
        t->end = r->p;
        return MK_OK;
    }
    t->end = ++r->p;
    return MK_OK;
}

static int peek_token(reader *r, token *t)
{
    reader saved = *r;
    int rc = next_token(r, t);
    *r = saved;
    return rc;
}

static const char *kind_name(enum token_kind k)
{
    switch (k) {
    case T_EOF: return "the end of the file";
    case T_LBRACE: return "'{'";
    case T_RBRACE: return "'}'";
    case T_COMMA: return "','";
    case T_STRING: return "a string";
    default: return "a word";
    }
}

static int expect(reader *r, enum token_kind kind, token *t, const char *what)
{
    int rc = next_token(r, t);
    if (rc == 0 && t->kind != kind)
        rc = fail_at(r, t->pos, MK_EINPUT, "expected %s, found %s", what, kind_name(t->kind));
    return rc;
}

static int word_is(const token *t, const char *w)
{
    size_t len = strlen(w);
    return t->kind == T_WORD && (size_t)(t->end - t->start) == len && memcmp(t->start, w, len) == 0;
}

/* ---- strings -------------------------------------------------------------------------------- */

/* Length of the UTF-8 sequence at p (Unicode table 3-7), 0 when invalid. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    if (c < 0x80)
        return c != 0;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4 || (size_t)(end - p) < n)
        return 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* The text of a string token, escapes resolved, in a new buffer. */
static int decode_string(const reader *r, const token *t, char **out)
{
    char *buf = malloc((size_t)(t->end - t->start) + 1);
    if (buf == NULL)
        return mk_error(r->ctx, MK_ENOMEM, "out of memory for a string");
    size_t n = 0;
    where w = t->pos;
    for (const char *p = t->start; p < t->end;) {
        if (*p == '\\')
            p++;
        size_t len = utf8_length((const unsigned char *)p, (const unsigned char *)t->end);
        if (len == 0) {
            /* Point at the bad byte: find its line from the string start. */
            for (const char *q = w.at; q < p; q++)
                if (*q == '\n') {
                    w.line++;
                    w.line_start = q + 1;
                }
            w.at = p;
            free(buf);
            return fail_at(r, w, MK_EINPUT, "%s in a string",
                           *p == '\0' ? "NUL byte" : "invalid UTF-8");
        }
        memcpy(buf + n, p, len);
        n += len;
        p += len;
    }
    buf[n] = '\0';
    *out = buf;
    return MK_OK;
}

static int strvec_push(strvec *v, char *s, mk_ctx *ctx)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        char **grown = realloc(v->item, cap * sizeof *grown);
        if (grown == NULL) {
            free(s);
            return mk_error(ctx, MK_ENOMEM, "out of memory for names");
        }
        v->item = grown;
        v->cap = cap;
    }
    v->item[v->n++] = s;
    return MK_OK;
}

static void strvec_free(strvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->item[i]);
    free(v->item);
}

/* Reads a string token and appends its text to v. */
static int read_string_into(reader *r, const token *t, strvec *v)
{
    char *s = NULL;
    int rc = decode_string(r, t, &s);
    return rc != 0 ? rc : strvec_push(v, s, r->ctx);
}

/* ---- numbers -------------------------------------------------------------------------------- */

/* Largest value whose times ten plus a digit fits u128 (with room). */
#define MANTISSA_MAX (((u128)1 << 120) / 10)

static u128 gcd_u128(u128 a, u128 b)
{
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* num/den (den > 0) in lowest terms into *out, or -1 when it does not fit. */
static int make_rational(int negative, u128 num, u128 den, mk_rational *out)
{
    u128 g = gcd_u128(num, den);
    num /= g;
    den /= g;
    if (den > (u128)INT64_MAX || num > (u128)INT64_MAX + (negative ? 1u : 0u))
        return -1;
    out->num = negative ? (int64_t)(0 - (uint64_t)num) : (int64_t)num;
    out->den = (int64_t)den;
    return 0;
}

/* Appends digit d to *m; -1 when the mantissa would exceed MANTISSA_MAX. */
static int push_digit(u128 *m, unsigned d)
{
    if (*m > MANTISSA_MAX)
        return -1;
    *m = *m * 10 + d;
    return 0;
}

typedef struct number {
    int negative, too_long;
    u128 mantissa, den;
    long scale; /* value = mantissa * 10^scale / den */
} number;

/* Digits, an optional fraction and exponent; returns the end or NULL. */
static const char *scan_decimal(const char *p, const char *end, number *x)
{
    size_t digits = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
        x->too_long |= push_digit(&x->mantissa, (unsigned)(*p - '0'));
    if (p < end && *p == '.') {
        size_t zeros = 0;
        /* Trailing zeros of a fraction change nothing: they are counted and
         * only applied when a non-zero digit follows. */
        for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
            if (*p == '0') {
                zeros++;
                continue;
            }
            for (; zeros > 0; zeros--, x->scale--)
                x->too_long |= push_digit(&x->mantissa, 0);
            x->too_long |= push_digit(&x->mantissa, (unsigned)(*p - '0'));
            x->scale--;
        }
    }
    if (digits == 0)
        return NULL;
    if (p < end && (*p == 'e' || *p == 'E')) {
        int neg = ++p < end && *p == '-';
        if (p < end && (*p == '-' || *p == '+'))
            p++;
        long e = 0;
        size_t n = 0;
        for (; p < end && *p >= '0' && *p <= '9'; p++, n++)
            e = e < 100000 ? e * 10 + (*p - '0') : e; /* beyond: out of range anyway */
        if (n == 0)
            return NULL;
        x->scale += neg ? -e : e;
    }
    return p;
}

/* The integer after '/' of a fraction; returns the end or NULL. */
static const char *scan_denominator(const char *p, const char *end, number *x)
{
    const char *start = p;
    x->den = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
        x->too_long |= push_digit(&x->den, (unsigned)(*p - '0'));
    return p == start ? NULL : p;
}

/* Scales x to a ratio of integers; -1 when a part outgrows 10^36. */
static int apply_scale(number *x)
{
    if (x->mantissa == 0)
        x->scale = 0;
    while (x->scale < 0 && x->mantissa % 10 == 0) {
        x->mantissa /= 10;
        x->scale++;
    }
    for (; x->scale > 0; x->scale--) {
        if (x->mantissa > MANTISSA_MAX)
            return -1;
        x->mantissa *= 10;
    }
    for (; x->scale < 0; x->scale++) {
        if (x->den > MANTISSA_MAX)
            return -1;
        x->den *= 10;
    }
    return 0;
}

/* Parses the number at r->p (which is not at a delimiter) into *out and
 * moves past it. */
static int read_number(reader *r, mk_rational *out)
{
    const char *p = r->p, *end = r->end;
    where w = here(r);
    number x = {0, 0, 0, 1, 0};
    if (p < end && (*p == '-' || *p == '+'))
        x.negative = *p++ == '-';
    const char *q = scan_decimal(p, end, &x);
    if (q != NULL && q < end && *q == '/') {
        int integer = 1;
        for (const char *d = p; d < q; d++)
            integer &= *d >= '0' && *d <= '9';
        /* Only integers make a fraction: "1.5/2" and "1e2/3" are refused. */
        q = integer ? scan_denominator(q + 1, end, &x) : NULL;
    }
    const char *stop = q;
    if (stop == NULL)
        stop = p;
    while (stop < end && !is_delimiter(*stop))
        stop++;
    int len = (int)(stop - w.at < 40 ? stop - w.at : 40);
    if (q == NULL || q != stop)
        return fail_at(
            r, w, MK_EINPUT,
            "'%.*s' is not a number (expected an integer, a decimal or a fraction such as 7/3)",
            len, w.at);
    if (x.den == 0)
        return fail_at(r, w, MK_EINPUT, "'%.*s' has a zero denominator", len, w.at);
    if (x.too_long || apply_scale(&x) != 0 || make_rational(x.negative, x.mantissa, x.den, out))
        return fail_at(
            r, w, MK_ERANGE,
            "'%.*s' does not fit an exact rational with 64-bit numerator and denominator", len,
            w.at);
    r->p = stop;
    return MK_OK;
}

/* A strategy count or outcome number: decimal digits only, into *out. */
static int read_count(reader *r, const token *t, const char *what, size_t *out)
{
    size_t v = 0;
    int len = (int)(t->end - t->start < 40 ? t->end - t->start : 40);
    if (t->kind != T_WORD)
        return fail_at(r, t->pos, MK_EINPUT, "expected %s, found %s", what, kind_name(t->kind));
    for (const char *p = t->start; p < t->end; p++) {
        if (*p < '0' || *p > '9')
            return fail_at(r, t->pos, MK_EINPUT, "expected %s, found '%.*s'", what, len, t->start);
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *p - '0', &v))
            return fail_at(r, t->pos, MK_EINPUT, "%s '%.*s' is too large", what, len, t->start);
    }
    *out = v;
    return MK_OK;
}

/* ---- header --------------------------------------------------------------------------------- */

typedef struct header {
    strvec title;      /* one item: the title, then the comment if any */
    strvec players;    /* player names */
    strvec strategies; /* strategy names, player after player (names form) */
    size_t *counts;    /* n players */
    size_t n_players;
    size_t cells; /* profiles * players, checked */
    where table;  /* the strategies block, for limits */
} header;

static int read_prologue(reader *r, header *h)
{
    token t;
    int rc = next_token(r, &t);
    if (rc == 0 && !word_is(&t, "NFG"))
        rc = fail_at(r, t.pos, MK_EINPUT, "expected 'NFG' (a Gambit strategic-form game)");
    if (rc == 0 && (rc = next_token(r, &t)) == 0 && !word_is(&t, "1"))
        rc = fail_at(r, t.pos, MK_EINPUT, "expected the version 1 after NFG");
    if (rc == 0 && (rc = next_token(r, &t)) == 0 && !word_is(&t, "R") && !word_is(&t, "D"))
        rc = fail_at(r, t.pos, MK_EINPUT, "expected R (rational) or D (decimal) after NFG 1");
    if (rc == 0)
        rc = expect(r, T_STRING, &t, "the title of the game in quotes");
    if (rc == 0)
        rc = read_string_into(r, &t, &h->title);
    if (rc == 0)
        rc = expect(r, T_LBRACE, &t, "'{' before the player names");
    while (rc == 0 && (rc = next_token(r, &t)) == 0 && t.kind != T_RBRACE) {
        if (t.kind != T_STRING)
            return fail_at(r, t.pos, MK_EINPUT, "expected a player name in quotes or '}', found %s",
                           kind_name(t.kind));
        rc = read_string_into(r, &t, &h->players);
    }
    if (rc == 0 && h->players.n == 0)
        rc = fail_at(r, t.pos, MK_EINPUT, "the game has no players");
    return rc;
}

/* Multiplies the running product of counts by c (the count at t). */
static int count_profiles(reader *r, const token *t, size_t c, size_t *cells)
{
    if (c == 0)
        return fail_at(r, t->pos, MK_EINPUT, "a player has zero strategies");
    if (__builtin_mul_overflow(*cells, c, cells))
        return fail_at(r, t->pos, MK_EINPUT,
                       "the strategy counts multiply to more profiles than can be counted");
    return MK_OK;
}

/* { "a" "b" } for player i, at the '{' already read. */
static int read_name_list(reader *r, header *h, size_t i)
{
    token t;
    int rc;
    size_t before = h->strategies.n;
    while ((rc = next_token(r, &t)) == 0 && t.kind == T_STRING)
        if ((rc = read_string_into(r, &t, &h->strategies)) != 0)
            return rc;
    if (rc == 0 && t.kind != T_RBRACE)
        rc = fail_at(r, t.pos, MK_EINPUT,
                     "expected a strategy name in quotes or '}' for player %zu, found %s", i + 1,
                     kind_name(t.kind));
    if (rc == 0) {
        h->counts[i] = h->strategies.n - before;
        rc = count_profiles(r, &t, h->counts[i], &h->cells);
    }
    return rc;
}

/* The strategies block: counts or lists of names, one per player. */
static int read_strategies(reader *r, header *h)
{
    token t, first = {T_EOF, NULL, NULL, {NULL, 0, NULL}};
    int rc = expect(r, T_LBRACE, &t, "'{' before the strategies");
    h->table = t.pos;
    h->n_players = h->players.n;
    h->counts = calloc(h->n_players, sizeof *h->counts);
    if (rc == 0 && h->counts == NULL)
        rc = mk_error(r->ctx, MK_ENOMEM, "out of memory for %zu players", h->n_players);
    if (rc == 0)
        rc = peek_token(r, &first);
    h->cells = 1;
    int named = first.kind == T_LBRACE;
    for (size_t i = 0; rc == 0 && i < h->n_players; i++) {
        rc = next_token(r, &t);
        if (rc == 0 && t.kind == T_RBRACE)
            return fail_at(r, t.pos, MK_EINPUT,
                           "strategies of player %zu are missing (expected %zu %s, found %zu)",
                           i + 1, h->n_players, named ? "lists of names" : "counts", i);
        if (rc == 0 && named && t.kind != T_LBRACE)
            rc = fail_at(r, t.pos, MK_EINPUT,
                         "expected '{' and the strategy names of player %zu, found %s", i + 1,
                         kind_name(t.kind));
        if (rc == 0 && named)
            rc = read_name_list(r, h, i);
        else if (rc == 0 && (rc = read_count(r, &t, "a strategy count", &h->counts[i])) == 0)
            rc = count_profiles(r, &t, h->counts[i], &h->cells);
    }
    if (rc == 0 && (rc = next_token(r, &t)) == 0 && t.kind != T_RBRACE)
        rc = fail_at(r, t.pos, MK_EINPUT,
                     "expected '}' after the strategies of the %zu players, found %s", h->n_players,
                     kind_name(t.kind));
    if (rc == 0 && __builtin_mul_overflow(h->cells, h->n_players, &h->cells))
        rc = fail_at(r, h->table, MK_EINPUT, "the number of payoffs overflows");
    return rc;
}

static void header_free(header *h)
{
    strvec_free(&h->title);
    strvec_free(&h->players);
    strvec_free(&h->strategies);
    free(h->counts);
}

/* ---- the game ------------------------------------------------------------------------------- */

/* Reports that fewer than `needed` numbers are left: counts the words up to
 * the end of the input, where the error is. */
static int too_few(reader *r, size_t needed, const char *what, const header *h)
{
    reader rest = *r;
    token t;
    size_t found = 0;
    while (next_token(&rest, &t) == 0 && t.kind != T_EOF)
        found += t.kind == T_WORD;
    char why[64];
    if (needed == h->cells)
        snprintf(why, sizeof why, "%zu profiles x %zu players", h->cells / h->n_players,
                 h->n_players);
    else
        snprintf(why, sizeof why, "one per profile");
    return fail_at(r, t.pos, MK_EINPUT, "wrong number of %s: expected %zu (%s), found %zu", what,
                   needed, why, found);
}

/* A new game of h's shape and names. Before anything is allocated, the
 * rest of the input must be long enough to hold `needed` numbers of a byte
 * and a separator each, so that a short file cannot claim a huge game. */
static int make_game(reader *r, const header *h, size_t needed, const char *what, mk_game **out)
{
    skip_space(r);
    size_t remaining = (size_t)(r->end - r->p);
    if (needed > remaining / 2 + (remaining & 1))
        return too_few(r, needed, what, h);
    mk_game *g = NULL;
    int rc = mk_game_new(&g, h->n_players, h->counts, r->ctx);
    if (rc != 0)
        return fail_at(r, h->table, rc, "%s", r->ctx->message);
    rc = mk_game_set_title(g, h->title.item[0], r->ctx);
    if (rc == 0 && h->title.n > 1)
        rc = mk_game_set_comment(g, h->title.item[1], r->ctx);
    for (size_t i = 0; rc == 0 && i < h->n_players; i++)
        rc = mk_game_set_player_name(g, i, h->players.item[i], r->ctx);
    for (size_t i = 0, k = 0; rc == 0 && h->strategies.n > 0 && i < h->n_players; i++)
        for (size_t s = 0; rc == 0 && s < h->counts[i]; s++)
            rc = mk_game_set_strategy_name(g, i, s, h->strategies.item[k++], r->ctx);
    if (rc != 0) {
        mk_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

/* After the last number: nothing but whitespace may follow. */
static int expect_end(reader *r, const char *what, size_t n)
{
    skip_space(r);
    if (r->p < r->end)
        return fail_at(r, here(r), MK_EINPUT, "wrong number of %s: more than the %zu expected",
                       what, n);
    return MK_OK;
}

/* The payoff version: cells numbers in a row. */
static int read_payoff_list(reader *r, const header *h, mk_game **out)
{
    mk_game *g = NULL;
    int rc = make_game(r, h, h->cells, "payoffs", &g);
    for (size_t c = 0; rc == 0 && c < h->cells; c++) {
        skip_space(r);
        if (r->p >= r->end) {
            rc = too_few(r, h->cells, "payoffs", h);
        } else if (is_delimiter(*r->p)) {
            token t;
            peek_token(r, &t);
            rc = fail_at(r, t.pos, MK_EINPUT, "expected a payoff, found %s", kind_name(t.kind));
        } else {
            rc = read_number(r, &g->payoff[c]);
        }
    }
    if (rc == 0)
        rc = expect_end(r, "payoffs", h->cells);
    if (rc != 0) {
        mk_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

typedef struct outcomes {
    mk_rational *payoff; /* n * players */
    size_t n, cap;
} outcomes;

/* { "name" p1, p2, ... } after its '{'. */
static int read_outcome(reader *r, size_t players, outcomes *o)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16, bytes;
        if (__builtin_mul_overflow(cap, players * sizeof *o->payoff, &bytes))
            return mk_error(r->ctx, MK_ENOMEM, "out of memory for outcomes");
        mk_rational *grown = realloc(o->payoff, bytes);
        if (grown == NULL)
            return mk_error(r->ctx, MK_ENOMEM, "out of memory for outcomes");
        o->payoff = grown;
        o->cap = cap;
    }
    token t;
    int rc = expect(r, T_STRING, &t, "the name of an outcome in quotes");
    mk_rational *row = o->payoff + o->n * players;
    for (size_t i = 0; rc == 0 && i <= players; i++) {
        if ((rc = next_token(r, &t)) != 0)
            break;
        if (i > 0 && t.kind == T_COMMA && (rc = next_token(r, &t)) != 0)
            break;
        if (i == players && t.kind == T_RBRACE)
            break;
        if (i == players)
            return fail_at(r, t.pos, MK_EINPUT,
                           "outcome %zu: expected '}' after its %zu payoffs, found %s", o->n + 1,
                           players, kind_name(t.kind));
        if (t.kind != T_WORD) {
            return fail_at(r, t.pos, MK_EINPUT,
                           "outcome %zu: expected %zu payoffs, found %s after %zu", o->n + 1,
                           players, kind_name(t.kind), i);
        }
        r->p = t.start;
        rc = read_number(r, &row[i]);
    }
    if (rc == 0)
        o->n++;
    return rc;
}

/* The outcome version: a list of outcomes, then an outcome per profile. */
static int read_outcome_form(reader *r, const header *h, mk_game **out)
{
    outcomes o = {NULL, 0, 0};
    token t;
    mk_game *g = NULL;
    int rc = expect(r, T_LBRACE, &t, "'{' before the outcomes");
    while (rc == 0 && (rc = next_token(r, &t)) == 0 && t.kind != T_RBRACE) {
        if (t.kind != T_LBRACE)
            rc = fail_at(r, t.pos, MK_EINPUT, "expected '{' to start an outcome or '}', found %s",
                         kind_name(t.kind));
        else
            rc = read_outcome(r, h->n_players, &o);
    }
    size_t profiles = h->cells / h->n_players;
    if (rc == 0)
        rc = make_game(r, h, profiles, "outcome numbers", &g);
    for (size_t k = 0; rc == 0 && k < profiles; k++) {
        size_t which = 0;
        if ((rc = next_token(r, &t)) != 0)
            break;
        if (t.kind == T_EOF)
            rc = too_few(r, profiles, "outcome numbers", h);
        else if ((rc = read_count(r, &t, "an outcome number", &which)) == 0 && which > o.n)
            rc = fail_at(r, t.pos, MK_EINPUT, "outcome %zu does not exist (there are %zu)", which,
                         o.n);
        for (size_t i = 0; rc == 0 && which > 0 && i < h->n_players; i++)
            g->payoff[k * h->n_players + i] = o.payoff[(which - 1) * h->n_players + i];
    }
    if (rc == 0)
        rc = expect_end(r, "outcome numbers", profiles);
    free(o.payoff);
    if (rc != 0) {
        mk_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

int mk_game_read_nfg(const char *data, size_t len, const char *name, mk_game **out, mk_ctx *ctx)
{
    if (data == NULL && len > 0)
        return mk_error(ctx, MK_EINTERNAL, "mk_game_read_nfg: no data");
    /* data is NULL only when len is 0 (checked above), so start + len stays
     * within the buffer or the literal; cppcheck cannot see that. */
    const char *start = data != NULL ? data : "";
    // cppcheck-suppress pointerOutOfBoundsCond
    reader r = {start, start + len, name != NULL ? name : "<input>", 1, start, ctx};
    if (len >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte-order mark */
        r.p = r.line_start = start + 3;
    header h = {{0}, {0}, {0}, NULL, 0, 0, {NULL, 0, NULL}};
    int rc = read_prologue(&r, &h);
    if (rc == 0)
        rc = read_strategies(&r, &h);
    token t;
    if (rc == 0 && (rc = peek_token(&r, &t)) == 0 && t.kind == T_STRING) {
        next_token(&r, &t);
        rc = read_string_into(&r, &t, &h.title); /* the comment */
    }
    if (rc == 0 && (rc = peek_token(&r, &t)) == 0 && t.kind == T_LBRACE)
        rc = read_outcome_form(&r, &h, out);
    else if (rc == 0)
        rc = read_payoff_list(&r, &h, out);
    header_free(&h);
    return rc;
}

/* ---- writer --------------------------------------------------------------------------------- */

static void put_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void put_rational(FILE *out, mk_rational v)
{
    if (v.den == 1)
        fprintf(out, "%lld", (long long)v.num);
    else
        fprintf(out, "%lld/%lld", (long long)v.num, (long long)v.den);
}

static void put_strategies(FILE *out, const mk_game *g)
{
    fputs("{", out);
    for (size_t i = 0; i < g->n_players; i++) {
        if (g->strategy_names == NULL) {
            fprintf(out, " %zu", g->n_strategies[i]);
            continue;
        }
        fputs(" {", out);
        for (size_t s = 0; s < g->n_strategies[i]; s++) {
            fputc(' ', out);
            put_string(out, g->strategy_names[i][s]);
        }
        fputs(" }", out);
    }
    fputs(" }\n", out);
}

int mk_game_write_nfg(const mk_game *g, FILE *out, mk_ctx *ctx)
{
    fputs("NFG 1 R ", out);
    put_string(out, g->title);
    fputs(" {", out);
    for (size_t i = 0; i < g->n_players; i++) {
        fputc(' ', out);
        put_string(out, g->player_names[i]);
    }
    fputs(" }\n", out);
    put_strategies(out, g);
    if (g->comment[0] != '\0') {
        put_string(out, g->comment);
        fputc('\n', out);
    }
    fputc('\n', out);
    for (size_t k = 0; k < g->n_profiles; k++) {
        for (size_t i = 0; i < g->n_players; i++) {
            if (i > 0)
                fputc(' ', out);
            put_rational(out, mk_game_payoff(g, k, i));
        }
        fputc('\n', out);
    }
    if (ferror(out))
        return mk_error(ctx, MK_EIO, "cannot write the game");
    return MK_OK;
}
