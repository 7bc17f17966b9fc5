#!/bin/bash
# mechkit run funding.cocm from the command line on the example round
# (examples/contributions.csv), beside funding.qf and funding.qf_pairwise as
# the demo shows them, with its figures worked out in the comments; bad
# input exits 2 naming the line.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

ex="$MECHKIT_SOURCE_DIR/examples/contributions.csv"
ideal() { jq -r ".result.projects[] | select(.project == \"$2\") | .ideal_match" "$1"; }
match() { jq -r ".result.projects[] | select(.project == \"$2\") | .match" "$1"; }

"$MECHKIT" run funding.cocm -p pool=1000 "$ex" >"$tmp/paper" 2>"$tmp/err" ||
    bad "cocm: $(cat "$tmp/err")"
# paper, groups = projects funded, amounts in whole units:
# toolchain: hal and ivy (25 each) are both in toolchain and docs:
#   s = 5/2 + 5/2 = 5 in each group, 2 sqrt(5 * 5) = 10.
# garden: ana (1, in library and garden) and gus (200, garden only):
#   s_garden = 1/2 + sqrt 200 = 14.642, s_library = 1/2:
#   2 sqrt(14.642 * 0.5) = 5.4115.
# docs: cai (2.50; library, docs), hal and ivy (20; toolchain, docs):
#   s_docs = 0.7906 + 4.4721, s_library = 0.7906, s_toolchain = 4.4721:
#   2 (2.0397 + 4.8514 + 1.8803) = 17.5428.
check "paper toolchain" "10.00" "$(ideal "$tmp/paper" toolchain)"
check "paper garden" "5.41" "$(ideal "$tmp/paper" garden)"
check "paper docs" "17.54" "$(ideal "$tmp/paper" docs)"
check "paper sum of matches" "100000" \
    "$(jq -r '[.result.projects[].match | sub("\\."; "") | tonumber] | add' "$tmp/paper")"
check "mechanism" "funding.cocm" "$(jq -r '.mechanism' "$tmp/paper")"

# gitcoin (harsh): every funder of toolchain is in both of its active
# groups, and garden's pair (library, garden) has ana on one side only, in
# both groups: both get nothing; the pool goes to library and docs.
"$MECHKIT" run funding.cocm -p pool=1000 -p variant=gitcoin "$ex" >"$tmp/gitcoin" 2>"$tmp/err" ||
    bad "cocm gitcoin: $(cat "$tmp/err")"
check "gitcoin toolchain" "0.00" "$(match "$tmp/gitcoin" toolchain)"
check "gitcoin garden" "0.00" "$(match "$tmp/gitcoin" garden)"
check "gitcoin sum of matches" "100000" \
    "$(jq -r '[.result.projects[].match | sub("\\."; "") | tonumber] | add' "$tmp/gitcoin")"

# Side by side (the demo): the same round under qf, qf_pairwise and cocm.
# hal and ivy always give together (toolchain and docs): QF pays their
# toolchain 190.25 of 1000 (ideal 50 of 262.81), pairwise less, Gitcoin's
# cocm nothing.
"$MECHKIT" run funding.qf -p pool=1000 "$ex" >"$tmp/qf" 2>/dev/null || bad "qf"
"$MECHKIT" run funding.qf_pairwise -p pool=1000 -p M=10 "$ex" >"$tmp/pw" 2>/dev/null || bad "pw"
check "qf toolchain" "190.25" "$(match "$tmp/qf" toolchain)"
pw=$(match "$tmp/pw" toolchain)
[ "${pw/./}" -lt 19025 ] && [ "${pw/./}" -gt 0 ] || bad "pairwise toolchain $pw"

# The auditor's sybil splits (the audit issue asks for the gain under each
# rule): alone on its project, a contributor of 900 gains (k-1) 900 under
# QF by splitting (tests/funding/test_funding_cli.sh) and nothing under
# either cocm: its identities share its only group.
printf 'contributor,project,amount\nsolo,p,900\nx,q,1\ny,q,4\n' >"$tmp/solo.csv"
for v in paper gitcoin; do
    "$MECHKIT" audit funding.cocm -p pool=10000 -p below_pool=unspent -p variant=$v \
        "$tmp/solo.csv" >"$tmp/audit" || bad "audit cocm $v"
    check "cocm $v sybil gains" '["0","0"]' \
        "$(jq -c '[.result.sybil.by_identities[].max_gain]' "$tmp/audit")"
done

# Same output bytes on a second run.
"$MECHKIT" run funding.cocm -p pool=1000 -p variant=gitcoin "$ex" >"$tmp/again" 2>/dev/null
cmp -s "$tmp/gitcoin" "$tmp/again" || bad "two runs differ"

# Bad input: the line is named, exit 2.
printf 'contributor,project,amount\na,X,1\nb,X,abc\n' >"$tmp/bad.csv"
"$MECHKIT" run funding.cocm -p pool=10 "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
check "bad row status" "2" "$?"
grep -q "line 3" "$tmp/err" || bad "bad row message: $(cat "$tmp/err")"
printf 'contributor,project,amount,weight\na,X,1,0.5\nb,X,4,1\n' >"$tmp/w.csv"
"$MECHKIT" run funding.cocm -p pool=10 "$tmp/w.csv" >/dev/null 2>"$tmp/err"
check "weights status" "2" "$?"
"$MECHKIT" run funding.cocm -p pool=10 -p variant=other "$ex" >/dev/null 2>&1
check "bad variant status" "2" "$?"

finish "funding.cocm cli"
