/* The scan a helper container runs (busybox sh), and the parser of what it prints. */
import type { LayerDbEntryScan, LayerDirScan, MountEntryScan, ScanRequest, ShortLinkScan, StoreScan, UpperEntryScan } from './scan';
import { COMMITTED_FILE, DIFF_DIR, LAYERDB_FILES, LINK_DIR, LINK_FILE, LOWER_FILE, MERGED_DIR, MOUNT_FILES, OPAQUE_XATTR, WORK_DIR } from '../store/layout';
import { parseGetfattr } from './xattrs';

/**
 * The scan as a POSIX shell script for busybox: it prints one tab-separated record per fact,
 * so one container run reads the whole store (an exec per file would take minutes).
 *   D id link lower committed diff work merged bytes mtime     a layer directory
 *   L name target                                              an l/ short link
 *   C chain diff parent cache-id size                          a layerdb entry
 *   M container mount-id init-id parent                        a layerdb mount
 *   W dir path mode-hex major-hex minor-hex size in-lower      an entry of a walked upper dir
 *   G dir <getfattr line>                                      opaque markers of that walk
 *   I <mountinfo line>                                         the engine's mount table
 * Arguments: $1 docker root as seen here, $2 helper root prefix ('' or /proc/K/root),
 * $3 "M" to read mountinfo, then pairs: upper dir id, comma-separated lower ids.
 */
export const HELPER_SCAN_SCRIPT = `
set -u
R=$1; H=$2; WANT=$3; shift 3
# Inside dockerd's mount namespace (nsenter), the tools are the helper's, reached through /proc.
[ -n "$H" ] && PATH=$H/bin
[ -n "\${OVERLAY_LAB_HELPER_SLEEP:-}" ] && sleep "$OVERLAY_LAB_HELPER_SLEEP"
S=$R/overlay2
cd "$S" 2>/dev/null || { echo "no $S" >&2; exit 3; }
T=$(printf '\\t')
for d in *; do
  [ "$d" = ${LINK_DIR} ] && continue
  [ -d "$d" ] || continue
  lk=; lw=; c=0; df=0; wk=0; mg=0; b=
  [ -f "$d/${LINK_FILE}" ] && lk=$(cat "$d/${LINK_FILE}")
  [ -f "$d/${LOWER_FILE}" ] && lw=$(cat "$d/${LOWER_FILE}")
  [ -e "$d/${COMMITTED_FILE}" ] && c=1
  [ -d "$d/${DIFF_DIR}" ] && { df=1; b=$(du -sb "$d/${DIFF_DIR}" | cut -f1); }
  [ -d "$d/${WORK_DIR}" ] && wk=1
  [ -d "$d/${MERGED_DIR}" ] && mg=1
  m=$(stat -c %Y "$d" 2>/dev/null) || continue
  echo "D$T$d$T$lk$T$lw$T$c$T$df$T$wk$T$mg$T$b$T$m"
done
if [ -d ${LINK_DIR} ]; then
  for l in ${LINK_DIR}/*; do
    [ -L "$l" ] && echo "L$T\${l#${LINK_DIR}/}$T$(readlink "$l")"
  done
fi
DB=$R/image/overlay2/layerdb
if [ -d "$DB/sha256" ]; then
  for e in "$DB"/sha256/*; do
    [ -f "$e/${LAYERDB_FILES.cacheId}" ] || continue
    p=; [ -f "$e/${LAYERDB_FILES.parent}" ] && p=$(cat "$e/${LAYERDB_FILES.parent}")
    echo "C$T\${e##*/}$T$(cat "$e/${LAYERDB_FILES.diff}")$T$p$T$(cat "$e/${LAYERDB_FILES.cacheId}")$T$(cat "$e/${LAYERDB_FILES.size}" 2>/dev/null)"
  done
fi
if [ -d "$DB/mounts" ]; then
  for e in "$DB"/mounts/*; do
    [ -f "$e/${MOUNT_FILES.mountId}" ] || continue
    i=; p=
    [ -f "$e/${MOUNT_FILES.initId}" ] && i=$(cat "$e/${MOUNT_FILES.initId}")
    [ -f "$e/${MOUNT_FILES.parent}" ] && p=$(cat "$e/${MOUNT_FILES.parent}")
    echo "M$T\${e##*/}$T$(cat "$e/${MOUNT_FILES.mountId}")$T$i$T$p"
  done
fi
GF=$H/opt/ovl/getfattr
# trusted.* xattrs (the opaque marker) are visible only with CAP_SYS_ADMIN (bit 21 of CapEff).
CAP=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
[ -f "$GF" ] && [ $(( (0x$CAP >> 21) & 1 )) = 1 ] || GF=
[ -n "$GF" ] && echo "X\${T}1" || echo "X\${T}0"
while [ $# -ge 2 ]; do
  up=$1; lows=$2; shift 2
  top=$S/$up/${DIFF_DIR}
  [ -d "$top" ] || { echo "gone $top" >&2; exit 4; }
  find "$top" -mindepth 1 | while IFS= read -r f; do
    rel=\${f#$top}
    st=$(stat -c '%f %t %T %s' "$f") || continue
    set -- $st
    n=-1; k=0; lt=
    for lo in $(echo "$lows" | tr ',' ' '); do
      if [ -e "$S/$lo/${DIFF_DIR}$rel" ] || [ -L "$S/$lo/${DIFF_DIR}$rel" ]; then n=$k; lt=$(stat -c '%f' "$S/$lo/${DIFF_DIR}$rel"); break; fi
      k=$((k+1))
    done
    echo "W$T$up$T$rel$T$1$T$2$T$3$T$4$T$n$T$lt"
  done
  [ -n "$GF" ] && H=$H "$H/bin/busybox" sh "$GF" -R -P --absolute-names -d -m '^${OPAQUE_XATTR.replace(/\./g, '\\.')}$' "$top" 2>/dev/null | sed "s|^|G$T$up$T|"
done
[ "$WANT" = M ] && sed "s|^|I$T|" /proc/self/mountinfo
echo END
`;

