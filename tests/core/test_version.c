/* mechkit.h: every public header compiles together (this file includes
 * them all through the umbrella), and the library reports the version the
 * build was configured with. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <string.h>

#include "mechkit/mechkit.h"

static void version_is_the_build_version(void **state)
{
    (void)state;
    assert_string_equal(mk_version(), MECHKIT_VERSION);
    /* MAJOR.MINOR.PATCH */
    const char *v = mk_version();
    size_t dots = 0;
    for (; *v != '\0'; v++) {
        if (*v == '.')
            dots++;
        else
            assert_true(*v >= '0' && *v <= '9');
    }
    assert_int_equal(dots, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_is_the_build_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
