"""Exit 1 unless every PNG named on the command line decodes and shows more than one colour.

A blank or failed render (a white page, a broken image) is one colour; a drawn chart has axes, bars and text.
Only the standard library: zlib for IDAT, the PNG filters undone row by row.
"""
import struct
import sys
import zlib


def colours(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    if depth != 8:
        raise ValueError(f"bit depth {depth}")
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    seen = set()
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = row[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                row[x] = (row[x] + a) & 255
            elif kind == 2:
                row[x] = (row[x] + b) & 255
            elif kind == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, channels * 7):
            seen.add(bytes(row[x:x + channels]))
        previous = row
        if len(seen) > 2:
            return len(seen)
    return len(seen)


def main():
    bad = 0
    for path in sys.argv[1:]:
        try:
            n = colours(path)
        except Exception as error:  # noqa: BLE001 - any failure to decode is a broken render
            print(f"{path}: cannot decode ({error})")
            bad += 1
            continue
        if n <= 2:
            print(f"{path}: blank ({n} colour(s))")
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
