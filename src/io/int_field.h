/* A CSV field as a decimal integer, shared by the ballot readers. */
#ifndef MECHKIT_IO_INT_FIELD_H
#define MECHKIT_IO_INT_FIELD_H

#include <stddef.h>
#include <stdint.h>

/* Parses s[0..len) (an optional '+' or '-', then 1 to 18 digits, so that
 * the value fits int64 without overflow checks) into *out; 0 on success,
 * -1 when it is not such an integer. */
static inline int mk_int_field(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    int negative = 0;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        i = 1;
    }
    if (i == len || len - i > 18)
        return -1;
    int64_t v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = negative ? -v : v;
    return 0;
}

#endif
