/* Exact numbers from text (number_text.h). */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "number_text.h"

static size_t digits_at(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* q = the value of "[-]D", "[-]D.D" or "[-]D/D" (D one or more digits);
 * 0 or MK_EINPUT. */
static int parse_into(const char *s, mpq_t q)
{
    const char *p = s[0] == '-' ? s + 1 : s;
    size_t whole = digits_at(p);
    if (whole == 0)
        return MK_EINPUT;
    char sep = p[whole];
    size_t rest = sep != '\0' ? digits_at(p + whole + 1) : 0;
    if (sep != '\0' && ((sep != '.' && sep != '/') || rest == 0 || p[whole + 1 + rest] != '\0'))
        return MK_EINPUT;
    /* The digits without the separator: the numerator (times 10^rest for a
     * decimal), and for a fraction its denominator after the slash. */
    size_t len = strlen(s);
    char *text = malloc(len + 1);
    if (text == NULL)
        return MK_ENOMEM;
    memcpy(text, s, len + 1);
    int rc = 0;
    if (sep == '/') {
        if (mpq_set_str(q, text, 10) != 0 || mpz_sgn(mpq_denref(q)) == 0)
            rc = MK_EINPUT;
        else
            mpq_canonicalize(q);
    } else {
        if (sep == '.')
            memmove(text + (p - s) + whole, text + (p - s) + whole + 1, rest + 1);
        mpz_set_str(mpq_numref(q), text, 10);
        mpz_ui_pow_ui(mpq_denref(q), 10, rest);
        mpq_canonicalize(q);
    }
    free(text);
    return rc;
}

int mk_number_text_parse(const char *s, mk_rational *out)
{
    mpq_t q;
    mpq_init(q);
    int rc = parse_into(s, q);
    if (rc == 0 && (!mpz_fits_slong_p(mpq_numref(q)) || !mpz_fits_slong_p(mpq_denref(q))))
        rc = MK_ERANGE;
    if (rc == 0)
        rc = mk_rational_make(mpz_get_si(mpq_numref(q)), mpz_get_si(mpq_denref(q)), out);
    mpq_clear(q);
    return rc;
}
