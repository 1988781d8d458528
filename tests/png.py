"""A small pure-Python PNG reader (8-bit RGB/RGBA, non-interlaced): enough to check screenshots."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Image:
    width: int
    height: int
    channels: int
    pixels: bytes  # row-major, ``channels`` bytes per pixel

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * self.channels
        return self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(data: bytes) -> Image:
    """Decode ``data``; raises ValueError for PNGs outside what this reader supports."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    pos, idat = len(SIGNATURE), bytearray()
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    out = bytearray(stride * height)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
        out[y * stride : (y + 1) * stride] = line
        previous = line
    return Image(width, height, channels, bytes(out))


def count_colour(image: Image, hex_colour: str, tolerance: int = 4) -> int:
    """Pixels within ``tolerance`` of ``#rrggbb`` on every channel."""
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    count, px, ch = 0, image.pixels, image.channels
    for i in range(0, len(px), ch):
        if (
            abs(px[i] - target[0]) <= tolerance
            and abs(px[i + 1] - target[1]) <= tolerance
            and abs(px[i + 2] - target[2]) <= tolerance
        ):
            count += 1
    return count
