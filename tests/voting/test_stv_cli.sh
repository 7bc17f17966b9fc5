#!/bin/bash
# The .blt format and the STV rules through the command line: the format
# picked by extension or --input-format, the seats a .blt file declares,
# bad input (exit 2 with the line named), and the text report.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

cat >"$tmp/food.blt" <<'BLT'
5 3
4 1 0
2 2 1 0
8 3 4 0
4 3 5 0
1 4 0
1 5 0
0
"Oranges"
"Pears"
"Chocolate"
"Strawberries"
"Sweets"
"Food"
BLT
expect 0 "" -- run voting.stv_scottish -p seats=3 "$tmp/food.blt"
field '.result.winners | join(",")' "Chocolate,Oranges,Strawberries"
field '.result.rounds | length' "4"
expect 2 "declares 3 seats; run with -p seats=3" -- run voting.stv_meek "$tmp/food.blt"
cp "$tmp/food.blt" "$tmp/food.txt"
expect 2 "" -- run voting.stv_scottish -p seats=3 "$tmp/food.txt"
expect 0 "" -- run voting.stv_scottish -p seats=3 --input-format blt "$tmp/food.txt"
field '.result.winners | join(",")' "Chocolate,Oranges,Strawberries"
# A single-winner rule reads .blt too (it has no seats to check).
expect 0 "" -- run voting.irv "$tmp/food.blt"
field '.result.winners | join(",")' "Chocolate"
expect 0 "" -- run voting.stv_gregory -p seats=3 --format text "$tmp/food.blt"
grep -q "elected, in order: Chocolate, Oranges, Strawberries" "$tmp/out" && ok ||
    bad "text report: $(cat "$tmp/out")"
grep -q "stage 2: surplus of Chocolate" "$tmp/out" && ok || bad "text stages: $(cat "$tmp/out")"

bad_blt() { # TEXT MESSAGE
    printf '%b' "$1" >"$tmp/bad.blt"
    expect 2 "$2" -- run voting.stv_scottish "$tmp/bad.blt"
}
bad_blt '2 1\n1 3 0\n0\n"A"\n"B"\n' "bad.blt:2: unknown candidate 3"
bad_blt '2 1\n1 1 2 1 0\n0\n"A"\n"B"\n' "bad.blt:2: candidate 1 is ranked twice on one ballot"
bad_blt '2 1\n1 1 0\n"A"\n"B"\n' "bad.blt:3: a name before the '0' line that ends the ballots"
bad_blt '2 1\n1 1 0\n' "the file ends without the '0' line"
bad_blt '2 1\n1 1 0\n0\n"A"\n' "bad.blt:4: the file ends after 1 of 2 candidate names"
bad_blt '2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n"C"\n' "bad.blt:7: a line after the title"
bad_blt '2 1\n1 one 0\n0\n"A"\n"B"\n' "bad.blt:2: expected a candidate number"
bad_blt '2 x\n' "bad.blt:1: expected the header"
expect 2 "seats" -- run voting.stv_scottish -p seats=0 "$tmp/food.blt"

# The audit interface of the voting rules: sampled 4-candidate profiles,
# every ranking tried for each voter (STV is not strategy-proof).
expect 0 "" -- audit voting.stv_scottish -p seats=2 --seed 3 --budget 3 --max-coalition 0
field '.result.unilateral.checked' "true"
field '.result.unilateral.search' "exhaustive"
field '.result.types' "sampled"

finish test_stv_cli
