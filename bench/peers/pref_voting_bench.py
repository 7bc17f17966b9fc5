#!/usr/bin/env python3
"""The peer benchmark of issue 5: pref_voting (the reference Python library
of voting methods) on the same PrefLib .soc files that bench/voting_peers.sh
gives mechkit (written by bench/voting_profile).

    pref_voting_bench.py [--timeout S] [--repeat N] [--seats K] FILE20.soc FILE10.soc

For each rule it runs, in a fresh Python process capped at --timeout seconds
(default 120), pref_voting's PrefLib reader on the file and then the rule,
and prints the best of --repeat runs (default 3) of the whole (read + count,
as `mechkit run` is timed) and of the count alone, one line a rule:

    pref_voting RULE FILE TOTAL_S COUNT_S

with TOTAL_S and COUNT_S written ">S" when the run was stopped at the cap.
Kemeny-Young is run on both files: pref_voting searches every ranking, so
on 20 candidates it is expected to reach the cap.

pref_voting is never a dependency of mechkit: when it is not importable the
script says how to install it and exits 0 (a skip, not a failure).
"""
import argparse
import json
import os
import subprocess
import sys
import time

INSTALL = ("python3 -m venv /tmp/pv && /tmp/pv/bin/pip install pref_voting && "
           "/tmp/pv/bin/python bench/peers/pref_voting_bench.py FILE20.soc FILE10.soc "
           "(or: PYTHON=/tmp/pv/bin/python bench/voting_peers.sh)")

# mechkit's rule name -> pref_voting's function names, first found wins
# (the Schulze function was renamed between pref_voting versions).
RULES = {
    "plurality": ["plurality"],
    "borda": ["borda"],
    "irv": ["instant_runoff"],
    "schulze": ["beat_path_Floyd_Warshall", "beat_path_faster", "beat_path"],
    "ranked_pairs": ["ranked_pairs"],
    "copeland": ["copeland"],
    "minimax": ["minimax"],
    "kemeny": ["kemeny_young"],
    "stv_scottish": ["stv_scottish"],
    "stv_meek": ["stv_meek"],
}
MULTI_WINNER = {"stv_scottish", "stv_meek"}
MODULES = ["pref_voting.voting_methods", "pref_voting.proportional_methods"]


def resolve(rule):
    """pref_voting's function for rule, or None when this version has none."""
    import importlib
    for module in MODULES:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in RULES[rule]:
            if hasattr(mod, name):
                return getattr(mod, name)
    return None


def child(rule, path, seats):
    """One timed run in this process: prints {"read": s, "count": s, "winners": ...}."""
    from pref_voting.io.readers import preflib_to_profile
    method = resolve(rule)
    t0 = time.perf_counter()
    profile = preflib_to_profile(path, as_linear_profile=True)
    t1 = time.perf_counter()
    if rule in MULTI_WINNER:
        winners = method(profile, num_seats=seats)
    else:
        winners = method(profile)
    t2 = time.perf_counter()
    print(json.dumps({"read": t1 - t0, "count": t2 - t1,
                      "winners": [int(w) + 1 for w in winners]}))


def best_of(rule, path, args):
    """(total, count, winners) best of args.repeat runs; None on time-out."""
    best = None
    for _ in range(args.repeat):
        cmd = [sys.executable, os.path.abspath(__file__), "--child", rule, path,
               "--seats", str(args.seats)]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return None
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit(f"pref_voting {rule} on {path}: failed")
        r = json.loads(run.stdout.strip().splitlines()[-1])
        total = r["read"] + r["count"]
        if best is None or total < best[0]:
            best = (total, r["count"], r["winners"])
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--child", metavar="RULE", choices=sorted(RULES))
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    try:
        import pref_voting  # noqa: F401
        from pref_voting.io.readers import preflib_to_profile  # noqa: F401
    except ImportError as e:
        print(f"pref_voting: skipped ({e}). To install and run it: {INSTALL}")
        return 0
    if args.child:
        child(args.child, args.files[0], args.seats)
        return 0
    big, small = args.files[0], args.files[-1]
    runs = [(rule, big) for rule in RULES if rule != "kemeny"]
    kemeny_at = list(RULES).index("kemeny")
    runs[kemeny_at:kemeny_at] = [("kemeny", path) for path in dict.fromkeys([small, big])]
    for rule, path in runs:
        if resolve(rule) is None:
            print(f"pref_voting {rule} {os.path.basename(path)} none none  "
                  f"(this pref_voting has no {' or '.join(RULES[rule])})")
            continue
        r = best_of(rule, path, args)
        cap = f">{args.timeout:g}"
        total, count, winners = (cap, cap, "") if r is None else (
            f"{r[0]:.3f}", f"{r[1]:.3f}", " ".join(map(str, r[2])))
        print(f"pref_voting {rule} {os.path.basename(path)} {total} {count}  winners: {winners}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
