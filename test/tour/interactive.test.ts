// The interactive tour in a real terminal: tmux runs it, the test presses keys and reads the
// screen (capture-pane). Enter goes on, q quits and cleans up, Ctrl-C (a key in raw mode, not a
// signal) cleans up too; the text is laid out for the terminal's own width.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers } from '../support/docker';

function tmuxMissing(): string | undefined {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0 ? undefined : 'tmux not installed (Debian: apt-get install tmux)';
}

const skip = need(tmuxMissing() ?? dockerMissing() ?? cliMissing());
// Our own tmux server (its own socket): the user's sessions are never touched.
const SOCKET = `ovl-tour-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'tour').stdout;
/** Everything printed so far, wrapped lines joined back: a line wider than the pane shows up wider. */
const history = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'tour').stdout;
const lines = (s: string) => s.split('\n').filter(Boolean);
const tourContainers = () => lines(docker('ps', '-aq', '--filter', 'label=io.overlay-lab.tour'));
const tourImages = () => lines(docker('images', '--format', '{{.Repository}}')).filter((r) => r.startsWith('overlay-lab/tour'));

async function waitFor(what: string, test: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`waited ${ms} ms for ${what}; screen:\n${screen()}`);
}

function start(width: number, args: string): void {
  // The shell prints the exit status and lingers, so the test can read it on the screen.
  const r = tmux('new-session', '-d', '-s', 'tour', '-x', String(width), '-y', '40', `${process.execPath} ${CLI} tour ${args}; echo EXIT=$?; sleep 120`);
  expect(r.status, r.stderr).toBe(0);
}

const PROMPT = '[Enter] next · [q] quit';

describe.skipIf(skip)('the interactive tour in a terminal (tmux)', () => {
  afterEach(() => {
    tmux('kill-server');
  });

  it('Enter goes from step to step on a cleared screen; q quits and removes what the tour made', async () => {
    ensureFixtures();
    start(60, '--lang en');
    await waitFor('step 1 and the prompt', () => screen().includes('Step 1/6') && screen().includes(PROMPT));
    expect(screen()).toMatch(/LIVE: Docker engine/);
    expect(screen()).toContain('Enter: next step · q: quit');
    tmux('send-keys', '-t', 'tour', 'Enter');
    await waitFor('step 2', () => screen().includes(PROMPT) && history().includes('Step 2/6'));
    expect(screen()).not.toContain('Step 1/6'); // the screen was cleared for step 2
    tmux('send-keys', '-t', 'tour', 'Enter');
    await waitFor('step 3', () => screen().includes(PROMPT) && history().includes('Step 3/6'));
    expect(tourContainers()).toHaveLength(1);
    tmux('send-keys', '-t', 'tour', 'q');
    await waitFor('the exit status', () => /EXIT=\d+/.test(screen()));
    expect(screen()).toMatch(/Tour stopped at step 3\. Removing what it made…/);
    expect(screen()).toContain('EXIT=0');
    expect(tourContainers()).toEqual([]);
    expect(tourImages()).toEqual([]);
    // Laid out for 60 columns: no line of ours needed the terminal to wrap it.
    const widest = Math.max(...history().split('\n').map((l) => [...l.replace(/\s+$/, '')].length));
    expect(widest).toBeLessThanOrEqual(60);
  }, 90_000);

  it('Ctrl-C at the prompt (a key in raw mode) removes the container and exits 130', async () => {
    start(100, '--lang pt-BR --step 3');
    await waitFor('step 3', () => screen().includes('[Enter] próximo · [q] sair') && history().includes('Passo 3/6'));
    expect(history()).not.toContain('Passo 2/6');
    expect(tourContainers()).toHaveLength(1);
    tmux('send-keys', '-t', 'tour', 'C-c');
    await waitFor('the exit status', () => /EXIT=\d+/.test(screen()));
    expect(screen()).toContain('EXIT=130');
    expect(history()).toMatch(/Ctrl-C: parando o tour e removendo o que ele criou/);
    expect(tourContainers()).toEqual([]);
    expect(tourImages()).toEqual([]);
    expect(leftoverHelpers()).toEqual([]);
  }, 90_000);
});