/**
 * The argument list after the script: root, helper prefix, mountinfo flag, walk pairs.
 * @example helperScanArgs('/host-docker', '', { mountinfo: true }) // ['/host-docker', '', 'M']
 */
export function helperScanArgs(root: string, helperRoot: string, request: ScanRequest): string[] {
  const args = [root, helperRoot, request.mountinfo ? 'M' : '-'];
  for (const w of request.walks ?? []) args.push(w.dir, w.lowers.join(',') || ',');
  return args;
}

const TYPES: Record<number, UpperEntryScan['type']> = {
  0o040000: 'dir', 0o100000: 'file', 0o120000: 'symlink', 0o020000: 'char', 0o060000: 'block', 0o010000: 'fifo', 0o140000: 'socket',
};

/**
 * Parses the helper's output into a StoreScan. `engineRoot` is the Docker root as the engine
 * names it; `seenRoot` the path the helper used for it (paths in getfattr output start there).
 * @example parseHelperScan(stdout, '/var/lib/docker', '/host-docker')
 */
export function parseHelperScan(out: string, engineRoot: string, seenRoot: string): StoreScan {
  const dirs: LayerDirScan[] = [];
  const links: ShortLinkScan[] = [];
  const layers: LayerDbEntryScan[] = [];
  const mounts: MountEntryScan[] = [];
  const uppers: Record<string, UpperEntryScan[]> = {};
  const getfattr: Record<string, string[]> = {};
  const mountinfo: string[] = [];
  let xattrs = false;
  let complete = false;
  for (const line of out.split('\n')) {
    const f = line.split('\t');
    switch (f[0]) {
      case 'D':
        dirs.push({
          id: f[1], link: f[2] || undefined, lower: f[3] || undefined, committed: f[4] === '1', diff: f[5] === '1',
          work: f[6] === '1', merged: f[7] === '1', bytes: f[8] ? Number(f[8]) : undefined, mtime: Number(f[9]),
        });
        break;
      case 'L':
        links.push({ name: f[1], target: f[2] });
        break;
      case 'C':
        layers.push({ chainId: `sha256:${f[1]}`, diffId: f[2], parent: f[3] || undefined, cacheId: f[4], size: Number(f[5] || 0) });
        break;
      case 'M':
        mounts.push({ containerId: f[1], mountId: f[2], initId: f[3] || undefined, parent: f[4] || undefined });
        break;
      case 'X':
        xattrs = f[1] === '1';
        break;
      case 'W': {
        const mode = parseInt(f[3], 16);
        const type = TYPES[mode & 0o170000] ?? 'file';
        (uppers[f[1]] ??= []).push({
          path: f[2], type, mode: mode & 0o7777, size: Number(f[6]),
          rdev: type === 'char' || type === 'block' ? { major: parseInt(f[4], 16), minor: parseInt(f[5], 16) } : undefined,
          inLower: Number(f[7]),
          lowerType: f[8] ? (TYPES[parseInt(f[8], 16) & 0o170000] ?? 'file') : undefined,
        });
        break;
      }
      case 'G':
        (getfattr[f[1]] ??= []).push(f.slice(2).join('\t'));
        break;
      case 'I':
        mountinfo.push(f.slice(1).join('\t'));
        break;
      case 'END':
        complete = true;
        break;
    }
  }
  if (!complete) throw new Error('helper output ended early');
  for (const [dir, entries] of Object.entries(uppers)) {
    const top = `${seenRoot}/overlay2/${dir}/${DIFF_DIR}`;
    const opaque = parseGetfattr((getfattr[dir] ?? []).join('\n'));
    for (const e of entries) if (e.type === 'dir') e.opaque = xattrs ? opaque.has(`${top}${e.path}`) : undefined;
  }
  return {
    root: engineRoot, dirs, links, layers, mounts, uppers, xattrs,
    mountinfo: mountinfo.length ? mountinfo.join('\n') + '\n' : undefined,
  };
}
