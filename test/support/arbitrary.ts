import fc from 'fast-check';

/**
 * Random scenarios for the differential property test: a few lower layers built from a
 * small pool of names (so operations collide), an optional upper layer, mount options, and
 * operations on the merged view. Text in the scenario language, with its flags.
 */
const NAMES = ['a', 'b', 'c'];
const path = fc
  .array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
  .map((p) => p.join('/'));
/** A path as a merged operation may write it: now and then with a trailing slash (SCENARIOS.md). */
const pathS = fc.oneof({ weight: 5, arbitrary: path }, { weight: 1, arbitrary: path.map((p) => `${p}/`) });
const openFlags = fc
  .tuple(
    fc.constantFrom('O_RDONLY', 'O_WRONLY', 'O_RDWR'),
    fc.subarray(['O_CREAT', 'O_EXCL', 'O_TRUNC', 'O_APPEND', 'O_DIRECTORY', 'O_NOFOLLOW'], { maxLength: 3 }),
  )
  .map(([a, rest]) => [a, ...rest].join('|'));
const content = fc.constantFrom('x', 'yy', 'hello\\n', '', 'z\\x00z');
const mode = fc.constantFrom('0644', '0600', '0755', '0700', '4755', '2755', '1777', '0000');
const owner = fc.constantFrom('0:0', '1000:1000', '0:1000');
const target = fc.oneof(path, path.map((p) => `/${p}`), path.map((p) => `../${p}`));
const xname = fc.constantFrom('user.k', 'user.overlay.q', 'trusted.k', 'trusted.overlay.q');

const rawOp = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(path, content).map(([p, c]) => `write ${p} ${c}`) },
  { weight: 3, arbitrary: path.map((p) => `mkdirp ${p}`) },
  { weight: 1, arbitrary: fc.tuple(target, path).map(([t, p]) => `symlink ${t} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(path, path).map(([a, b]) => `ln ${a} ${b}`) },
  { weight: 2, arbitrary: path.map((p) => `whiteout ${p}`) },
  { weight: 2, arbitrary: path.map((p) => `opaque ${p}`) },
  { weight: 1, arbitrary: fc.tuple(mode, path).map(([m, p]) => `chmod ${m} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(path, fc.constantFrom('user.k', 'trusted.k')).map(([p, n]) => `setxattr ${p} ${n} v`) },
);

/**
 * Attributes an image tool or an earlier mount leaves in lower layers: metacopy. Redirects are
 * not planted: a crafted redirect can give one lower inode two merged names, and the kernel's
 * inode cache then makes what each name shows depend on lookup order (and on the hash order of
 * the final walk); the corpus covers redirects in layers one scenario at a time instead.
 */
const lowerOnlyOp = fc.oneof(
  { weight: 12, arbitrary: rawOp },
  { weight: 1, arbitrary: path.map((p) => `setxattr ${p} trusted.overlay.metacopy `) },
);

/** One operation on the merged view, as root. */
const userOp = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(pathS, content).map(([p, c]) => `write ${p} ${c}`) },
  { weight: 3, arbitrary: fc.tuple(pathS, content).map(([p, c]) => `append ${p} ${c}`) },
  { weight: 1, arbitrary: pathS.map((p) => `touch ${p}`) },
  { weight: 1, arbitrary: fc.tuple(pathS, fc.constantFrom('1000', 'now')).map(([p, t]) => `utime ${p} ${t}`) },
  { weight: 1, arbitrary: fc.tuple(pathS, fc.constantFrom(0, 1, 5)).map(([p, n]) => `truncate ${p} ${n}`) },
  { weight: 1, arbitrary: pathS.map((p) => `read ${p}`) },
  { weight: 3, arbitrary: pathS.map((p) => `rm ${p}`) },
  { weight: 2, arbitrary: pathS.map((p) => `rmdir ${p}`) },
  { weight: 2, arbitrary: pathS.map((p) => `rmrf ${p}`) },
  { weight: 2, arbitrary: pathS.map((p) => `mkdir ${p}`) },
  { weight: 1, arbitrary: pathS.map((p) => `mkdirp ${p}`) },
  { weight: 4, arbitrary: fc.tuple(pathS, pathS).map(([a, b]) => `rename ${a} ${b}`) },
  { weight: 2, arbitrary: fc.tuple(pathS, pathS).map(([a, b]) => `mv ${a} ${b}`) },
  { weight: 2, arbitrary: fc.tuple(mode, pathS).map(([m, p]) => `chmod ${m} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(owner, pathS).map(([o, p]) => `chown ${o} ${p}`) },
  { weight: 2, arbitrary: fc.tuple(pathS, pathS).map(([a, b]) => `ln ${a} ${b}`) },
  { weight: 1, arbitrary: fc.tuple(target, pathS).map(([t, p]) => `symlink ${t} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(pathS, xname).map(([p, n]) => `setxattr ${p} ${n} v`) },
  { weight: 3, arbitrary: fc.tuple(pathS, openFlags, fc.option(content, { nil: undefined })).map(([p, f, c]) => `open ${p} ${f}${c === undefined ? '' : ` ${c}`}`) },
  { weight: 1, arbitrary: pathS.map((p) => `readlink ${p}`) },
  { weight: 2, arbitrary: pathS.map((p) => `stat ${p}`) },
  { weight: 2, arbitrary: pathS.map((p) => `cat ${p}`) },
);

const mergedOp = fc.oneof(
  { weight: 20, arbitrary: userOp },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('1000', '1000:1000', '0:1000'), userOp).map(([u, op]) => `as ${u} ${op}`) },
  { weight: 1, arbitrary: fc.constantFrom('remount', 'remount -l U L0', 'remount -l L0') },
);

export const MOUNT_OPTIONS = [
  '',
  '',
  '-o redirect_dir=on',
  '-o metacopy=on',
  '-o index=on',
  '-o redirect_dir=on,index=on',
  '-o index=on,nfs_export=on',
  '-o userxattr',
  '-o xino=on',
  '-o metacopy=on,index=on',
  '-o redirect_dir=nofollow',
  '-o uuid=off,verity=on',
  '-r',
];

export interface GeneratedScenario {
  text: string;
  args: string;
}

export const scenarioArb: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    layers: fc.array(fc.array(lowerOnlyOp, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
    upper: fc.array(rawOp, { maxLength: 3 }),
    ops: fc.array(mergedOp, { minLength: 1, maxLength: 8 }),
    args: fc.constantFrom(...MOUNT_OPTIONS),
  })
  .map(({ layers, upper, ops, args }) => {
    const lines: string[] = [];
    // A planted redirect under nofollow makes lookups fail with EPERM, and how a failed lookup
    // shows in a listing then depends on the kernel's readdir cache: kept out (see 077 instead).
    const keep = (op: string) => !(args.includes('nofollow') && op.includes('overlay.redirect'));
    layers.forEach((l, i) => l.filter(keep).forEach((op) => lines.push(`L${i}: ${op}`)));
    if (args !== '-r') upper.forEach((op) => lines.push(`U: ${op}`));
    lines.push(...ops);
    return { text: lines.join('\n') + '\n', args };
  });
