#!/bin/bash
# mechkit solve --method kantian | metagame and mechkit sim --game through
# the command line, on the example files: the Prisoner's Dilemma (Nash
# defects, superrational cooperates; with T=8 cooperate with 3/4), the
# compact 20-player Platonia dilemma (1/20), Roemer's Kantian equilibria of
# the commons game, the metagame of Nash and Kantian players, replicator
# dynamics (all-Nash in the PD; the hawk share 1/2 in Hawk-Dove), and bad
# input: every error exits 2 with a message naming the problem.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"
ex="$MECHKIT_SOURCE_DIR/examples"

expect 0 "" -- solve --method pure "$ex/prisoners_dilemma.nfg"
field '.result.equilibria[0].profile' '["Defect","Defect"]'
expect 0 "" -- solve --method kantian "$ex/prisoners_dilemma.nfg"
field '.method' "kantian"
field '.result.kind' "superrational"
field '.result.equilibria[0].strategies' '[["1","0"],["1","0"]]'
field '.result.equilibria[0].payoffs' '["3","3"]'
field '.result.equilibria[0].exact' "true"
expect 0 "" -- solve --method kantian "$ex/prisoners_dilemma_t8.nfg"
field '.result.equilibria[0].strategies[0]' '["3/4","1/4"]'
field '.result.equilibria[0].payoffs[1]' "13/4"
expect 0 "" -- solve --method kantian "$ex/platonia20.json"
field '.game.players' "20"
field '.result.equilibria[0].strategies | length' "20"
field '.result.equilibria[0].strategies[19]' '["1/20","19/20"]'
field '.result.equilibria[0].payoffs[0]' "1978419655660313589123979/104857600000000000000000000"
expect 0 "" -- solve --method kantian --format text "$ex/prisoners_dilemma_t8.nfg"
grep -q "Cooperate 3/4, Defect 1/4  payoff 13/4" "$tmp/out" && ok || bad "text: $(cat "$tmp/out")"

# Same input, same bytes.
"$MECHKIT" solve --method kantian "$ex/platonia20.json" >"$tmp/a"
"$MECHKIT" solve --method kantian "$ex/platonia20.json" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && ok || bad "two runs differ"

# An irrational optimum: certified bounds around 1/sqrt(3).
cat >"$tmp/bar.json" <<'JSON'
{"type": "symmetric", "players": 3, "strategies": ["go", "stay"], "payoffs": [[1, 1, 0], [0, 0, 0]]}
JSON
expect 0 "" -- solve --method kantian "$tmp/bar.json"
field '.result.equilibria[0].exact' "false"
field '.result.equilibria[0].bounds.strategy[0]' '["0.577350269189625","0.577350269189626"]'

