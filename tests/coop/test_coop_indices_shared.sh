#!/bin/bash
# The indices from minimal winning coalitions (Deegan-Packel,
# Holler-Packel, Johnston, Coleman) on the real games of
# ../shared/data/coop/ (facts in SOURCES.md there): Luxembourg, a dummy in
# the EEC Council of 1958, gets 0 from every index; in the UN Security
# Council a permanent member can prevent any action (Coleman 1), and the
# 210 minimal winning coalitions of 9 members give Deegan-Packel 1/9 and
# 2/45. Skipped (77) when the shared data is absent; the same answers are
# checked on inline games in test_coop_tu_cli.sh and test_simple_indices.c.
set -uo pipefail
: "${MECHKIT:?}"
dir="${MECHKIT_SHARED_DATA:-}/coop"
if [ -z "${MECHKIT_SHARED_DATA:-}" ] || [ ! -f "$dir/eec_council_1958.json" ]; then
    echo "skipped: no shared data at '$dir'"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0 passed=0
index=deegan_packel,holler_packel,johnston,coleman

check() {
    local got
    got=$(jq -c -r "$2" "$tmp/$1")
    if [ "$got" = "$3" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1: $2 is '$got', expected '$3'"
        failures=$((failures + 1))
    fi
}

for f in eec_council_1958 un_security_council; do
    if ! "$MECHKIT" coop --index "$index" "$dir/$f.json" >"$tmp/$f" 2>"$tmp/err"; then
        echo "FAIL: mechkit coop $f.json: $(cat "$tmp/err")"
        exit 1
    fi
done
check eec_council_1958 '[.result.deegan_packel.Luxembourg, .result.holler_packel.Luxembourg,
  .result.johnston.Luxembourg, .result.coleman.prevent.Luxembourg,
  .result.coleman.initiate.Luxembourg]' '["0","0","0","0","0"]'
check un_security_council '.result.coleman.prevent.France' '1'
check un_security_council '.result.coleman.power_to_act' '53/2048'
check un_security_council '.result.deegan_packel.China' '1/9'
check un_security_council '.result.coalitions.winning' '848'

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
