/*
 * mechkit/csv.h - an RFC 4180 CSV reader over a buffer in memory.
 *
 * Handles quoted fields with embedded commas, quotes ("") and newlines,
 * LF and CRLF line ends, a UTF-8 byte-order mark at the start, and a last
 * record without a line end. Blank lines (empty, or only "\r") are skipped.
 * Records may have any number of fields; the caller checks the count.
 * Fields must be valid UTF-8 (Unicode table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence). A line end
 * inside a quoted field is kept as it is in the input ("\n" or "\r\n").
 *
 * Errors are MK_EINPUT with the message "NAME:LINE:COL: what", LINE and COL
 * 1-based, COL counted in characters (code points) after any byte-order
 * mark, for: a quoted field that is never closed (at its opening quote), a
 * quote inside an unquoted field (at the quote), text after a closing quote
 * (at the text), invalid UTF-8 (at the first byte of the bad sequence), a
 * NUL byte, and a carriage return not followed by a line feed outside a
 * quoted field (old Mac line ends; RFC 4180 only has CRLF).
 *
 * Cost: one pass over the bytes. The reader keeps one growable buffer for
 * the fields of the current record and allocates nothing per field.
 */
#ifndef MECHKIT_CSV_H
#define MECHKIT_CSV_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_csv mk_csv;

/** One record: n >= 1 fields, field[i] holding len[i] bytes and a NUL (a
 *  field never contains NUL: the input may not). The arrays and strings
 *  belong to the reader and stay valid until the next call to mk_csv_next
 *  or mk_csv_free. */
typedef struct mk_csv_record {
    size_t n;
    char **field;
    size_t *len;
    size_t line; /**< 1-based line on which the record starts */
} mk_csv_record;

/** A reader over data[0..len), which must outlive it (data may be NULL when
 *  len is 0); name is copied and used in messages ("bids.csv:3:7: ..."),
 *  "<input>" when NULL. Free *out with mk_csv_free. Errors: MK_ENOMEM;
 *  MK_EINTERNAL when out is NULL or data is NULL with len > 0. */
int mk_csv_open(mk_csv **out, const char *data, size_t len, const char *name, mk_ctx *ctx);

/** Reads the next record into rec: returns 1, or 0 at the end of input (and
 *  again on every later call), or a negative error code: MK_EINPUT (see
 *  above), MK_ENOMEM, MK_EINTERNAL for a NULL argument. On error rec is
 *  untouched and the reader stays at the start of the bad record, so a
 *  further call reports the same error. O(record length) amortised. */
int mk_csv_next(mk_csv *csv, mk_csv_record *rec, mk_ctx *ctx);

/** The field s[0..len) without the spaces and tabs around it ("alice, 12"
 *  has fields "alice" and "12"): returns its start, its length in
 *  *out_len. */
const char *mk_csv_trim(const char *s, size_t len, size_t *out_len);

/** Frees csv. mk_csv_free(NULL) is a no-op. */
void mk_csv_free(mk_csv *csv);

/** What mk_csv_read_rows does with the records of an input. */
typedef struct mk_csv_rows {
    const char *empty; /**< the message for an input without a record, after "NAME: " */
    int (*header)(void *state, const mk_csv_record *rec, mk_ctx *ctx); /**< the first record */
    int (*row)(void *state, const mk_csv_record *rec, mk_ctx *ctx);    /**< every later one */
} mk_csv_rows;

/**
 * The loop of every CSV reader with a header: opens data[0..len) (name as
 * in mk_csv_open), gives the first record to rows->header and each later
 * one to rows->row, with state, and stops at the first error (theirs or
 * the reader's). An input without a record is MK_EINPUT "NAME: EMPTY".
 * Returns 0 or that error.
 */
int mk_csv_read_rows(const char *data, size_t len, const char *name, const mk_csv_rows *rows,
                     void *state, mk_ctx *ctx);

/** Index of the first field of rec equal to name (exact, case-sensitive)
 *  once leading and trailing ASCII spaces (' ') of the field are trimmed;
 *  name itself is not trimmed. -1 when there is none. For header lookup. */
long mk_csv_find(const mk_csv_record *rec, const char *name);

#ifdef __cplusplus
}
#endif
#endif
