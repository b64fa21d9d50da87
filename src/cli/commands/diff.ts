import { readFile } from 'node:fs/promises';
import type { Command } from '../command';
import { parseArgs } from '../args';
import { HOST_ARGS, HOST_USAGE, hostOptions, line, usageError, writeJson } from '../docker-options';
import { inspectHost } from '../../docker/inspect';
import { compareSnapshots, isStoreSnapshot, takeSnapshot, withoutHelpers, type StoreSnapshot } from '../../docker/store/snapshot';
import { EXIT } from '../../docker/errors';
import { OverlayLabError } from '../../i18n/errors';
import { roleCounts } from '../../docker/store/role-counts';
import { formatBytes, say } from '../../i18n/format';
import { renderTable } from '../../render/table';
import { roleCountsText, roleText, shortDir } from '../../render/overlay2-text';

const USAGE = `overlay-lab diff BEFORE.json [AFTER.json] [--json] [--access WAY]
  BEFORE.json, AFTER.json  snapshots from overlay-lab snapshot (AFTER defaults to the store now; - reads standard input)
${HOST_USAGE}`;

const TEXT = {
  summary: {
    en: '{added, plural, one {# new directory} other {# new directories}} ({roles}), {removed} removed, {changed} changed size',
    'pt-BR':
      '{added, plural, =0 {0 diretórios novos} one {# diretório novo} other {# diretórios novos}} ({roles}), {removed, plural, =0 {0 removidos} one {# removido} other {# removidos}}, {changed, plural, =0 {0 mudaram de tamanho} one {# mudou de tamanho} other {# mudaram de tamanho}}',
  },
  head: { en: 'CHANGE|DIR|OWNER AND ROLE|SIZE', 'pt-BR': 'MUDANÇA|DIR|DONO E PAPEL|TAMANHO' },
  new: { en: 'new', 'pt-BR': 'novo' },
  gone: { en: 'removed', 'pt-BR': 'removido' },
  grew: { en: 'size', 'pt-BR': 'tamanho' },
  images: { en: 'Images: +{added} -{removed} {names}', 'pt-BR': 'Imagens: +{added} -{removed} {names}' },
  containers: { en: 'Containers: +{added} -{removed} {names}', 'pt-BR': 'Contêineres: +{added} -{removed} {names}' },
  bad: { en: '{file} is not an overlay-lab snapshot.', 'pt-BR': '{file} não é um snapshot do overlay-lab.' },
  badHint: { en: 'Make one with overlay-lab snapshot -o FILE.', 'pt-BR': 'Crie um com overlay-lab snapshot -o ARQUIVO.' },
};

export const diffCommand: Command = {
  name: 'diff',
  summary: {
    en: 'compare two snapshots of the store (or one with now) and attribute every new directory',
    'pt-BR': 'compara dois snapshots do armazenamento (ou um com o agora) e atribui cada diretório novo',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, HOST_ARGS);
    if (args.positional.length < 1 || args.positional.length > 2) throw usageError(USAGE);
    const read = async (file: string): Promise<StoreSnapshot> => {
      let value: unknown;
      try {
        value = JSON.parse(file === '-' ? await ctx.readStdin() : await readFile(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          throw new OverlayLabError('ENOENT', { en: 'no such file: {file}', 'pt-BR': 'arquivo inexistente: {file}' }, { file }, undefined, EXIT.noInput);
        value = undefined;
      }
      if (!isStoreSnapshot(value)) throw new OverlayLabError('EBADSNAPSHOT', TEXT.bad, { file }, TEXT.badHint, EXIT.data);
      return value;
    };
    const before = await read(args.positional[0]);
    const after = args.positional[1] ? await read(args.positional[1]) : takeSnapshot((await inspectHost(hostOptions(args, ctx, false))).model);
    const d = compareSnapshots(withoutHelpers(before), withoutHelpers(after));
    if (args.flags.has('--json')) {
      writeJson(ctx, d);
      return 0;
    }
    const lang = ctx.lang;
    line(ctx, TEXT.summary, { added: d.added.length, roles: roleCountsText(roleCounts(d.added), lang), removed: d.removed.length, changed: d.changed.length });
    const rows = [
      ...d.added.map((x) => [say(TEXT.new, lang), shortDir(x.id), roleText(x.role, lang), formatBytes(x.bytes, lang)]),
      ...d.removed.map((x) => [say(TEXT.gone, lang), shortDir(x.id), roleText(x.role, lang), formatBytes(x.bytes, lang)]),
      ...d.changed.map((x) => [say(TEXT.grew, lang), shortDir(x.id), roleText(x.role, lang), `${formatBytes(x.before, lang)} -> ${formatBytes(x.after, lang)}`]),
    ];
    if (rows.length) ctx.out('\n' + renderTable(say(TEXT.head, lang).split('|'), rows) + '\n');
    line(ctx, TEXT.images, { added: d.imagesAdded.length, removed: d.imagesRemoved.length, names: [...d.imagesAdded, ...d.imagesRemoved].map((i) => i.name).join(', ') });
    line(ctx, TEXT.containers, { added: d.containersAdded.length, removed: d.containersRemoved.length, names: [...d.containersAdded, ...d.containersRemoved].map((c) => c.name).join(', ') });
    return 0;
  },
};
