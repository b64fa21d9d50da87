/* Pure: a real image loaded as engine layers, and the I/O the loaders are given (no Node imports). */
import type { Localized } from '../i18n/lang';
import type { Inode } from '../union/inode';
import type { Overlay } from '../union/overlay';
import type { LayerLimits } from './layer-builder';

/** Size and SHA-256 of a regular file's content: all the analyses need, even without the bytes. */
export interface FileContent {
  /** 64 hex digits. */
  sha256: string;
  size: number;
}

/**
 * Contents of an image's files, by inode: stored once per distinct content (hard links share
 * an inode; equal files share one byte array). With `hashesOnly` the bytes are not kept: the
 * inode then has empty `data` and `dataSize` set, and its size and hash live here.
 */
export class ContentTable {
  private readonly byInode = new Map<Inode, FileContent>();
  private readonly blobs = new Map<string, Uint8Array>();
  /** Bytes held in memory (each distinct content once). */
  keptBytes = 0;

  /**
   * Records a file's content; with `data`, the node shares the one copy of those bytes.
   * @example table.record(node, { sha256, size: 5 }, bytes)
   */
  record(node: Inode, content: FileContent, data?: Uint8Array): void {
    this.byInode.set(node, content);
    if (data) {
      let blob = this.blobs.get(content.sha256);
      if (!blob) {
        blob = data;
        this.blobs.set(content.sha256, blob);
        this.keptBytes += blob.length;
      }
      node.data = blob;
      node.dataSize = undefined;
    } else {
      node.data = new Uint8Array(0);
      node.dataSize = content.size;
    }
  }

  /**
   * Size and hash of a file inode of the image.
   * @example image.contents.of(node)?.sha256
   */
  of(node: Inode): FileContent | undefined {
    return this.byInode.get(node);
  }

  /**
   * The same, for a merged path of a mount of the image's layers (st_ino is numbered per
   * mount, so the mount names the layer inode).
   * @example image.contents.ofMerged(mountImage(image), 'bin/sh')?.size
   */
  ofMerged(ovl: Overlay, path: string): FileContent | undefined {
    const node = ovl.inodeOf(path);
    return 'errno' in node ? undefined : this.of(node);
  }

  /** Distinct contents held. */
  get distinct(): number {
    return this.blobs.size;
  }
}

/** One layer of an image, as the engine mounts it. */
export interface ImageLayer {
  /** 1 for the base layer, N for the top one (as `overlay-lab image` numbers them). */
  position: number;
  /** Where it came from: the archive entry, blob or directory. */
  source: string;
  /** The layer's tree, as overlay2 keeps it in `diff/`. */
  root: Inode;
  /** sha256 of the uncompressed layer tar ("sha256:..."), computed while reading. */
  diffId?: string;
  compression: 'none' | 'gzip';
  /** Bytes of the (uncompressed) layer tar, or of the directory's files. */
  tarBytes: number;
  /** The build step that made it (image config history), when known. */
  createdBy?: string;
}

/** Where a loaded image came from. */
export type ImageFormat = 'docker-archive' | 'oci-archive' | 'oci-layout' | 'layer-dirs';

/** A real image, loaded: layers bottom first, ready for `Overlay.mount`. */
export interface LoadedImage {
  /** File, directory or image name given. */
  source: string;
  format: ImageFormat;
  /** The tag or reference chosen, when the archive names one. */
  ref?: string;
  /** Every image the archive holds (tags, or config ids), for choosing another. */
  available: string[];
  /** Config digest or id, when known. */
  configId?: string;
  /** Bottom first: layers[0] is the base (position 1). */
  layers: ImageLayer[];
  contents: ContentTable;
  hashesOnly: boolean;
  /** Things the loader set aside, said in both languages (e.g. overlay xattrs in tar headers). */
  warnings: Localized[];
}

/** An incremental SHA-256 (Node's crypto; in a browser WebAssembly, or the pure code). */
export interface Hasher {
  update(data: Uint8Array): void;
  /** 64 hex digits. */
  digest(): string;
}

/** An incremental SHA-256 that may run on another thread: `update` may make the reader wait, the digest comes later. */
export interface StreamHasher {
  update(data: Uint8Array): void | Promise<void>;
  digest(): string | Promise<string>;
  /** Lets go of a hasher whose digest will not be asked (a load that failed or was replaced). */
  drop?(): void;
  /**
   * The SHA-256 of bytes [offset, offset + size) of what this hasher is given, answered with its
   * own digest (a held layer hashes its files so, in the same call); only where the hasher holds.
   */
  part?(offset: number, size: number): Promise<string>;
}

/** The I/O a loader needs, passed in once at the edge (DESIGN: the core never reaches for Node). */
export interface ImageIo {
  sha256(): Hasher;
  /**
   * The hasher of a whole layer tar (its diff ID), when it should differ from `sha256()`: a
   * browser holds the layer for one WebCrypto call, or hashes it on another thread. `size` is
   * the tar's size when the archive tells it (a plain layer), to hold it in one buffer.
   */
  layerSha256?(size?: number): StreamHasher;
  /**
   * The SHA-256 of whole bytes (a browser's WebCrypto); the loader then hashes files up to
   * `ONE_SHOT_MAX` bytes with it (those of a layer not held whole). It must take its copy of
   * `data` when called. Without it every file goes through `sha256()`.
   */
  digest?(data: Uint8Array): Promise<string>;
  /** Inflates a gzip stream (Node's zlib, or DecompressionStream in a browser). */
  gunzip(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
}

/** Options of every loader. */
export interface LoadOptions {
  /** Keep only sizes and hashes, not file bytes: for big images (the CLI's way). Default false. */
  hashesOnly?: boolean;
  /** Which image of a multi-image archive: a tag (repo:tag), or a config id prefix. Default: the first. */
  ref?: string;
  /** Most bytes all gzip streams of one load may inflate to. Default 64 GiB. */
  maxInflatedBytes?: number;
  /**
   * A gzip stream may inflate to this many times its compressed size, past `bombFloor` bytes
   * (real layers stay under 10x; gzip's ceiling is about 1030x). Default 250.
   */
  maxInflateRatio?: number;
  /** Below this many inflated bytes the ratio is not checked. Default 256 MiB. */
  bombFloor?: number;
  /** Layers an image (and an archive) may hold. Default 500, OverlayFS's own limit. */
  maxLayers?: number;
  /** Bytes of file content kept in memory when not hashesOnly. Default 1 GiB. */
  maxKeptBytes?: number;
  layer?: Partial<LayerLimits>;
}

/** Options with every default filled in. */
export type ResolvedLoadOptions = Required<Omit<LoadOptions, 'ref' | 'layer'>> & Pick<LoadOptions, 'ref'> & { layer: LayerLimits };
