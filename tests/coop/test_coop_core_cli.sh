#!/bin/bash
# mechkit coop --index core|least_core|nucleolus|prenucleolus on explicit,
# glove, airport and bankruptcy games, with the known answers of issue 8:
# the three-player majority game has an empty core and nucleolus (1/3,
# 1/3, 1/3); one left and two right gloves have the core {(1, 0, 0)}; the
# Talmud divisions of estates 100, 200, 300 among claims 100, 200, 300 are
# the nucleoli of the bankruptcy games (Aumann and Maschler 1985). Airport
# costs 1, 2, 3: nucleolus (1/2, 3/4, 7/4) by hand (tests/coop/
# test_nucleolus.c) and the cost core's four vertices by hand. Bad input
# exits 2 with a clear message.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

game() { printf '%s\n' "$2" >"$tmp/$1.json"; }

game majority '{"type": "explicit", "players": ["x", "y", "z"], "values": [0, 0, 0, 1, 0, 1, 1, 1]}'
expect 0 "" -- coop --index core,least_core,nucleolus,prenucleolus "$tmp/majority.json"
field '.result.core.empty' 'true'
field '.result.core.extreme_points' '[]'
field '.result.core.least_core_epsilon' '1/3'
field '.result.least_core.epsilon' '1/3'
field '.result.least_core.epsilon_decimal' '0.333333'
field '.result.nucleolus' '{"x":"1/3","y":"1/3","z":"1/3"}'
field '.result.nucleolus_decimal.x' '0.333333'
field '.result.nucleolus_levels' '["1/3"]'
field '.result.prenucleolus' '{"x":"1/3","y":"1/3","z":"1/3"}'
field '.result | has("shapley")' 'false'

game glove '{"type": "glove", "left": ["L"], "right": ["R1", "R2"]}'
expect 0 "" -- coop --index shapley,core "$tmp/glove.json"
field '.result.core.empty' 'false'
field '.result.core.extreme_points' '[{"L":"1","R1":"0","R2":"0"}]'
field '.result.core.point' '{"L":"1","R1":"0","R2":"0"}'
field '.result.shapley.L' '2/3'
expect 0 "" -- coop --index core --format text --places 2 "$tmp/glove.json"
grep -q "^core: not empty (least-core eps 0 = 0.00)$" "$tmp/out" && ok || bad "glove text: $(cat "$tmp/out")"
grep -q "vertex: L 1 (1.00), R1 0 (0.00), R2 0 (0.00)" "$tmp/out" && ok || bad "glove vertex: $(cat "$tmp/out")"

game airport '{"type": "airport", "players": [{"name": "A", "cost": 1}, {"name": "B", "cost": 2},
  {"name": "C", "cost": 3}]}'
expect 0 "" -- coop --index nucleolus,core "$tmp/airport.json"
field '.result.nucleolus' '{"A":"1/2","B":"3/4","C":"7/4"}'
field '.result.nucleolus_levels' '["-1/2","-3/4"]'
field '.result.convention | startswith("cost game")' 'true'
# The cost core {x <= c(S), x(N) = 3} has vertices (1,1,1), (1,0,2),
# (0,2,1), (0,0,3) (by hand: x_C >= 1 and x_A, x_B >= 0 follow).
field '[.result.core.extreme_points[] | [.A, .B, .C] | join(",")] | sort' '["0,0,3","0,2,1","1,0,2","1,1,1"]'

