/*
 * What the archive worker does, apart from the worker: load an image archive from a web stream,
 * summarize it, answer path histories, mount it and run actions. Plain data in and out (it
 * crosses postMessage); every rule is the library's. Nothing here reaches the network.
 */
import {
  OverlayLabError,
  type Lang,
  readBlob,
  warmSha256,
  webImageIo,
  imageSummary,
  type ImageSummary,
  pageErrorText,
  pathHistory,
  type PathHistory,
  type ImageIo,
  type LoadedImage,
  mountImageLab,
  loadArchive,
  imageMergedEntries,
  mergedSection,
  labReportSections,
  type LayerView,
  type UnionLab,
  ScenarioError,
} from '../../../../src/browser';
import { traceOf, type TraceStep } from './model';

/** Messages the page sends the worker. */
export type ToWorker =
  | { type: 'load'; file: Blob; name: string; hashesOnly: boolean; lang: Lang }
  | { type: 'history'; path: string; lang: Lang }
  | { type: 'merged' }
  | { type: 'mount'; lang: Lang }
  | { type: 'act'; line: string; lang: Lang }
  | { type: 'unmount' };

/** What the mounted image looks like after each action. */
export interface LabSnapshot {
  trace: TraceStep[];
  upper: LayerView;
  mergedEntries: number;
}

/** Messages the worker sends back. */
export type FromWorker =
  | { type: 'progress'; read: number; total: number }
  | { type: 'loaded'; summary: ImageSummary; ms: number }
  | { type: 'failed'; code: string; message: string }
  | { type: 'history'; history?: PathHistory; error?: string }
  | { type: 'merged'; section: string }
  | { type: 'lab'; snap?: LabSnapshot; error?: string };

// An image error with what a reader of this page can do (not a CLI flag the page lacks).
const say = (e: unknown, lang: Lang) =>
  e instanceof OverlayLabError ? pageErrorText(e, lang) : e instanceof ScenarioError ? e.render(lang) : String((e as Error)?.message ?? e);

/** Thrown inside a load that a newer one replaced; never shown. */
class Superseded extends Error {}

/** Counts bytes as they pass, reporting at most every `everyMs`; stops when `stale()` says a newer load began. */
async function* counted(source: AsyncIterable<Uint8Array>, total: number, post: (m: FromWorker) => void, stale: () => boolean, everyMs = 100): AsyncGenerator<Uint8Array> {
  let read = 0;
  let last = 0;
  for await (const c of source) {
    if (stale()) throw new Superseded();
    read += c.length;
    const now = Date.now();
    if (now - last >= everyMs) {
      last = now;
      post({ type: 'progress', read, total });
    }
    yield c;
  }
  post({ type: 'progress', read, total });
}

/** One page's archive: the loaded image and, once mounted, the lab on top of it. */
export class ArchiveSession {
  private image?: LoadedImage;
  private lab?: UnionLab;
  private generation = 0;

  constructor(
    private readonly post: (m: FromWorker) => void,
    private readonly io: ImageIo = webImageIo,
  ) {}

  /** A new file was chosen: the load under way stops at its next chunk (call before queueing the new load). */
  supersede(): void {
    this.generation++;
  }

  async handle(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'load':
        return this.load(m.file, m.name, m.hashesOnly, m.lang);
      case 'history':
        return this.post(this.history(m.path, m.lang));
      case 'merged':
        return this.post({ type: 'merged', section: this.merged() });
      case 'mount':
        return this.post(this.mount(m.lang));
      case 'act':
        return this.post(this.act(m.line, m.lang));
      case 'unmount':
        this.lab = undefined;
    }
  }

  private async load(file: Blob, name: string, hashesOnly: boolean, lang: Lang): Promise<void> {
    this.image = undefined;
    this.lab = undefined;
    const t0 = Date.now();
    const mine = this.generation;
    try {
      // The WebAssembly SHA-256 (instantiated once per worker; the pure one answers where it cannot be).
      await warmSha256();
      const chunks = counted(readBlob(file), file.size, this.post, () => this.generation !== mine);
      const image = await loadArchive(chunks, name, this.io, { hashesOnly }, file.size);
      if (this.generation !== mine) return;
      this.image = image;
      this.post({ type: 'loaded', summary: imageSummary(this.image), ms: Date.now() - t0 });
    } catch (e) {
      if (e instanceof Superseded) return;
      this.post({ type: 'failed', code: (e as { code?: string }).code ?? 'EIMAGE', message: say(e, lang) });
    }
  }

  private history(path: string, lang: Lang): FromWorker {
    if (!this.image) return { type: 'history' };
    try {
      return { type: 'history', history: pathHistory(this.image, path) };
    } catch (e) {
      return { type: 'history', error: say(e, lang) };
    }
  }

  /** The `## merged` section: of the image, or of the mount with the actions run so far (and its `## upper`). */
  private merged(): string {
    if (this.lab) return labReportSections(this.lab);
    return this.image ? mergedSection(imageMergedEntries(this.image)) : '';
  }

  private mount(lang: Lang): FromWorker {
    if (!this.image) return { type: 'lab' };
    try {
      this.lab = mountImageLab(this.image);
      return { type: 'lab', snap: this.snap(lang) };
    } catch (e) {
      return { type: 'lab', error: say(e, lang) };
    }
  }

  private act(line: string, lang: Lang): FromWorker {
    if (!this.lab) return { type: 'lab' };
    try {
      this.lab.run(line);
    } catch (e) {
      return { type: 'lab', snap: this.snap(lang), error: say(e, lang) };
    }
    return { type: 'lab', snap: this.snap(lang) };
  }

  private snap(lang: Lang): LabSnapshot {
    const lab = this.lab!;
    const view = lab.view({ lowers: false });
    return {
      trace: lab.steps.map((s) => traceOf(s, lang)),
      upper: view.upper!,
      mergedEntries: view.merged.length,
    };
  }
}
