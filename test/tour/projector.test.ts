// The tour on a projector (issue 12), in a real terminal: tmux runs it at 60×20, 80×24 and
// 120×40, live on a host that first gets 30 extra images and 5 containers, and on the simulated
// host. On every screen of every step the step's title and the prompt are visible, no line is
// wider than the terminal, and no word is broken in the middle: every word on the screen is a
// word the same tour prints on a line wide enough never to break one.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { waitUntil } from '../support/wait';
import { CLI, cliMissing, crowdImages, docker, dockerMissing, removeImages } from '../support/docker';
import { TOUR_TEXT } from '../../src/render/tour-text';
import { T as STORE_TEXT } from '../../src/render/overlay2-text';
import { say } from '../../src/i18n/format';
import type { Lang } from '../../src/i18n/lang';

function tmuxMissing(): string | undefined {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0 ? undefined : 'tmux not installed (Debian: apt-get install tmux; scripts/setup.sh installs it)';
}

const OWN_LABEL = `io.overlay-lab.test.projector=${process.pid}`;
// Our own tmux server, a new one per test: nobody else's sessions are touched, and a server still
// exiting after kill-server cannot take the next test's new-session down with it.
let serverN = 0;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', `ovl-projector-${process.pid}-${serverN}`, ...args], { encoding: 'utf8' });
/** The screen as the class sees it, a line the terminal wrapped joined back (so it shows up wider). */
const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'tour').stdout.replace(/\n+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
const history = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'tour').stdout;
const dir = mkdtempSync(path.join(tmpdir(), 'ol-projector-'));
const exitFile = path.join(dir, 'exit');

/** The tour in a w×h terminal; its exit status goes to a file, not the screen, so the last screen stays as the tour left it. */
function startTour(w: number, h: number, args: string): void {
  rmSync(exitFile, { force: true });
  const cmd = `env -u COLUMNS -u LINES ${process.execPath} ${CLI} tour ${args}; echo $? > ${exitFile}; sleep 300`;
  const r = tmux('new-session', '-d', '-s', 'tour', '-x', String(w), '-y', String(h), cmd);
  expect(r.status, r.stderr).toBe(0);
}

/** A word with what differs between two runs made alike: ids, l/ names, the session, numbers. */
const norm = (t: string) =>
  t
    .replace(/^[(]+|[,.;:)]+$/g, '')
    .replace(/[A-Z0-9]{26}/g, '@')
    .replace(/[A-Z0-9]{8}…/g, '@…')
    .replace(/[0-9a-f]{6,}/g, (m) => (/\d/.test(m) || m.length === 6 ? '#' : m))
    .replace(/#…/g, '#') // an id docker-shortened in a command on a narrow terminal
    .replace(/\d+/g, '0');
const words = (text: string) => text.split(/\s+/).filter(Boolean).map(norm);

/** Every word a tour prints, from a run on a line a thousand columns wide, plus the tour's own strings. */
function referenceWords(args: string, lang: Lang): Set<string> {
  const r = spawnSync(process.execPath, [CLI, 'tour', '--yes', ...args.split(' '), '--lang', lang], { encoding: 'utf8', env: { ...process.env, COLUMNS: '1000' }, timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const set = new Set(words(r.stdout));
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === lang ? words(String(x).replace(/[{}]/g, ' ')).forEach((w) => set.add(w)) : walk(x);
  };
  // The roles a shared engine may show at any time (an orphan left by someone else, say).
  walk(TOUR_TEXT);
  walk(STORE_TEXT);
  return set;
}

/**
 * The words of a screen that are not whole words of the tour. A word longer than the line may
 * be cut where it reads, after a / = : , or - (or a command's `\\`): its pieces, the last word of
 * a line and the first of the next ones, joined, must be a word.
 */
function brokenWords(lines: string[], known: Set<string>): string[] {
  const rows = lines.map((l) => l.replace(/^\s*↪\s*/, '').split(/\s+/).filter(Boolean));
  const ok = (w: string) => known.has(norm(w)) || w === '↪' || w === '\\' || /^─+$/.test(w);
  const pieces = new Set<string>(); // "row:0" for a line that starts with a piece of a cut word
  const bad: string[] = [];
  rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (ok(w) || (j === 0 && pieces.has(`${i}`))) return;
      if (j === row.length - 1 && /[/=:,\-\\]$/.test(w)) {
        let joined = w.replace(/\\$/, '');
        for (let k = i + 1; k < Math.min(rows.length, i + 4) && rows[k].length; k++) {
          joined += rows[k][0].replace(/\\$/, '');
          if (ok(joined)) {
            for (let m = i + 1; m <= k; m++) pieces.add(`${m}`);
            return;
          }
        }
      }
      bad.push(w);
    }),
  );
  return bad;
}

