#!/usr/bin/env python3
"""Accuracy guard for CI: runs ../shared/eval/scoreboard.sh on a binary and fails when a figure
falls more than TOLERANCE below its floor in scripts/scoreboard_floors.tsv (or, for figures
where lower is better, rises more than TOLERANCE above its ceiling). A figure the scoreboard
did not print (a set that failed to run) fails too.

    python3 scripts/check_scoreboard.py target/release/bitext           # check
    python3 scripts/check_scoreboard.py target/release/bitext --write   # floors := today's

Raise the floors (`--write`, then read the diff) when a change improves a figure, so that the
next change cannot give it back unnoticed. Splitting F1s, printed in percent, are kept as
fractions like the others.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FLOORS = os.path.join(HERE, "scoreboard_floors.tsv")
SCOREBOARD = os.path.join(HERE, "..", "..", "shared", "eval", "scoreboard.sh")
TOLERANCE = 0.005

SPLIT = re.compile(r"^\s+(\S+): F1 ([\d.]+)\s+units exactly right ([\d.]+)%")
ALIGN = re.compile(r"^\s+(\w+)\s+\d+\s+" + r"\s+".join([r"([\d.]+)"] * 6) + r"\s+[\d.]+$")
CALIBRATION = re.compile(
    r"^\s+(\w+)\s+\d+\s+([\d.]+)" + r"\s+([\d.]+) / [\d.]+" * 3 + r"\s*$"
)
DERANGEMENT = re.compile(
    r"^\s+(\w+)\s+true pairs (\d+)/(\d+) kept\s+unrelated pairs (\d+)/(\d+) kept"
)


def figures(text):
    """{name: (value, direction)} of a scoreboard's output; direction is min or max."""
    found = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("== "):
            section = line
            continue
        if m := SPLIT.match(line):
            found[f"split/{m[1]}/f1"] = (float(m[2]) / 100, "min")
        elif "alignment" in section and (m := ALIGN.match(line)):
            stage = "presplit" if "--presplit" in section else "end_to_end"
            found[f"{stage}/{m[1]}/strict_f1"] = (float(m[4]), "min")
            found[f"{stage}/{m[1]}/lax_f1"] = (float(m[7]), "min")
        elif m := CALIBRATION.match(line):
            found[f"trust/{m[1]}/ece"] = (float(m[2]), "max")
            for k, threshold in enumerate(["0.5", "0.9", "0.99"]):
                found[f"trust/{m[1]}/precision_at_{threshold}"] = (float(m[3 + k]), "min")
        elif m := DERANGEMENT.match(line):
            found[f"trust/{m[1]}/true_pairs_kept"] = (int(m[2]) / int(m[3]), "min")
            found[f"trust/{m[1]}/unrelated_pairs_kept"] = (int(m[4]) / int(m[5]), "max")
    return found


def read_floors():
    floors = {}
    with open(FLOORS, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, value, direction = line.split("\t")
                floors[name] = (float(value), direction.strip())
    return floors


def write_floors(found):
    with open(FLOORS, "w", encoding="utf-8") as f:
        f.write("# figure\tfloor (min) or ceiling (max)\tdirection: scripts/check_scoreboard.py\n")
        for name, (value, direction) in sorted(found.items()):
            f.write(f"{name}\t{value:.4f}\t{direction}\n")


def check(found, floors):
    """The failures: figures past their floor by more than TOLERANCE, or missing."""
    failures = []
    for name, (floor, direction) in sorted(floors.items()):
        if name not in found:
            failures.append(f"{name}: not printed by the scoreboard (floor {floor:.4f})")
            continue
        value = found[name][0]
        worse = floor - value if direction == "min" else value - floor
        if worse > TOLERANCE:
            failures.append(f"{name}: {value:.4f}, {worse:.4f} worse than {floor:.4f}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--write", action="store_true", help="make today's figures the floors")
    args = parser.parse_args()
    run = subprocess.run(
        ["bash", SCOREBOARD, args.binary], capture_output=True, text=True, check=False
    )
    found = figures(run.stdout)
    if args.write:
        write_floors(found)
        print(f"{len(found)} floors written to {FLOORS}")
        return 0
    floors = read_floors()
    failures = check(found, floors)
    for failure in failures:
        print(f"accuracy fell: {failure}", file=sys.stderr)
    if failures:
        print(run.stdout, file=sys.stderr)
        return 1
    print(f"scoreboard: {len(floors)} figures at or above their floors (tolerance {TOLERANCE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
