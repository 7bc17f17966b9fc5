#!/bin/bash
# Mutated compact symmetric games (bytes flipped, deleted, duplicated,
# numbers replaced by extreme ones) and mutated .nfg games through
# `mechkit solve --method kantian` and `--method metagame`: every run must
# end with exit status 0 or 2 (bad input, with a message), never a crash or
# a sanitizer report. Seeded, so every run tries the same inputs.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"
ex="$MECHKIT_SOURCE_DIR/examples"

python3 - "$tmp" "$ex/platonia20.json" "$ex/prisoners_dilemma_t8.nfg" <<'PY'
import random, sys
out, sources = sys.argv[1], sys.argv[2:]
rng = random.Random(20261123)
extremes = [b"-9223372036854775808", b"99999999999999999999", b"1/0", b"0.0000000000000000000001",
            b"-0", b"64", b"65", b"0", b"\"x\"", b"null", b"[]", b"{}", b"1e999", b"\xff\xfe"]
n = 0
for src in sources:
    data = open(src, "rb").read()
    ext = src.rsplit(".", 1)[1]
    for _ in range(60):
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(4)
            i = rng.randrange(len(b))
            if op == 0:
                b[i] = rng.randrange(256)
            elif op == 1:
                del b[i:i + rng.randint(1, 8)]
            elif op == 2:
                b[i:i] = b[i:i + rng.randint(1, 16)]
            else:
                digits = [j for j, c in enumerate(b) if chr(c).isdigit()]
                if digits:
                    j = rng.choice(digits)
                    b[j:j + 1] = rng.choice(extremes)
        open("%s/fuzz%03d.%s" % (out, n, ext), "wb").write(bytes(b))
        n += 1
PY
for f in "$tmp"/fuzz*; do
    for method in kantian metagame; do
        "$MECHKIT" solve --method "$method" "$f" >/dev/null 2>"$tmp/err"
        status=$?
        if { [ "$status" -eq 0 ] || [ "$status" -eq 2 ]; } && ! grep -q "Sanitizer\|runtime error" "$tmp/err"; then
            ok
        else
            bad "$method $(basename "$f"): exit $status: $(head -c 300 "$tmp/err")"
            cp "$f" "/tmp/mechkit-fuzz-$(basename "$f")" 2>/dev/null
        fi
    done
done
finish "kantian fuzz"
