import { OverlayLabError } from '../i18n/errors';
import { OVL_MAX_STACK } from '../union/limits';
import { localize, type Params } from '../i18n/format';
import type { Localized } from '../i18n/lang';
import { decodeContent } from './content';
import { pathWord } from './quote';
import { MOUNT_ONLY, OP_SHAPES, OPEN_FLAGS, type Cred, type LayerRef, type OpenFlag, type OpenFlags, type OpName, type Scenario, type ScenarioOp } from './ops';

/** More lower layers than this the kernel refuses (OVL_MAX_STACK). */
export const MAX_LOWER_LAYERS = OVL_MAX_STACK;

const PROBLEMS = {
  unknownOp: {
    en: 'unknown operation "{op}" (known: {known})',
    'pt-BR': 'operação desconhecida "{op}" (conhecidas: {known})',
  },
  missingArg: {
    en: '"{op}" needs {what}',
    'pt-BR': '"{op}" precisa de {what}',
  },
  extraArg: {
    en: '"{op}" takes no more words after {what}',
    'pt-BR': '"{op}" não aceita mais palavras depois de {what}',
  },
  escapes: {
    en: 'path "{path}" has a ".." part; scenario paths stay inside the root',
    'pt-BR': 'o caminho "{path}" tem uma parte ".."; caminhos de cenário ficam dentro da raiz',
  },
  emptyPath: {
    en: 'path "{path}" names the root itself; name a file or directory under it',
    'pt-BR': 'o caminho "{path}" é a própria raiz; nomeie um arquivo ou diretório dentro dela',
  },
  badMode: { en: 'bad mode "{value}" (octal, e.g. 0755)', 'pt-BR': 'modo inválido "{value}" (octal, ex.: 0755)' },
  badNumber: { en: 'bad number "{value}"', 'pt-BR': 'número inválido "{value}"' },
  badOwner: { en: 'bad owner "{value}" (UID:GID, e.g. 1000:1000)', 'pt-BR': 'dono inválido "{value}" (UID:GID, ex.: 1000:1000)' },
  badEscape: { en: 'bad escape "{escape}" (use \\n, \\t, \\\\ or \\xHH)', 'pt-BR': 'sequência de escape inválida "{escape}" (use \\n, \\t, \\\\ ou \\xHH)' },
  badQuotedEscape: { en: 'bad escape "{escape}" in a quoted path (use \\n, \\t, \\\\, \\" or \\xHH)', 'pt-BR': 'sequência de escape inválida "{escape}" num caminho entre aspas (use \\n, \\t, \\\\, \\" ou \\xHH)' },
  unclosedQuote: { en: 'a quoted path has no closing "', 'pt-BR': 'um caminho entre aspas não tem o " de fechamento' },
  afterQuote: { en: 'a quoted path must be followed by a space', 'pt-BR': 'um caminho entre aspas deve ser seguido de um espaço' },
  notUtf8: { en: 'a quoted path must be UTF-8 text (its \\xHH bytes are not)', 'pt-BR': 'um caminho entre aspas deve ser texto UTF-8 (os bytes \\xHH dele não são)' },
  rawOnly: {
    en: '"{op}" only builds raw layers: write it as "L0: {op} ..." or "U: {op} ..."',
    'pt-BR': '"{op}" só serve para preparar camadas cruas: escreva "L0: {op} ..." ou "U: {op} ..."',
  },
  badFlags: {
    en: 'bad open flags "{value}" (e.g. O_WRONLY|O_CREAT|O_TRUNC; known: {known})',
    'pt-BR': 'flags de open inválidas "{value}" (ex.: O_WRONLY|O_CREAT|O_TRUNC; conhecidas: {known})',
  },
  badTime: { en: 'bad time "{value}" (seconds since 1970, or now)', 'pt-BR': 'tempo inválido "{value}" (segundos desde 1970, ou now)' },
  badAs: { en: 'bad user "{value}" after "as" (UID or UID:GID, e.g. 1000:1000)', 'pt-BR': 'usuário inválido "{value}" depois de "as" (UID ou UID:GID, ex.: 1000:1000)' },
  mountOnly: {
    en: '"{op}" acts on the mount: it cannot build a raw layer or run as another user',
    'pt-BR': '"{op}" age sobre a montagem: não monta camada crua nem roda como outro usuário',
  },
  badRemount: {
    en: 'remount takes nothing, or -l and the new lower layers top first (U, L0, L1, ...): "{value}"',
    'pt-BR': 'remount não leva nada, ou -l e as novas camadas inferiores de cima para baixo (U, L0, L1, ...): "{value}"',
  },
  setupAfterOps: {
    en: 'layer setup lines must all come before the first merged operation',
    'pt-BR': 'as linhas de preparo de camada devem vir todas antes da primeira operação no merged',
  },
  tooManyLayers: {
    en: 'L{index} asks for more than {max} lower layers, the kernel limit',
    'pt-BR': 'L{index} pede mais de {max} camadas inferiores, o limite do kernel',
  },
} satisfies Record<string, Localized>;

