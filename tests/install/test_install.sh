#!/bin/bash
# cmake --install puts the binary, the libraries, the headers and mechkit.pc
# where a C user expects them; examples/run_auction.c builds against the
# installed library with pkg-config (shared and static) and runs.
set -euo pipefail
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$MECHKIT_BUILD_DIR" --prefix "$prefix" >/dev/null

libdir=$(find "$prefix" -name mechkit.pc -printf '%h\n' | head -n1)
test -n "$libdir" || { echo "mechkit.pc not installed"; exit 1; }
for f in "$prefix/bin/mechkit" "$prefix/include/mechkit/mechanism.h" \
         "$prefix/include/mechkit/auction.h"; do
    test -e "$f" || { echo "not installed: $f"; exit 1; }
done
ls "$libdir"/../libmechkit.so* "$libdir"/../libmechkit.a >/dev/null

export PKG_CONFIG_PATH="$libdir"
# mechkit.pc names the configured prefix; this install went elsewhere.
pc() { pkg-config --define-variable=prefix="$prefix" "$@"; }
# shellcheck disable=SC2086
"$MECHKIT_CC" -std=c11 -Wall -Wextra -Wpedantic -Werror $MECHKIT_SANITIZE_FLAGS \
    "$MECHKIT_SOURCE_DIR/examples/run_auction.c" $(pc --cflags --libs mechkit) \
    -Wl,-rpath,"$libdir/.." -o "$prefix/run_shared"
out=$("$prefix/run_shared")
test "$out" = "ben wins and pays 15.25" || { echo "shared: unexpected output: $out"; exit 1; }

# shellcheck disable=SC2086
"$MECHKIT_CC" -std=c11 $MECHKIT_SANITIZE_FLAGS "$MECHKIT_SOURCE_DIR/examples/run_auction.c" \
    $(pc --static --cflags mechkit) "$libdir/../libmechkit.a" \
    $(pc --static --libs-only-l mechkit | sed 's/-lmechkit//') -o "$prefix/run_static"
out=$("$prefix/run_static")
test "$out" = "ben wins and pays 15.25" || { echo "static: unexpected output: $out"; exit 1; }
# A mechanism defined in user code, registered and audited by the library.
# shellcheck disable=SC2086
"$MECHKIT_CC" -std=c11 -Wall -Wextra -Wpedantic -Werror $MECHKIT_SANITIZE_FLAGS \
    "$MECHKIT_SOURCE_DIR/examples/custom_mechanism.c" $(pc --cflags --libs mechkit) \
    -Wl,-rpath,"$libdir/.." -o "$prefix/custom_mechanism"
out=$("$prefix/custom_mechanism")
grep -q "example.posted_price: a profitable lie in 0 of 200 profiles" <<<"$out" &&
    grep -q "dsic refuted" <<<"$out" || { echo "custom mechanism: unexpected output: $out"; exit 1; }
echo "install: ok"
