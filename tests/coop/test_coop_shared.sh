#!/bin/bash
# mechkit coop on the real games of ../shared/data/coop/: every stored
# answer (Shapley-Shubik, Banzhaf swings, normalised Banzhaf, total swings;
# sources in SOURCES.md there) equals mechkit's output. Skipped (77) when
# the shared data is absent.
set -uo pipefail
: "${MECHKIT:?}"
dir="${MECHKIT_SHARED_DATA:-}/coop"
if [ -z "${MECHKIT_SHARED_DATA:-}" ] || [ ! -f "$dir/un_security_council.json" ]; then
    echo "skipped: no shared data at '$dir'"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0 passed=0

for f in un_security_council eec_council_1958 us_electoral_college_1990; do
    if ! "$MECHKIT" coop "$dir/$f.json" >"$tmp/out" 2>"$tmp/err"; then
        echo "FAIL: mechkit coop $f.json: $(cat "$tmp/err")"
        failures=$((failures + 1))
        continue
    fi
    # The file's answers and mechkit's, as the same JSON text.
    want=$(jq -c '[.shapley_shubik, .banzhaf_swings, .banzhaf_normalized, .banzhaf_total_swings]' \
        "$dir/$f.json")
    got=$(jq -c '[.result.shapley_shubik, .result.swings, .result.banzhaf, .result.total_swings]' \
        "$tmp/out")
    if [ "$want" = "$got" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $f: want $want"
        echo "      got  $got"
        failures=$((failures + 1))
    fi
done
# Luxembourg is a dummy (EEC 1958).
"$MECHKIT" coop --format text "$dir/eec_council_1958.json" >"$tmp/out" 2>&1
grep -q "^Luxembourg  *1  *0  *0.000000  *0  *0.000000  *0$" "$tmp/out" &&
    passed=$((passed + 1)) || { echo "FAIL: Luxembourg row: $(cat "$tmp/out")"; failures=$((failures + 1)); }

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
