# Sourced by the shell tests of the command line. Gives a temporary folder
# $tmp, and checks that count passes and failures:
#   expect STATUS PATTERN -- ARGS...   run mechkit ARGS; exit status, and a
#                                       pattern in stderr ("" for any)
#   field JQ EXPECTED                  a value of the last standard output:
#                                       strings raw, lists and objects as
#                                       compact JSON
#   field_json JQ EXPECTED             the same with strings quoted too
#   check NAME WANT GOT                a value of one's own: GOT must be WANT
#   ok / bad MESSAGE                   count a check of one's own
#   finish NAME                        print the closing line; its status
#                                       is the test's
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0 passed=0

ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect() {
    local status=$1 pattern=$2
    shift 3
    "$MECHKIT" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$status" ]; then
        bad "mechkit $* exited $got, expected $status; stderr: $(cat "$tmp/err")"
    elif [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$tmp/err"; then
        bad "mechkit $*: stderr lacks '$pattern': $(cat "$tmp/err")"
    else
        ok
    fi
}

field() {
    local got
    got=$(jq -c -r "$1" "$tmp/out")
    [ "$got" = "$2" ] && ok || bad "$1 is '$got', expected '$2'"
}

field_json() {
    local got
    got=$(jq -c "$1" "$tmp/out")
    [ "$got" = "$2" ] && ok || bad "$1 is '$got', expected '$2'"
}

check() {
    [ "$2" = "$3" ] && ok || bad "$1: want '$2', got '$3'"
}

finish() {
    echo "$1: $passed passed, $failures failed"
    [ "$failures" -eq 0 ]
}
