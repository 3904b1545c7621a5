#!/usr/bin/env bash
# Validates charter's SARIF with Microsoft's SARIF Multitool (from the npm registry, a
# self-contained binary) against the SARIF 2.1.0 schema and GitHub code scanning's rules.
# Usage: .ci/checks/sarif.sh [path/to/charter]
set -euo pipefail
cd "$(dirname "$0")/../.."
charter="$(realpath "${1:-target/release/charter}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool@5.7.0 >/dev/null)
# The self-contained binary, called directly: the npm wrapper runs it through a shell,
# which would split `Gh;Sarif` at the semicolon.
multitool="$work/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

status=0
for record in audit/record.yaml waivers/record.yaml; do
  sarif="$work/$(basename "$(dirname "$record")").sarif"
  (cd tests/fixtures/report && "$charter" check --as-of 2026-01-01 --policy policies \
    --format sarif --output "$sarif" "$record") || [ $? -eq 1 ]
  rm -f "$work/out.sarif"
  "$multitool" validate "$sarif" --rule-kind "Gh;Sarif" -o "$work/out.sarif" >"$work/log.txt" 2>&1 || true
  # The Multitool skips a file it cannot read as SARIF without a word, so the log must show
  # that it analysed ours: charter has no `informationUri`, which it always notes (SARIF2005).
  if ! grep -q "SARIF2005" "$work/log.txt" || grep -E ': error [A-Z]' "$work/log.txt" >/dev/null; then
    echo "$record: SARIF Multitool reports errors:"
    cat "$work/log.txt"
    status=1
  else
    echo "$record: SARIF Multitool finds no errors"
  fi
done
exit $status
