/*
 * number_text.h - an exact number written as text: an integer ("-3"), a
 * decimal ("0.25", "-1.5") or a fraction ("7/3", "-1/2"). Private to
 * mechkit (the symmetric-game reader and the effort levels of Kantian
 * equilibria read numbers this way).
 */
#ifndef MECHKIT_IO_NUMBER_TEXT_H
#define MECHKIT_IO_NUMBER_TEXT_H

#include "mechkit/rational.h"

/* Parses all of s into *out (normalised). Returns 0, MK_EINPUT when s is
 * not such a number (or has a zero denominator), MK_ERANGE when the value
 * does not fit an int64 rational in lowest terms. Records no message: the
 * caller knows where the text came from. */
int mk_number_text_parse(const char *s, mk_rational *out);

#endif
