/*
 * Cast-vote-record CSV reader (see mechkit/cvr.h for the format and how
 * each marker becomes ranks). Two stages: each row is read into "slots"
 * (a rank and a candidate, or a rank shared by every candidate the ballot
 * has not ranked yet), which need not know how many candidates the file
 * names; once the file is read the slots become rows of width m, and
 * identical rows are merged.
 *
 * The rules for overvotes, repeated candidates and skipped ranks follow
 * RCTab's Tabulator (github.com/BrightSpots/rcv): a ballot's rankings are
 * walked top down; the skipped-rank check comes first, then the repeated
 * candidate check, then the overvote rule; a rank holding only an excluded
 * candidate or a skipped overvote still counts as a rank seen.
 */
#include "mechkit/cvr.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/csv.h"
#include "mechkit/money.h"
#include "cvr_internal.h"
#include "strmap.h"

/* A slot: candidate `who` at `rank`, or (who < 0) every candidate not yet
 * ranked shares `rank` and the ballot ends: REST_OVER for an overvote label
 * (at least two candidates needed), REST_GAP after too many skipped ranks. */
enum { REST_OVER = -1, REST_GAP = -2 };

/* A candidate on the current ballot: SEEN at some rank (for repeats),
 * RANKED when it has a rank in the row. */
enum { SEEN = 1, RANKED = 2 };
typedef struct slot {
    int32_t rank, who;
} slot;

typedef struct cvr_reader {
    const mk_input *in;
    const mk_cvr_options *opt;
    cvr_columns col; /* what the header says */
    mk_strmap map;   /* name -> candidate */
    char **names;    /* m names, owned */
    size_t m, names_cap;
    int fixed;   /* candidates given by opt->candidates */
    slot *slots; /* every ballot's slots */
    size_t n_slots, slots_cap;
    size_t *first;     /* distinct ballot i's slots: first[i] .. first[i + 1] */
    int64_t *count;    /* ballot i's weight */
    char **keys;       /* ballot i's slots as text, owned */
    size_t n, cap;     /* distinct ballots */
    mk_strmap ballots; /* keys -> ballot */
    char *key;         /* the current ballot's key */
    size_t key_cap;
    unsigned char *seen; /* per candidate: SEEN, RANKED on the current ballot */
    size_t seen_cap;
    int32_t *touched; /* the candidates seen on the current ballot */
    size_t n_touched, touched_cap;
    int32_t *group; /* candidates of the current cell (at most m) */
    size_t group_cap;
} cvr_reader;

