#!/usr/bin/env python3
"""Compare a captured screen with the kiosk's own renderings, by content.

  screen.py classify CAPTURE [--rotate DEG] REF.png...
      prints "NAME DISTANCE WxH" for the rendering nearest to the capture and
      "second NAME DISTANCE" for the runner-up. Both pictures are reduced to a
      64x40 grid of average colours (ImageMagick, box filter); DISTANCE is the
      mean absolute difference of those (0..255), so font hinting or GPU
      filtering do not count, another scene does. --rotate turns the capture
      back by DEG degrees (a screen mounted turned clockwise by DEG).
  screen.py mean CAPTURE      prints the mean brightness (0..255): black is < 3
"""
import os
import subprocess
import sys

GRID = "64x40"
CONVERT = os.environ.get("CONVERT", "/usr/bin/convert")


def parse_ppm(data):
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h * 3]


def size(path):
    out = subprocess.run([CONVERT, path, "-format", "%wx%h", "info:"], check=True,
                         capture_output=True).stdout.decode()
    return out.strip()


def grid(path, deg=0):
    """The picture as GRID average colours; renderings keep theirs beside them."""
    cache = path + ".grid.ppm"
    if not deg and os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(path):
        return parse_ppm(open(cache, "rb").read())[2]
    args = [CONVERT, path, "-alpha", "off"]
    if deg:
        args += ["-rotate", str(-deg)]
    args += ["-filter", "Box", "-resize", GRID + "!", "-depth", "8", "ppm:-"]
    data = subprocess.run(args, check=True, capture_output=True).stdout
    if not deg and path.endswith(".png"):
        open(cache, "wb").write(data)
    return parse_ppm(data)[2]


def distance(a, b):
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def main(argv):
    if len(argv) == 3 and argv[1] == "mean":
        px = grid(argv[2])
        print("%.1f" % (sum(px) / len(px)))
        return 0
    if len(argv) < 4 or argv[1] != "classify":
        sys.exit(__doc__)
    args = argv[2:]
    cap = args.pop(0)
    deg = 0
    if args[0] == "--rotate":
        deg = int(args[1])
        args = args[2:]
    g = grid(cap, deg)
    scored = sorted((distance(g, grid(r)), os.path.basename(r)[:-4]) for r in args)
    print("%s %.1f %s" % (scored[0][1], scored[0][0], size(cap)))
    if len(scored) > 1:
        print("second %s %.1f" % (scored[1][1], scored[1][0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
