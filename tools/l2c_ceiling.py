#!/usr/bin/env python3
"""How well can any L2C answer do on the pairs that compare a cell with a direction?

Reads the consistency pairs of a dataset (`lacy generate` writes them to DATA/train-l2c/samples.jsonl) and, for
every pair whose first instruction places in a cell of the workspace and whose second places the same object in a
direction of a reference object, estimates:

- `share`: how many of all pairs these are;
- `thumb`: the accuracy of the comparison line's rule of thumb (the reference's cell, where the instruction's cell
  lies from it, compared with the direction; docs/formats.md);
- `center`: the accuracy of "consistent iff the direction from the reference's center to the cell's center is the
  instruction's direction";
- `halves`: the accuracy of the rule of thumb refined by the half of its cell the reference stands in: along an axis
  where the cell is another row (column) than the reference's, that row's word; where it is the same, the half away
  from the reference's (`top` for a reference in the bottom half of its cell), or also `middle` (`center`) where the
  cell is another column (row);
- `places`: the accuracy of version 3 of the comparison line (ComparisonFormat.BY_PLACES): from the reference's
  center as a grounding sentence prints it, with every other object but the target at its printed center and every
  object a disc of radius 0.05, the directions more than 28 % of a 40 by 40 lattice of the cell's places near the
  reference lie in (nearer its contour than any other's, between d_abs and d_rel), the most common where none has
  that many, the direction of the cell's center where no place is near; consistent iff the direction's row and column
  are among theirs;
- `geometric`: the best accuracy of a rule that knows every object's exact center and radius and where the
  demonstrator may have put the object (Monte Carlo over the free spots of the cell whose nearest object is the
  reference at a contour distance between d_abs and d_rel), answering consistent where at least a share t of those
  spots lie in the instruction's direction, t chosen on the same pairs.

Each rate comes with how many of the pairs it gets wrong (`thumbWrong`, `centerWrong`, `halvesWrong`, `placesWrong`,
`geometricWrong`). The pairs
`lacy eval` scores a test set with are read the same way: tools/TestPairs.java writes them in this form.

An estimate (the demonstrator's free-spot sampler is approximated by a uniform point of the cell clear of every
footprint), not a measurement of a model; no part of the build. Usage: l2c_ceiling.py SAMPLES_JSONL [PAIRS]
"""
import json
import math
import random
import re
import sys

ROWS = {'top': 0, 'middle': 1, 'bottom': 2, 'upper': 0, 'lower': 2}
COLS = {'left': 0, 'center': 1, 'right': 2}
# Direction.from: the angle from the reference's center, y pointing down, sectors of 45 degrees from the right
DIRECTIONS = ['right', 'bottom right', 'bottom', 'bottom left', 'left', 'top left', 'top', 'top right']
D_ABS, D_REL = 0.15, 0.3


def cell(words):
    w = words.split()
    if len(w) == 1:
        return (1, COLS[w[0]]) if w[0] in COLS else ((ROWS[w[0]], 1) if w[0] in ROWS else None)
    return (ROWS.get(w[0]), COLS.get(w[1])) if w[0] in ROWS and w[1] in COLS else None


def parse(instruction):
    m = re.match(r'^\w+(?: up)? (?:the )?(.+?) and (?:place|put|move) it (?:in|on|to) the (.+?)\.?$', instruction.strip())
    if not m:
        return None
    target, rest = m.group(1), m.group(2)
    absolute = re.match(r'^(.+?) of the (?:workspace|table)$', rest)
    if absolute:
        return target, ('cell', cell(absolute.group(1)))
    relative = re.match(r'^(.+?) (?:of|to) the (.+)$', rest)
    if relative:
        return target, ('direction', relative.group(1), relative.group(2))
    return target, ('cell', cell(rest))


def words_of(direction_name):
    """A direction as a row and a column, as the comparison line writes it: `left` is `middle left`."""
    return {'right': ['middle', 'right'], 'left': ['middle', 'left'], 'top': ['top', 'center'],
            'bottom': ['bottom', 'center']}.get(direction_name, direction_name.split())


