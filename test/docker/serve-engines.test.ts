// `overlay-lab serve --host A --context B`: one panel per engine on one page, in a real Chromium.
// B is a second dockerd on this machine over TCP with TLS (certificates made by the test), named
// by a context the docker CLI itself wrote; it starts after the page is open, then stops and comes back: its panel says it is waiting, live,
// gone and back, while the first engine's panel stays live.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { cliMissing, dockerMissing } from '../support/docker';
import { secondDockerdMissing, secondEngine, type SecondEngine } from '../support/second-dockerd';
import { startServe, type RunningServe } from '../support/serve';
import { CHROMIUM, launchBrowser, offlineContext } from '../site/support';

const skip = need(dockerMissing() ?? cliMissing() ?? secondDockerdMissing() ?? (existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not installed (Debian: apt-get install chromium)`));

describe.skipIf(skip)('overlay-lab serve with two engines', () => {
  let second: SecondEngine;
  let serve: RunningServe;
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let config = '';

  const status = (i: number) => page.locator(`#panel-${i} .status`).first();
  const waitStatus = async (i: number, s: string, ms = 60_000) => page.waitForSelector(`#panel-${i} [data-status="${s}"]`, { timeout: ms });

  beforeAll(async () => {
    second = await secondEngine();
    config = mkdtempSync(path.join(tmpdir(), 'ovl-serve-config-'));
    const env = { ...process.env, LANG: 'en_US.UTF-8', DOCKER_CONFIG: config, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined };
    const c = spawnSync('docker', ['context', 'create', 'ovl-serve2', '--docker', `host=${second.url},ca=${second.certs}/ca.pem,cert=${second.certs}/cert.pem,key=${second.certs}/key.pem`], { encoding: 'utf8', env: env as NodeJS.ProcessEnv });
    if (c.status !== 0) throw new Error(c.stderr);
    serve = await startServe(['--host', 'unix:///var/run/docker.sock', '--context', 'ovl-serve2', '--access', 'direct'], env as NodeJS.ProcessEnv);
    child = serve.child;
    browser = await launchBrowser();
    const { ctx } = await offlineContext(browser, new URL(serve.url).origin);
    page = await ctx.newPage();
    await page.goto(serve.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await second?.stop();
    if (config) rmSync(config, { recursive: true, force: true });
  }, 120_000);

  it('draws one panel per engine, named as given; the engine not up yet is said to be awaited', async () => {
    expect(await page.locator('.panel h2').allInnerTexts()).toEqual(['unix:///var/run/docker.sock', 'context ovl-serve2']);
    await waitStatus(0, 'live');
    await waitStatus(1, 'waiting');
    expect(await status(1).innerText()).toMatch(/^Waiting for this engine \(.+\); trying again…$/);
  });

  it('turns the second panel live when that engine starts, then says when it goes and when it is back', async () => {
    await second.start();
    await waitStatus(1, 'live');
    expect(await page.locator('#panel-1 .where').innerText()).toContain(second.url);
    await second.halt();
    await waitStatus(1, 'lost');
    expect(await status(1).innerText()).toMatch(/^The engine went away \(.+\); waiting for it to come back/);
    expect(await page.locator('#panel-0 [data-status="live"]').count()).toBe(1); // the other engine is untouched
    await second.start();
    await waitStatus(1, 'live');
    expect(await status(1).innerText()).toMatch(/^The engine is back \(it was away \d+\.\d s\)\.$/);
  }, 240_000);

  it('says on the page when serve itself is gone; Ctrl-C stops serve with the interrupt status', async () => {
    expect(await page.locator('#server-lost').isHidden()).toBe(true);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await page.waitForSelector('#server-lost', { state: 'visible', timeout: 15_000 });
    expect(await page.locator('#server-lost').innerText()).toContain('The page lost its server');
  }, 60_000);
});
