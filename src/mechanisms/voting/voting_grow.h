/*
 * voting_grow.h - the growth step of the voting rules' workspaces, which
 * are kept between runs (voting_base.c). Private to mechkit.
 */
#ifndef MECHKIT_VOTING_GROW_H
#define MECHKIT_VOTING_GROW_H

#include <stddef.h>

/* realloc(p) to n elements of size bytes (at least one), unless *failed:
 * on failure p is kept and *failed set, so that a run of calls is checked
 * once at its end. */
void *voting_grow(void *p, size_t n, size_t size, int *failed);

#endif