# Three players, three strategies. Platonia with a costly abstention: the
# optimum (1/3, 2/3, 0) on an edge, exactly. Platonia with two prizes:
# u = sum_X p_X (1 - p_X)^2 over the prizes X, maximal at the centre, 8/27,
# exactly (proven by the local proof of superrational_exact.c).
cat >"$tmp/abstain.json" <<'JSON'
{"type": "symmetric", "players": 3, "strategies": ["send", "refrain", "abstain"], "payoffs": [[1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [-1, -1, -1, -1, -1, -1]]}
JSON
expect 0 "" -- solve --method kantian "$tmp/abstain.json"
field '.result.equilibria' '[{"strategies":[["1/3","2/3","0"],["1/3","2/3","0"],["1/3","2/3","0"]],"payoffs":["4/27","4/27","4/27"],"exact":true}]'
cat >"$tmp/prizes.json" <<'JSON'
{"type": "symmetric", "players": 3, "strategies": ["claim A", "claim B", "refrain"], "payoffs": [[1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 1], [0, 0, 0, 0, 0, 0]]}
JSON
expect 0 "" -- solve --method kantian "$tmp/prizes.json"
field '.result.equilibria' '[{"strategies":[["1/3","1/3","1/3"],["1/3","1/3","1/3"],["1/3","1/3","1/3"]],"payoffs":["8/27","8/27","8/27"],"exact":true}]'
# Built from the target (1/2, 1/3, 1/6): u(s, c) = a_s - 36 [both others
# play s], so u(p, p, p) = sum a_s p_s - 36 sum p_s^3 (strictly concave),
# stationary where a_s = 108 p_s^2: a = (27, 12, 3), payoff 18 - 6 = 12.
# Count vectors in the order (c_1, c_2) = (0,0) (0,1) (0,2) (1,0) (1,1) (2,0).
cat >"$tmp/uneven.json" <<'JSON'
{"type": "symmetric", "players": 3, "strategies": 3, "payoffs": [[27, 27, 27, 27, 27, -9], [12, 12, -24, 12, 12, 12], [-33, 3, 3, 3, 3, 3]]}
JSON
expect 0 "" -- solve --method kantian "$tmp/uneven.json"
field '.result.equilibria[0].strategies[2]' '["1/2","1/3","1/6"]'
field '.result.equilibria[0].payoffs' '["12","12","12"]'
field '.result.equilibria[0].exact' "true"
# Irrational: u(s, c) = [s = 1] - [both others play s], u(p, p, p) = p_1 -
# sum p_s^3, maximal at p_1 = (2 sqrt 2 - 1)/3 = 0.6094757082487...:
# certified, not exact.
cat >"$tmp/irrational.json" <<'JSON'
{"type": "symmetric", "players": 3, "strategies": 3, "payoffs": [[1, 1, 1, 1, 1, 0], [0, 0, -1, 0, 0, 0], [-1, 0, 0, 0, 0, 0]]}
JSON
expect 0 "" -- solve --method kantian "$tmp/irrational.json"
field '.result.equilibria[0].exact' "false"
field '.result.equilibria[0].bounds.strategy[0][0] < "0.609475708248731"' "true"
field '.result.equilibria[0].bounds.strategy[0][1] > "0.609475708248731"' "true"
# Too costly to search: 8 players, 6 strategies: C(12, 5) = 1,287 Bernstein
# coefficients in dimension 5, 6,435 > 6,000 (792 count vectors each).
expect 2 "1287 Bernstein coefficients of u(p, ..., p) times the dimension 5, a cost of 6435" -- solve --method kantian - <<<"$(printf '{"type": "symmetric", "players": 8, "strategies": 6, "payoffs": [%s]}' "$(for s in 1 2 3 4 5 6; do printf '[%s]' "$(seq -s, 1 792)"; [ $s -lt 6 ] && printf ','; done)")"

# Roemer.
expect 0 "" -- solve --method kantian -p kind=additive "$ex/commons_effort.nfg"
field '[.result.equilibria[].profile]' '[["6","0"],["4","2"],["3","3"],["2","4"],["0","6"]]'
expect 0 "" -- solve --method kantian -p kind=multiplicative "$ex/commons_effort.nfg"
field '.result.count' "28"
field '[.result.equilibria[] | select(.profile == ["4","4"])] | length' "0"

# Levels given instead of names: the PD as efforts (Cooperate 1, Defect 0).
expect 0 "" -- solve --method kantian -p kind=multiplicative -p levels=1,0 "$ex/prisoners_dilemma.nfg"
field '[.result.equilibria[].profile]' '[["Cooperate","Cooperate"],["Defect","Defect"]]'
expect 2 "levels: 'x' is not a number" -- solve --method kantian -p kind=additive -p levels=1,x "$ex/prisoners_dilemma.nfg"
expect 2 "levels: 3 levels, but player 1 has 2 strategies" -- solve --method kantian -p kind=additive -p levels=0,1,2 "$ex/prisoners_dilemma.nfg"
expect 2 "levels is for kind=multiplicative or additive" -- solve --method kantian -p levels=0,1 "$ex/prisoners_dilemma.nfg"

# The metagame.
expect 0 "" -- solve --method metagame "$ex/prisoners_dilemma.nfg"
field '.result.procedures' '["nash","kantian"]'
field '[.result.table[] | .payoffs[0]]' '["1","5","0","3"]'
field '.result.equilibria' '[{"strategies":[["1","0"],["1","0"]],"payoffs":["1","1"],"symmetric":true}]'
expect 0 "" -- solve --method metagame -p procedures=nash,kantian,Cooperate "$ex/prisoners_dilemma_t8.nfg"
field '[.result.table[] | select(.row == "kantian" and .column == "kantian") | .payoffs[0]]' '["13/4"]'
field '[.result.table[] | select(.row == "nash" and .column == "kantian") | .row_plays]' '[["0","1"]]'
expect 0 "" -- solve --method metagame --format text "$ex/prisoners_dilemma.nfg"
grep -q "kantian vs kantian: (1, 0)" "$tmp/out" && ok || bad "text: $(cat "$tmp/out")"

# Replicator dynamics.
expect 0 "" -- sim --game "$ex/prisoners_dilemma.nfg" --dynamics replicator --mix 1/2,1/2
last=$(tail -n 1 "$tmp/out")
[ "$(jq -c -r '.rest_point' <<<"$last")" = "true" ] && ok || bad "no rest point: $last"
[ "$(jq -r '.final[0] >= "0.999999999999"' <<<"$last")" = "true" ] && ok || bad "not all-Nash: $last"
expect 0 "" -- sim --game "$ex/hawk_dove.nfg" --procedures Hawk,Dove --mix 0.9,0.1 --format csv
tail -n 2 "$tmp/out" | grep -q "^[0-9]*,Hawk,0.50000000" && ok || bad "hawks: $(tail -n 2 "$tmp/out")"

# Bad input and usage.
cat >"$tmp/pennies.nfg" <<'NFG'
NFG 1 R "Matching pennies" { "1" "2" } { 2 2 }
1 -1 -1 1 -1 1 1 -1
NFG
expect 2 "pennies.nfg: the game is not symmetric" -- solve --method kantian "$tmp/pennies.nfg"
expect 2 "not symmetric" -- solve --method metagame "$tmp/pennies.nfg"
expect 2 "not symmetric" -- sim --game "$tmp/pennies.nfg" --mix 1/2,1/2
expect 2 "has no name" -- solve --method kantian -p kind=additive "$tmp/pennies.nfg"
expect 2 "kind" -- solve --method kantian -p kind=selfish "$ex/prisoners_dilemma.nfg"
expect 2 "'Maybe' is not nash, kantian or a strategy" -- solve --method metagame -p procedures=nash,Maybe "$ex/prisoners_dilemma.nfg"
expect 2 "--method pure takes no such parameter" -- solve --method pure -p kind=additive "$ex/prisoners_dilemma.nfg"
expect 2 "payoffs[0]: expected a list of 20 payoffs" -- solve --method kantian - <<<'{"type": "symmetric", "players": 20, "strategies": 2, "payoffs": [[1], [0]]}'
expect 0 "" -- sim --game "$ex/prisoners_dilemma.nfg" --mix kantian=0.9,nash=0.1 --rounds 1
head -n 1 "$tmp/out" >"$tmp/first" && mv "$tmp/first" "$tmp/out"
field '.start' '["0.100000000000","0.900000000000"]'
expect 2 "--mix: 'selfish' is not one of the procedures" -- sim --game "$ex/prisoners_dilemma.nfg" --mix selfish=1
expect 2 "--mix: 'nash' is given twice" -- sim --game "$ex/prisoners_dilemma.nfg" --mix nash=0.5,nash=0.5
expect 2 "--mix: 1 shares for 2 procedures" -- sim --game "$ex/prisoners_dilemma.nfg" --mix nash=1
expect 2 "--mix: 1 shares for 2 procedures" -- sim --game "$ex/prisoners_dilemma.nfg" --mix 1
expect 2 "sum to 3/2, not 1" -- sim --game "$ex/prisoners_dilemma.nfg" --mix 1,1/2
expect 2 "unknown dynamics" -- sim --game "$ex/prisoners_dilemma.nfg" --dynamics fictitious --mix 1,0
expect 2 "--mix is required" -- sim --game "$ex/prisoners_dilemma.nfg"
expect 2 "too big for a table" -- solve --method kantian -p kind=additive "$ex/platonia20.json"

finish "solve kantian"