const WHAT = {
  path: { en: 'a path', 'pt-BR': 'um caminho' },
  second: { en: 'a second path', 'pt-BR': 'um segundo caminho' },
  number: { en: 'a number', 'pt-BR': 'um número' },
  mode: { en: 'a mode', 'pt-BR': 'um modo' },
  owner: { en: 'UID:GID', 'pt-BR': 'UID:GID' },
  name: { en: 'an attribute name', 'pt-BR': 'um nome de atributo' },
  flags: { en: 'open flags', 'pt-BR': 'flags de open' },
} satisfies Record<string, Localized>;

const BAD_LINE = {
  en: 'scenario line {line}: {problem}',
  'pt-BR': 'cenário, linha {line}: {problem}',
};

/** A problem on a scenario line: one clear line in either language, exit status 2. */
export class ScenarioError extends OverlayLabError {
  constructor(
    readonly line: number,
    readonly problem: Localized,
    problemParams: Params = {},
  ) {
    super('ESCENARIO', BAD_LINE, { ...problemParams, line: String(line), problem: localize(problem, problemParams) });
  }
}

/**
 * Normalizes a scenario path: strips a leading `/`, drops empty and `.` parts, refuses `..`.
 * A trailing `/` is part of the path (SCENARIOS.md): it is kept, as one slash.
 * @example normalizePath('/a//b/./c') // 'a/b/c'
 * @example normalizePath('d/') // 'd/'
 */
export function normalizePath(raw: string): string | undefined {
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  const joined = parts.join('/');
  return joined !== '' && /\/$/.test(raw) ? `${joined}/` : joined;
}

/**
 * Reads scenario text (SCENARIOS.md) into setup and merged operations. Throws ScenarioError
 * naming the line and the problem.
 * @example parseScenario('L0: write f hi\\nrm f').ops[0].op // 'rm'
 */
export function parseScenario(text: string): Scenario {
  const setup: ScenarioOp[] = [];
  const ops: ScenarioOp[] = [];
  let lowersNamed = 0;
  const lines = text.split('\n');
  lines.forEach((rawLine, idx) => {
    const lineNo = idx + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    let rest = line;
    let layer: LayerRef | undefined;
    const m = /^(L(\d+)|U): /.exec(line);
    if (m) {
      if (m[1] === 'U') layer = { kind: 'upper' };
      else {
        const index = Number(m[2]);
        if (index >= MAX_LOWER_LAYERS) throw new ScenarioError(lineNo, PROBLEMS.tooManyLayers, { index: String(index), max: MAX_LOWER_LAYERS });
        layer = { kind: 'lower', index };
        lowersNamed = Math.max(lowersNamed, index + 1);
      }
      rest = line.slice(m[0].length);
      if (ops.length > 0) throw new ScenarioError(lineNo, PROBLEMS.setupAfterOps);
    }
    // `as UID[:GID] OP ...`: one merged operation with another user's credentials.
    let as: Cred | undefined;
    const asm = /^as (\S+) /.exec(rest);
    if (asm && !layer) {
      const c = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(asm[1]);
      if (!c) throw new ScenarioError(lineNo, PROBLEMS.badAs, { value: asm[1] });
      as = { uid: Number(c[1]), gid: Number(c[2] ?? c[1]) };
      rest = rest.slice(asm[0].length);
    }
    const op = parseOp(rest, lineNo);
    if (!layer && (op.op === 'whiteout' || op.op === 'opaque')) throw new ScenarioError(lineNo, PROBLEMS.rawOnly, { op: op.op });
    if ((layer || as) && MOUNT_ONLY.has(op.op)) throw new ScenarioError(lineNo, PROBLEMS.mountOnly, { op: op.op });
    const full: ScenarioOp = { ...op, line: lineNo, text: line, layer, ...(as ? { as } : {}) };
    (layer ? setup : ops).push(full);
  });
  return { setup, ops, lowersNamed };
}

