/* The engine's event stream (GET /events), through dockerode: what `docker events` prints. */
import type Dockerode from 'dockerode';
import type { EngineEvent, EventSubscription } from './engine';

/** The fields of one /events JSON line that overlay-lab reads. */
interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/**
 * Pure: one /events line as overlay-lab's event. `at` is the engine's clock in milliseconds
 * (timeNano when present: one second of `time` is too coarse for a latency).
 * @example toEngineEvent({ Type: 'container', Action: 'create', Actor: { ID: 'abc', Attributes: { name: 'web' } }, timeNano: 1e18 }).action // 'create'
 */
export function toEngineEvent(raw: RawEvent, receivedAt = Date.now()): EngineEvent {
  const at = raw.timeNano ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000;
  return {
    type: raw.Type ?? '',
    action: (raw.Action ?? raw.status ?? '').split(':')[0], // "exec_start: sh" -> "exec_start"
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
    at,
    receivedAt,
  };
}

/**
 * Follows /events from `since` (seconds, the engine's clock) on: every container and image
 * event goes to `onEvent`; `ended` settles when the stream stops (dockerd restarted or went).
 * @example const sub = await subscribeEvents(docker(), (e) => console.log(e.action)); sub.close();
 */
export async function subscribeEvents(docker: Dockerode, onEvent: (e: EngineEvent) => void, since?: number): Promise<EventSubscription> {
  const opts: Record<string, unknown> = { filters: { type: ['container', 'image'] } };
  if (since !== undefined) opts.since = String(Math.floor(since));
  const stream = (await docker.getEvents(opts)) as NodeJS.ReadableStream & { destroy?: () => void };
  let closed = false;
  let rest = '';
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      const receivedAt = Date.now();
      rest += chunk.toString('utf8');
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        if (!l.trim()) continue;
        try {
          onEvent(toEngineEvent(JSON.parse(l) as RawEvent, receivedAt));
        } catch {
          // a line that is not JSON is not an event: skip it
        }
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', (e: Error) => (closed ? resolve() : reject(e)));
  });
  return {
    ended,
    close() {
      closed = true;
      stream.destroy?.();
    },
  };
}
