/*
 * bids_internal.h - what the CSV and JSON bid readers share (see
 * mechkit/bids.h). Private to mechkit.
 *
 * Reading is two passes. The format readers (bids_csv.c, bids_json.c)
 * collect every bidder and every marginal bid into a builder, checking
 * each field as they go; an amount is kept as its minor units at its own
 * number of decimal places, so that the scale can be inferred from the
 * whole input. mk_bids_finish() then checks what needs the whole input,
 * picks the scale, rescales every amount exactly and lays the rows out.
 */
#ifndef MECHKIT_IO_BIDS_INTERNAL_H
#define MECHKIT_IO_BIDS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/bids.h"
#include "strmap.h"

/* Index of "no entry" in the linked lists of a bidder's entries. */
#define MK_BIDS_END SIZE_MAX

/* Bytes of a quoted snippet of input in a message, with its NUL. */
#define MK_BIDS_SHOW_MAX 48

/* One marginal bid as read. 40 bytes: a CSV file of a million rows holds
 * a million of them. */
typedef struct mk_bids_entry {
    int64_t bid;     /* minor units at bid_places decimals */
    int64_t value;   /* minor units at value_places, when value_places >= 0 */
    size_t where;    /* CSV: its line; JSON: its 0-based position in the list */
    size_t next;     /* next entry of the same bidder, or MK_BIDS_END */
    uint32_t bidder; /* index of its bidder (< MK_STRMAP_MAX) */
    signed char bid_places;
    signed char value_places; /* -1: no value */
} mk_bids_entry;

/* One bidder as read; its id is ids[i] of the builder. */
typedef struct mk_bids_bidder {
    size_t where;       /* CSV: line of its first row; JSON: 0-based index */
    size_t first, last; /* its entries in input order, MK_BIDS_END when none */
    size_t count;
    int64_t quality;      /* at MK_QUALITY_SCALE, or -1 when not given */
    size_t side_where;    /* CSV: line where the side was given */
    size_t quality_where; /* CSV: line where the quality was given */
    int side;             /* MK_SIDE_BUY, MK_SIDE_SELL, or -1 when not given */
    int many;             /* JSON: bids given as a list ("bids") */
} mk_bids_bidder;

/* Fields, named "bidder", "amount", ... in CSV and "id", "bid", ... in JSON. */
enum mk_bids_field {
    MK_BIDS_FIELD_NONE,
    MK_BIDS_FIELD_ID,
    MK_BIDS_FIELD_BID,
    MK_BIDS_FIELD_VALUE,
    MK_BIDS_FIELD_SIDE,
    MK_BIDS_FIELD_QUALITY
};

typedef struct mk_bids_builder {
    const char *name; /* input name for messages, never NULL */
    int json;         /* 1: locations are bidders (JSON), 0: lines (CSV) */
    mk_bids_options opt;
    int scale;           /* fixed scale, or -1 to infer */
    int scale_from_file; /* 1: the fixed scale is the JSON file's "scale" */
    int max_places;      /* most decimal places of any amount read */
    mk_bids_entry *entries;
    size_t n_entries, entries_cap;
    mk_bids_bidder *bidders;
    char **ids; /* n_bidders owned ids; they become the dataset's labels */
    size_t n_bidders, bidders_cap;
    size_t n_values;   /* entries with a value */
    mk_strmap ids_map; /* bidder id -> index */
} mk_bids_builder;

/* Starts a builder over options the caller has checked; name (not NULL)
 * must outlive b. */
void mk_bids_builder_init(mk_bids_builder *b, const char *name, int json,
                          const mk_bids_options *opt);

/* Frees what b owns (ids not yet moved into a dataset included). */
void mk_bids_builder_free(mk_bids_builder *b);

/* The bidder with id s[0..len) (s[len] == '\0'): *index, and *added = 1
 * when it is new (id copied, where recorded), 0 when it was read before. */
int mk_bids_bidder_get(mk_bids_builder *b, const char *s, size_t len, size_t where, size_t *index,
                       int *added, mk_ctx *ctx);

/* Appends a marginal bid to bidder (value_places -1 for no value). */
int mk_bids_entry_add(mk_bids_builder *b, size_t bidder, int64_t bid, int bid_places, int64_t value,
                      int value_places, size_t where, mk_ctx *ctx);

/* Reads the amount s[0..len) (a non-negative decimal) as *units at its own
 * *places, checking the places against b's fixed scale and MK_SCALE_MAX.
 * The message names the text, not the place: callers add it with
 * mk_bids_at(). MK_EINPUT, MK_ERANGE. */
int mk_bids_amount(mk_bids_builder *b, const char *s, size_t len, int64_t *units, int *places,
                   mk_ctx *ctx);

/* The same for a JSON integer, read as whole units. */
int mk_bids_amount_int(long long v, int64_t *units, int *places, mk_ctx *ctx);

/* "buy" or "sell", any case, into *side. MK_EINPUT. */
int mk_bids_side(const char *s, size_t len, int *side, mk_ctx *ctx);

/* A quality score > 0 with at most MK_QUALITY_SCALE places, into *quality
 * at that scale. MK_EINPUT, MK_ERANGE. */
int mk_bids_quality(const char *s, size_t len, int64_t *quality, mk_ctx *ctx);

/* The same for a JSON integer. */
int mk_bids_quality_int(long long v, int64_t *quality, mk_ctx *ctx);

/* Prefixes the message in ctx with where the problem is - "NAME:LINE:
 * field 'amount'" (CSV) or "NAME: bidder 3 ('carol'): field 'bid'" (JSON;
 * bidder is an index into b->bidders; where is the bid's position in a
 * "bids" list, ", item K" added unless it is MK_BIDS_END) - and returns
 * code. */
int mk_bids_at(const mk_bids_builder *b, size_t bidder, size_t where, int field, int code,
               mk_ctx *ctx);

/* Name of field in b's format ("amount" or "bid", "bids" for a list). */
const char *mk_bids_field_name(const mk_bids_builder *b, size_t bidder, int field);

/* Writes s[0..len) into buf (MK_BIDS_SHOW_MAX bytes) for a message: cut at
 * a character boundary with "..." when long, control bytes shown as '?'.
 * Returns buf. */
char *mk_bids_show(const char *s, size_t len, char *buf);

/* The format readers: collect data[0..len) into b. */
int mk_bids_collect_csv(mk_bids_builder *b, const char *data, size_t len, mk_ctx *ctx);
int mk_bids_collect_json(mk_bids_builder *b, const char *data, size_t len, mk_ctx *ctx);

/* Whole-input checks, the scale, and the rows: on success sets *out
 * (overwritten, not freed) and moves the ids into out->labels; on failure
 * leaves *out alone. */
int mk_bids_finish(mk_bids_builder *b, mk_dataset *out, mk_ctx *ctx);

#endif
