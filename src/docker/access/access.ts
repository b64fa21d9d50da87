import { access as fsAccess, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Localized } from '../../i18n/lang';
import { OverlayLabError } from '../../i18n/errors';
import type { EngineClient, EngineFacts, HelperSpec } from '../engine/engine';
import { helperFailed, remoteEngine, storePermission } from '../errors';
import { ensureHelperImage, HELPER_IMAGE } from './helper-image';
import { runHelper } from './helper-container';
import { HELPER_SCAN_SCRIPT, helperScanArgs, parseHelperScan } from './helper-script';
import { scanDirect } from './direct-scanner';
import type { AccessWay } from '../store/model';
import type { ScanRequest, StoreScan } from './scan';
import { OVERLAY2_DIR } from '../store/layout';

/** What the user may ask for; `auto` tries the least privileged way that works. */
export type AccessChoice = 'auto' | 'direct' | 'helper' | 'nsenter';

/** A way of reading the Docker root. */
export interface StoreAccess {
  way: AccessWay;
  /** Ids of the helper containers this access ran (their layers show up in a scan). */
  helpers: string[];
  /** How it went, e.g. that --privileged was refused and capabilities were used instead. */
  note?: Localized;
  scan(request?: ScanRequest): Promise<StoreScan>;
}

/** Where the Docker root is mounted inside a bind-mount helper. */
export const HELPER_ROOT = '/host-docker';

/** dockerd's pid file (default exec root): its mount namespace holds the containers' mounts. */
const DOCKERD_PIDFILE = '/var/run/docker.pid';

