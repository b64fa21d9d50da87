/**
 * The child process of `as UID[:GID] OP ...` on the kernel: started with that uid and gid (and
 * no supplementary groups), in the mount point as its working directory, it runs the one
 * operation with real system calls and prints the result as JSON. See as-user.ts.
 */
import { executeOp } from '../scenario/execute';
import type { ScenarioOp } from '../scenario/ops';
import { SCENARIO_UMASK } from '../scenario/syscalls';
import { nodeSyscalls } from './node-syscalls';

interface Request {
  op: ScenarioOp & { data?: string };
  prefix: string;
  now: number;
  classes: { ino: [string, number][]; dev: [string, number][] };
}

const req = JSON.parse(process.argv[2]) as Request;
process.umask(SCENARIO_UMASK);
const op: ScenarioOp = { ...req.op, as: undefined, data: req.op.data === undefined ? undefined : new Uint8Array(Buffer.from(req.op.data, 'base64')) };
const classes = { ino: new Map(req.classes.ino), dev: new Map(req.classes.dev) };
// '.': the working directory is the mount point, whose own path this user may not be able to walk.
const result = executeOp({ sys: nodeSyscalls('.'), raw: false, xattrPrefix: req.prefix, now: () => req.now, classes }, op);
process.stdout.write(JSON.stringify({ result, classes: { ino: [...classes.ino], dev: [...classes.dev] } }));
