import { OverlayLabError } from '../i18n/errors';

/** What a command accepts: flags that take a value (repeatable or not) and boolean flags. */
export interface ArgSpec {
  /** Flags taking a value, e.g. { '-l': 'many', '-u': 'one' }. Long aliases map to the short name. */
  values?: Record<string, 'one' | 'many'>;
  booleans?: string[];
  aliases?: Record<string, string>;
}

export interface ParsedArgs {
  positional: string[];
  values: Record<string, string[]>;
  flags: Set<string>;
}

/**
 * Parses argv the POSIX way: flags may come before or after positionals, `--` ends flags,
 * `-` alone is a positional (standard input), `--flag=value` is accepted for long flags.
 * @example parseArgs(['run', 'x', '-l', 'a'], { values: { '-l': 'many' } })
 */
export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: {}, flags: new Set() };
  const values = spec.values ?? {};
  const booleans = new Set(spec.booleans ?? []);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      out.positional.push(arg);
      continue;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const name = spec.aliases?.[arg] ?? arg;
    if (booleans.has(name)) {
      out.flags.add(name);
      continue;
    }
    const arity = values[name];
    if (!arity) {
      throw new OverlayLabError(
        'EUSAGE',
        { en: 'unknown option {opt}', 'pt-BR': 'opção desconhecida {opt}' },
        { opt: arg },
        { en: 'Run with --help to see the options.', 'pt-BR': 'Rode com --help para ver as opções.' },
      );
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      throw new OverlayLabError(
        'EUSAGE',
        { en: 'option {opt} needs a value', 'pt-BR': 'a opção {opt} precisa de um valor' },
        { opt: arg },
      );
    }
    const list = (out.values[name] ??= []);
    if (arity === 'one' && list.length > 0) {
      throw new OverlayLabError(
        'EUSAGE',
        { en: 'option {opt} was given twice', 'pt-BR': 'a opção {opt} foi dada duas vezes' },
        { opt: arg },
      );
    }
    list.push(value);
  }
  return out;
}
