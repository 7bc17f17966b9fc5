/*
 * RFC 4180 CSV reader over a buffer in memory (see csv.h).
 *
 * One pass over the bytes: each field is copied run by run into one growable
 * buffer of the reader, so reading a record allocates nothing once the
 * buffers have grown to the longest record. UTF-8 is validated as the bytes
 * go by; the column of an error is worked out only when there is an error.
 */
#include "mechkit/csv.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Capacity of the field buffer and field arrays when first grown. */
#define INITIAL_BYTES 256
#define INITIAL_FIELDS 16

struct mk_csv {
    const unsigned char *data;
    size_t len;
    size_t pos;        /* next byte to read */
    size_t line;       /* 1-based line of data[pos] */
    size_t line_start; /* offset of the first byte of that line (after a BOM) */
    char *name;        /* copy of the input name, for messages */
    char *buf;         /* fields of the current record, each NUL-terminated */
    size_t buf_len;
    size_t buf_cap;
    size_t *off;  /* offset in buf of each field of the current record */
    size_t *flen; /* length of each field */
    char **field; /* buf + off[i], filled once the record is complete */
    size_t nfields;
    size_t fields_cap;
};

/* Bytes that end a run of plain bytes in an unquoted field. */
static const unsigned char unquoted_stop[128] = {
    [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

/* ---- errors -------------------------------------------------------------------------------- */

/* Column of data[at] on the line starting at data[line_start], counted in
 * characters (code points) from 1. The bytes before `at` on the line have
 * already been validated, so counting the bytes that are not UTF-8
 * continuation bytes counts the characters. */
static size_t column_of(const mk_csv *csv, size_t line_start, size_t at)
{
    size_t col = 1;
    for (size_t i = line_start; i < at; i++)
        if ((csv->data[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/* Records "NAME:LINE:COL: message" for data[at] on the given line. */
static int fail_at(const mk_csv *csv, mk_ctx *ctx, size_t line, size_t line_start, size_t at,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int fail_at(const mk_csv *csv, mk_ctx *ctx, size_t line, size_t line_start, size_t at,
                   const char *fmt, ...)
{
    char what[MK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mk_error(ctx, MK_EINPUT, "%s:%zu:%zu: %s", csv->name, line,
                    column_of(csv, line_start, at), what);
}

/* ---- UTF-8 --------------------------------------------------------------------------------- */

/* Length (2 to 4) of the well-formed UTF-8 sequence that starts at s[0] >=
 * 0x80, with n >= 1 bytes available; 0 with *why set when it is not
 * well-formed. The ranges are those of the Unicode Standard, table 3-7
 * ("Well-Formed UTF-8 Byte Sequences"), which excludes overlong forms,
 * surrogates (U+D800..U+DFFF) and code points above U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t n, const char **why)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    size_t need;
    if (c < 0xC0) {
        *why = "continuation byte without a lead byte";
        return 0;
    } else if (c < 0xC2) {
        *why = "overlong encoding";
        return 0;
    } else if (c < 0xE0) {
        need = 2;
    } else if (c < 0xF0) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *why = c < 0xF8 ? "code point above U+10FFFF" : "byte that never appears in UTF-8";
        return 0;
    }
    if (n < 2 || (s[1] & 0xC0) != 0x80) {
        *why = "truncated sequence";
        return 0;
    }
    if (s[1] < lo || s[1] > hi) {
        *why = c == 0xED   ? "surrogate code point"
               : c == 0xF4 ? "code point above U+10FFFF"
                           : "overlong encoding";
        return 0;
    }
    for (size_t i = 2; i < need; i++) {
        if (i >= n || (s[i] & 0xC0) != 0x80) {
            *why = "truncated sequence";
            return 0;
        }
    }
    return need;
}

/* Validates the non-ASCII sequence at csv->data[at]: its length, or 0
 * after recording the error. */
static size_t check_utf8(const mk_csv *csv, size_t at, mk_ctx *ctx, int *rc)
{
    const char *why = "";
    size_t n = utf8_sequence(csv->data + at, csv->len - at, &why);
    if (n == 0)
        *rc = fail_at(csv, ctx, csv->line, csv->line_start, at, "invalid UTF-8: %s (byte 0x%02X)",
                      why, (unsigned)csv->data[at]);
    return n;
}

/* ---- buffers ------------------------------------------------------------------------------- */

/* Makes room for `extra` more bytes in the field buffer; the capacity
 * doubles, so appending is amortised O(1) per byte. */
static int reserve_bytes(mk_csv *csv, size_t extra, mk_ctx *ctx)
{
    if (extra <= csv->buf_cap - csv->buf_len)
        return MK_OK;
    if (extra > SIZE_MAX - csv->buf_len)
        return mk_error(ctx, MK_ENOMEM, "%s:%zu: record too large", csv->name, csv->line);
    size_t need = csv->buf_len + extra;
    size_t cap = csv->buf_cap > 0 ? csv->buf_cap : INITIAL_BYTES;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *grown = realloc(csv->buf, cap);
    if (grown == NULL)
        return mk_error(ctx, MK_ENOMEM, "%s:%zu: out of memory for a record of %zu bytes",
                        csv->name, csv->line, need);
    csv->buf = grown;
    csv->buf_cap = cap;
    return MK_OK;
}

static int append(mk_csv *csv, const unsigned char *s, size_t n, mk_ctx *ctx)
{
    if (n == 0)
        return MK_OK;
    int rc = reserve_bytes(csv, n, ctx);
    if (rc < 0)
        return rc;
    memcpy(csv->buf + csv->buf_len, s, n);
    csv->buf_len += n;
    return MK_OK;
}

/* Starts a new field at the end of the field buffer. */
static int begin_field(mk_csv *csv, mk_ctx *ctx)
{
    if (csv->nfields == csv->fields_cap) {
        size_t cap = csv->fields_cap > 0 ? csv->fields_cap : INITIAL_FIELDS;
        if (csv->fields_cap > 0 && cap > SIZE_MAX / 2)
            return mk_error(ctx, MK_ENOMEM, "%s:%zu: too many fields", csv->name, csv->line);
        if (csv->fields_cap > 0)
            cap *= 2;
        if (cap > SIZE_MAX / sizeof(size_t) || cap > SIZE_MAX / sizeof(char *))
            return mk_error(ctx, MK_ENOMEM, "%s:%zu: too many fields", csv->name, csv->line);
        /* fields_cap is updated only once all three arrays have grown, so a
         * failure part-way leaves every array at least fields_cap long. */
        size_t *off = realloc(csv->off, cap * sizeof *off);
        if (off == NULL)
            goto nomem;
        csv->off = off;
        size_t *flen = realloc(csv->flen, cap * sizeof *flen);
        if (flen == NULL)
            goto nomem;
        csv->flen = flen;
        char **field = realloc(csv->field, cap * sizeof *field);
        if (field == NULL)
            goto nomem;
        csv->field = field;
        csv->fields_cap = cap;
    }
    csv->off[csv->nfields] = csv->buf_len;
    return MK_OK;
nomem:
    return mk_error(ctx, MK_ENOMEM, "%s:%zu: out of memory for a record of %zu fields", csv->name,
                    csv->line, csv->nfields + 1);
}

/* Terminates the field begun by begin_field. */
static int end_field(mk_csv *csv, mk_ctx *ctx)
{
    int rc = reserve_bytes(csv, 1, ctx);
    if (rc < 0)
        return rc;
    csv->flen[csv->nfields] = csv->buf_len - csv->off[csv->nfields];
    csv->buf[csv->buf_len++] = '\0';
    csv->nfields++;
    return MK_OK;
}

/* ---- scanning ------------------------------------------------------------------------------ */

/* Notes that data[after - 1] was a line feed. */
static void new_line(mk_csv *csv, size_t after)
{
    csv->line++;
    csv->line_start = after;
}

static int fail_nul(const mk_csv *csv, size_t at, mk_ctx *ctx)
{
    return fail_at(csv, ctx, csv->line, csv->line_start, at, "NUL byte");
}

/* Reads an unquoted field up to the next delimiter, line end or end of
 * input, which it leaves unread. */
static int read_unquoted(mk_csv *csv, mk_ctx *ctx)
{
    const unsigned char *d = csv->data;
    size_t start = csv->pos, pos = start;
    int rc = MK_OK;
    while (pos < csv->len) {
        unsigned char c = d[pos];
        if (c < 0x80) {
            if (unquoted_stop[c])
                break;
            pos++;
        } else {
            size_t n = check_utf8(csv, pos, ctx, &rc);
            if (n == 0)
                return rc;
            pos += n;
        }
    }
    if (pos < csv->len && d[pos] == '"')
        return fail_at(csv, ctx, csv->line, csv->line_start, pos,
                       "quote inside an unquoted field (quote the whole field and "
                       "write a quote in it as \"\")");
    if (pos < csv->len && d[pos] == '\0')
        return fail_nul(csv, pos, ctx);
    csv->pos = pos;
    return append(csv, d + start, pos - start, ctx);
}

/* Reads a quoted field from its opening quote at data[pos] to just past its
 * closing quote. "" stands for one quote; line ends are kept as they are. */
static int read_quoted(mk_csv *csv, mk_ctx *ctx)
{
    const unsigned char *d = csv->data;
    size_t open = csv->pos, open_line = csv->line, open_line_start = csv->line_start;
    size_t pos = open + 1;
    int rc = MK_OK;
    for (;;) {
        size_t run = pos;
        while (pos < csv->len) {
            unsigned char c = d[pos];
            if (c == '"' || c == '\0')
                break;
            if (c < 0x80) {
                pos++;
                if (c == '\n')
                    new_line(csv, pos);
            } else {
                size_t n = check_utf8(csv, pos, ctx, &rc);
                if (n == 0)
                    return rc;
                pos += n;
            }
        }
        if (pos == csv->len)
            return fail_at(csv, ctx, open_line, open_line_start, open,
                           "quoted field is not closed (its opening quote is here)");
        if (d[pos] == '\0')
            return fail_nul(csv, pos, ctx);
        if (pos + 1 < csv->len && d[pos + 1] == '"') {
            /* An escaped quote: keep the run and one quote, skip the other. */
            rc = append(csv, d + run, pos + 1 - run, ctx);
            if (rc < 0)
                return rc;
            pos += 2;
            continue;
        }
        csv->pos = pos + 1;
        return append(csv, d + run, pos - run, ctx);
    }
}

/* Consumes what follows a field: a comma (*end = 0), or a line end or the
 * end of input (*end = 1). Anything else can only follow a closing quote,
 * since an unquoted field runs up to one of these. */
static int end_of_field(mk_csv *csv, int *end, mk_ctx *ctx)
{
    const unsigned char *d = csv->data;
    size_t pos = csv->pos;
    *end = 1;
    if (pos == csv->len)
        return MK_OK;
    unsigned char c = d[pos];
    if (c == ',') {
        csv->pos = pos + 1;
        *end = 0;
        return MK_OK;
    }
    if (c == '\n') {
        csv->pos = pos + 1;
        new_line(csv, csv->pos);
        return MK_OK;
    }
    if (c == '\r' && pos + 1 == csv->len) {
        csv->pos = pos + 1;
        return MK_OK;
    }
    if (c == '\r' && d[pos + 1] == '\n') {
        csv->pos = pos + 2;
        new_line(csv, csv->pos);
        return MK_OK;
    }
    if (c == '\r')
        /* A lone CR (classic Mac OS line ends) would otherwise turn a whole
         * file into one record with CRs inside its fields. */
        return fail_at(csv, ctx, csv->line, csv->line_start, pos,
                       "carriage return not followed by a line feed");
    if (c == '\0')
        return fail_nul(csv, pos, ctx);
    if (c >= 0x20 && c < 0x7F)
        return fail_at(csv, ctx, csv->line, csv->line_start, pos,
                       "'%c' after the closing quote of a field (expected ',' or a line end)",
                       (char)c);
    return fail_at(csv, ctx, csv->line, csv->line_start, pos,
                   "byte 0x%02X after the closing quote of a field (expected ',' or a line end)",
                   (unsigned)c);
}

/* Skips lines that are empty or hold only a carriage return. */
static void skip_blank_lines(mk_csv *csv)
{
    const unsigned char *d = csv->data;
    for (;;) {
        size_t pos = csv->pos;
        if (pos < csv->len && d[pos] == '\n') {
            csv->pos = pos + 1;
        } else if (pos + 1 < csv->len && d[pos] == '\r' && d[pos + 1] == '\n') {
            csv->pos = pos + 2;
        } else {
            if (pos + 1 == csv->len && d[pos] == '\r')
                csv->pos = pos + 1; /* a last line holding only "\r" */
            return;
        }
        new_line(csv, csv->pos);
    }
}

static int read_record(mk_csv *csv, mk_ctx *ctx)
{
    csv->buf_len = 0;
    csv->nfields = 0;
    for (;;) {
        int rc = begin_field(csv, ctx);
        if (rc < 0)
            return rc;
        int quoted = csv->pos < csv->len && csv->data[csv->pos] == '"';
        rc = quoted ? read_quoted(csv, ctx) : read_unquoted(csv, ctx);
        if (rc < 0)
            return rc;
        rc = end_field(csv, ctx);
        if (rc < 0)
            return rc;
        int end;
        rc = end_of_field(csv, &end, ctx);
        if (rc < 0)
            return rc;
        if (end)
            return MK_OK;
    }
}

/* ---- public -------------------------------------------------------------------------------- */

int mk_csv_open(mk_csv **out, const char *data, size_t len, const char *name, mk_ctx *ctx)
{
    if (out == NULL || (data == NULL && len > 0))
        return mk_error(ctx, MK_EINTERNAL, "mk_csv_open: no output or no data");
    if (name == NULL)
        name = "<input>";
    mk_csv *csv = calloc(1, sizeof *csv);
    size_t name_len = strlen(name);
    char *name_copy = malloc(name_len + 1);
    if (csv == NULL || name_copy == NULL) {
        free(csv);
        free(name_copy);
        return mk_error(ctx, MK_ENOMEM, "%s: out of memory for a CSV reader", name);
    }
    memcpy(name_copy, name, name_len + 1);
    csv->name = name_copy;
    csv->data = (const unsigned char *)data;
    csv->len = len;
    csv->line = 1;
    /* A UTF-8 byte-order mark is not part of the first field, and columns
     * on line 1 are counted after it, as an editor shows them. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        csv->pos = csv->line_start = 3;
    *out = csv;
    return MK_OK;
}

int mk_csv_next(mk_csv *csv, mk_csv_record *rec, mk_ctx *ctx)
{
    if (csv == NULL || rec == NULL)
        return mk_error(ctx, MK_EINTERNAL, "mk_csv_next: no reader or no record");
    skip_blank_lines(csv);
    if (csv->pos == csv->len)
        return 0;
    size_t pos = csv->pos, line = csv->line, line_start = csv->line_start;
    int rc = read_record(csv, ctx);
    if (rc < 0) {
        /* Rewind, so that another call reports the same error rather than
         * reading on from the middle of a record. */
        csv->pos = pos;
        csv->line = line;
        csv->line_start = line_start;
        return rc;
    }
    for (size_t i = 0; i < csv->nfields; i++)
        csv->field[i] = csv->buf + csv->off[i];
    rec->n = csv->nfields;
    rec->field = csv->field;
    rec->len = csv->flen;
    rec->line = line;
    return 1;
}

void mk_csv_free(mk_csv *csv)
{
    if (csv == NULL)
        return;
    free(csv->name);
    free(csv->buf);
    free(csv->off);
    free(csv->flen);
    free(csv->field);
    free(csv);
}

long mk_csv_find(const mk_csv_record *rec, const char *name)
{
    if (rec == NULL || name == NULL)
        return -1;
    size_t name_len = strlen(name);
    for (size_t i = 0; i < rec->n && i <= (size_t)LONG_MAX; i++) {
        const char *f = rec->field[i];
        size_t b = 0, e = rec->len[i];
        while (b < e && f[b] == ' ')
            b++;
        while (e > b && f[e - 1] == ' ')
            e--;
        if (e - b == name_len && memcmp(f + b, name, name_len) == 0)
            return (long)i;
    }
    return -1;
}

const char *mk_csv_trim(const char *s, size_t len, size_t *out_len)
{
    while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *out_len = len;
    return s;
}

int mk_csv_read_rows(const char *data, size_t len, const char *name, const mk_csv_rows *rows,
                     void *state, mk_ctx *ctx)
{
    mk_csv *csv = NULL;
    mk_csv_record rec = {0, NULL, NULL, 0};
    int rc = mk_csv_open(&csv, data, len, name, ctx);
    if (rc == 0)
        rc = mk_csv_next(csv, &rec, ctx);
    if (rc == 0)
        rc = mk_error(ctx, MK_EINPUT, "%s: %s", name != NULL ? name : "<input>", rows->empty);
    if (rc == 1)
        rc = rows->header(state, &rec, ctx);
    while (rc == 0 && (rc = mk_csv_next(csv, &rec, ctx)) == 1)
        rc = rows->row(state, &rec, ctx);
    mk_csv_free(csv);
    return rc;
}
