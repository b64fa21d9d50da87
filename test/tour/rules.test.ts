// The cleanup rules and the tour's pure pieces, on hand-made engine answers: what is the lab's,
// what is the user's, what prune -a would take, and the layout that fits a projector.
import { main } from '../../src/cli/main';
import { describe, expect, it } from 'vitest';
import type { ContainerFacts, ImageFacts } from '../../src/docker/engine/engine';
import { creationLabel, isLabImage, planCleanup, pruneEstimate } from '../../src/lab/cleanup';
import { restrictHostInput, unionUpperChanges } from '../../src/lab/tour-simulated';
import { simulatedHostInput } from '../../src/docker/hosts/simulated-host';
import { buildHostModel } from '../../src/docker/store/host-model';
import { tourContainerSpec, tourDockerfile, tourNames, TOUR_CHANGES } from '../../src/lab/tour-resources';
import { UnionLab } from '../../src/scenario/lab';
import { presetById } from '../../src/scenario/presets';
import { layoutBlocks, pageLines, wrapWords } from '../../src/render/tour-wrap';
import { TOUR_TEXT } from '../../src/render/tour-text';
import { placeholderNames } from '../../src/i18n/format';

const LAB = { 'io.overlay-lab': '1' };

function image(id: string, tags: string[], labels: Record<string, string> = {}, parent = '', diffIds = ['sha256:a']): ImageFacts {
  return { id, tags, labels, parent, diffIds, driver: 'overlay2', data: {}, created: '', size: 1000 };
}
function container(id: string, imageId: string, labels: Record<string, string> = {}, running = true): ContainerFacts {
  return { id, name: `c-${id}`, imageId, imageRef: imageId, running, pid: running ? 1 : 0, driver: 'overlay2', data: {}, labels };
}

