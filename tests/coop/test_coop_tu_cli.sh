#!/bin/bash
# mechkit coop on the games with exact values (explicit, glove, airport,
# bankruptcy) and the indices from minimal winning coalitions, with the
# known answers of issue 8: airport costs 1, 2, 3 give Shapley (1/3, 5/6,
# 11/6) (Littlechild and Owen 1973); one left and two right gloves give
# (2/3, 1/6, 1/6); the Talmud divides estates 100, 200, 300 among claims
# 100, 200, 300 as (100/3 each), (50, 75, 75), (50, 100, 150) (Aumann and
# Maschler 1985); [51; 35, 20, 15, 15, 15] has public good index (4/15,
# 2/15, 3/15, 3/15, 3/15) (Holler 1982). Bad input exits 2 with a clear
# message.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

game() { printf '%s\n' "$2" >"$tmp/$1.json"; }

game airport '{"type": "airport", "name": "runway", "players": [{"name": "A", "cost": 1},
  {"name": "B", "cost": 2}, {"name": "C", "cost": 3}]}'
expect 0 "" -- coop "$tmp/airport.json"
field '.result.game' '{"type":"airport","players":3,"name":"runway"}'
field '.result.shapley' '{"A":"1/3","B":"5/6","C":"11/6"}'
field '.result.shapley_decimal.C' '1.833333'
expect 0 "" -- coop --format text --places 2 "$tmp/airport.json"
grep -q "^B  *2  *5/6  *0.83$" "$tmp/out" && ok || bad "airport text: $(cat "$tmp/out")"

game glove '{"type": "glove", "left": ["L"], "right": ["R1", "R2"]}'
expect 0 "" -- coop --index shapley "$tmp/glove.json"
field '.result.shapley' '{"L":"2/3","R1":"1/6","R2":"1/6"}'
field '.params.index' 'shapley'

# The three-player majority game, explicit: (1/3, 1/3, 1/3).
game majority '{"type": "explicit", "players": ["x", "y", "z"], "values": [0, 0, 0, 1, 0, 1, 1, 1]}'
expect 0 "" -- coop "$tmp/majority.json"
field '.result.shapley' '{"x":"1/3","y":"1/3","z":"1/3"}'
field '.result.game.type' 'explicit'

for e in 100 200 300; do
    game "talmud$e" "{\"type\": \"bankruptcy\", \"estate\": $e, \"claimants\": [
      {\"name\": \"first\", \"claim\": 100}, {\"name\": \"second\", \"claim\": 200},
      {\"name\": \"third\", \"claim\": 300}]}"
done
expect 0 "" -- coop --index talmud "$tmp/talmud100.json"
field '.result.talmud' '{"first":"100/3","second":"100/3","third":"100/3"}'
expect 0 "" -- coop --index talmud "$tmp/talmud200.json"
field '.result.talmud' '{"first":"50","second":"75","third":"75"}'
expect 0 "" -- coop --index talmud "$tmp/talmud300.json"
field '.result.talmud' '{"first":"50","second":"100","third":"150"}'
field '.result.game.estate' '300'
# Without --index: every rule; with a "rule" in the file, that one.
expect 0 "" -- coop "$tmp/talmud200.json"
field '.result | keys' '["cea","cea_decimal","cel","cel_decimal","game","proportional","proportional_decimal","talmud","talmud_decimal"]'
field '.result.cea.third' '200/3'
field '.result.cel' '{"first":"0","second":"50","third":"150"}'
field '.result.proportional.first' '100/3'
# The Shapley value of the bankruptcy game is O'Neill's (1982) random
# arrival rule: by hand over the 6 orders, (100/3, 250/3, 250/3).
expect 0 "" -- coop --index shapley,talmud "$tmp/talmud200.json"
field '.result.shapley' '{"first":"100/3","second":"250/3","third":"250/3"}'
field '.result.talmud.first' '50'
game ruled '{"type": "bankruptcy", "estate": "7/2", "rule": "cea", "claimants": [
  {"name": "a", "claim": 1}, {"name": "b", "claim": "2.5"}, {"name": "c", "claim": 3}]}'
