#!/bin/bash
# The mechkit command line: list, describe, run, the JSON envelope, exit
# statuses and messages for bad input and bad usage.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
ex="$MECHKIT_SOURCE_DIR/examples"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

expect 0 "" -- --version
grep -q '^mechkit [0-9]' "$tmp/out" && ok || bad "--version output"
expect 0 "" -- --help
expect 2 "unknown command" -- frobnicate
expect 2 "" --

# list: every mechanism of the auction family.
expect 0 "" -- list
for m in first_price second_price all_pay uniform_price pay_as_bid multiunit_vickrey gsp \
         vcg_positions myerson mcafee k_double; do
    grep -q "^auction\.$m " "$tmp/out" && ok || bad "list lacks auction.$m"
done
grep -q "^enummixed " "$tmp/out" && ok || bad "list lacks the solvers"
expect 0 "" -- list --format json
field 'length' "$("$MECHKIT" list | grep -c '^[a-z]*\.[a-z_]* ')"

# describe
expect 0 "" -- describe auction.second_price
grep -q "reserve" "$tmp/out" && grep -q "dsic" "$tmp/out" && ok || bad "describe text"
expect 0 "" -- describe auction.gsp --format json
field '.name' "auction.gsp"
field '[.params[].name] | index("ctr") != null' "true"
expect 2 "did you mean 'auction.second_price'" -- describe auction.secondprice
expect 2 "did you mean 'auction.second_price'" -- describe second_price
expect 0 "" -- run --help
grep -q "usage: mechkit run" "$tmp/out" && ok || bad "run --help"

# run: the envelope and the contract keys.
expect 0 "" -- run auction.second_price "$ex/bids.csv"
field '.mechkit | test("^[0-9]+\\.[0-9]+\\.[0-9]+$")' "true"
field '.command' "run"
field '.mechanism' "auction.second_price"
field '.params.reserve' "0"
field '.input.name' "$ex/bids.csv"
field '.input.sha256' "$(sha256sum "$ex/bids.csv" | cut -d' ' -f1)"
field '.result.allocation.bob' "1"
field '.result.allocation.alice' "0"
field '.result.payments.bob' "128.00"
field '.result.payments.alice' "0.00"
field '.result.revenue' "128.00"
field '.result.utility.bob' "12.00"
field '.result.welfare' "140.00"
cp "$tmp/out" "$tmp/first"
"$MECHKIT" run auction.second_price "$ex/bids.csv" >"$tmp/second"
cmp -s "$tmp/first" "$tmp/second" && ok || bad "two runs differ"

# The same bids as JSON and from stdin give the same result.
expect 0 "" -- run auction.second_price "$ex/bids.json"
jq -S .result "$tmp/out" >"$tmp/json_result"
jq -S .result "$tmp/first" >"$tmp/csv_result"
cmp -s "$tmp/json_result" "$tmp/csv_result" && ok || bad "JSON and CSV bids differ"
"$MECHKIT" run auction.second_price --input-format csv - <"$ex/bids.csv" >"$tmp/out" && ok ||
    bad "stdin"
field '.input.name' "<stdin>"
field '.result.revenue' "128.00"

# --output: the same bytes as stdout, and no file at all after a failure.
expect 0 "" -- run auction.second_price --output "$tmp/result.json" "$ex/bids.csv"
cmp -s "$tmp/result.json" "$tmp/first" && ok || bad "--output differs from stdout"
[ ! -s "$tmp/out" ] && ok || bad "--output also wrote to stdout"
expect 2 "cannot open" -- run auction.second_price --output "$tmp/failed.json" "$tmp/none.csv"
[ -z "$(ls "$tmp" | grep failed)" ] && ok || bad "a failed run left $(ls "$tmp" | grep failed)"
expect 2 "cannot create" -- run auction.second_price --output "$tmp/no/such/dir.json" "$ex/bids.csv"

expect 0 "" -- run auction.second_price --format text "$ex/bids.csv"
grep -q "participant" "$tmp/out" && grep -q "revenue: 128.00" "$tmp/out" && ok ||
    bad "text table: $(cat "$tmp/out")"

# Parameters.
expect 0 "" -- run auction.second_price -p reserve=130 "$ex/bids.csv"
field '.result.payments.bob' "130.00"
expect 0 "" -- run auction.second_price -p reserve=130.125 "$ex/bids.csv"
field '.result.scale' "3"
field '.result.payments.bob' "130.125"
expect 2 "did you mean 'reserve'" -- run auction.second_price -p reserv=1 "$ex/bids.csv"
expect 2 "KEY=VALUE" -- run auction.second_price -p reserve "$ex/bids.csv"
expect 2 "ties" -- run auction.second_price -p ties=coin "$ex/bids.csv"
expect 2 "units" -- run auction.uniform_price "$ex/multiunit.csv"
expect 2 "--seed" -- run auction.second_price --seed -3 "$ex/bids.csv"
expect 2 "unknown option" -- run auction.second_price --frob "$ex/bids.csv"
expect 2 "no input file" -- run auction.second_price
expect 2 "did you mean 'auction.second_price'" -- run auction.second_pric "$ex/bids.csv"
expect 2 "see 'mechkit list'" -- run auction.nothing_like_it "$ex/bids.csv"

