/**
 * The write side of the scenario language: a line from an operation and its fields, as a
 * program (the playground's form, a generator) builds it. Paths are quoted where they need it
 * and content encoded, so parseScenario reads back exactly what was given.
 */
import { encodeContent } from './content';
import { OP_SHAPES, type ArgShape, type Cred, type LayerRef, type OpName } from './ops';
import { quotePath } from './quote';

/** A field of a line, by what it holds. */
export type FieldName = 'path' | 'to' | 'target' | 'content' | 'number' | 'time' | 'flags' | 'mode' | 'owner' | 'name' | 'value' | 'lowers';

/** The fields each argument shape takes, in the order they are written; `?` marks an optional one. */
export const SHAPE_FIELDS: Record<ArgShape, readonly FieldName[]> = {
  path: ['path'],
  'path+content': ['path', 'content'],
  'path+number': ['path', 'number'],
  'path+time': ['path', 'time'],
  'path+flags+content?': ['path', 'flags', 'content'],
  remount: ['lowers'],
  'path+mode?': ['path', 'mode'],
  'path+path': ['path', 'to'],
  'mode+path': ['mode', 'path'],
  'owner+path': ['owner', 'path'],
  'target+path': ['target', 'path'],
  'path+name+value': ['path', 'name', 'value'],
};

/** Fields a line may leave out. */
const OPTIONAL: Partial<Record<ArgShape, FieldName>> = { 'path+mode?': 'mode', 'path+flags+content?': 'content', remount: 'lowers' };

/**
 * The fields an operation takes, in order, and which of them may be left out.
 * @example opFields('rename') // [{ name: 'path', optional: false }, { name: 'to', optional: false }]
 */
export function opFields(op: OpName): { name: FieldName; optional: boolean }[] {
  const shape = OP_SHAPES[op];
  return SHAPE_FIELDS[shape].map((name) => ({ name, optional: OPTIONAL[shape] === name }));
}

const PATHS: ReadonlySet<FieldName> = new Set(['path', 'to', 'target']);
const TEXT: ReadonlySet<FieldName> = new Set(['content', 'value']);

/**
 * One scenario line. Path fields are quoted when they hold a space, a quote, a backslash or a
 * control byte; content and xattr values are encoded (newline -> `\n`); the rest is written
 * as given, trimmed. An empty optional field is left out.
 * @example scenarioLine('write', { path: 'meu arquivo.txt', content: 'oi\n' }) // 'write "meu arquivo.txt" oi\\n'
 * @example scenarioLine('write', { path: 'f', content: 'x' }, { kind: 'lower', index: 0 }) // 'L0: write f x'
 */
export function scenarioLine(op: OpName, fields: Partial<Record<FieldName, string>>, layer?: LayerRef, as?: Cred): string {
  const words: string[] = as ? ['as', `${as.uid}:${as.gid}`, op] : [op];
  for (const { name, optional } of opFields(op)) {
    const raw = fields[name] ?? '';
    if (PATHS.has(name)) words.push(quotePath(raw));
    else if (optional && raw === '') continue;
    else if (TEXT.has(name)) words.push(encodeContent(raw));
    else if (name === 'lowers') words.push(`-l ${raw.trim()}`);
    else if (!(optional && raw.trim() === '')) words.push(raw.trim());
  }
  const prefix = layer === undefined ? '' : layer.kind === 'upper' ? 'U: ' : `L${layer.index}: `;
  return prefix + words.join(' ');
}