interface Walk {
  w: number;
  h: number;
  lang: Lang;
  args: string;
}

/**
 * Walks a tour from step 1 to its end, checking every screen; returns the screens seen
 * and the tour's session (live), so what it made can be checked and removed.
 */
async function walk(o: Walk, known: () => Set<string>): Promise<{ screens: string[][]; session?: string }> {
  startTour(o.w, o.h, `${o.args} --lang ${o.lang}`);
  const prompt = say(TOUR_TEXT.prompt, o.lang);
  const more = (p: number) => say(TOUR_TEXT.pagePrompt, o.lang, { page: p, pages: 0 }).replace(/\/0\).*/, '/');
  const end = say(TOUR_TEXT.done, o.lang).slice(0, 12);
  const screens: string[][] = [];
  const where = (n: number, p: number) => `${o.w}×${o.h} ${o.lang} ${o.args}: step ${n}, page ${p}`;
  for (let n = 1; n <= 6; n++) {
    const title = say(TOUR_TEXT.stepTitle, o.lang, { n, total: 6, name: '' }).replace(/ · $/, ' ·');
    for (let p = 1; ; p++) {
      const last = () => screen().some((l) => l.startsWith(end));
      const ready = () => {
        const s = screen().join('\n');
        return s.includes(title) && (s.includes(prompt) || s.includes(more(p)) || (n === 6 && last()));
      };
      await waitUntil(where(n, p), ready, 60_000, () => screen().join('\n'));
      await new Promise((r) => setTimeout(r, 150)); // a redraw in flight settles
      const s = screen();
      screens.push(s);
      // Title and prompt on the screen; the screen no taller, no line wider, than the terminal.
      expect(s.filter((l) => l.startsWith(title)), `${where(n, p)}: the title`).toHaveLength(1);
      expect(s.length, where(n, p)).toBeLessThanOrEqual(o.h);
      for (const l of s) expect([...l].length, `${where(n, p)}: ${l}`).toBeLessThanOrEqual(o.w);
      const body = s.filter((l) => !l.includes(prompt) && !l.includes(more(p)));
      expect(brokenWords(body, known()), `${where(n, p)}: words broken in the middle\n${s.join('\n')}`).toEqual([]);
      if (s.some((l) => l.includes(prompt))) {
        tmux('send-keys', '-t', 'tour', 'Enter');
        break;
      }
      if (n === 6 && last()) break;
      tmux('send-keys', '-t', 'tour', 'Enter');
    }
  }
  await waitUntil('the tour to exit', () => readFileSafe(exitFile) !== '', 60_000, () => screen().join('\n'));
  expect(readFileSafe(exitFile)).toBe('0');
  const session = /io\.overlay-lab\.tour=([0-9a-f]+)/.exec(history())?.[1];
  return { screens, session };
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * The names on the engine, gathered every 300 ms while a tour runs: other people's containers
 * and images come and go on a shared engine, and one may be on the screen and gone a moment later.
 */
function watchEngineNames(): { names: Set<string>; stop: () => void } {
  const names = new Set<string>();
  const read = (args: string[]) => execFile('docker', args, (_e, out) => words(String(out ?? '')).forEach((w) => names.add(w)));
  const poll = () => {
    read(['ps', '-a', '--format', '{{.Names}}']);
    read(['images', '--format', '{{.Repository}}:{{.Tag}} {{.Repository}}']);
  };
  poll();
  const timer = setInterval(poll, 300);
  return { names, stop: () => clearInterval(timer) };
}

const LIVE: Walk[] = [
  { w: 60, h: 20, lang: 'pt-BR', args: '--live --compact' },
  { w: 60, h: 20, lang: 'en', args: '--live' },
  { w: 80, h: 24, lang: 'en', args: '--live' },
  { w: 120, h: 40, lang: 'pt-BR', args: '--live' },
];
const SIMULATED: Walk[] = [
  { w: 60, h: 20, lang: 'en', args: '--simulated --compact' },
  { w: 60, h: 20, lang: 'pt-BR', args: '--simulated' },
  { w: 80, h: 24, lang: 'pt-BR', args: '--simulated' },
  { w: 120, h: 40, lang: 'en', args: '--simulated' },
];