static const char *in_name(const cvr_reader *r)
{
    return r->in->name != NULL ? r->in->name : "<input>";
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap > 0 ? *cap : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Adds a candidate called s[0..len) (index m - 1 afterwards). */
static int add_name(cvr_reader *r, const char *s, size_t len, size_t line, mk_ctx *ctx)
{
    if (r->m >= MK_PREFLIB_MAX_CANDIDATES)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: more than %d candidates", in_name(r), line,
                        MK_PREFLIB_MAX_CANDIDATES);
    if (grow((void **)&r->names, &r->names_cap, r->m + 1, sizeof *r->names) != 0 ||
        grow((void **)&r->seen, &r->seen_cap, r->m + 1, 1) != 0 ||
        grow((void **)&r->group, &r->group_cap, r->m + 1, sizeof *r->group) != 0 ||
        grow((void **)&r->touched, &r->touched_cap, r->m + 1, sizeof *r->touched) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory for candidates");
    char *name = malloc(len + 1);
    if (name == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for candidates");
    memcpy(name, s, len);
    name[len] = '\0';
    int rc = mk_strmap_insert(&r->map, name, len, r->m, ctx);
    if (rc != 0) {
        free(name);
        return rc;
    }
    r->seen[r->m] = 0;
    r->names[r->m++] = name;
    return MK_OK;
}

/* The candidates of opt->candidates, in order; a name given twice or an
 * empty one is an error. */
static int fixed_names(cvr_reader *r, mk_ctx *ctx)
{
    const char *s = r->opt->candidates;
    while (1) {
        const char *end = strchr(s, ',');
        size_t len = end != NULL ? (size_t)(end - s) : strlen(s), tl;
        const char *t = mk_csv_trim(s, len, &tl);
        size_t k;
        if (tl == 0)
            return mk_error(ctx, MK_EPARAM, "candidates: an empty name in '%s'",
                            r->opt->candidates);
        if (mk_strmap_find(&r->map, t, tl, &k))
            return mk_error(ctx, MK_EPARAM, "candidates: '%.*s' is listed twice", (int)tl, t);
        int rc = add_name(r, t, tl, 0, ctx);
        if (rc != 0)
            return rc;
        if (end == NULL)
            break;
        s = end + 1;
    }
    r->fixed = 1;
    return MK_OK;
}

static int push_slot(cvr_reader *r, int32_t rank, int32_t who, mk_ctx *ctx)
{
    if (grow((void **)&r->slots, &r->slots_cap, r->n_slots + 1, sizeof *r->slots) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory for ballots");
    r->slots[r->n_slots++] = (slot){rank, who};
    return MK_OK;
}

static int parse_count(const cvr_reader *r, const mk_csv_record *rec, int64_t *out, mk_ctx *ctx)
{
    size_t l;
    const char *t = mk_csv_trim(rec->field[r->col.count_col], rec->len[r->col.count_col], &l);
    int64_t v = 0;
    int ok = l > 0;
    for (size_t i = 0; ok && i < l; i++)
        ok = isdigit((unsigned char)t[i]) && mk_checked_mul(v, 10, &v) == 0 &&
             mk_checked_add(v, t[i] - '0', &v) == 0;
    if (!ok || v < 1)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: count '%.*s' is not a whole number >= 1",
                        in_name(r), rec->line, (int)l, t);
    *out = v;
    return MK_OK;
}

/* One name of a cell: its candidate in *who, or -1 for an excluded
 * write-in. */
static int cell_name(cvr_reader *r, const mk_csv_record *rec, size_t k, const char *s, size_t len,
                     int32_t *who, mk_ctx *ctx)
{
    const char *wl = r->opt->writein_label;
    if (wl != NULL && strlen(wl) == len && memcmp(s, wl, len) == 0 &&
        r->opt->writeins == MK_CVR_WRITEIN_EXCLUDE) {
        *who = -1;
        return MK_OK;
    }
    size_t j;
    if (mk_strmap_find(&r->map, s, len, &j)) {
        *who = (int32_t)j;
        return MK_OK;
    }
    if (r->fixed)
        return mk_error(ctx, MK_EINPUT,
                        "%s:%zu: column '%s': '%.*s' is not one of the candidates given",
                        in_name(r), rec->line, r->col.rank_name[k], (int)len, s);
    int rc = add_name(r, s, len, rec->line, ctx);
    *who = (int32_t)r->m - 1;
    return rc;
}

/* What a rank cell holds. */
typedef enum cell_kind { CELL_BLANK, CELL_OVERVOTE, CELL_NAMES } cell_kind;

static int label_is(const char *label, const char *s, size_t len)
{
    return label != NULL && strlen(label) == len && memcmp(s, label, len) == 0;
}

/* The candidates named in rank cell k into r->group (*n of them, none when
 * every name is an excluded write-in). */
static int read_cell(cvr_reader *r, const mk_csv_record *rec, size_t k, size_t *n, cell_kind *kind,
                     mk_ctx *ctx)
{
    size_t col = r->col.rank_col[k], len;
    const char *s = mk_csv_trim(rec->field[col], rec->len[col], &len);
    const char *ol = r->opt->overvote_label, *dl = r->opt->overvote_delimiter;
    size_t dlen = dl != NULL ? strlen(dl) : 0;
    *n = 0;
    *kind = CELL_BLANK;
    if (len == 0 || label_is(r->opt->undervote_label, s, len))
        return MK_OK;
    *kind = CELL_OVERVOTE;
    if (label_is(ol, s, len))
        return MK_OK;
    *kind = CELL_NAMES;
    const char *end = s + len;
    while (1) {
        const char *d = NULL;
        for (const char *p = s; dlen > 0 && p + dlen <= end && d == NULL; p++)
            if (memcmp(p, dl, dlen) == 0)
                d = p;
        size_t tl;
        const char *t = mk_csv_trim(s, (size_t)((d != NULL ? d : end) - s), &tl);
        if (tl == 0)
            return mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s': an empty name in '%s'",
                            in_name(r), rec->line, r->col.rank_name[k], rec->field[col]);
        if (label_is(ol, t, tl))
            return mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s': '%s' among other names",
                            in_name(r), rec->line, r->col.rank_name[k], ol);
        int32_t who = -1;
        int rc = cell_name(r, rec, k, t, tl, &who, ctx);
        if (rc != 0)
            return rc;
        int dup = who < 0;
        for (size_t i = 0; i < *n && !dup; i++)
            dup = r->group[i] == who;
        if (!dup)
            r->group[(*n)++] = who;
        if (d == NULL)
            return MK_OK;
        s = d + dlen;
    }
}

