#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and checks the result: the screenshot is not
# blank (more than one colour, a good share of non-white pixels) and the DOM holds every
# cell of the responsibility matrix. Usage: .ci/checks/html.sh [path/to/charter]
set -euo pipefail
cd "$(dirname "$0")/../.."
charter="$(realpath "${1:-target/release/charter}")"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
page="$work/report.html"
(cd tests/fixtures/report && "$charter" check --as-of 2026-01-01 --policy policies \
  --format html --output "$page" audit/record.yaml) || [ $? -eq 1 ]

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$work/profile")
timeout 120 chromium "${flags[@]}" --screenshot="$work/shot.png" --window-size=1280,2000 \
  "file://$page" >/dev/null 2>&1
timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>/dev/null

python3 - "$work/shot.png" "$work/dom.html" "$page" <<'PY'
import re, struct, sys, zlib

def pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG with the standard library only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]

shot, dom, page = sys.argv[1:4]
px = pixels(shot)
colours = len(set(px))
ink = sum(1 for p in px if p != b"\xff\xff\xff")
print(f"screenshot: {len(px)} pixels, {colours} colours, {100 * ink / len(px):.1f}% not white")
assert colours > 50, "the screenshot is (nearly) a single colour: the page did not render"
assert ink > len(px) // 20, "the screenshot is almost blank"
dom = open(dom, encoding="utf-8").read()
source = open(page, encoding="utf-8").read()
want = re.findall(r'<td class="cell[^"]*" data-party="[^"]*" data-act="[^"]*"', source)
cells = re.findall(r'<td class="cell[^"]*" data-party="[^"]*" data-act="[^"]*"', dom)
print(f"matrix: {len(cells)} cells in the DOM, {len(want)} in the page")
assert want and len(cells) == len(want), "matrix cells are missing from the rendered DOM"
assert 'data-party="cdut" data-act="train_talent"' in dom
assert "<script" not in dom.lower(), "a party name became markup"
assert "&lt;script&gt;" in dom, "the escaped party name is not shown as text"
print("html report renders in chromium")
PY
