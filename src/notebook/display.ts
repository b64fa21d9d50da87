/* Node edge: sends a display bundle to the Jupyter front end (tslab), or prints its text. */
import * as nodePath from 'node:path';
import { LANGS, parseLang, type Lang } from '../i18n/lang';
import type { DisplayBundle } from '../render/notebook-html';
import { outputDiagrams, withDrawnDiagrams } from '../render/notebook-diagrams';
import { drawSync, liveDrawMissing } from './draw';

import { NOTEBOOK_META_KEY } from '../render/notebook-html';
export { NOTEBOOK_META_KEY };

type WriteDisplayData = (msg: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/**
 * tslab's writer for the cell being executed. tslab's public `display` sends one MIME type
 * per output; a bundle needs all of them in one display_data message, so this uses the same
 * writer tslab's `display.raw` uses (tslab 1.0.22, dist/jupyter.js).
 */
function tslabWriter(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData?: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined; // not inside a tslab kernel: plain Node, a test, a script
  }
}

/**
 * Shows a bundle: in a tslab notebook as one rich output (HTML, Markdown with Mermaid, plain
 * text, and its facts as metadata); anywhere else its text/plain on standard output.
 * @example display(tableBundle(['a'], [['1']]));
 */
export function display(bundle: DisplayBundle): void {
  const write = tslabWriter();
  if (!write) {
    process.stdout.write(bundle['text/plain'].replace(/\n?$/, '\n'));
    return;
  }
  let data: Record<string, string> = { 'text/plain': bundle['text/plain'] };
  if (bundle['text/html']) data['text/html'] = bundle['text/html'];
  if (bundle['text/markdown']) data['text/markdown'] = bundle['text/markdown'];
  data = withLiveDrawings(data);
  write({ data, metadata: bundle.meta ? { [NOTEBOOK_META_KEY]: bundle.meta } : {}, transient: {} }, false);
}

/**
 * The language of the notebook being run. The same code cells serve both languages: the
 * notebook's folder (notebooks/pt-BR or notebooks/en, the kernel's working directory) says
 * which; else OVERLAY_LAB_LANG, LC_ALL, LC_MESSAGES, LANG; else English.
 * @example notebookLang('/repo/notebooks/pt-BR') // 'pt-BR'
 */
export function notebookLang(cwd: string = process.cwd(), env: Record<string, string | undefined> = process.env): Lang {
  const folder = nodePath.basename(cwd);
  if ((LANGS as readonly string[]).includes(folder)) return folder as Lang;
  for (const name of ['OVERLAY_LAB_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return parseLang(v) ?? 'en';
  }
  return 'en';
}

/**
 * Mermaid shows as a diagram only in JupyterLab 4.1+; VS Code, the classic Notebook, GitHub and
 * nbviewer show its text. With a Chromium at hand, the output carries the SVG beside the text, as
 * the executed copies do. Without one, or when drawing fails, the text goes out alone, and says why once.
 */
function withLiveDrawings(data: Record<string, string>): Record<string, string> {
  const diagrams = outputDiagrams(data);
  if (!diagrams.length || liveDrawMissing()) return data;
  try {
    return withDrawnDiagrams(data, drawSync(diagrams)) as Record<string, string>;
  } catch (e) {
    if (!drawWarned) process.stderr.write(`overlay-lab: diagrams shown as Mermaid text (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
    drawWarned = true;
    return data;
  }
}
let drawWarned = false;
