#!/bin/bash
# mechkit coop: the JSON envelope and the text table on the bundled
# examples/un_security_council.json (Shapley-Shubik 421/2145 and 4/2145,
# swings 848 and 84: Straffin, "Game Theory and Strategy", 1993), games
# written here, and exit status 2 with a clear message for bad input.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
un="$MECHKIT_SOURCE_DIR/examples/un_security_council.json"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# game NAME JSON: writes $tmp/NAME.json.
game() { printf '%s\n' "$2" >"$tmp/$1.json"; }

expect 0 "" -- coop --help
grep -q "usage: mechkit coop" "$tmp/out" && ok || bad "coop --help"
expect 0 "" -- --help
grep -q "coop" "$tmp/out" && ok || bad "coop missing from mechkit --help"

# mechkit list names every index of mechkit coop --index.
expect 0 "" -- list
for i in shapley_shubik banzhaf deegan_packel holler_packel johnston coleman shapley \
    proportional cea cel talmud; do
    grep -q "^$i " "$tmp/out" && ok || bad "list lacks the coop index $i"
done

# The envelope and the known answers.
expect 0 "" -- coop "$un"
field '.command' "coop"
field '.input.name' "$un"
field '.input.sha256' "$(sha256sum "$un" | cut -d' ' -f1)"
field '.params.index' "all"
field '.result.game.quota' "39"
field '.result.game.total_weight' "45"
field '.result.method' "dp"
field '.result.shapley_shubik.China' "421/2145"
field '.result.shapley_shubik["Elected member 10"]' "4/2145"
field '.result.shapley_shubik_decimal.China' "0.196270"
field '.result.banzhaf["United States"]' "106/635"
field '.result.banzhaf_decimal["Elected member 1"]' "0.016535"
field '.result.banzhaf_absolute.France' "53/1024"
field '.result.swings.Russia' "848"
field '.result.swings.Russia | type' "number"
field '.result.swings["Elected member 3"]' "84"
field '.result.total_swings' "5080"
field '.result.shapley_shubik | keys_unsorted | .[0]' "China"

# The US Electoral College, 1990 apportionment (examples/, from the public
# list of electoral votes): values cross-checked in ../shared/data/coop.
expect 0 "" -- coop "$MECHKIT_SOURCE_DIR/examples/us_electoral_college_1990.json"
field '.result.game.total_weight' "538"
field '.result.swings.California' "525180666785903"
field '.result.swings.Wyoming' "25731095182547"
field '.result.total_swings' "4713202315875475"
field '.result.shapley_shubik.California' "83771364033867681937/774761126061499176600"
field '.result.shapley_shubik_decimal.California' "0.108125"

expect 0 "" -- coop --index shapley_shubik --places 3 "$un"
field '.result.shapley_shubik_decimal.China' "0.196"
field '.result.swings' "null"
expect 0 "" -- coop --index banzhaf --method enumeration "$un"
field '.result.shapley_shubik' "null"
field '.result.method' "enumeration"
field '.result.swings.China' "848"

# Standard input and the text table.
"$MECHKIT" coop --format text - <"$un" >"$tmp/out" 2>"$tmp/err" && ok || bad "coop from stdin"
grep -q "^China  *7  *421/2145  *0.196270  *106/635  *0.166929  *848$" "$tmp/out" &&
    ok || bad "text table: $(cat "$tmp/out")"
grep -q "quota 39 of 45" "$tmp/out" && ok || bad "text header"

# Counts past 2^63 are strings: 70 players of weight 1, quota 36, each
# swings C(69, 35) = 56093138908331422716 times.
players=$(for i in $(seq 1 70); do printf '{"name": "v%d", "weight": 1},' "$i"; done)
game big "{\"type\": \"weighted\", \"quota\": 36, \"players\": [${players%,}]}"
expect 0 "" -- coop --index banzhaf "$tmp/big.json"
field '.result.swings.v1' "56093138908331422716"
field '.result.swings.v1 | type' "string"
field '.result.banzhaf.v70' "1/70"

# A multiple weighted game (double majority), worked by hand in
# tests/coop/test_power.c: Shapley-Shubik 2/3, 1/6, 1/6.
game double '{"type": "multiple_weighted", "games": [
  {"quota": 2, "players": [{"name": "A", "weight": 1}, {"name": "B", "weight": 1},
                           {"name": "C", "weight": 1}]},
  {"quota": 65, "players": [{"name": "A", "weight": 60}, {"name": "B", "weight": 30},
                            {"name": "C", "weight": 10}]}]}'
