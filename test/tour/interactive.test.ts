// The interactive tour in a real terminal: tmux runs it, the test presses keys and reads the
// screen (capture-pane). Enter goes on, q quits and cleans up, Ctrl-C (a key in raw mode, not a
// signal) cleans up too; the text is laid out for the terminal's own width, and a step taller
// than the terminal comes in pages that each keep the step's title on screen.
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { waitUntil } from '../support/wait';
import { CLI, cliMissing, crowdImages, docker, dockerMissing, leftoverHelpers, removeImages } from '../support/docker';

function tmuxMissing(): string | undefined {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0 ? undefined : 'tmux not installed (Debian: apt-get install tmux)';
}

const skip = need(tmuxMissing() ?? dockerMissing() ?? cliMissing());
// Our own tmux server (its own socket): the user's sessions are never touched.
const SOCKET = `ovl-tour-test-${process.pid}`;
const ROWS = 40;
/** Images the test adds so the host is crowded whatever else is on it (more than step 1's table shows). */
const CROWD = 32;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'tour').stdout;
/** Everything printed so far, wrapped lines joined back: a line wider than the pane shows up wider. */
const history = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'tour').stdout;
const lines = (s: string) => s.split('\n').filter(Boolean);

/** Tour sessions seen, so afterEach can make sure nothing of theirs outlives a failed test. */
const sessions = new Set<string>();
/** This run's tour session, read from the commands it shows (other tours may share the engine). */
function session(): string {
  const s = /io\.overlay-lab\.tour=([0-9a-f]+)/.exec(history())?.[1];
  if (!s) throw new Error(`no tour session on the screen:\n${history()}`);
  sessions.add(s);
  return s;
}
const tourContainers = (s: string) => lines(docker('ps', '-aq', '--filter', `label=io.overlay-lab.tour=${s}`));
const tourImages = (s: string) => [
  ...lines(docker('images', '--format', '{{.Repository}}:{{.Tag}}')).filter((r) => r === `overlay-lab/tour:${s}` || r === `overlay-lab/tour-base:${s}`),
  ...lines(docker('images', '-aq', '--filter', `label=io.overlay-lab.tour-image=${s}`)),
];

const waitFor = (what: string, test: () => boolean, ms = 30_000) => waitUntil(what, test, ms, () => `screen:\n${screen()}`);

function start(width: number, args: string): void {
  // The shell prints the exit status and lingers, so the test can read it on the screen.
  const r = tmux('new-session', '-d', '-s', 'tour', '-x', String(width), '-y', String(ROWS), `${process.execPath} ${CLI} tour ${args}; echo EXIT=$?; sleep 120`);
  expect(r.status, r.stderr).toBe(0);
}

const PROMPT = '[Enter] next · [q] quit';
/** The prompt under a page that is not the step's last: "[Enter] more (2/3)" / "[Enter] mais (2/3)". */
const morePage = (page: number) => new RegExp(`\\[Enter\\] (more|mais) \\(${page}/\\d+\\)`);

/**
 * Reads a step up to its prompt, pressing Enter through its pages; every page must show the
 * step's title. `first` checks the first screen before it is left. Returns the number of pages.
 */
async function readStep(title: string, prompt: string, first?: () => void): Promise<number> {
  const shown = (page: number) => () => screen().includes(title) && (screen().includes(prompt) || morePage(page).test(screen()));
  await waitFor(`${title} (page 1) with its title on screen`, shown(1));
  first?.();
  let page = 1;
  while (!screen().includes(prompt)) {
    tmux('send-keys', '-t', 'tour', 'Enter');
    page += 1;
    await waitFor(`${title} (page ${page}) with its title on screen`, shown(page));
  }
  return page;
}

describe.skipIf(skip)('the interactive tour in a terminal (tmux), on a crowded host', () => {
  let crowd: string[] = [];
  beforeAll(() => {
    crowd = crowdImages(`overlay-lab-test/crowded-host-${process.pid}`, CROWD);
  }, 120_000);
  afterAll(() => removeImages(crowd));
  afterEach(async () => {
    tmux('kill-server');
    // A closed terminal makes the tour remove what it made (tested below); after a failed test,
    // whatever is still there once it had the time is removed here.
    for (const s of sessions) {
      await waitFor(`tour ${s} to remove what it made`, () => tourContainers(s).length + tourImages(s).length === 0, 20_000).catch(() => undefined);
      const ctrs = tourContainers(s);
      if (ctrs.length) docker('rm', '-f', ...ctrs);
      removeImages(tourImages(s));
    }
    sessions.clear();
  }, 30_000);

  it('Enter goes from step to step on a cleared screen, paging a step taller than the terminal; q quits and removes what the tour made', async () => {
    start(60, '--lang en');
    await readStep('Step 1/6', PROMPT, () => {
      expect(screen()).toMatch(/LIVE: Docker engine/);
      expect(screen()).toContain('Enter: next step · q: quit');
    });
    // The crowd alone overfills step 1's listing: it is condensed to what fits, or the step pages.
    expect(history()).toMatch(/… and \d+ more: overlay-lab layers lists them/);
    tmux('send-keys', '-t', 'tour', 'Enter');
    await readStep('Step 2/6', PROMPT);
    expect(screen()).not.toContain('Step 1/6'); // the screen was cleared for step 2
    tmux('send-keys', '-t', 'tour', 'Enter');
    await readStep('Step 3/6', PROMPT);
    const s = session();
    expect(tourContainers(s)).toHaveLength(1);
    tmux('send-keys', '-t', 'tour', 'q');
    await waitFor('the exit status', () => /EXIT=\d+/.test(screen()));
    expect(screen()).toMatch(/Tour stopped at step 3\. Removing what it made…/);
    expect(screen()).toContain('EXIT=0');
    expect(tourContainers(s)).toEqual([]);
    expect(tourImages(s)).toEqual([]);
    // Laid out for 60 columns: no line of ours needed the terminal to wrap it.
    const widest = Math.max(...history().split('\n').map((l) => [...l.replace(/\s+$/, '')].length));
    expect(widest).toBeLessThanOrEqual(60);
  }, 120_000);

  it('Ctrl-C at the prompt (a key in raw mode) removes the container and exits 130', async () => {
    start(100, '--lang pt-BR --step 3');
    await readStep('Passo 3/6', '[Enter] próximo · [q] sair');
    expect(history()).not.toContain('Passo 2/6');
    const s = session();
    expect(tourContainers(s)).toHaveLength(1);
    tmux('send-keys', '-t', 'tour', 'C-c');
    await waitFor('the exit status', () => /EXIT=\d+/.test(screen()));
    expect(screen()).toContain('EXIT=130');
    expect(history()).toMatch(/Ctrl-C: parando o tour e removendo o que ele criou/);
    expect(tourContainers(s)).toEqual([]);
    expect(tourImages(s)).toEqual([]);
    expect(leftoverHelpers()).toEqual([]);
  }, 90_000);

  it('a terminal closed at the prompt (a dropped SSH session) still removes what the tour made', async () => {
    start(100, '--lang en --step 3');
    await readStep('Step 3/6', PROMPT);
    const s = session();
    expect(tourContainers(s)).toHaveLength(1);
    tmux('kill-server'); // the pty goes away: SIGHUP, standard input ends, writes fail with EIO
    await waitFor(`the container and images of tour ${s} to go`, () => tourContainers(s).length + tourImages(s).length === 0, 30_000);
    expect(leftoverHelpers()).toEqual([]);
  }, 90_000);
});