async function readable(dir: string): Promise<boolean> {
  try {
    await fsAccess(dir, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The mount table of dockerd's namespace when we can read it, else our own. */
async function engineMountinfo(): Promise<string> {
  try {
    const pid = (await readFile(DOCKERD_PIDFILE, 'utf8')).trim();
    await fsAccess(`/proc/${pid}/mountinfo`, constants.R_OK);
    return `/proc/${pid}/mountinfo`;
  } catch {
    return '/proc/self/mountinfo';
  }
}

/**
 * Reads the Docker root with Node's fs, on the engine's own machine.
 * @example const scan = await directAccess(facts).scan({ mountinfo: true });
 */
export function directAccess(facts: EngineFacts, localRoot = facts.rootDir): StoreAccess {
  return {
    way: 'direct',
    helpers: [],
    async scan(request = {}) {
      return scanDirect(localRoot, request, facts.rootDir, await engineMountinfo());
    },
  };
}

async function helperScan(helpers: string[], engine: EngineClient, facts: EngineFacts, spec: Omit<HelperSpec, 'cmd' | 'image' | 'labels'>, prelude: string, seenRoot: string, helperRoot: string, request: ScanRequest, way: string): Promise<StoreScan> {
  await ensureHelperImage(engine);
  const args = helperScanArgs(seenRoot, helperRoot, request);
  const out = await runHelper(engine, {
    ...spec,
    image: HELPER_IMAGE,
    labels: {},
    cmd: ['sh', '-c', prelude, 'ovl-helper', HELPER_SCAN_SCRIPT, ...args],
  }, (id) => helpers.push(id));
  if (out.exitCode !== 0) throw helperFailed(way, `exit ${out.exitCode}: ${out.stderr.trim().split('\n').pop() ?? ''}`);
  try {
    return parseHelperScan(out.stdout, facts.rootDir, seenRoot);
  } catch (e) {
    throw helperFailed(way, (e as Error).message);
  }
}

/**
 * Reads the Docker root from a helper container that bind-mounts it read-only: needs no
 * privilege beyond talking to the engine, and works when the engine is remote. It cannot see
 * the engine's mount table, so running containers' mounts are rebuilt from the lower files.
 * @example const scan = await bindHelperAccess(engine, facts).scan();
 */
export function bindHelperAccess(engine: EngineClient, facts: EngineFacts): StoreAccess {
  const env = process.env.OVERLAY_LAB_HELPER_SLEEP ? [`OVERLAY_LAB_HELPER_SLEEP=${process.env.OVERLAY_LAB_HELPER_SLEEP}`] : undefined;
  const helpers: string[] = [];
  return {
    way: 'helper',
    helpers,
    scan: (request = {}) =>
      helperScan(
        helpers, engine, facts,
        { binds: [`${facts.rootDir}:${HELPER_ROOT}:ro`], env },
        'S=$1; shift; exec sh -c "$S" ovl-scan "$@"',
        HELPER_ROOT, '', { ...request, mountinfo: false }, 'helper',
      ),
  };
}

/**
 * The seed's way: a helper in the host's PID namespace enters dockerd's mount namespace with
 * nsenter and reads the root where dockerd sees it (mount table included). It first asks for
 * --privileged; where the engine refuses ("unable to apply caps", some sandboxes), it asks for
 * just CAP_SYS_ADMIN (setns) and CAP_SYS_PTRACE (to reach another process's /proc entries).
 * A `sleep` left in the helper keeps its root reachable as /proc/<pid>/root after the switch,
 * so the tools used are still the helper's busybox, not the host's.
 * @example const scan = await nsenterAccess(engine, facts).scan({ mountinfo: true });
 */
export function nsenterAccess(engine: EngineClient, facts: EngineFacts): StoreAccess {
  // $1 script, $2 root, $3 helper prefix (filled in here), $4 mountinfo flag, then walk pairs.
  const prelude = [
    'T=$(pidof dockerd | cut -d" " -f1); [ -n "$T" ] || T=1',
    'sleep 600 & K=$!',
    'trap "kill $K 2>/dev/null" EXIT',
    'S=$1; R=$2; W=$4; shift 4',
    'nsenter -t "$T" -m -- /proc/$K/root/bin/busybox sh -c "$S" ovl-scan "$R" "/proc/$K/root" "$W" "$@"',
  ].join('\n');
  const env = process.env.OVERLAY_LAB_HELPER_SLEEP ? [`OVERLAY_LAB_HELPER_SLEEP=${process.env.OVERLAY_LAB_HELPER_SLEEP}`] : undefined;
  const access: StoreAccess = {
    way: 'nsenter',
    helpers: [],
    async scan(request = {}) {
      try {
        return await helperScan(access.helpers, engine, facts, { privileged: true, pidHost: true, env }, prelude, facts.rootDir, '', request, 'nsenter --privileged');
      } catch (e) {
        const msg = (e as Error).message;
        if (!/unable to apply caps|operation not permitted|privileged/i.test(msg)) throw e;
        const why = /unable to apply caps[^"\n]*/i.exec(msg)?.[0] ?? msg.split('\n')[0].slice(0, 120);
        access.note = {
          en: `--privileged was refused (${why}); used --cap-add SYS_ADMIN --cap-add SYS_PTRACE --pid=host instead.`,
          'pt-BR': `--privileged foi recusado (${why}); usei --cap-add SYS_ADMIN --cap-add SYS_PTRACE --pid=host no lugar.`,
        };
        return helperScan(access.helpers, engine, facts, { capAdd: ['SYS_ADMIN', 'SYS_PTRACE'], pidHost: true, env }, prelude, facts.rootDir, '', request, 'nsenter --cap-add');
      }
    },
  };
  return access;
}

/**
 * Picks an access way. `auto`: direct when the engine is local and its root readable, else the
 * bind-mount helper, else nsenter. An explicit choice is used as is (direct on a remote engine
 * is refused with a hint).
 * @example const way = await chooseAccess(engine, facts, 'auto'); const scan = await way.scan();
 */
export async function chooseAccess(engine: EngineClient, facts: EngineFacts, choice: AccessChoice = 'auto'): Promise<StoreAccess> {
  const store = `${facts.rootDir}/${OVERLAY2_DIR}`;
  if (choice === 'direct') {
    if (!facts.local) throw remoteEngine(facts.endpoint);
    if (!(await readable(store))) throw storePermission(store);
    return directAccess(facts);
  }
  if (choice === 'helper') return bindHelperAccess(engine, facts);
  if (choice === 'nsenter') return nsenterAccess(engine, facts);
  if (facts.local && (await readable(store))) return directAccess(facts);
  const helper = bindHelperAccess(engine, facts);
  const ns = nsenterAccess(engine, facts);
  const fallback: StoreAccess = {
    way: 'helper',
    get helpers() {
      return [...helper.helpers, ...ns.helpers];
    },
    async scan(request) {
      try {
        return await helper.scan(request);
      } catch (e) {
        if (!(e instanceof OverlayLabError) || e.code !== 'EHELPER') throw e;
        fallback.way = 'nsenter';
        const scan = await ns.scan(request);
        fallback.note = ns.note;
        return scan;
      }
    },
  };
  return fallback;
}