/* State of one ballot while its rank cells are read. */
typedef struct walk {
    int32_t rank;   /* last rank given */
    size_t skipped; /* skipped ranks since the last rank seen */
    int ended;      /* a later cell cannot count */
} walk;

/* A rank seen: RCTab's skipped-rank check. When more than max_skipped
 * ranks were skipped, keeps one empty rank and then a rank shared by the
 * candidates not yet ranked, and ends the ballot. Returns 1 when it did. */
static int check_skipped(cvr_reader *r, walk *w, mk_ctx *ctx, int *rc)
{
    size_t gap = w->skipped;
    w->skipped = 0;
    if (r->opt->max_skipped < 0 || gap <= (size_t)r->opt->max_skipped)
        return 0;
    w->ended = 1;
    *rc = push_slot(r, w->rank + 2, REST_GAP, ctx);
    return 1;
}

/* Rank cell k of the current ballot: slots for what it ranks. */
static int rank_cell(cvr_reader *r, const mk_csv_record *rec, size_t k, walk *w, mk_ctx *ctx)
{
    size_t n;
    cell_kind kind;
    int rc = read_cell(r, rec, k, &n, &kind, ctx);
    if (rc != 0)
        return rc;
    if (kind == CELL_BLANK) {
        w->skipped++; /* an undervote: a skipped rank */
        return MK_OK;
    }
    /* Repeats: an error whatever else happens to the ballot. A candidate
     * already ranked (given a rank in the row) is passed over. */
    size_t fresh = 0;
    int repeat = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = r->group[i];
        if (r->seen[c] & SEEN) {
            repeat = 1;
            if (r->opt->duplicates == MK_CVR_DUPLICATE_ERROR)
                return mk_error(ctx, MK_EINPUT, "%s:%zu: column '%s': '%s' is ranked twice",
                                in_name(r), rec->line, r->col.rank_name[k], r->names[c]);
        } else {
            r->seen[c] = SEEN;
            r->touched[r->n_touched++] = c;
        }
        if (!(r->seen[c] & RANKED))
            r->group[fresh++] = c;
    }
    if (w->ended || check_skipped(r, w, ctx, &rc))
        return rc;
    if (repeat && r->opt->duplicates == MK_CVR_DUPLICATE_EXHAUST) {
        /* Empty ranks mark a repeat (cvr.h): one, or two when one marks
         * skipped ranks. */
        w->ended = 1;
        return push_slot(r, w->rank + (r->opt->max_skipped < 0 ? 2 : 3), REST_GAP, ctx);
    }
    int skips = r->opt->overvote == MK_CVR_OVERVOTE_SKIP;
    /* A label, or (exhaust immediately) known candidates of whom fewer than
     * two can still take the rank: the count exhausts the ballot here. */
    if (kind == CELL_OVERVOTE ||
        (n > 1 && fresh < 2 && r->opt->overvote == MK_CVR_OVERVOTE_EXHAUST_IMMEDIATELY)) {
        if (skips)
            return MK_OK;
        w->ended = 1;
        return push_slot(r, w->rank + 1, REST_OVER, ctx);
    }
    /* A skipped over-vote is passed: its candidates stay free to count at
     * a later rank. */
    if (fresh == 0 || (n > 1 && skips))
        return MK_OK; /* only excluded write-ins or repeats: a rank seen, no one to count */
    w->rank++;
    for (size_t i = 0; rc == 0 && i < fresh; i++) {
        r->seen[r->group[i]] |= RANKED;
        rc = push_slot(r, w->rank, r->group[i], ctx);
    }
    return rc;
}

/* Two bytes, neither NUL, for v in 0 .. 255 * 255 - 1. */
static char *put2(char *p, unsigned v)
{
    p[0] = (char)(unsigned char)(v / 255 + 1);
    p[1] = (char)(unsigned char)(v % 255 + 1);
    return p + 2;
}

/* The slots from `start` on as a NUL-free string in r->key (4 bytes a
 * slot: ranks <= MK_CVR_MAX_RANKS + 2, candidates below
 * MK_PREFLIB_MAX_CANDIDATES, both far below 255 * 255). */