def direction(origin, point):
    degrees = math.degrees(math.atan2(point[1] - origin[1], point[0] - origin[0]))
    return DIRECTIONS[int(((degrees + 22.5) % 360) // 45) % 8]


def likely(row, col, origin, others, lattice=40, radius=0.05, share=0.28):
    """The directions version 3 of the comparison line names for a cell against a reference at `origin`."""
    counts, near = {}, 0
    for i in range(lattice):
        for j in range(lattice):
            p = ((col + (i + 0.5) / lattice) / 3, (row + (j + 0.5) / lattice) / 3)
            contour = math.hypot(p[0] - origin[0], p[1] - origin[1]) - radius
            if not D_ABS < contour < D_REL:
                continue
            if any(math.hypot(p[0] - o[0], p[1] - o[1]) - radius < contour for o in others):
                continue
            d = direction(origin, p)
            counts[d] = counts.get(d, 0) + 1
            near += 1
    if near == 0:
        return [direction(origin, ((col + 0.5) / 3, (row + 0.5) / 3))]
    chosen = [d for d in DIRECTIONS if counts.get(d, 0) > share * near]
    return chosen or [max(DIRECTIONS, key=lambda d: counts.get(d, 0))]


def main():
    rng = random.Random(1)
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    pairs, matching, rows = 0, 0, []
    for line in open(sys.argv[1]):
        sample = json.loads(line)
        if sample.get('kind') != 'consistency':
            continue
        pairs += 1
        a, b = parse(sample['first']), parse(sample['second'])
        if not a or not b or a[0] != b[0] or a[1][0] != 'cell' or b[1][0] != 'direction' or a[1][1] is None:
            continue
        objects = {o['name']: o for o in sample['scene']['objects']}
        reference, target = objects.get(b[1][2]), objects.get(a[0])
        if reference is None or target is None:
            continue
        matching += 1
        if len(rows) >= limit:
            continue
        (row, col), wanted = a[1][1], b[1][1]
        origin = (reference['x'], reference['y'])
        hits = spots = 0
        for _ in range(400):
            p = ((col + rng.random()) / 3, (row + rng.random()) / 3)
            nearest, free = None, True
            for o in objects.values():
                if o['name'] == target['name']:
                    continue
                contour = math.hypot(p[0] - o['x'], p[1] - o['y']) - o['radius']
                if contour < target['radius']:
                    free = False
                    break
                if nearest is None or contour < nearest[0]:
                    nearest = (contour, o['name'])
            if free and nearest and nearest[1] == reference['name'] and D_ABS < nearest[0] < D_REL:
                spots += 1
                hits += direction(origin, p) == wanted
        at = (min(2, int(origin[1] * 3)), min(2, int(origin[0] * 3)))
        offset = ['top middle bottom'.split()[(row > at[0]) - (row < at[0]) + 1],
                  'left center right'.split()[(col > at[1]) - (col < at[1]) + 1]]
        words = words_of(wanted)
        center = direction(origin, ((col + 0.5) / 3, (row + 0.5) / 3)) == wanted
        half = (min(5, int(origin[1] * 6)) % 2, min(5, int(origin[0] * 6)) % 2)
        dr, dc = (row > at[0]) - (row < at[0]), (col > at[1]) - (col < at[1])
        row_words = {offset[0]} if dr else {'bottom top'.split()[half[0]]} | ({'middle'} if dc else set())
        column_words = {offset[1]} if dc else {'right left'.split()[half[1]]} | ({'center'} if dr else set())
        halves = words[0] in row_words and words[1] in column_words
        printed = lambda o: (round(o['x'], 3), round(o['y'], 3))
        others = [printed(o) for o in objects.values() if o['name'] not in (target['name'], reference['name'])]
        named = [words_of(d) for d in likely(row, col, printed(reference), others)]
        places = words[0] in {w[0] for w in named} and words[1] in {w[1] for w in named}
        rows.append((sample['consistent'], hits / spots if spots else 0.0, offset == words, center, halves, places))
    n = len(rows)
    best = max((sum(y == (share >= t) for y, share, *_ in rows), t) for t in [i / 20 for i in range(1, 20)])
    thumb = sum(y == t for y, _, t, _, _, _ in rows)
    center = sum(y == c for y, _, _, c, _, _ in rows)
    halves = sum(y == h for y, _, _, _, h, _ in rows)
    places = sum(y == p for y, _, _, _, _, p in rows)
    print(json.dumps({'pairs': pairs, 'cellAgainstDirection': matching, 'share': round(matching / pairs, 4),
                      'estimatedOn': n,
                      'consistentShare': round(sum(r[0] for r in rows) / n, 4),
                      'thumb': round(thumb / n, 4), 'thumbWrong': n - thumb,
                      'center': round(center / n, 4), 'centerWrong': n - center,
                      'halves': round(halves / n, 4), 'halvesWrong': n - halves,
                      'places': round(places / n, 4), 'placesWrong': n - places,
                      'geometric': round(best[0] / n, 4), 'geometricWrong': n - best[0], 'threshold': best[1]}))


if __name__ == '__main__':
    main()