describe('cleanup rules', () => {
  const busybox = image('sha256:bb', ['overlay-lab/busybox:1'], LAB);
  const layers = image('sha256:ly', ['overlay-lab/layers:1'], LAB, 'sha256:bb', ['sha256:a', 'sha256:b']);
  const userOnLab = image('sha256:uu', ['myapp:1'], LAB, 'sha256:bb', ['sha256:a', 'sha256:c']); // FROM a lab image: inherited label
  const claimed = image('sha256:cl', ['overlay-lab/helper:1', 'mine:latest'], LAB);
  const plain = image('sha256:pl', ['ubuntu:24.04']);
  const dangling = image('sha256:dg', [], LAB);

  it('takes containers the lab started, never ones that only inherited the lab label from their image', () => {
    const helper = container('h', 'sha256:bb', { ...LAB, 'io.overlay-lab.helper': '1' });
    const tour = container('t', 'sha256:ly', { ...LAB, 'io.overlay-lab.tour': 'abc123' });
    const test = container('x', 'sha256:ly', { ...LAB, 'io.overlay-lab.test': '1' });
    const users = container('u', 'sha256:ly', { ...LAB }); // docker run overlay-lab/layers:1 by hand
    const plan = planCleanup([busybox, layers], [helper, tour, test, users]);
    expect(plan.containers.map((c) => c.id).sort()).toEqual(['h', 't', 'x']);
    expect(plan.kept.find((k) => k.id === 'u')?.kind).toBe('container');
    // ... and the image the user's container runs stays, and so does its base.
    expect(plan.images).toEqual([]);
    expect(plan.kept.filter((k) => k.kind === 'image').map((k) => k.name).sort()).toEqual(['overlay-lab/busybox:1', 'overlay-lab/layers:1']);
  });

  it('a label the image itself carries is inherited, not a sign of creation', () => {
    expect(creationLabel({ labels: { 'io.overlay-lab.test': '1' } }, { 'io.overlay-lab.test': '1' })).toBeUndefined();
    expect(creationLabel({ labels: { 'io.overlay-lab.test': '1' } }, {})).toBe('io.overlay-lab.test');
    expect(creationLabel({ labels: LAB }, {})).toBeUndefined();
  });

  it('takes only labelled images tagged wholly under overlay-lab/, keeping bases of the user’s images', () => {
    expect(isLabImage(layers)).toBe(true);
    expect(isLabImage(userOnLab)).toBe(false);
    expect(isLabImage(claimed)).toBe(false);
    expect(isLabImage(plain)).toBe(false);
    expect(isLabImage(dangling)).toBe(false);
    const plan = planCleanup([busybox, layers, userOnLab, claimed, plain, dangling], []);
    expect(plan.images.map((i) => i.name)).toEqual(['overlay-lab/layers:1']);
    const kept = Object.fromEntries(plan.kept.map((k) => [k.name, k.why.en]));
    expect(kept['overlay-lab/busybox:1']).toMatch(/your image myapp:1 is built on it/);
    expect(kept['overlay-lab/helper:1']).toMatch(/also tagged mine:latest/);
    expect(kept['myapp:1']).toBeUndefined();
  });

  it('removes children before their base', () => {
    const plan = planCleanup([busybox, layers], []);
    expect(plan.images.map((i) => i.name)).toEqual(['overlay-lab/layers:1', 'overlay-lab/busybox:1']);
  });

  it('a tour scope takes only that session: its container, its build leftovers, this process’s helpers, its images', () => {
    const base = image('sha256:tb', ['overlay-lab/tour-base:s1'], LAB);
    const step = image('sha256:st', [], { ...LAB, 'io.overlay-lab.tour-image': 's1' }, 'sha256:tb');
    const other = image('sha256:ot', ['overlay-lab/tour-base:s2'], LAB);
    const cs = [
      container('mine', 'sha256:tb', { ...LAB, 'io.overlay-lab.tour': 's1' }),
      container('build', 'sha256:st', { ...LAB, 'io.overlay-lab.tour-image': 's1' }),
      container('helper', 'sha256:bb', { ...LAB, 'io.overlay-lab.helper': '1', 'io.overlay-lab.session': '4242-aa' }),
      container('helper-of-another', 'sha256:bb', { ...LAB, 'io.overlay-lab.helper': '1', 'io.overlay-lab.session': '999-aa' }),
      container('other-tour', 'sha256:ot', { ...LAB, 'io.overlay-lab.tour': 's2' }),
    ];
    const plan = planCleanup([busybox, base, step, other], cs, { tourSession: 's1', pid: 4242, imageTags: ['overlay-lab/tour-base:s1'] });
    expect(plan.containers.map((c) => c.id).sort()).toEqual(['build', 'helper', 'mine']);
    expect(plan.images.map((i) => i.id)).toEqual(['sha256:st', 'sha256:tb']);
  });

  it('estimates docker system prune -a: stopped containers, then images no running container needs', () => {
    const cs = [container('run', 'sha256:ly', {}, true), container('stop', 'sha256:pl', {}, false)];
    const p = pruneEstimate([busybox, layers, userOnLab, plain], cs);
    expect(p.containers.map((c) => c.id)).toEqual(['stop']);
    expect(p.userContainers).toBe(1);
    // busybox is a base of layers (running) and of myapp: kept; myapp and ubuntu go.
    expect(p.images.map((i) => i.name).sort()).toEqual(['myapp:1', 'ubuntu:24.04']);
    expect(p.userImages).toBe(2);
    expect(p.userBytes).toBe(2000);
  });
});

describe('tour resources', () => {
  it('labels the container at creation with the session, and the image with the session for its build steps', () => {
    const n = tourNames('abc123');
    expect(n).toEqual({ session: 'abc123', base: 'overlay-lab/tour-base:abc123', image: 'overlay-lab/tour:abc123', container: 'overlay-lab-tour-abc123' });
    expect(tourContainerSpec(n).labels).toEqual({ 'io.overlay-lab': '1', 'io.overlay-lab.tour': 'abc123' });
    expect(tourDockerfile(n).split('\n')[1]).toBe('LABEL io.overlay-lab=1 io.overlay-lab.tour-image=abc123');
    // The container label is never on the image: a container cannot inherit it.
    expect(tourDockerfile(n)).not.toMatch(/io\.overlay-lab\.tour=/);
  });
});

