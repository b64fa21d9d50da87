import fc from 'fast-check';
import type { GeneratedScenario } from './arbitrary';

/**
 * Scenarios with one redirect planted in a lower layer, on a directory that an absolute
 * redirect (made by renaming a nested directory with redirect_dir=on) walks through: the
 * intermediate components of ovl_lookup_layer (issue 14). One planted redirect per scenario,
 * as the corpus has them, so two merged names rarely reach one lower inode.
 */
const DIRS = ['x', 'y', 'z'];
const dir1 = fc.constantFrom(...DIRS);
const dir2 = fc.tuple(dir1, dir1).map(([a, b]) => `${a}/${b}`);
const dpath = fc.oneof(dir1, dir2);
const leaf = fc.constantFrom('f', 'g');
const content = fc.constantFrom('A', 'B', 'C');

const layerOp = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(dir2, leaf, content).map(([d, l, c]) => `write ${d}/${l} ${c}`) },
  { weight: 2, arbitrary: dpath.map((d) => `mkdirp ${d}`) },
  { weight: 1, arbitrary: dpath.map((d) => `opaque ${d}`) },
  { weight: 1, arbitrary: dpath.map((d) => `whiteout ${d}`) },
);

const redirectValue = fc.oneof(dpath.map((d) => `/${d}`), dir1);

const mergedOp = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(dir2, fc.constantFrom('q', 'r', 'x/q')).map(([a, b]) => `rename ${a} ${b}`) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('q', 'r', 'x/q', 'x/y', 'y/x', 'z/z'), leaf).map(([d, l]) => `cat ${d}/${l}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('q', 'r', 'x/q'), leaf).map(([d, l]) => `stat ${d}/${l}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('q', 'r'), leaf).map(([d, l]) => `append ${d}/${l} +`) },
);

export const redirectScenarioArb: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    layers: fc.array(fc.array(layerOp, { maxLength: 5 }), { minLength: 2, maxLength: 3 }),
    planted: fc.record({ layer: fc.nat(2), dir: dpath, value: redirectValue }),
    ops: fc.array(mergedOp, { minLength: 2, maxLength: 6 }),
  })
  .map(({ layers, planted, ops }) => {
    const lines: string[] = [];
    const at = Math.min(planted.layer, layers.length - 1);
    layers.forEach((l, i) => {
      l.forEach((op) => lines.push(`L${i}: ${op}`));
      if (i === at) lines.push(`L${i}: mkdirp ${planted.dir}`, `L${i}: setxattr ${planted.dir} trusted.overlay.redirect ${planted.value}`);
    });
    // Renames first make absolute redirects; the rest reads through them.
    lines.push(...ops);
    return { text: lines.join('\n') + '\n', args: '-o redirect_dir=on' };
  });
