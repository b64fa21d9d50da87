/**
 * `npm run bench`: every benchmark in this folder, one after another (they share two cores;
 * running them together would measure each other). `npm run bench -- union` runs those whose
 * file name contains "union".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main() {
  const filter = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && (!filter || f.includes(filter)))
    .sort();
  for (const f of files) {
    process.stdout.write(`\n# ${f}\n`);
    const mod = (await import(path.join(__dirname, f))) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error(`${f} exports no run()`);
    await mod.run();
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
