// The course's predict-then-check exercises: each check says right for the prediction the facts
// make true and wrong for another, in both languages; the model's facts follow the model (change
// the mount options and the verdict changes), and a live lesson's facts keep only its own dirs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDirs, brokenLink, COURSE, confLayer, EXERCISES, exerciseById, isModelExercise, layerOfPath, linkAfterAppend, mountPreset, oldVisible, osReleaseLayer,
  pathStory, readCount, readResult, readYesNo, renameDir, renameResult, rmPasswdUpper, runDirs, storeGrowth, upperAt, type StoreGrowth,
} from '../../src/course';
import type { SnapshotDiff } from '../../src/docker/store/snapshot';
import { loadImageArchive } from '../../src/image/node';
import { LANGS } from '../../src/i18n/lang';
import { questionBundle, verdictBundle } from '../../src/render/exercise';

const BOTH = LANGS;

describe('every exercise', () => {
  it('has a unique id, a lesson of the course, and question, form and answer in both languages', () => {
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
    for (const e of EXERCISES) {
      expect(COURSE as readonly string[]).toContain(e.lesson);
      expect(e.id.startsWith(`${e.lesson}/`)).toBe(true);
      for (const k of ['question', 'form', 'answer'] as const) {
        for (const l of BOTH) expect(e[k][l].length, `${e.id} ${k} ${l}`).toBeGreaterThan(5);
        expect(e[k]['pt-BR'], `${e.id} ${k} left in English`).not.toBe(e[k].en);
      }
      expect(exerciseById(e.id)).toBe(e);
    }
  });

  it('at least two per lesson of this branch (01, 02, 04, 05)', () => {
    for (const lesson of ['seed-lab', 'union-mount-simulation', 'simulation-vs-kernel', 'real-image']) {
      expect(EXERCISES.filter((e) => e.lesson === lesson).length, lesson).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('reading predictions', () => {
  it('numbers, yes/no and results in both languages; nothing readable gives undefined', () => {
    expect(readCount('acho que 2 diretórios')).toBe(2);
    expect(readCount('três')).toBe(3);
    expect(readCount('no idea')).toBeUndefined();
    expect(readYesNo('Sim')).toBe(true);
    expect(readYesNo('não vê')).toBe(false);
    expect(readYesNo('talvez')).toBeUndefined();
    expect(readResult('exdev')).toBe('EXDEV');
    expect(readResult('dá ok')).toBe('OK');
    expect(readResult('hmm')).toBeUndefined();
  });
});

/** Checks a prediction in both languages; the texts differ per language and name no bare placeholder. */
function verdicts<P, F>(e: { check(p: P, f: F, lang: 'pt-BR' | 'en'): { correct: boolean; actual: string; why: string } }, p: P, f: F): boolean {
  const [pt, en] = BOTH.map((l) => e.check(p, f, l));
  expect(pt.correct).toBe(en.correct);
  expect(pt.why).not.toBe(en.why);
  for (const v of [pt, en]) expect(`${v.actual} ${v.why}`).not.toMatch(/\{\w+\}/);
  return pt.correct;
}

describe('lesson 2: the union model', () => {
  it('os-release: the model says which layer; that layer is right, another is wrong', () => {
    const f = osReleaseLayer.model();
    expect(f).toEqual(layerOfPath(mountPreset('ubuntu').view(), 'etc/os-release'));
    expect(f.holders.length).toBeGreaterThan(1);
    expect(verdicts(osReleaseLayer, osReleaseLayer.parse(f.from!)!, f)).toBe(true);
    const other = f.holders.find((h) => h !== f.from)!;
    expect(verdicts(osReleaseLayer, osReleaseLayer.parse(other.toLowerCase())!, f)).toBe(false);
    expect(osReleaseLayer.parse('the top one')).toBeUndefined();
  });

  it('rm /etc/passwd: the upperdir holds what the model wrote there', () => {
    const f = rmPasswdUpper.model();
    const lab = mountPreset('ubuntu');
    lab.run('append etc/hostname container-1\\n');
    lab.run('rm etc/passwd');
    expect(f).toEqual(upperAt(lab.view(), 'etc/passwd'));
    expect(verdicts(rmPasswdUpper, rmPasswdUpper.parse(f.kind)!, f)).toBe(true);
    expect(verdicts(rmPasswdUpper, rmPasswdUpper.parse('nada, o arquivo some')!, f)).toBe(false);
    expect(verdicts(rmPasswdUpper, rmPasswdUpper.parse('a copy of the file')!, f)).toBe(false);
    // A mount where nothing was removed: the upperdir holds nothing, and "nothing" is then right.
    const untouched = upperAt(mountPreset('ubuntu').view(), 'etc/passwd');
    expect(verdicts(rmPasswdUpper, 'nothing', untouched)).toBe(true);
  });
});

describe('lesson 4: what the kernel agrees with', () => {
  it('rename of a lower directory: the model\'s errno, and OK once redirect_dir is on', () => {
    const f = renameDir.model();
    expect(verdicts(renameDir, renameDir.parse(f.result)!, f)).toBe(true);
    const on = renameResult('redirect_dir=on');
    expect(on.result).not.toBe(f.result);
    expect(verdicts(renameDir, renameDir.parse(f.result)!, on)).toBe(false);
  });

  it('hard link after a copy-up: broken without index, kept with it', () => {
    const f = brokenLink.model();
    expect(verdicts(brokenLink, f.same, f)).toBe(true);
    expect(verdicts(brokenLink, !f.same, f)).toBe(false);
    expect(linkAfterAppend('index=on').same).not.toBe(f.same);
  });
});

describe('lesson 5: a real image in the model', () => {
  it('which layer shows /app/conf/app.conf, and whether /app/data/old.txt is visible', async () => {
    const image = await loadImageArchive(join(__dirname, '../../notebooks/data/example-image.tar'));
    const conf = pathStory(image, '/app/conf/app.conf');
    expect(conf.writers.length).toBe(2);
    expect(verdicts(confLayer, conf.shownBy!, conf)).toBe(true);
    expect(verdicts(confLayer, conf.writers[0], conf)).toBe(false);
    const old = pathStory(image, '/app/data/old.txt');
    expect(verdicts(oldVisible, old.shownBy !== undefined, old)).toBe(true);
    expect(verdicts(oldVisible, old.shownBy === undefined, old)).toBe(false);
  });
});

describe('lesson 1: what the live engine added', () => {
  const role = (kind: string, extra: object) => ({ kind, ...extra }) as never;
  const diff = {
    added: [
      { id: 'a'.repeat(64), role: role('container-layer', { container: 'mine', containerId: 'c1' }) },
      { id: `${'a'.repeat(64)}-init`, role: role('init-layer', { container: 'mine', containerId: 'c1' }) },
      { id: 'b'.repeat(64), role: role('container-layer', { container: 'someone-else', containerId: 'c2' }) },
      { id: 'c'.repeat(64), role: role('image-layer', { chainId: 'x', diffId: 'y', usedBy: [{ image: 'img:1', imageId: 'i', position: 2, of: 2 }] }) },
    ],
  } as unknown as SnapshotDiff;

  it('keeps only the step\'s own directories', () => {
    expect(storeGrowth(diff, { container: 'mine' }).added.map((d) => d.kind)).toEqual(['container-layer', 'init-layer']);
    expect(storeGrowth(diff, { image: 'img:1' }).added.map((d) => d.kind)).toEqual(['image-layer']);
  });

  it('docker run: the count and the kinds named must both hold', () => {
    const f: StoreGrowth = storeGrowth(diff, { container: 'mine' });
    expect(verdicts(runDirs, runDirs.parse(`${f.added.length}: gravável e init`)!, f)).toBe(true);
    expect(verdicts(runDirs, runDirs.parse(String(f.added.length))!, f)).toBe(true);
    expect(verdicts(runDirs, runDirs.parse(`${f.added.length + 1}`)!, f)).toBe(false);
    expect(verdicts(runDirs, runDirs.parse(`${f.added.length}, image layers`)!, f)).toBe(false);
    expect(runDirs.parse('several')).toBeUndefined();
  });

  it('docker build: one directory per RUN the engine reported', () => {
    const f = storeGrowth(diff, { image: 'img:1' });
    expect(verdicts(buildDirs, f.added.length, f)).toBe(true);
    expect(verdicts(buildDirs, f.added.length + 1, f)).toBe(false);
  });
});

describe('the notebook views', () => {
  it('a question carries its id; a verdict its correctness and facts, or the form when unread, in the notebook\'s language', () => {
    const f = rmPasswdUpper.model();
    expect(questionBundle(rmPasswdUpper, 'pt-BR').meta).toEqual({ exercise: rmPasswdUpper.id, part: 'question' });
    const right = verdictBundle(rmPasswdUpper, 'um whiteout', f, 'pt-BR');
    expect(right.meta).toMatchObject({ exercise: rmPasswdUpper.id, part: 'verdict', correct: true });
    expect(JSON.parse(right.meta!.facts as string)).toEqual(f);
    expect(right['text/plain']).toMatch(/^✔ Acertou/);
    const wrong = verdictBundle(rmPasswdUpper, 'nothing', f, 'en');
    expect(wrong.meta?.correct).toBe(false);
    expect(wrong['text/plain']).toContain('Not this time');
    expect(verdictBundle(rmPasswdUpper, '???', f, 'pt-BR')['text/plain']).toContain(rmPasswdUpper.form['pt-BR']);
    expect(verdictBundle(runDirs, '2', undefined, 'en')['text/plain']).toContain(runDirs.answer.en);
  });

  it('every model exercise computes its facts without Node', () => {
    for (const e of EXERCISES.filter(isModelExercise)) expect(e.model()).toBeTruthy();
  });
});
