// Pure: which event a directory that appeared or went is put down to, with events shaped as
// dockerd 20.10 logs them (legacy builder: no commit event, a step container per RUN).
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/docker/engine/engine';
import { toEngineEvent } from '../../src/docker/engine/engine-events';
import type { DirRole } from '../../src/docker/store/model';
import { attributeChange, changesStore, watchChanges } from '../../src/docker/store/watch-cause';

let t = 1_700_000_000_000;
const ev = (type: string, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type, action, id, attributes, at: (t += 10), receivedAt: t });
const layerOf = (imageId: string, image: string, position: number): DirRole => ({ kind: 'image-layer', chainId: 'sha256:c', diffId: 'sha256:d', usedBy: [{ imageId, image, position, of: position }] });

describe('watch attribution', () => {
  it('reads a /events line: timeNano to ms, Actor id and attributes, "exec_start: sh" as exec_start', () => {
    const e = toEngineEvent({ Type: 'container', Action: 'exec_start: sh -c x', Actor: { ID: 'abc', Attributes: { name: 'web' } }, time: 1, timeNano: 1_500_000_000 }, 7);
    expect(e).toEqual({ type: 'container', action: 'exec_start', id: 'abc', attributes: { name: 'web' }, at: 1500, receivedAt: 7 });
    expect(changesStore(e)).toBe(false);
    expect(changesStore({ type: 'container', action: 'destroy' })).toBe(true);
  });

  it("puts a container's layers down to its own create and destroy, not to another container's", () => {
    const events = [ev('container', 'create', 'c1', { name: 'web' }), ev('container', 'create', 'c2', { name: 'db' }), ev('container', 'destroy', 'c2', { name: 'db' })];
    const role: DirRole = { kind: 'init-layer', containerId: 'c1', container: 'c1short' };
    expect(attributeChange({ change: 'added', role }, events)).toMatchObject({ kind: 'create', actor: 'c1', name: 'web' });
    expect(attributeChange({ change: 'removed', role }, events)).toMatchObject({ kind: 'unknown' }); // no destroy of c1 yet: held back until it comes, never its create
    expect(attributeChange({ change: 'removed', role: { ...role, containerId: 'c2' } }, events)).toMatchObject({ kind: 'rm', actor: 'c2' });
    // The layer listed before the container: the create event names it.
    expect(watchChanges([{ id: 'x-init', role }], [], events)[0].role).toMatchObject({ container: 'web' });
  });

  it("puts a build step's layer down to the step container run from the image's parent", () => {
    const events = [ev('container', 'create', 's1', { image: 'sha256:parent', name: 'step' }), ev('container', 'die', 's1', { image: 'sha256:parent', name: 'step' }), ev('image', 'load', 'sha256:other')];
    const parents = new Map([['sha256:new', 'sha256:parent']]);
    expect(attributeChange({ change: 'added', role: layerOf('sha256:new', 'sha256:new', 2) }, events, parents)).toMatchObject({ kind: 'build-step', actor: 's1', name: 'step' });
    // Someone else's load is not a guess for a layer of an image it does not name.
    expect(attributeChange({ change: 'added', role: layerOf('sha256:mine', 'x:1', 2) }, events, parents).kind).toBe('unknown');
  });

  it('puts image layers down to the pull that names the tag, the rmi of an image holding it, or a prune', () => {
    const events = [ev('image', 'pull', 'busybox:latest'), ev('image', 'delete', 'sha256:old')];
    expect(attributeChange({ change: 'added', role: layerOf('sha256:b', 'busybox:latest', 1) }, events).kind).toBe('pull');
    expect(attributeChange({ change: 'removed', role: layerOf('sha256:old', 'old:1', 1) }, events).kind).toBe('rmi');
    expect(attributeChange({ change: 'removed', role: layerOf('sha256:gone', 'gone:1', 1) }, [...events, ev('image', 'prune', '')]).kind).toBe('prune');
    // A pull registers layers before its image: a new layer with no image yet is the pull's.
    expect(attributeChange({ change: 'added', role: { kind: 'unused-layer', chainId: 'c', diffId: 'd' } }, events).kind).toBe('pull');
  });

  it("leaves the lab's own helper containers out", () => {
    const role: DirRole = { kind: 'container-layer', containerId: 'h', container: 'h', helper: true };
    expect(watchChanges([{ id: 'h1', role }], [], [])).toEqual([]);
  });
});
