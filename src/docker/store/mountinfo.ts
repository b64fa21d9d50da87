/* Pure: the kernel's mount table (/proc/PID/mountinfo) and overlay mount options. */

/** One line of mountinfo (proc(5)). */
export interface MountinfoEntry {
  mountId: number;
  parentId: number;
  /** major:minor of the file system; overlay mounts get an anonymous device 0:N. */
  device: string;
  root: string;
  mountPoint: string;
  mountOptions: string;
  fsType: string;
  source: string;
  superOptions: string;
}

/** The options of an overlay mount, split. */
export interface OverlayOptions {
  /** Entries of lowerdir=, uppermost first, as written (absolute or relative). */
  lowerdir: string[];
  upperdir?: string;
  workdir?: string;
  /** Every other option (rw, index=off, xino=..., redirect_dir=...). */
  other: string[];
  /** The `lowerdir=...,upperdir=...,workdir=...` part, as Docker passed it. */
  layerOptions: string;
}

/** mountinfo escapes space, tab, newline and backslash as \040 \011 \012 \134. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/**
 * Parses /proc/PID/mountinfo.
 * @example parseMountinfo('50 42 0:39 / /m rw,relatime shared:2 - overlay overlay rw,lowerdir=/a,upperdir=/b,workdir=/c')[0].fsType // 'overlay'
 */
export function parseMountinfo(text: string): MountinfoEntry[] {
  const out: MountinfoEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.split(' ');
    const sep = parts.indexOf('-', 6);
    if (sep < 0 || parts.length < sep + 4) continue;
    out.push({
      mountId: Number(parts[0]),
      parentId: Number(parts[1]),
      device: parts[2],
      root: unescape(parts[3]),
      mountPoint: unescape(parts[4]),
      mountOptions: parts[5],
      fsType: parts[sep + 1],
      source: unescape(parts[sep + 2]),
      superOptions: unescape(parts.slice(sep + 3).join(' ')),
    });
  }
  return out;
}

/**
 * Splits an overlay mount's super options. Paths may not contain ',' (the kernel splits on it
 * unless escaped) nor ':' inside a lowerdir entry.
 * @example parseOverlayOptions('rw,lowerdir=/l/A:/l/B,upperdir=/u,workdir=/w').lowerdir // ['/l/A', '/l/B']
 */
export function parseOverlayOptions(superOptions: string): OverlayOptions {
  const out: OverlayOptions = { lowerdir: [], other: [], layerOptions: '' };
  const layer: string[] = [];
  for (const opt of superOptions.split(',')) {
    if (opt.startsWith('lowerdir=')) {
      out.lowerdir = opt.slice(9).split(':').filter(Boolean);
      layer.push(opt);
    } else if (opt.startsWith('upperdir=')) {
      out.upperdir = opt.slice(9);
      layer.push(opt);
    } else if (opt.startsWith('workdir=')) {
      out.workdir = opt.slice(8);
      layer.push(opt);
    } else out.other.push(opt);
  }
  out.layerOptions = layer.join(',');
  return out;
}

/**
 * The overlay mount whose mount point is `mergedDir`, if any (a running container's union).
 * @example overlayMountAt(parseMountinfo(text), '/var/lib/docker/overlay2/abc/merged')
 */
export function overlayMountAt(entries: MountinfoEntry[], mergedDir: string): MountinfoEntry | undefined {
  return entries.find((e) => e.fsType === 'overlay' && e.mountPoint === mergedDir);
}
