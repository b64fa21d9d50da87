import { writeFile } from 'node:fs/promises';
import type { Command } from '../command';
import { parseArgs } from '../args';
import { HOST_ARGS, HOST_USAGE, hostOptions, line, writeJson } from '../docker-options';
import { inspectHost } from '../../docker/inspect';
import { takeSnapshot } from '../../docker/store/snapshot';

const USAGE = `overlay-lab snapshot [-o FILE] [--access WAY] [--simulated]
  -o, --output FILE      write the snapshot there (default: standard output)
${HOST_USAGE}`;

const TEXT = {
  wrote: {
    en: 'Snapshot of {n, plural, one {# directory} other {# directories}} written to {file}. After an action (pull, run, build), compare: overlay-lab diff {file}',
    'pt-BR': 'Snapshot de {n, plural, one {# diretório} other {# diretórios}} gravado em {file}. Depois de uma ação (pull, run, build), compare: overlay-lab diff {file}',
  },
};

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: {
    en: "record the store's directories and their owners (JSON), to compare later with overlay-lab diff",
    'pt-BR': 'registra os diretórios do armazenamento e seus donos (JSON), para comparar depois com overlay-lab diff',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: { ...HOST_ARGS.values, '-o': 'one' }, booleans: HOST_ARGS.booleans, aliases: { ...HOST_ARGS.aliases, '--output': '-o' } });
    // A snapshot of the simulated host only when asked: a fallback would compare apples with oranges.
    const { model } = await inspectHost(hostOptions(args, ctx, false));
    const snap = takeSnapshot(model);
    const file = args.values['-o']?.[0];
    if (!file || file === '-') {
      writeJson(ctx, snap);
      return 0;
    }
    await writeFile(file, JSON.stringify(snap, null, 2) + '\n');
    line(ctx, TEXT.wrote, { n: snap.dirs.length, file });
    return 0;
  },
};