type OpFields = Omit<ScenarioOp, 'line' | 'text' | 'layer'>;

/** Splits off the next space-separated word; returns [word, rest-after-one-space]. */
function word(s: string): [string, string | undefined] {
  const i = s.indexOf(' ');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** The readers of one line's fields, each refusing bad input with the line's number. */
function fieldReaders(op: OpName, line: number) {
  const need = (v: string | undefined, what: Localized): string => {
    if (v === undefined || v === '') {
      throw new ScenarioError(line, PROBLEMS.missingArg, { op, what });
    }
    return v;
  };
  const noMore = (v: string | undefined, what: Localized) => {
    if (v !== undefined && v !== '') {
      throw new ScenarioError(line, PROBLEMS.extraArg, { op, what });
    }
  };
  /** The next path (quoted or one word) and the rest of the line. */
  const pword = (s: string): [string, string | undefined] => {
    const r = pathWord(s);
    if ('error' in r) {
      if (r.error === 'unclosed') throw new ScenarioError(line, PROBLEMS.unclosedQuote);
      if (r.error === 'after') throw new ScenarioError(line, PROBLEMS.afterQuote);
      if (r.error === 'utf8') throw new ScenarioError(line, PROBLEMS.notUtf8);
      throw new ScenarioError(line, PROBLEMS.badQuotedEscape, { escape: 'escape' in r ? r.escape : r.error });
    }
    return [r.path, r.rest];
  };
  const path = (raw: string): string => {
    const p = normalizePath(raw);
    if (p === undefined) throw new ScenarioError(line, PROBLEMS.escapes, { path: raw });
    if (p === '') throw new ScenarioError(line, PROBLEMS.emptyPath, { path: raw });
    return p;
  };
  const mode = (raw: string): number => {
    if (!/^[0-7]{1,4}$/.test(raw)) throw new ScenarioError(line, PROBLEMS.badMode, { value: raw });
    return parseInt(raw, 8);
  };
  const num = (raw: string): number => {
    if (!/^\d{1,15}$/.test(raw)) throw new ScenarioError(line, PROBLEMS.badNumber, { value: raw });
    return Number(raw);
  };
  const bytes = (raw: string): Uint8Array => {
    const d = decodeContent(raw);
    if (!(d instanceof Uint8Array)) throw new ScenarioError(line, PROBLEMS.badEscape, { escape: d.escape });
    return d;
  };
  return { need, noMore, pword, path, mode, num, bytes };
}

function parseOp(text: string, line: number): OpFields {
  const [name, after] = word(text);
  if (!(name in OP_SHAPES)) {
    throw new ScenarioError(line, PROBLEMS.unknownOp, { op: name, known: Object.keys(OP_SHAPES).join(', ') });
  }
  const op = name as OpName;
  const shape = OP_SHAPES[op];
  const { need, noMore, pword, path, mode, num, bytes } = fieldReaders(op, line);

  const flags = (raw: string): OpenFlags => {
    const names = raw.split('|');
    const known = new Set<string>(OPEN_FLAGS);
    if (raw === '' || names.some((n) => !known.has(n))) throw new ScenarioError(line, PROBLEMS.badFlags, { value: raw, known: OPEN_FLAGS.join(', ') });
    const has = (f: OpenFlag) => names.includes(f);
    const modes = (['O_RDONLY', 'O_WRONLY', 'O_RDWR'] as const).filter(has);
    if (modes.length > 1) throw new ScenarioError(line, PROBLEMS.badFlags, { value: raw, known: OPEN_FLAGS.join(', ') });
    const access = modes[0] === 'O_WRONLY' ? 'w' : modes[0] === 'O_RDWR' ? 'rw' : 'r';
    return { access, create: has('O_CREAT'), excl: has('O_EXCL'), trunc: has('O_TRUNC'), append: has('O_APPEND'), directory: has('O_DIRECTORY'), nofollow: has('O_NOFOLLOW') };
  };

  switch (shape) {
    case 'path+time': {
      const [p, n] = pword(need(after, WHAT.path));
      const [v, more] = word(need(n, WHAT.number));
      noMore(more, WHAT.number);
      if (v === 'now') return { op, path: path(p), now: true };
      if (!/^\d{1,15}$/.test(v)) throw new ScenarioError(line, PROBLEMS.badTime, { value: v });
      return { op, path: path(p), number: Number(v) };
    }
    case 'path+flags+content?': {
      const [p, r] = pword(need(after, WHAT.path));
      const [f, content] = word(need(r, WHAT.flags));
      return { op, path: path(p), flags: flags(f), ...(content === undefined ? {} : { data: bytes(content) }) };
    }
    case 'remount': {
      if (after === undefined || after === '') return { op, path: '' };
      const words = after.split(' ');
      if (words[0] !== '-l' || words.length < 2 || words.slice(1).some((w) => !/^(U|L\d+)$/.test(w))) {
        throw new ScenarioError(line, PROBLEMS.badRemount, { value: after });
      }
      return { op, path: '', remountLowers: words.slice(1) };
    }
    case 'path': {
      const [p, more] = pword(need(after, WHAT.path));
      noMore(more, WHAT.path);
      return { op, path: path(p) };
    }
    case 'path+content': {
      const [p, content] = pword(need(after, WHAT.path));
      return { op, path: path(p), data: bytes(content ?? '') };
    }
    case 'path+number': {
      const [p, n] = pword(need(after, WHAT.path));
      const [v, more] = word(need(n, WHAT.number));
      noMore(more, WHAT.number);
      return { op, path: path(p), number: num(v) };
    }
    case 'path+mode?': {
      const [p, m] = pword(need(after, WHAT.path));
      if (m === undefined || m === '') return { op, path: path(p) };
      const [v, more] = word(m);
      noMore(more, WHAT.mode);
      return { op, path: path(p), number: mode(v) };
    }
    case 'path+path': {
      const [a, b] = pword(need(after, WHAT.path));
      const [p2, more] = pword(need(b, WHAT.second));
      noMore(more, WHAT.second);
      return { op, path: path(a), path2: path(p2) };
    }
    case 'mode+path': {
      const [m, p] = word(need(after, WHAT.mode));
      const [p1, more] = pword(need(p, WHAT.path));
      noMore(more, WHAT.path);
      return { op, number: mode(m), path: path(p1) };
    }
    case 'owner+path': {
      const [o, p] = word(need(after, WHAT.owner));
      const om = /^(\d{1,10}):(\d{1,10})$/.exec(o);
      if (!om) throw new ScenarioError(line, PROBLEMS.badOwner, { value: o });
      const [p1, more] = pword(need(p, WHAT.path));
      noMore(more, WHAT.path);
      return { op, uid: Number(om[1]), gid: Number(om[2]), path: path(p1) };
    }
    case 'target+path': {
      const [t, p] = pword(need(after, WHAT.path));
      const [p1, more] = pword(need(p, WHAT.second));
      noMore(more, WHAT.second);
      return { op, target: t, data: new TextEncoder().encode(t), path: path(p1) };
    }
    case 'path+name+value': {
      const [p, r] = pword(need(after, WHAT.path));
      const [n, v] = word(need(r, WHAT.name));
      return { op, path: path(p), name: n, data: bytes(v ?? '') };
    }
  }
}