for e in 100 200 300; do
    game "talmud$e" "{\"type\": \"bankruptcy\", \"estate\": $e, \"claimants\": [
      {\"name\": \"first\", \"claim\": 100}, {\"name\": \"second\", \"claim\": 200},
      {\"name\": \"third\", \"claim\": 300}]}"
done
expect 0 "" -- coop --index nucleolus "$tmp/talmud100.json"
field '.result.nucleolus' '{"first":"100/3","second":"100/3","third":"100/3"}'
field '.result.talmud_equals_nucleolus' 'true'
field '.result | has("talmud")' 'false'
expect 0 "" -- coop --index talmud,nucleolus "$tmp/talmud200.json"
field '.result.nucleolus' '{"first":"50","second":"75","third":"75"}'
field '.result.talmud_equals_nucleolus' 'true'
expect 0 "" -- coop --index nucleolus,talmud --format text "$tmp/talmud300.json"
grep -q "^nucleolus: first 50 (50.000000), second 100 (100.000000), third 150 (150.000000)$" \
    "$tmp/out" && ok || bad "talmud 300 text: $(cat "$tmp/out")"
grep -q "^the Talmud rule equals the nucleolus$" "$tmp/out" && ok || bad "talmud check: $(cat "$tmp/out")"
# The comparison is with the Talmud rule whatever other rule is asked.
expect 0 "" -- coop --index proportional,nucleolus "$tmp/talmud200.json"
field '.result.proportional.first' '100/3'
field '.result.talmud_equals_nucleolus' 'true'
expect 0 "" -- coop --index prenucleolus "$tmp/talmud200.json"
field '.result | has("talmud_equals_nucleolus")' 'false'

# Same input, same bytes.
expect 0 "" -- coop --index core,least_core,nucleolus,prenucleolus "$tmp/airport.json"
cp "$tmp/out" "$tmp/first"
expect 0 "" -- coop --index core,least_core,nucleolus,prenucleolus "$tmp/airport.json"
cmp -s "$tmp/out" "$tmp/first" && ok || bad "two runs differ"

# Bad input.
# Four left and four right gloves: the core is {(a, a, a, a, 1-a, 1-a, 1-a,
# 1-a) : 0 <= a <= 1} (each pair can form alone), two extreme points.
game eight '{"type": "glove", "left": ["a", "b", "c", "d"], "right": ["e", "f", "g", "h"]}'
expect 0 "" -- coop --index core "$tmp/eight.json"
field '[.result.core.extreme_points[] | [.[]] | join(",")]' '["0,0,0,0,1,1,1,1","1,1,1,1,0,0,0,0"]'
game nine '{"type": "glove", "left": ["a", "b", "c", "d"], "right": ["e", "f", "g", "h", "i"]}'
expect 2 "9 players: the core's extreme points are computed for 2 to 8 players" -- \
    coop --index core "$tmp/nine.json"
expect 0 "" -- coop --index least_core,nucleolus "$tmp/nine.json"
field '.result.least_core.epsilon' '0'
field '[.result.nucleolus[]] | join(",")' '1,1,1,1,0,0,0,0,0'
game poor '{"type": "explicit", "players": ["x", "y"], "values": [0, 2, 2, 3]}'
expect 2 "the nucleolus needs imputations" -- coop --index nucleolus "$tmp/poor.json"
expect 0 "" -- coop --index prenucleolus "$tmp/poor.json"
field '.result.prenucleolus' '{"x":"3/2","y":"3/2"}'
game single '{"type": "explicit", "players": ["x"], "values": [0, 4]}'
expect 2 "the least core needs at least two players" -- coop --index least_core "$tmp/single.json"
expect 0 "" -- coop --index nucleolus "$tmp/single.json"
field '.result.nucleolus' '{"x":"4"}'
expect 2 "unknown index 'kernel'" -- coop --index nucleolus,kernel "$tmp/glove.json"
# A weighted game becomes a 0/1 explicit game: 25 players at most.
game veto '{"type": "weighted", "quota": 3, "players": [{"name": "v", "weight": 2},
  {"name": "a", "weight": 1}, {"name": "b", "weight": 1}]}'
expect 0 "" -- coop --index core,nucleolus "$tmp/veto.json"
field '.result.core.extreme_points' '[{"v":"1","a":"0","b":"0"}]'
field '.result.nucleolus' '{"v":"1","a":"0","b":"0"}'
{
    printf '{"type": "weighted", "quota": 14, "players": ['
    for i in $(seq 1 26); do printf '%s{"name": "p%d", "weight": 1}' "$([ "$i" -gt 1 ] && echo ,)" "$i"; done
    printf ']}\n'
} >"$tmp/many.json"
expect 2 "26 players: as an explicit game (2^n coalition values) at most 25" -- \
    coop --index nucleolus "$tmp/many.json"
expect 2 "does not apply to an airport game" -- coop --index talmud,core "$tmp/airport.json"

finish "coop core cli"
