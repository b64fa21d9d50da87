// `overlay-lab serve` as a process against the live engine, looked at in a real Chromium: the
// token guards every route (403), nothing but GET is answered (405), the page shows a build's
// new layer directories attributed to the image as they appear (server-sent events), in both
// languages, and a running container's union mount drawn by Mermaid in the page, offline.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { buildFrom, dirsOf, CLI, cliMissing, docker, dockerMissing, ensureFixtures, TEST_LABEL } from '../support/docker';
import { waitUntil } from '../support/wait';
import { startServe, type RunningServe } from '../support/serve';
import { CHROMIUM, launchBrowser, offlineContext } from '../site/support';

const skip = need(dockerMissing() ?? cliMissing() ?? (existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not installed (Debian: apt-get install chromium)`));
const stamp = `${process.pid}-${Date.now()}`;
const IMAGE = `ovl-serve-test:${stamp}`;
const NAME = `ovl-test-serve-${stamp}`;


describe.skipIf(skip)('overlay-lab serve', () => {
  let serve: RunningServe;
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    ensureFixtures();
    serve = await startServe(['--lang', 'en'], { ...process.env, LANG: 'en_US.UTF-8' });
    url = serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}/);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    spawnSync('docker', ['rm', '-f', NAME], { encoding: 'utf8' });
    spawnSync('docker', ['rmi', IMAGE], { encoding: 'utf8' });
  });

  it('binds to 127.0.0.1 and answers nothing without its token (403, in both languages)', async () => {
    const u = new URL(url);
    expect(u.hostname).toBe('127.0.0.1');
    for (const route of ['/', '/events', '/container?engine=0&name=x', '/assets/mermaid.min.js']) {
      const r = await fetch(`${u.origin}${route}`);
      expect(r.status, route).toBe(403);
      const text = await r.text();
      expect(text).toContain('Forbidden');
      expect(text).toContain('Proibido');
      const wrong = await fetch(`${u.origin}${route}${route.includes('?') ? '&' : '?'}token=${'0'.repeat(32)}`);
      expect(wrong.status, `${route} with a wrong token`).toBe(403);
    }
  });

  it('answers only GET: POST, PUT, DELETE and PATCH get 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await fetch(url, { method, body: method === 'DELETE' ? undefined : 'x' });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
      expect(await r.text()).toContain('only GET');
    }
    expect((await fetch(url.replace('/?', '/nothing?'))).status).toBe(404);
    // Only a container name Docker would accept reaches the engine.
    expect((await fetch(url.replace('/?', `/container?engine=0&name=${encodeURIComponent('../images/json')}&`))).status).toBe(404);
    expect((await fetch(url.replace('/?', '/container?engine=7&name=web&'))).status).toBe(404);
  });

  it('shows a build’s new layer directories on the open page, attributed to the image, in both languages', async () => {
    const pages = await Promise.all(
      (['en', 'pt-BR'] as const).map(async (lang) => {
        const { ctx, blocked } = await offlineContext(browser, new URL(url).origin);
        const page = await ctx.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url.replace(/lang=[^&]+/, `lang=${lang}`));
        await page.waitForSelector('#panel-0 [data-status="live"]', { timeout: 30_000 });
        return { lang, page, ctx, blocked, errors };
      }),
    );
    buildFrom(IMAGE, `FROM overlay-lab/busybox:1\nLABEL ${TEST_LABEL} io.overlay-lab=1\nRUN echo ${stamp} > /one\nRUN echo two > /two\n`);
    const dirs = dirsOf(IMAGE).reverse(); // bottom first: position = index + 1
    expect(dirs).toHaveLength(3);
    const word = { en: (pos: number) => `layer ${pos}/3 of ${IMAGE}`, 'pt-BR': (pos: number) => `camada ${pos}/3 de ${IMAGE}` };
    for (const { lang, page } of pages) {
      for (const pos of [2, 3]) {
        const dir = dirs[pos - 1];
        const row = page.locator(`#panel-0 tr[data-dir="${dir}"]`);
        await row.waitFor({ timeout: 20_000 });
        expect(await row.innerText()).toContain(word[lang](pos));
        const change = page.locator(`#panel-0 li[data-dir="${dir}"][data-change="added"]`);
        await change.waitFor({ timeout: 20_000 });
        expect(await change.innerText()).toContain(lang === 'en' ? 'build step' : 'passo de build');
      }
    }
    for (const p of pages) {
      expect(p.errors).toEqual([]);
      expect(p.blocked).toEqual([]); // offline: nothing but the server itself
      await p.ctx.close();
    }
  }, 120_000);

  it('draws a running container’s union mount with Mermaid in the page', async () => {
    docker('run', '-d', '--name', NAME, '--label', TEST_LABEL, '--label', 'io.overlay-lab=1', '--network', 'none', IMAGE, 'sh', '-c', 'echo hi > /made-here; rm /two; sleep 600');
    const { ctx } = await offlineContext(browser, new URL(url).origin, { viewport: { width: 1024, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(url.replace(/lang=[^&]+/, 'lang=pt-BR'));
    const pick = page.locator(`#panel-0 button.pick[data-name="${NAME}"]`);
    await pick.waitFor({ timeout: 20_000 });
    await pick.click();
    await page.waitForFunction(() => document.querySelectorAll('#panel-0 .mount svg').length >= 2, undefined, { timeout: 30_000 });
    const text = await page.locator('#panel-0 .mount').innerText();
    expect(text).toContain(`Montagem de união de ${NAME}`);
    expect(text).toContain('made-here');
    expect(text).toContain('whiteout');
    await ctx.close();
  }, 120_000);

  it('refuses a bad port with a clear line in the person’s language, and says what opening to the network means', async () => {
    for (const [lang, text] of [['en', 'the port must be a number from 0 to 65535, not 70000'], ['pt-BR', 'a porta deve ser um número de 0 a 65535, não 70000']]) {
      const r = spawnSync(process.execPath, [CLI, 'serve', '--port', '70000', '--lang', lang], { encoding: 'utf8' });
      expect(r.status).toBe(64);
      expect(r.stderr).toContain(text);
    }
    // Open to the network for a moment only: the notice is printed before anything is served.
    const open = spawn(process.execPath, [CLI, 'serve', '--bind', '0.0.0.0', '--lang', 'pt-BR'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    open.stdout!.on('data', (c: Buffer) => (said += c.toString('utf8')));
    try {
      await waitUntil('the network notice and the URL', () => /abra http:/.test(said), 30_000, () => said);
    } finally {
      open.kill('SIGINT');
    }
    expect(said).toMatch(/^Aberta à rede \(0\.0\.0\.0\): quem alcança esta máquina e tem a URL abaixo pode ler a organização do armazenamento/);
    expect(said).toContain('Nada na página altera o engine.');
    expect(said).not.toContain('http://127.0.0.1');
  }, 60_000);
});
