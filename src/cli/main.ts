#!/usr/bin/env node
import { OverlayLabError } from '../i18n/errors';
import { pickLang, type Lang } from '../i18n/lang';
import { say } from '../i18n/format';
import type { CliContext } from './command';
import { commands } from './commands';

const HELP = {
  en: 'overlay-lab: learn and inspect how Docker stores container file systems (overlay2, OverlayFS).\n\nUsage: overlay-lab COMMAND [options]   (--lang pt-BR|en, or LANG)\n\nCommands:',
  'pt-BR':
    'overlay-lab: aprenda e inspecione como o Docker guarda o sistema de arquivos dos contêineres (overlay2, OverlayFS).\n\nUso: overlay-lab COMANDO [opções]   (--lang pt-BR|en, ou LANG)\n\nComandos:',
};

/** Takes `--lang X` / `--lang=X` out of argv wherever it stands. */
function takeLangFlag(argv: string[]): { argv: string[]; flag?: string } {
  const rest: string[] = [];
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') flag = argv[++i];
    else if (argv[i].startsWith('--lang=')) flag = argv[i].slice(7);
    else rest.push(argv[i]);
  }
  return { argv: rest, flag };
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Runs one command line; returns the exit status. Exported for tests. */
export async function main(rawArgv: string[], partial: Partial<CliContext> = {}): Promise<number> {
  const { argv, flag } = takeLangFlag(rawArgv);
  const env = partial.env ?? process.env;
  const lang: Lang = pickLang(env, flag);
  const ctx: CliContext = {
    lang,
    env,
    out: partial.out ?? ((t) => process.stdout.write(t)),
    err: partial.err ?? ((t) => process.stderr.write(t)),
    readStdin: partial.readStdin ?? readStdin,
    isTTY: partial.isTTY ?? Boolean(process.stdout.isTTY),
  };
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(...commands.map((c) => c.name.length));
    ctx.out(`${HELP[lang]}\n`);
    for (const c of commands) ctx.out(`  ${c.name.padEnd(width)}  ${say(c.summary, lang)}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    ctx.err(
      say(
        {
          en: 'overlay-lab: unknown command "{name}". Run overlay-lab --help for the list.',
          'pt-BR': 'overlay-lab: comando desconhecido "{name}". Rode overlay-lab --help para ver a lista.',
        },
        lang,
        { name },
      ) + '\n',
    );
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    ctx.out(`${say(command.summary, lang)}\n\n${typeof command.usage === 'string' ? command.usage : command.usage[lang]}\n`);
    return 0;
  }
  try {
    return await command.run(args, ctx);
  } catch (e) {
    if (e instanceof OverlayLabError) {
      ctx.err(`overlay-lab ${name}: ${e.render(lang)}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

if (require.main === module) {
  // The reader went away (a closed pipe, a terminal closed under the tour): what is left to do,
  // such as removing what the tour made, must still run, so a write nobody can read is dropped.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'EIO') throw e;
    });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`overlay-lab: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