expect 0 "" -- coop "$tmp/ruled.json"
field '.result.cea' '{"a":"1","b":"5/4","c":"5/4"}'
field '.result.cel' 'null'
expect 0 "" -- coop --index cel,proportional --format text "$tmp/ruled.json"
grep -q "proportional" "$tmp/out" && grep -q "cel" "$tmp/out" && ok || bad "bankruptcy text"

game holler '{"type": "weighted", "quota": 51, "players": [{"name": "a", "weight": 35},
  {"name": "b", "weight": 20}, {"name": "c", "weight": 15}, {"name": "d", "weight": 15},
  {"name": "e", "weight": 15}]}'
expect 0 "" -- coop --index holler_packel,deegan_packel,johnston,coleman "$tmp/holler.json"
field '.result.holler_packel' '{"a":"4/15","b":"2/15","c":"1/5","d":"1/5","e":"1/5"}'
field '.result.deegan_packel.a' '3/10'
field '.result.johnston.b' '3/16'
field '.result.coleman.power_to_act' '13/32'
field '.result.coleman.prevent.a' '11/13'
field '.result.coleman.initiate.a' '11/19'
field '.result.coalitions' '{"winning":13,"minimal_winning":5,"vulnerable":12}'
field '.result.shapley_shubik' 'null'
expect 0 "" -- coop --index all,johnston --format text "$tmp/holler.json"
grep -q "johnston" "$tmp/out" && grep -q "shapley_shubik" "$tmp/out" && ok || bad "text indices"

# The EEC Council of 1958 (weights 4, 4, 4, 2, 2, 1, quota 12):
# Luxembourg is a dummy, so every index gives it 0 (SOURCES.md of the
# shared data; Felsenthal and Machover 1998).
game eec '{"quota": 12, "players": [{"name": "France", "weight": 4}, {"name": "Germany", "weight": 4},
  {"name": "Italy", "weight": 4}, {"name": "Belgium", "weight": 2}, {"name": "Netherlands", "weight": 2},
  {"name": "Luxembourg", "weight": 1}]}'
expect 0 "" -- coop --index deegan_packel,holler_packel,johnston,coleman "$tmp/eec.json"
field '[.result.deegan_packel.Luxembourg, .result.holler_packel.Luxembourg, .result.johnston.Luxembourg, .result.coleman.prevent.Luxembourg]' '["0","0","0","0"]'

# Bad input and options.
expect 2 "does not apply to a simple game" -- coop --index talmud "$tmp/holler.json"
expect 2 "does not apply to a bankruptcy problem" -- coop --index johnston "$tmp/talmud100.json"
expect 2 "does not apply to an airport game" -- coop --index cea "$tmp/airport.json"
expect 2 "--method applies to weighted" -- coop --method dp "$tmp/glove.json"
expect 2 "unknown index 'kernel'" -- coop --index kernel "$tmp/glove.json"
game short '{"type": "explicit", "players": ["x", "y"], "values": [0, 1, 1]}'
expect 2 "values: 3 values, expected 2^2 = 4" -- coop "$tmp/short.json"
game market '{"type": "market"}'
expect 2 "unknown game type 'market'" -- coop "$tmp/market.json"
game rich '{"type": "bankruptcy", "estate": 10, "claimants": [{"name": "a", "claim": 3}]}'
expect 2 "exceeds the sum of the claims" -- coop "$tmp/rich.json"
game double '{"type": "explicit", "players": ["x"], "values": [0, 0.5]}'
expect 2 "write it as a string" -- coop "$tmp/double.json"
{
    printf '{"type": "weighted", "quota": 14, "players": ['
    for i in $(seq 1 26); do printf '%s{"name": "p%d", "weight": 1}' "$([ "$i" -gt 1 ] && echo ,)" "$i"; done
    printf ']}\n'
} >"$tmp/many.json"
expect 2 "at most 25 players" -- coop --index johnston "$tmp/many.json"

finish "coop tu cli"