# Bad input: exit 2 and a message that names the record.
bad_input() { # NAME CONTENT PATTERN [ARGS...]
    local name=$1 content=$2 pattern=$3
    shift 3
    printf '%b' "$content" >"$tmp/$name"
    expect 2 "$pattern" -- run "${@:-auction.second_price}" "$tmp/$name"
}
bad_input empty.csv '' "no bids"
bad_input header.csv 'bidder,amount\n' "no bids"
bad_input nocol.csv 'bidder,price\na,1\n' "amount"
bad_input neg.csv 'bidder,amount\na,1\nb,-2\n' ":3"
bad_input nan.csv 'bidder,amount\na,NaN\n' ":2"
bad_input exp.csv 'bidder,amount\na,1e3\n' ":2"
bad_input big.csv 'bidder,amount\na,99999999999999999999\n' ":2"
bad_input fine.csv 'bidder,amount\na,1.005\n' "1.005" auction.second_price -p scale=2
bad_input dup.json '{"bidders":[{"id":"a","bid":"1"},{"id":"a","bid":"2"}]}' "'a'"
bad_input trunc.json '{"bidders":[{"id":"a","bid":"1"}' "trunc.json"
bad_input type.json '{"bidders":[{"id":"a","bid":true}]}' "bid"
bad_input real.json '{"bidders":[{"id":"a","bid":1.5}]}' "bid"
bad_input missing.json '{"bidders":[{"id":"a"}]}' "bid"
bad_input units.csv 'bidder,amount\na,5\na,4\n' "units" auction.uniform_price -p units=1
bad_input twobids.csv 'bidder,amount\na,5\na,4\n' "a"
bad_input quote.csv 'bidder,amount\n"a,5\n' "quote.csv"
bad_input utf8.csv 'bidder,amount\n\xff,5\n' "UTF-8"
expect 2 "cannot open" -- run auction.second_price "$tmp/does-not-exist.csv"

# Every mechanism rejects the same bad inputs and bad parameters with exit 2
# and a message naming the record, and runs on its example.
printf '' >"$tmp/empty.csv"
printf '{"bidders":[{"id":"a","bid":"1"}' >"$tmp/cut.json"
printf '{"bidders":[{"id":"a","bid":["1"]}]}' >"$tmp/type.json"
printf 'bidder,side,amount\na,buy,5\nb,sell,-1\n' >"$tmp/negative.csv"
printf 'bidder,side,amount\na,buy,5\nb,sell,x\n' >"$tmp/text.csv"
printf 'bidder,side,amount\na,buy,5\nb,sell,1e99\n' >"$tmp/huge.csv"
while read -r mech params example; do
    # shellcheck disable=SC2086
    set -- $params
    args=()
    for p in "$@"; do args+=(-p "$p"); done
    if [[ $mech == *mcafee || $mech == *k_double ]]; then sides=1; else sides=0; fi
    expect 0 "" -- run "$mech" "${args[@]}" "$ex/$example"
    field '.mechanism' "$mech"
    expect 2 "no bids" -- run "$mech" "${args[@]}" "$tmp/empty.csv"
    expect 2 "cut.json" -- run "$mech" "${args[@]}" "$tmp/cut.json"
    expect 2 "'bid'" -- run "$mech" "${args[@]}" "$tmp/type.json"
    if [ "$sides" = 1 ]; then
        expect 2 ":3" -- run "$mech" "${args[@]}" "$tmp/negative.csv"
        expect 2 ":3" -- run "$mech" "${args[@]}" "$tmp/text.csv"
        expect 2 ":3" -- run "$mech" "${args[@]}" "$tmp/huge.csv"
    else
        expect 2 "side" -- run "$mech" "${args[@]}" "$tmp/negative.csv"
    fi
    expect 2 "did you mean 'scale'" -- run "$mech" "${args[@]}" -p scael=2 "$ex/$example"
done <<'LIST'
auction.first_price reserve=1 bids.csv
auction.second_price reserve=1 bids.csv
auction.all_pay reserve=1 bids.csv
auction.uniform_price units=3 multiunit.csv
auction.pay_as_bid units=3 multiunit.csv
auction.multiunit_vickrey units=3 multiunit.csv
auction.gsp ctr=200,100 positions.csv
auction.vcg_positions ctr=200,100 positions.csv
auction.myerson dist=uniform:0:200 bids.csv
auction.mcafee scale=2 double.csv
auction.k_double k=0.5 double.csv
LIST

# Every solver of solve and every index of coop is described: its command,
# summary and details, in text and JSON; the prefixed and bare names agree.
"$MECHKIT" list >"$tmp/list"
solvers=$(sed -n '/^solvers of normal-form games/,/^$/p' "$tmp/list" | sed '1d;/^$/d' | cut -d' ' -f1)
indices=$(sed -n '/^indices of cooperative games/,$p' "$tmp/list" | sed '1d' | cut -d' ' -f1)
[ -n "$solvers" ] && [ -n "$indices" ] && ok || bad "list names no solvers or indices"
for m in $solvers; do
    expect 0 "" -- describe "solve.$m" --format json
    field .command "mechkit solve --method $m"
    field '.details | length > 40' "true"
    expect 0 "" -- describe "$m"
    head -1 "$tmp/out" | grep -qx "mechkit solve --method $m" && ok || bad "describe $m: $(head -1 "$tmp/out")"
done
for i in $indices; do
    expect 0 "" -- describe "coop.$i" --format json
    field .command "mechkit coop --index $i"
done
expect 2 "unknown mechanism 'solve.nosuch'" -- describe solve.nosuch

finish "cli"
