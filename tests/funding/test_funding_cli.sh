#!/bin/bash
# mechkit run funding.qf / funding.qf_pairwise / funding.clrfund from the
# command line: JSON result shape, skip_bad_rows, bad input naming the line
# with exit status 2, and the example round of examples/contributions.csv
# (its figures worked out in the comments).
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

ex="$MECHKIT_SOURCE_DIR/examples/contributions.csv"
"$MECHKIT" run funding.qf -p pool=1000 "$ex" >"$tmp/out" 2>"$tmp/err" || bad "qf: $(cat "$tmp/err")"
# library: (2 sqrt 5 + sqrt 2.5 + sqrt 10 + 1 + sqrt 3)^2 - 26.50 = 116.247..., shown 116.24;
# the matches add up to the pool exactly.
check "library ideal" "116.24" "$(jq -r '.result.projects[0].ideal_match' "$tmp/out")"
check "library contributors" "6" "$(jq -r '.result.projects[0].contributors' "$tmp/out")"
check "toolchain total (two rows of hal summed)" "50.00" \
    "$(jq -r '.result.projects[2].total' "$tmp/out")"
check "sum of matches" "100000" \
    "$(jq -r '[.result.projects[].match | sub("\\."; "") | tonumber] | add' "$tmp/out")"
check "unspent" "0.00" "$(jq -r '.result.unspent' "$tmp/out")"
check "no per-participant tables" "null" "$(jq -r '.result.payments' "$tmp/out")"

# toolchain: hal and ivy give 25.00 each: (2 * 5)^2 - 50 = 50 exactly.
check "toolchain ideal" "50.00" "$(jq -r '.result.projects[2].ideal_match' "$tmp/out")"

# Pairwise: hal and ivy fund two projects together, so their pair is
# discounted: toolchain's match falls.
"$MECHKIT" run funding.qf_pairwise -p pool=1000 -p M=10 "$ex" >"$tmp/pw" 2>"$tmp/err" ||
    bad "qf_pairwise: $(cat "$tmp/err")"
qf_tool=$(jq -r '.result.projects[2].match | sub("\\."; "") | tonumber' "$tmp/out")
pw_tool=$(jq -r '.result.projects[2].match | sub("\\."; "") | tonumber' "$tmp/pw")
[ "$pw_tool" -lt "$qf_tool" ] || bad "pairwise should lower toolchain: $pw_tool vs $qf_tool"

# A bad row stops with its line number ...
printf 'contributor,project,amount\na,p,1\nb,p,x\nc,p,-2\nd,q,4\n' >"$tmp/bad.csv"
"$MECHKIT" run funding.qf -p pool=10 "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
check "exit status on a bad row" "2" "$?"
grep -q "bad.csv: line 3: field 'amount'" "$tmp/err" || bad "message: $(cat "$tmp/err")"
# ... unless skip_bad_rows, which reports how many were skipped.
"$MECHKIT" run funding.qf -p pool=10 -p skip_bad_rows=true "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err" ||
    bad "skip_bad_rows: $(cat "$tmp/err")"
check "skipped rows" "2" "$(jq -r '.input.skipped_rows' "$tmp/out")"
"$MECHKIT" run funding.qf -p pool=10 --skip-bad-rows --format text "$tmp/bad.csv" \
    >"$tmp/out" 2>&1
grep -q "2 malformed input rows skipped" "$tmp/out" || bad "text output lacks the skipped count"
# --skip-bad-rows where no reader skips rows: said, not ignored.
"$MECHKIT" run auction.second_price --skip-bad-rows "$ex" >/dev/null 2>"$tmp/err"
check "exit status of --skip-bad-rows without such a reader" "2" "$?"
grep -q "skip_bad_rows" "$tmp/err" || bad "message: $(cat "$tmp/err")"

# Missing pool, unknown parameter.
"$MECHKIT" run funding.qf "$ex" >/dev/null 2>"$tmp/err"
check "exit status without pool" "2" "$?"
grep -q "pool" "$tmp/err" || bad "no pool message: $(cat "$tmp/err")"

# JSON input from stdin.
printf '{"contributions": [{"contributor": "a", "project": "p", "amount": "4"},
  {"contributor": "b", "project": "p", "amount": "1"}]}' |
    "$MECHKIT" run funding.qf -p pool=7 -p below_pool=unspent --input-format json - >"$tmp/out" ||
    bad "json stdin"
# (2 + 1)^2 - 5 = 4 <= 7: paid as is, 3 unspent.
check "json match" "4" "$(jq -r '.result.projects[0].match' "$tmp/out")"
check "json unspent" "3" "$(jq -r '.result.unspent' "$tmp/out")"

# The auditor's sybil splits (Buterin, Hitzig and Weyl 2018): one
# contributor of 900 alone gets no match; as k identities QF pays (k-1) 900
# (900, 1800), which is the group's gain. Pairwise-bounded QF with M = 100
# pays (k-1) 900 * 100 / (100 + 900/k): 163.63 -> 163 for k = 2, shared as
# floor(450 * 163 / 900) = 81 per identity (162), and 450 for k = 3.
printf 'contributor,project,amount\nsolo,p,900\n' >"$tmp/solo.csv"
"$MECHKIT" audit funding.qf -p pool=10000 -p below_pool=unspent "$tmp/solo.csv" >"$tmp/out" ||
    bad "audit qf"
check "qf sybil gains" '["900","1800"]' "$(jq -c '[.result.sybil.by_identities[].max_gain]' "$tmp/out")"
"$MECHKIT" audit funding.qf_pairwise -p pool=10000 -p below_pool=unspent -p M=100 "$tmp/solo.csv" \
    >"$tmp/out" || bad "audit qf_pairwise"
check "qf_pairwise sybil gains" '["162","450"]' \
    "$(jq -c '[.result.sybil.by_identities[].max_gain]' "$tmp/out")"

# (into a file: grep -q stops reading early, and under pipefail the writer's
# SIGPIPE would fail the pipeline once the list passes one pipe write)
"$MECHKIT" list >"$tmp/list" || bad "list"
for rule in qf qf_pairwise cocm clrfund conviction assurance; do
    grep -q "^funding.$rule " "$tmp/list" || bad "list lacks funding.$rule"
done
"$MECHKIT" describe funding.qf | grep -q "below_pool" || bad "describe lacks below_pool"
"$MECHKIT" describe funding.clrfund >/dev/null || bad "describe funding.clrfund"

finish "funding cli"
