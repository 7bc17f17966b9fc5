/* JSON strings of exact numbers, as every command writes them. */
#include "cli.h"
#include "mechkit/money.h"

json_t *cli_json_amount(int64_t value, int scale)
{
    char text[MK_MONEY_FORMAT_MAX];
    return json_string(mk_money_format(value, scale, text));
}

json_t *cli_json_rational(mk_rational v, int min_places)
{
    char text[MK_RATIONAL_FORMAT_MAX];
    return json_string(mk_rational_format(v, min_places, text));
}

json_t *cli_json_params(const mk_params *p)
{
    json_t *out = json_object();
    for (const mk_param_spec *s = p->spec; s != NULL && s->name != NULL; s++) {
        const char *value = mk_params_get(p, s->name);
        if (value != NULL)
            json_object_set_new(out, s->name, json_string(value));
    }
    return out;
}
