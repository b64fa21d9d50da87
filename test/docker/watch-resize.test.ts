// watch in a live terminal (tmux, one server of its own per test): drawn at 80×24, the window
// is resized to 60×20 and the screen is drawn again for it: no line wider than the window, no
// more lines than it has, the long lines cut with … at the new width (tmux alone would crop
// them without one), in both languages; Ctrl-C gives the terminal back (exit 130).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { waitUntil } from '../support/wait';
import { CLI, cliMissing, dockerMissing, ensureFixtures, runContainer } from '../support/docker';

function tmuxMissing(): string | undefined {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0 ? undefined : 'tmux not installed (Debian: apt-get install tmux; scripts/setup.sh installs it)';
}

const skip = need(dockerMissing() ?? cliMissing() ?? tmuxMissing());
const dir = mkdtempSync(path.join(tmpdir(), 'ovl-watch-resize-'));

describe.skipIf(skip)('watch redraws to fit a resized terminal', () => {
  const name = `ovl-watch-resize-${process.pid}`;
  beforeAll(() => ensureFixtures(), 120_000);
  afterAll(() => {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [lang, changesHead, title] of [
    ['en', 'Changes (newest first):', 'overlay-lab watch: '],
    ['pt-BR', 'Mudanças (mais recentes primeiro):', 'overlay-lab watch: '],
  ] as const) {
    it(`80×24 then 60×20, ${lang}`, async () => {
      const server = `ovl-watch-resize-${process.pid}-${lang}`;
      const tmux = (...a: string[]) => spawnSync('tmux', ['-L', server, ...a], { encoding: 'utf8' });
      const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'w').stdout.replace(/\n+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
      const exitFile = path.join(dir, `exit-${lang}`);
      try {
        const cmd = `env -u COLUMNS -u LINES ${process.execPath} ${CLI} watch --lang ${lang}; echo $? > ${exitFile}; sleep 300`;
        const r = tmux('new-session', '-d', '-s', 'w', '-x', '80', '-y', '24', cmd);
        expect(r.status, r.stderr).toBe(0);
        await waitUntil('the watch screen at 80×24', () => screen().some((l) => l.startsWith(changesHead)), 30_000, () => screen().join('\n'));
        runContainer(name, 'overlay-lab/busybox:1', 'sleep 600');
        await waitUntil('the new container on screen', () => screen().some((l) => l.includes(name)), 30_000, () => screen().join('\n'));
        const wide = screen();
        expect(Math.max(...wide.map((l) => [...l].length))).toBeLessThanOrEqual(80);
        // The title is longer than 80 columns here: cut by the view at the width it was given.
        const titleAt80 = wide.find((l) => l.startsWith(title))!;
        expect([...titleAt80].length).toBe(80);
        expect(titleAt80.endsWith('…')).toBe(true);

        expect(tmux('resize-window', '-t', 'w', '-x', '60', '-y', '20').status).toBe(0);
        await waitUntil('the redraw at 60 columns', () => screen().some((l) => l.startsWith(title) && [...l].length === 60 && l.endsWith('…')), 10_000, () => screen().join('\n'));
        const narrow = screen();
        expect(narrow.length).toBeLessThanOrEqual(20);
        for (const l of narrow) expect([...l].length, l).toBeLessThanOrEqual(60);
        expect(narrow).toContain(changesHead);

        tmux('send-keys', '-t', 'w', 'C-c');
        await waitUntil('watch to exit', () => {
          try {
            return readFileSync(exitFile, 'utf8').trim() !== '';
          } catch {
            return false;
          }
        }, 20_000, () => screen().join('\n'));
        expect(readFileSync(exitFile, 'utf8').trim()).toBe('130');
        // Back on the main screen: the watch's screen is gone with the alternate screen.
        expect(screen().some((l) => l.startsWith(changesHead))).toBe(false);
      } finally {
        tmux('kill-server');
        spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
      }
    }, 90_000);
  }
});
