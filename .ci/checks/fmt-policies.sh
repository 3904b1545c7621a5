#!/usr/bin/env bash
# The standard library and the examples are in the canonical layout (`charter fmt`).
set -euo pipefail
target/release/charter fmt --check policies examples/precedence