afterEach(() => {
  tmux('kill-server');
  serverN++;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const liveSkip = need(tmuxMissing() ?? dockerMissing() ?? cliMissing());
describe.skipIf(liveSkip)('the live tour on a projector (tmux, the real dockerd, 30 extra images and 5 containers)', () => {
  let crowd: string[] = [];
  const containers: string[] = [];
  const known = new Map<Lang, Set<string>>();
  beforeAll(() => {
    crowd = crowdImages(`overlay-lab-test/projector-${process.pid}`, 30);
    // Created, not started (the images hold one file): each still adds a writable and an -init layer.
    // Labelled as this file's own: another test's cleanup by the shared test label must not take them away mid-run.
    for (let k = 1; k <= 5; k++) containers.push(docker('create', '--label', OWN_LABEL, '--name', `ovl-projector-${process.pid}-${k}`, crowd[k - 1], 'sh'));
    for (const lang of ['en', 'pt-BR'] as const) known.set(lang, referenceWords('--live', lang));
  }, 240_000);
  afterAll(() => {
    if (containers.length) docker('rm', '-f', ...containers);
    removeImages(crowd);
  }, 60_000);

  for (const o of LIVE)
    it(`${o.w}×${o.h} ${o.lang} ${o.args}: every screen shows its step's title and the prompt, fits, and breaks no word`, async () => {
      const engine = watchEngineNames();
      const { screens, session } = await walk(o, () => new Set([...known.get(o.lang)!, ...engine.names])).finally(engine.stop);
      expect(screens.length).toBeGreaterThanOrEqual(6);
      // The crowd is on the screen, condensed: step 1 says how many more `overlay-lab layers` lists.
      expect(history()).toMatch(o.lang === 'en' ? /… and \d+ more: overlay-lab layers lists them/ : /… e mais \d+: overlay-lab layers lista todos/);
      // What the tour made is gone; the crowd is still there.
      expect(session).toBeTruthy();
      expect(docker('ps', '-aq', '--filter', `label=io.overlay-lab.tour=${session}`)).toBe('');
      expect(docker('images', '-q', `overlay-lab/tour:${session}`)).toBe('');
      expect(docker('ps', '-aq', '--filter', `label=${OWN_LABEL}`).split('\n').filter((id) => containers.some((c) => c.startsWith(id)))).toHaveLength(5);
    }, 240_000);
});

const simSkip = need(tmuxMissing() ?? cliMissing());
describe.skipIf(simSkip)('the simulated tour on a projector (tmux)', () => {
  const known = new Map<Lang, Set<string>>();
  beforeAll(() => {
    for (const lang of ['en', 'pt-BR'] as const) known.set(lang, referenceWords('--simulated', lang));
  }, 60_000);

  for (const o of SIMULATED)
    it(`${o.w}×${o.h} ${o.lang} ${o.args}: every screen shows its step's title and the prompt, fits, and breaks no word`, async () => {
      const { screens } = await walk(o, () => known.get(o.lang)!);
      expect(screens.length).toBeGreaterThanOrEqual(6);
    }, 120_000);

  it('a resized terminal gets the step laid out again for its new size, title and prompt on screen', async () => {
    startTour(120, 40, '--simulated --lang en --step 3');
    const prompted = () => /\[Enter\] (next|more)/.test(screen().join('\n'));
    await waitUntil('step 3 at 120×40', () => screen().some((l) => l.startsWith('Step 3/6')) && prompted(), 30_000, () => screen().join('\n'));
    expect(Math.max(...screen().map((l) => [...l].length))).toBeGreaterThan(80); // laid out for 120
    tmux('resize-window', '-t', 'tour', '-x', '60', '-y', '20');
    const redrawn = () => {
      const s = screen();
      return s.some((l) => l.startsWith('Step 3/6')) && prompted() && s.every((l) => [...l].length <= 60);
    };
    await waitUntil('step 3 laid out again for 60×20', redrawn, 10_000, () => screen().join('\n'));
    expect(screen().length).toBeLessThanOrEqual(20);
  }, 60_000);
});

describe('the broken-word check itself', () => {
  const known = new Set(words('new ce9d53b5544d writable layer (upperdir) of container demo $S/ce9d53b5544d924eebaefce4ac3492fa58a79e4088b5951e9d882e83d562424e/merged'));
  it('finds a word cut at the edge, as the old layout cut "dem↪o"', () => {
    expect(brokenWords(['new  ce9d53b5544d  writable layer (upperdir) of container dem', '    ↪ o'], known)).toEqual(['dem', 'o']);
  });
  it('accepts words moved whole to the next line, and a path cut after a / whose pieces join', () => {
    expect(brokenWords(['writable layer (upperdir) of', '                ↪ container demo'], known)).toEqual([]);
    expect(brokenWords(['overlay on $S/ce9d53b5544d/', '    ↪ merged'], new Set([...known, 'overlay', 'on']))).toEqual([]);
  });
});
