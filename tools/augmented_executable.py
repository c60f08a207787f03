#!/usr/bin/env python3
"""How many of Algorithm 1's accepted triplets the embedded arm could carry out.

Reads an instruction pool (`lacy generate --pool`: DATA/pool/samples.jsonl, each example with its scene) and the
datasets `lacy augment` wrote from it (DATA/OUT/samples.jsonl), matches each triplet to its scene by its instruction
(and, where an instruction repeats, by the names its grounding sentence lists), and checks the action as
EmbeddedTabletop.pickAndPlace does: the pick point on an object, the place point on the table (the object's radius
from every edge) and clear of every other footprint. Prints one line per dataset. An estimate over the pool's ground
truth, not part of the build. Usage: augmented_executable.py POOL_JSONL AUGMENTED_JSONL...
"""
import json
import math
import re
import sys


def names(reasoning):
    return set(n.strip() for n in re.findall(r'(?:: |, )([a-z][a-z ]*?) at \(', reasoning.split('\n')[0]))


def main():
    scenes = {}
    for line in open(sys.argv[1]):
        example = json.loads(line)
        scenes.setdefault(example['instruction'], []).append(example['scene']['objects'])
    for path in sys.argv[2:]:
        counts = dict(accepted=0, executable=0, collide=0, edge=0, nothingPicked=0, unmatched=0)
        for line in open(path):
            triplet = json.loads(line)
            counts['accepted'] += 1
            candidates = scenes.get(triplet['instruction'], [])
            if not candidates:
                counts['unmatched'] += 1
                continue
            grounded = names(triplet.get('reasoning', ''))
            objects = max(candidates, key=lambda c: len({o['name'] for o in c} & grounded))
            (px, py), (qx, qy) = triplet['pick'], triplet['place']
            under = [o for o in objects if math.hypot(o['x'] - px, o['y'] - py) <= o['radius']]
            if not under:
                counts['nothingPicked'] += 1
                continue
            target = min(under, key=lambda o: math.hypot(o['x'] - px, o['y'] - py))
            r = target['radius']
            if qx < r or qx > 1 - r or qy < r or qy > 1 - r:
                counts['edge'] += 1
            elif any(o['name'] != target['name'] and math.hypot(o['x'] - qx, o['y'] - qy) < o['radius'] + r
                     for o in objects):
                counts['collide'] += 1
            else:
                counts['executable'] += 1
        print(json.dumps(dict(dataset=path, **counts)))


if __name__ == '__main__':
    main()