static int ballot_key(cvr_reader *r, size_t start, size_t *len, mk_ctx *ctx)
{
    if (grow((void **)&r->key, &r->key_cap, (r->n_slots - start) * 4 + 1, 1) != 0)
        return mk_error(ctx, MK_ENOMEM, "out of memory for ballots");
    char *p = r->key;
    for (size_t s = start; s < r->n_slots; s++) {
        p = put2(p, (unsigned)r->slots[s].rank);
        p = put2(p, (unsigned)(r->slots[s].who - REST_GAP));
    }
    *p = '\0';
    *len = (size_t)(p - r->key);
    return MK_OK;
}

/* The ballot whose slots start at `start`: merged into an identical one
 * read before (its slots dropped), or kept as a new one, so that memory
 * grows with the distinct ballots. */
static int keep_ballot(cvr_reader *r, size_t start, int64_t count, mk_ctx *ctx)
{
    size_t len = 0, i = 0;
    int rc = ballot_key(r, start, &len, ctx);
    if (rc != 0)
        return rc;
    if (mk_strmap_find(&r->ballots, r->key, len, &i)) {
        r->n_slots = start;
        if (mk_checked_add(r->count[i], count, &r->count[i]) != 0)
            return mk_error(ctx, MK_ERANGE, "%s: the number of voters overflows", in_name(r));
        return MK_OK;
    }
    char *key = malloc(len + 1);
    if (key == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for ballots");
    memcpy(key, r->key, len + 1);
    r->keys[r->n] = key;
    rc = mk_strmap_insert(&r->ballots, key, len, r->n, ctx);
    if (rc != 0) {
        free(key);
        r->keys[r->n] = NULL;
        return rc;
    }
    r->first[r->n] = start;
    r->count[r->n++] = count;
    return MK_OK;
}

static int read_ballot(cvr_reader *r, const mk_csv_record *rec, mk_ctx *ctx)
{
    if (rec->n != r->col.cols)
        return mk_error(ctx, MK_EINPUT, "%s:%zu: %zu fields, the header has %zu", in_name(r),
                        rec->line, rec->n, r->col.cols);
    if (r->n >= MK_PREFLIB_MAX_ORDERS)
        return mk_error(ctx, MK_ELIMIT, "%s:%zu: more than %d distinct ballots", in_name(r),
                        rec->line, MK_PREFLIB_MAX_ORDERS);
    if (r->n == r->cap) {
        size_t cap = r->cap > 0 ? 2 * r->cap : 64;
        size_t *first = realloc(r->first, cap * sizeof *first);
        if (first != NULL)
            r->first = first;
        int64_t *count = first != NULL ? realloc(r->count, cap * sizeof *count) : NULL;
        if (count != NULL)
            r->count = count;
        char **keys = count != NULL ? realloc(r->keys, cap * sizeof *keys) : NULL;
        if (keys == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for ballots");
        r->keys = keys;
        r->cap = cap;
    }
    int64_t count = 1;
    int rc = r->col.count_col >= 0 ? parse_count(r, rec, &count, ctx) : MK_OK;
    size_t start = r->n_slots;
    walk w = {0, 0, 0};
    for (size_t k = 0; rc == 0 && k < r->col.ranks; k++)
        rc = rank_cell(r, rec, k, &w, ctx);
    for (size_t i = 0; i < r->n_touched; i++)
        r->seen[r->touched[i]] = 0;
    r->n_touched = 0;
    if (rc != 0)
        return rc;
    return keep_ballot(r, start, count, ctx);
}

/* Ballot i's slots as a row of m ranks (see cvr.h); a rank beyond m, and
 * what follows it, is dropped (the ballot ends there either way). */
static void fill_row(const cvr_reader *r, size_t i, int64_t *row)
{
    size_t m = r->m, end = i + 1 < r->n ? r->first[i + 1] : r->n_slots;
    memset(row, 0, m * sizeof *row);
    for (size_t s = r->first[i]; s < end; s++) {
        const slot *x = &r->slots[s];
        if ((size_t)x->rank > m)
            return;
        if (x->who >= 0) {
            row[x->who] = x->rank;
            continue;
        }
        size_t rest = 0;
        for (size_t j = 0; j < m; j++)
            rest += row[j] == MK_RANK_UNRANKED;
        if (rest < (x->who == REST_OVER ? 2u : 1u))
            return;
        for (size_t j = 0; j < m; j++)
            if (row[j] == MK_RANK_UNRANKED)
                row[j] = x->rank;
    }
}

typedef struct row_key {
    const int64_t *row;
    size_t m, index;
} row_key;

static int by_row_then_index(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    int c = memcmp(x->row, y->row, x->m * sizeof *x->row);
    if (c != 0)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int by_index(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Rows of every ballot, identical ones merged (first appearance order). */
static int aggregate(cvr_reader *r, mk_ballots *out, mk_ctx *ctx)
{
    size_t m = r->m, n = r->n;
    if (n == 0)
        return mk_error(ctx, MK_EINPUT, "%s: no ballots after the header", in_name(r));
    if (m == 0)
        return mk_error(ctx, MK_EINPUT, "%s: no ballot names a candidate", in_name(r));
    int64_t *all = malloc(n * m * sizeof *all); /* n, m bounded: no overflow */
    row_key *key = malloc(n * sizeof *key);
    int rc =
        all == NULL || key == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory for ballots") : MK_OK;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        fill_row(r, i, all + i * m);
        key[i] = (row_key){all + i * m, m, i};
    }
    size_t u = 0;
    if (rc == 0) {
        qsort(key, n, sizeof *key, by_row_then_index);
        int64_t *w = r->count; /* weights move to the first copy */
        for (size_t i = 0; i < n; i++) {
            if (u > 0 && memcmp(key[u - 1].row, key[i].row, m * sizeof *all) == 0) {
                if (mk_checked_add(w[key[u - 1].index], w[key[i].index], &w[key[u - 1].index]))
                    rc = mk_error(ctx, MK_ERANGE, "%s: the number of voters overflows", in_name(r));
            } else {
                key[u++] = key[i];
            }
        }
        qsort(key, u, sizeof *key, by_index);
    }
    if (rc == 0)
        rc = mk_profile_resize(&out->profile, u, m, ctx);
    if (rc == 0) {
        out->profile.weight = malloc(u * sizeof *out->profile.weight);
        out->profile.weight_capacity = u;
        if (out->profile.weight == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for ballots");
    }
    for (size_t i = 0; rc == 0 && i < u; i++) {
        memcpy(mk_profile_row(&out->profile, i), key[i].row, m * sizeof *all);
        out->profile.weight[i] = r->count[key[i].index];
        if (mk_checked_add(out->voters, out->profile.weight[i], &out->voters) != 0)
            rc = mk_error(ctx, MK_ERANGE, "%s: the number of voters overflows", in_name(r));
    }
    free(all);
    free(key);
    return rc;
}

static void reader_free(cvr_reader *r)
{
    cvr_columns_free(&r->col);
    for (size_t j = 0; j < r->m; j++)
        free(r->names[j]);
    free(r->names);
    mk_strmap_free(&r->map);
    free(r->slots);
    for (size_t i = 0; r->keys != NULL && i < r->n; i++)
        free(r->keys[i]);
    free(r->keys);
    mk_strmap_free(&r->ballots);
    free(r->key);
    free(r->first);
    free(r->count);
    free(r->seen);
    free(r->group);
    free(r->touched);
}

int mk_cvr_read(const mk_input *in, const mk_cvr_options *opt, mk_ballots *out, mk_ctx *ctx)
{
    static const mk_cvr_options defaults = MK_CVR_OPTIONS_INIT;
    cvr_reader r;
    memset(&r, 0, sizeof r);
    r.in = in;
    r.opt = opt != NULL ? opt : &defaults;
    r.map = (mk_strmap)MK_STRMAP_INIT;
    r.ballots = (mk_strmap)MK_STRMAP_INIT;
    r.col.count_col = -1;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_csv *csv = NULL;
    int rc = mk_csv_open(&csv, in->data, in->len, in->name, ctx);
    if (rc == 0 && r.opt->candidates != NULL)
        rc = fixed_names(&r, ctx);
    if (rc == 0)
        rc = cvr_columns_read(&r.col, csv, r.opt, in_name(&r), ctx);
    mk_csv_record rec;
    int got = 1;
    while (rc == 0 && (got = mk_csv_next(csv, &rec, ctx)) > 0)
        rc = read_ballot(&r, &rec, ctx);
    if (rc == 0 && got < 0)
        rc = got;
    if (rc == 0)
        rc = aggregate(&r, &b, ctx);
    if (rc == 0) {
        memcpy(b.data_type, "toi", 4);
        b.title = calloc(1, 1);
        b.m = r.m;
        b.names = r.names;
        r.names = NULL;
        r.m = 0;
        if (b.title == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for the title");
    }
    mk_csv_free(csv);
    reader_free(&r);
    if (rc != 0) {
        mk_ballots_free(&b);
        return rc;
    }
    *out = b;
    return MK_OK;
}