describe('the simulated tour’s pieces', () => {
  it('restricts the simulated host to one image, then one image and one container', () => {
    const input = simulatedHostInput();
    const full = buildHostModel(input);
    const ubuntu = buildHostModel(restrictHostInput(input, ['ubuntu:24.04'], []));
    expect(ubuntu.dirs.map((d) => d.id).sort()).toEqual(full.images.find((i) => i.name === 'ubuntu:24.04')!.layers.map((l) => l.dir).sort());
    expect(ubuntu.disagreements).toEqual([]);
    const withDemo = buildHostModel(restrictHostInput(input, ['ubuntu:24.04'], ['demo']));
    const demo = full.containers.find((c) => c.name === 'demo')!;
    expect(withDemo.dirs.length).toBe(ubuntu.dirs.length + 2);
    expect(withDemo.containers[0].mount?.lowerdir.map((l) => l.dir)).toEqual(demo.lowerDirs);
    expect(buildHostModel(restrictHostInput(input, [], [])).dirs).toEqual([]);
  });

  it('reads the union engine’s upper layer as a live upperdir is read: copy-up, whiteout, opaque', () => {
    const lab = UnionLab.create({ setup: presetById('ubuntu')!.text });
    if ('refused' in lab) throw new Error(lab.refused);
    for (const c of TOUR_CHANGES) for (const l of c.union) expect(lab.run(l).result).toBe('OK');
    const changes = unionUpperChanges(lab.view());
    const byPath = new Map(changes.map((c) => [c.path, c]));
    for (const c of TOUR_CHANGES) expect(byPath.get(c.path)?.kind, c.path).toBe(c.kind);
    // The preset's L1 rewrote os-release: that is what was copied up.
    expect(byPath.get('/etc/os-release')?.below).toBe('L1');
    // Inside the opaque directory nothing from below counts.
    expect(byPath.get('/var/lib/apt/lists/fresh')?.kind).toBe('added');
  });
});

describe('tour layout and words', () => {
  it('fits every line to the width, prose at word boundaries', () => {
    const text = layoutBlocks(
      [
        { kind: 'title', text: 'Step 1/6 · The store before' },
        { kind: 'prose', text: TOUR_TEXT.storeWhy.en },
        { kind: 'command', text: 'docker run -it --rm --privileged --pid=host ubuntu nsenter -t 1 -m -- ls -l /var/lib/docker/overlay2', note: 'seed' },
        { kind: 'pre', text: 'x'.repeat(130) },
      ],
      50,
    );
    for (const l of text.split('\n')) expect([...l].length).toBeLessThanOrEqual(50);
    expect(wrapWords('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(text).toContain('Every directory under overlay2/ is one layer');
  });

  it('pages a step taller than the screen, every page under the step title, the first sharing its screen', () => {
    const body = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
    const pages = pageLines(['Step 1/6 · The store before', '───', ...body], 2, 6, 2);
    expect(pages).toEqual([
      ['Step 1/6 · The store before', '───', 'line 1', 'line 2'],
      ['Step 1/6 · The store before', '───', 'line 3', 'line 4', 'line 5', 'line 6'],
      ['Step 1/6 · The store before', '───', 'line 7', 'line 8', 'line 9', 'line 10'],
    ]);
    for (const p of pages.slice(1)) expect(p.length).toBeLessThanOrEqual(6);
    // A step that fits is one page, unchanged; a screen too small still moves on, one line at a time.
    expect(pageLines(['T', '─', 'a'], 2, 6)).toEqual([['T', '─', 'a']]);
    expect(pageLines(['T', '─', 'a', 'b'], 2, 2)).toEqual([['T', '─', 'a'], ['T', '─', 'b']]);
  });

  it('has every tour string in both languages, and they differ where words are used', () => {
    const walk = (v: unknown, path: string): void => {
      if (v && typeof v === 'object' && 'en' in v && 'pt-BR' in v) {
        const t = v as { en: string; 'pt-BR': string };
        expect(t.en.length, path).toBeGreaterThan(0);
        expect(t['pt-BR'].length, path).toBeGreaterThan(0);
        // Placeholders match: a translation must not drop a number the other shows.
        expect(placeholderNames(t['pt-BR']), path).toEqual(placeholderNames(t.en));
        return;
      }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(TOUR_TEXT, 'TOUR_TEXT');
  });
});

describe('tour --help', () => {
  const help = async (lang: string) => {
    let out = '';
    const code = await main(['tour', '--help', '--lang', lang], { out: (t) => (out += t), err: (t) => (out += t), isTTY: false });
    return { code, out };
  };
  it('explains --compact (the 60×20 projector layout) in the user’s language', async () => {
    const en = await help('en');
    const pt = await help('pt-BR');
    expect(en.code).toBe(0);
    expect(pt.code).toBe(0);
    expect(en.out).toMatch(/--compact +the layout for a projector at 60×20/);
    expect(pt.out).toMatch(/--compact +o layout para um projetor em 60×20/);
    expect(pt.out).toContain('Teclas: Enter próximo passo');
  });
});
