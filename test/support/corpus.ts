import * as fs from 'node:fs';
import * as path from 'node:path';
import { argsOf } from './differential';

export const CORPUS_DIR = path.join(__dirname, '..', 'scenarios');

export interface CorpusEntry {
  name: string;
  file: string;
  text: string;
  args: string;
  /** The kernel's report recorded on a real mount (scripts/record-scenarios.ts). */
  recordedFile: string;
}

/** Every scenario of the corpus, in name order. */
export function corpus(): CorpusEntry[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.scn'))
    .sort()
    .map((f) => {
      const file = path.join(CORPUS_DIR, f);
      const text = fs.readFileSync(file, 'utf8');
      return { name: f.replace(/\.scn$/, ''), file, text, args: argsOf(text), recordedFile: file.replace(/\.scn$/, '.kernel') };
    });
}
