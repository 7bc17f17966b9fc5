#!/bin/bash
# mechkit solve --method kantian on compact symmetric games of the sizes the
# cost budget admits beyond 12 players and 4 strategies (answers derived by
# hand below), and the refusal of a game too costly to search.
set -uo pipefail
: "${MECHKIT:?}" "${MECHKIT_SOURCE_DIR:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

# The payoff lists of a 3-strategy game with n players: for own strategy s,
# one payoff per count vector (c_1, c_2) of the others in lexicographic
# order (c_3 = n - 1 - c_1 - c_2), from the awk expression $2 in s, c1, c2,
# c3 and n.
payoffs3() {
    awk -v n="$1" 'function pay(s, c1, c2, c3) { return '"$2"' }
        BEGIN { for (s = 1; s <= 3; s++) {
                    printf "%s[", (s > 1 ? ", " : ""); sep = ""
                    for (c1 = 0; c1 < n; c1++)
                        for (c2 = 0; c1 + c2 < n; c2++) {
                            printf "%s%d", sep, pay(s, c1, c2, n - 1 - c1 - c2); sep = ", "
                        }
                    printf "]" } }'
}

# Hofstadter's Platonia dilemma for 20 players with a third, costly option:
# send (1 when no other sends), refrain (0), abstain (-1, not sending).
# u(p, ..., p) = p_1 (1 - p_1)^19 - p_3 <= max_x x (1 - x)^19, reached at
# x = 1/20 on the send/refrain edge only: (1/20, 19/20, 0), payoff
# (1/20)(19/20)^19 = 19^19 / 20^20, as in the two-strategy platonia20.json.
# 210 count vectors; 231 Bernstein coefficients, cost 462.
printf '{"type": "symmetric", "title": "Platonia with abstention", "players": 20, "strategies": ["send", "refrain", "abstain"], "payoffs": [%s]}' \
    "$(payoffs3 20 's == 1 ? (c1 == 0) : (s == 2 ? 0 : -1)')" >"$tmp/platonia3.json"
expect 0 "" -- solve --method kantian "$tmp/platonia3.json"
field '.result.equilibria | length' "1"
field '.result.equilibria[0].strategies[0]' '["1/20","19/20","0"]'
field '.result.equilibria[0].payoffs[19]' "1978419655660313589123979/104857600000000000000000000"
field '.result.equilibria[0].exact' "true"

# Anti-coordination among 32 players (a player gets the number of others on
# another strategy): u = 31 (1 - sum p_s^2), maximal at the centre only,
# 31 * 2/3 = 62/3; 561 coefficients, cost 1,122.
printf '{"type": "symmetric", "players": 32, "strategies": 3, "payoffs": [%s]}' \
    "$(payoffs3 32 '31 - (s == 1 ? c1 : (s == 2 ? c2 : c3))')" >"$tmp/anti32.json"
expect 0 "" -- solve --method kantian "$tmp/anti32.json"
field '.result.equilibria[0].strategies[31]' '["1/3","1/3","1/3"]'
field '.result.equilibria[0].payoffs[0]' "62/3"
field '.result.equilibria[0].exact' "true"

# 63 players x 3 strategies is the largest 3-strategy game searched (2,080
# coefficients, cost 4,160); 64 players is refused, naming the limits.
printf '{"type": "symmetric", "players": 64, "strategies": 3, "payoffs": [%s]}' \
    "$(payoffs3 64 '63 - (s == 1 ? c1 : (s == 2 ? c2 : c3))')" >"$tmp/anti64.json"
expect 2 "2145 Bernstein coefficients of u(p, ..., p) times the dimension 2, a cost of 4290; with three or more of both, at most a cost of 6000, 63 players and 8 strategies" -- solve --method kantian "$tmp/anti64.json"

finish "solve kantian wide"
