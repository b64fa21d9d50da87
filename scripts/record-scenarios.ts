/**
 * Records the real kernel's report for every scenario of the corpus (test/scenarios/*.scn)
 * next to it as NAME.kernel, so the engine is checked against the kernel on machines
 * without root too. Run as root on Linux: `npm run scenarios:record`, or
 * `npm run scenarios:record -- 118 119-name` for the scenarios whose names start so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { corpus } from '../test/support/corpus';
import { kernelText, optionsFromArgs } from '../test/support/differential';

async function main() {
  let n = 0;
  const only = process.argv.slice(2);
  for (const c of corpus()) {
    if (only.length > 0 && !only.some((o) => c.name.startsWith(o))) continue;
    const r = await kernelText(c.text, optionsFromArgs(c.args));
    const body = r.report.split('\n').filter((l) => !l.startsWith('# ') || l.startsWith('# MOUNT FAILED')).join('\n');
    fs.writeFileSync(c.recordedFile, `# recorded on kernel ${os.release()}, exit ${r.exit}\n${body}`);
    n++;
  }
  process.stdout.write(`recorded ${n} kernel reports\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
