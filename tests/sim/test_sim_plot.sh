#!/bin/bash
# mechkit sim --plot: the trajectories drawn with cairo as SVG or PNG (a
# real file of that kind, the same bytes for the same run), the JSON lines
# unchanged by plotting, and a clear error for another extension or an
# unwritable place, before any round is played.
set -uo pipefail
: "${MECHKIT:?}"
# shellcheck source=../support/cli_assert.sh
. "$(dirname "$0")/../support/cli_assert.sh"

run=(sim auction.first_price --agents mw:2,honest:1 --rounds 30 --seed 4)

expect 0 "" -- "${run[@]}"
cp "$tmp/out" "$tmp/plain.jsonl"
expect 0 "" -- "${run[@]}" --plot "$tmp/a.svg"
cmp -s "$tmp/out" "$tmp/plain.jsonl" && ok || bad "--plot changed the JSON lines"
head -c 200 "$tmp/a.svg" | grep -q '<svg' && ok || bad "a.svg is not SVG: $(head -c 80 "$tmp/a.svg")"
grep -q '</svg>' "$tmp/a.svg" && ok || bad "a.svg is not complete"
expect 0 "" -- "${run[@]}" --plot "$tmp/b.svg"
cmp -s "$tmp/a.svg" "$tmp/b.svg" && ok || bad "two identical runs drew different SVG"

expect 0 "" -- "${run[@]}" --plot "$tmp/a.png"
[ "$(head -c 8 "$tmp/a.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok ||
    bad "a.png is not PNG"
expect 0 "" -- "${run[@]}" --plot "$tmp/b.png"
cmp -s "$tmp/a.png" "$tmp/b.png" && ok || bad "two identical runs drew different PNG"

# Without mw agents there is no shading panel: a shorter picture.
expect 0 "" -- sim auction.second_price --agents honest:2,br:1 --rounds 5 --plot "$tmp/c.png"
[ -s "$tmp/c.png" ] && ok || bad "no c.png"

expect 2 "must end in .svg or .png" -- "${run[@]}" --plot "$tmp/a.pdf"
[ ! -e "$tmp/a.pdf" ] && ok || bad "a.pdf written"
expect 2 "cannot write" -- "${run[@]}" --plot "$tmp/no/such/dir/a.svg"

finish "sim --plot"
