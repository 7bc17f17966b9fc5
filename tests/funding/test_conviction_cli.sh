#!/bin/bash
# mechkit run funding.conviction on examples/stakes.csv: which proposals
# pass and when (worked out in tests/funding/test_conviction.c:
# A at block 3, C at block 4, B never), and bad input with exit status 2.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

ex="$MECHKIT_SOURCE_DIR/examples/stakes.csv"
"$MECHKIT" run funding.conviction -p pool=100 -p alpha=0.5 -p beta=0.5 -p rho=0.14 \
    -p supply=10 -p until=6 "$ex" >"$tmp/out" 2>"$tmp/err" || bad "run: $(cat "$tmp/err")"
check "passes" "A:3 B:null C:4" \
    "$(jq -r '[.result.projects[] | "\(.project):\(.block)"] | join(" ")' "$tmp/out")"
check "unspent" "70.00" "$(jq -r '.result.unspent' "$tmp/out")"

printf 'block,voter,proposal,stake,requested\n1,a,p,5,1\n2,a,p,-6,1\n' >"$tmp/bad.csv"
"$MECHKIT" run funding.conviction -p pool=10 "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
check "negative stake" "2" "$?"
grep -q "line 3" "$tmp/err" || bad "message: $(cat "$tmp/err")"
"$MECHKIT" run funding.conviction -p pool=10 -p alpha=1.5 "$ex" >/dev/null 2>&1
check "bad alpha" "2" "$?"

finish "funding.conviction cli"