expect 0 "" -- coop "$tmp/double.json"
field '.result.shapley_shubik.A' "2/3"
field '.result.method' "enumeration"
field '.result.game.quotas | join(",")' "2,65"
expect 0 "" -- coop --format text "$tmp/double.json"
grep -q "^A  *1,60 " "$tmp/out" && ok || bad "text weights of a multiple game: $(cat "$tmp/out")"
expect 0 "" -- coop --method dp "$tmp/double.json"
field '.result.method' "dp"
field '.result.shapley_shubik.B' "1/6"
field '.result.swings.A' "3"

# Bad input: exit 2 and a message that says what and where.
game negative '{"quota": 2, "players": [{"name": "a", "weight": 3}, {"name": "b", "weight": -1}]}'
expect 2 "negative.json: players[2] ('b'): weight: -1 is below 0" -- coop "$tmp/negative.json"
game above '{"quota": 9, "players": [{"name": "a", "weight": 3}, {"name": "b", "weight": 1}]}'
expect 2 "quota 9 is above the total weight 4" -- coop "$tmp/above.json"
game zero '{"quota": 0, "players": [{"name": "a", "weight": 3}]}'
expect 2 "quota: 0 is below 1" -- coop "$tmp/zero.json"
game noname '{"quota": 1, "players": [{"weight": 3}]}'
expect 2 "players[1]: missing 'name'" -- coop "$tmp/noname.json"
game twice '{"quota": 1, "players": [{"name": "a", "weight": 3}, {"name": "a", "weight": 1}]}'
expect 2 "'a' is already players[1]" -- coop "$tmp/twice.json"
game strweight '{"quota": 1, "players": [{"name": "a", "weight": "3"}]}'
expect 2 "weight: expected an integer, got a string" -- coop "$tmp/strweight.json"
game typo '{"quota": 1, "player": []}'
expect 2 "unknown key 'player'" -- coop "$tmp/typo.json"
game broken '{"quota": 1, "players": ['
expect 2 "broken.json: line" -- coop "$tmp/broken.json"
: >"$tmp/empty.json"
expect 2 "empty.json" -- coop "$tmp/empty.json"
game huge '{"quota": 1000000000000000, "players": [{"name": "a", "weight": 1000000000000000}, {"name": "b", "weight": 1000000000000000}]}'
expect 2 "past the limit" -- coop "$tmp/huge.json"
# Unanimity of the same two: the dual quota (2*10^15 - 2*10^15 + 1 = 1)
# makes the tables one cell long.
game unanimity '{"quota": 2000000000000000, "players": [{"name": "a", "weight": 1000000000000000}, {"name": "b", "weight": 1000000000000000}]}'
expect 0 "" -- coop "$tmp/unanimity.json"
field '.result.shapley_shubik.a' "1/2"
field '.result.swings.b' "1"
# 26 players in two games: past enumeration, fine for DP with small quotas
# (symmetric players: each gets 1/26), refused when the quotas multiply
# to too many cells.
players=$(for i in $(seq 1 26); do printf '{"name": "v%d", "weight": 1},' "$i"; done)
game many "{\"type\": \"multiple_weighted\", \"games\": [{\"quota\": 3, \"players\": [${players%,}]}, {\"quota\": 14, \"players\": [${players%,}]}]}"
expect 0 "" -- coop "$tmp/many.json"
field '.result.method' "dp"
field '.result.shapley_shubik.v26' "1/26"
expect 2 "limited to 25 players" -- coop --method enumeration "$tmp/many.json"
players=$(for i in $(seq 1 26); do printf '{"name": "v%d", "weight": 100000},' "$i"; done)
game huge2 "{\"type\": \"multiple_weighted\", \"games\": [{\"quota\": 1000000, \"players\": [${players%,}]}, {\"quota\": 2000000, \"players\": [${players%,}]}]}"
expect 2 "needs tables past" -- coop "$tmp/huge2.json"
expect 2 "cannot open" -- coop "$tmp/missing.json"

# Bad usage.
expect 2 "no input file" -- coop
expect 2 "unknown index 'kernel'" -- coop --index kernel "$un"
expect 2 "unknown method" -- coop --method magic "$un"
expect 2 "--places takes" -- coop --places 99 "$un"
expect 2 "unknown format" -- coop --format xml "$un"
expect 2 "unknown option" -- coop --frobnicate "$un"
expect 2 "unexpected argument" -- coop "$un" "$un"

finish "coop cli"
