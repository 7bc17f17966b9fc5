/*
 * json_read.h - what the JSON readers of src/io share. Private to mechkit.
 */
#ifndef MECHKIT_IO_JSON_READ_H
#define MECHKIT_IO_JSON_READ_H

#include <jansson.h>

/* The type of v for messages: "an object", "a list", "a string", ... */
const char *mk_json_type_name(const json_t *v);

#endif
