#!/bin/bash
# Issue 7's "done when": `mechkit audit` and `mechkit sim` work on every
# registered mechanism that has types defined, and a mechanism without
# them says so clearly (exit 2), never a crash or an internal error. Each
# mechanism in `mechkit list` is audited on a few sampled profiles and
# simulated for a few rounds, with the parameters it requires.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# The parameters a mechanism cannot do without.
required() {
    case $1 in
    auction.gsp | auction.vcg_positions) echo "-p ctr=1,0.5" ;;
    auction.uniform_price | auction.pay_as_bid | auction.multiunit_vickrey) echo "-p units=2" ;;
    voting.stv_*) echo "-p seats=2" ;;
    funding.assurance) echo "-p threshold=100" ;;
    funding.clrfund) ;;
    funding.*) echo "-p pool=100" ;;
    esac
}

"$MECHKIT" list >"$tmp/list"
mechanisms=$(awk 'NF == 0 { exit } { print $1 }' "$tmp/list")
[ "$(echo "$mechanisms" | wc -l)" -ge 40 ] && ok || bad "list names only: $mechanisms"
for m in $mechanisms; do
    # shellcheck disable=SC2046
    for cmd in "audit $m --budget 3 --participants 4" "sim $m --agents honest:2,br:1 --rounds 2"; do
        # shellcheck disable=SC2086
        "$MECHKIT" $cmd $(required "$m") >"$tmp/out" 2>"$tmp/err"
        status=$?
        if [ "$status" -eq 0 ]; then
            ok
        elif [ "$status" -eq 2 ] && grep -qE "defines no types|no type distribution|cannot be simulated" "$tmp/err"; then
            ok
        else
            bad "mechkit $cmd $(required "$m") exited $status: $(head -c 300 "$tmp/err")"
        fi
    done
done

finish "audit and sim on every mechanism"
