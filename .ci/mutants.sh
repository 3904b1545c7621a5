#!/usr/bin/env bash
# Mutation testing of what a change touches: cargo-mutants on the lines of src/ that differ
# from BASE (default `main`), each mutant run against the whole test suite. A mutant that
# survives is a change to the code that no test notices; kill it with a test, or explain in
# docs/robustness.md why it is equivalent. See "Mutation testing" there.
#
# Usage: .ci/mutants.sh [BASE] [-- extra cargo-mutants arguments]
#   .ci/mutants.sh                      # the branch's changes since it left main
#   .ci/mutants.sh origin/main -- -j 2  # two mutants at a time (each copies the tree)
#
# Not a step of .ci/run: each mutant is a rebuild and a test run, so a change of a few
# dozen lines takes tens of minutes on 2 cores. Exit 0 when every mutant is caught (or
# unviable), 2 when some are missed, 3 when some time out (see cargo-mutants' docs); the
# list is in mutants.out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

base=main
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  base=$1
  shift
fi
[ "${1:-}" = "--" ] && shift

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "installing cargo-mutants (once; a few minutes)" >&2
  cargo install cargo-mutants --locked
fi

diff=$(mktemp)
trap 'rm -f "$diff"' EXIT
git diff "$base"...HEAD -- src/ >"$diff"
if [ ! -s "$diff" ]; then
  echo "no change to src/ since $base: nothing to mutate"
  exit 0
fi

exec nice -n 10 cargo mutants --in-diff "$diff" "$@"
