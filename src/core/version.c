/* The library's version (mechkit.h), set by the build from CMakeLists.txt. */
#include "mechkit/mechkit.h"

const char *mk_version(void)
{
    return MECHKIT_VERSION;
}
