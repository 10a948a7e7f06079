"""Runs every benchmark in bench/ and prints their figures (`make bench`).

Each benchmark is its own script with its own floor measured in the same run;
nothing here is part of the test suite. The options below go to the benchmarks
that serve the site (load.py, frontdoor.py); the import and polling benchmarks take none.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Each benchmark, and whether it takes the shared server options.
BENCHMARKS = [
    ("load.py", True),
    ("frontdoor.py", True),
    ("import_bench.py", False),
    ("poll_bench.py", False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, help="seconds per URL")
    parser.add_argument("--connections", type=int, help="wrk connections")
    parser.add_argument("--reseed", action="store_true", help="seed again even if seeded")
    args = parser.parse_args()
    shared = []
    if args.duration is not None:
        shared += ["--duration", str(args.duration)]
    if args.connections is not None:
        shared += ["--connections", str(args.connections)]
    if args.reseed:
        shared.append("--reseed")

    failed = 0
    for name, serves in BENCHMARKS:
        print(f"\n=== {name}", flush=True)
        options = shared if serves else []
        result = subprocess.run([sys.executable, str(HERE / name), *options], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
