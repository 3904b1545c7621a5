#!/usr/bin/env python3
"""Compare two charter binaries on a fuzz corpus: the JSON report of every input must be
byte-identical (exit status included). Used when the engine is rewritten for speed.

    python3 fuzz/differential.py OLD_CHARTER NEW_CHARTER CORPUS_DIR [LIMIT]

An input holding a NUL is `policy NUL record` (the `check` target's format) and is checked
against that policy; any other input is a record checked against the standard library.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(binary, folder, args):
    r = subprocess.run([binary, "check", "--as-of", "2025-01-01", "-f", "json", "r.yaml", *args],
                       cwd=folder, capture_output=True, timeout=120)
    return r.returncode, r.stdout


def main():
    old, new, corpus = sys.argv[1:4]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    names = sorted(os.listdir(corpus))[:limit]
    differ = 0
    for name in names:
        data = open(os.path.join(corpus, name), "rb").read()
        with tempfile.TemporaryDirectory() as folder:
            args = []
            if b"\0" in data:
                policy, data = data.split(b"\0", 1)
                open(os.path.join(folder, "p.charter"), "wb").write(policy)
                args = ["--policy", "p.charter"]
            open(os.path.join(folder, "r.yaml"), "wb").write(data)
            a, b = run(old, folder, args), run(new, folder, args)
        if a != b:
            differ += 1
            try:
                fa = {(f["code"], f["message"]) for f in json.loads(a[1])["findings"]}
                fb = {(f["code"], f["message"]) for f in json.loads(b[1])["findings"]}
                print(f"differs: {name} (exit {a[0]} / {b[0]}); only old: {sorted(fa - fb)[:3]}; "
                      f"only new: {sorted(fb - fa)[:3]}")
            except (ValueError, KeyError):
                print(f"differs: {name} (exit {a[0]} / {b[0]})")
    print(f"{len(names)} inputs, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
