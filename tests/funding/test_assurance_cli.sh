#!/bin/bash
# mechkit run funding.assurance on examples/pledges.csv: who pays, who
# receives the refund bonus, the entrepreneur's net (worked out below), and
# bad input with exit status 2.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

ex="$MECHKIT_SOURCE_DIR/examples/pledges.csv"
# threshold 100: park (60 + 50) is funded, pool (30 + 20) fails; a bonus
# of 5 to each pool pledger: ana pays 60 - 5, cai is paid 5; the
# entrepreneur nets 110 - 100 - 10 = 0.
"$MECHKIT" run funding.assurance -p threshold=100 -p bonus=5 "$ex" >"$tmp/out" 2>"$tmp/err" ||
    bad "run: $(cat "$tmp/err")"
check "ana pays" "55.00" "$(jq -r '.result.payments.ana' "$tmp/out")"
check "cai is paid" "-5.00" "$(jq -r '.result.payments.cai' "$tmp/out")"
check "cai's bonus" "5.00" "$(jq -r '.result.bonus.cai' "$tmp/out")"
check "park funded" "true" "$(jq -r '.result.projects[0].funded' "$tmp/out")"
check "pool fails" "false" "$(jq -r '.result.projects[1].funded' "$tmp/out")"
check "entrepreneur" "0.00" "$(jq -r '.result.entrepreneur_net' "$tmp/out")"

"$MECHKIT" run funding.assurance -p bonus=5 "$ex" >/dev/null 2>"$tmp/err"
check "no threshold" "2" "$?"
printf 'contributor,project,amount\na,X,1\nb,X,-4\n' >"$tmp/bad.csv"
"$MECHKIT" run funding.assurance -p threshold=1 "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
check "bad row" "2" "$?"
grep -q "line 3" "$tmp/err" || bad "bad row message: $(cat "$tmp/err")"

finish "funding.assurance cli"
