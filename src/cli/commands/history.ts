import type { Command } from '../command';
import { parseArgs } from '../args';
import { line, usageError, writeJson } from '../docker-options';
import { formatBytes, say } from '../../i18n/format';
import type { Localized } from '../../i18n/lang';
import { pathHistory, type PathAction } from '../../image/history';
import { openImage } from '../../image/node';
import type { EntryFacts } from '../../image/stack';
import { renderTable } from '../../render/table';
import { IMAGE_ARGS, imageLoadOptions, printWarnings, shortStep } from './archive';

const USAGE = `overlay-lab history PATH --image FILE|DIR|NAME [--json] [--ref TAG]
  PATH                   a path inside the image, e.g. /etc/passwd
  --image FILE|DIR|NAME  a docker save archive, an OCI layout directory, or a local image of the engine
  --json                 machine-readable output
  --ref TAG              which image of an archive that holds several`;

const ACTIONS: Record<PathAction, Localized> = {
  adds: { en: 'adds', 'pt-BR': 'adiciona' },
  overwrites: { en: 'overwrites', 'pt-BR': 'sobrescreve' },
  modifies: { en: 'modifies', 'pt-BR': 'modifica' },
  deletes: { en: 'deletes', 'pt-BR': 'apaga' },
};

const HOW: Record<'whiteout' | 'replaced' | 'opaque', Localized> = {
  whiteout: { en: 'whiteout of {path}', 'pt-BR': 'whiteout de {path}' },
  replaced: { en: '{path} is no longer a directory', 'pt-BR': '{path} deixou de ser diretório' },
  opaque: { en: 'opaque directory {path}', 'pt-BR': 'diretório opaco {path}' },
};

const TEXT = {
  title: {
    en: '{path} in {image}: {n, plural, =0 {no layer touches it} one {# layer touches it} other {# layers touch it, bottom to top}}',
    'pt-BR': '{path} em {image}: {n, plural, =0 {nenhuma camada mexe nele} one {# camada mexe nele} other {# camadas mexem nele, de baixo para cima}}',
  },
  head: { en: 'LAYER|ACTION|ENTRY|SIZE|SHA256|CREATED BY', 'pt-BR': 'CAMADA|AÇÃO|ENTRADA|TAMANHO|SHA256|CRIADA POR' },
  shown: { en: "The merged view shows layer {n}'s entry: {entry}.", 'pt-BR': 'O merged mostra a entrada da camada {n}: {entry}.' },
  hidden: { en: 'The merged view does not show it.', 'pt-BR': 'O merged não mostra esse caminho.' },
  never: { en: 'No layer of this image has it.', 'pt-BR': 'Nenhuma camada desta imagem tem esse caminho.' },
  nothing: { en: '(nothing below to hide)', 'pt-BR': '(nada abaixo para esconder)' },
};

const facts = (f: EntryFacts | undefined) =>
  !f ? '' : f.type === 'l' ? `l -> ${f.target}` : `${f.type} ${(f.mode & 0o7777).toString(8).padStart(4, '0')} ${f.uid}:${f.gid}`;

export const historyCommand: Command = {
  name: 'history',
  summary: {
    en: 'where a path of an image comes from: every layer that adds, overwrites or deletes it, and which one the merged view shows',
    'pt-BR': 'de onde vem um caminho de uma imagem: cada camada que o adiciona, sobrescreve ou apaga, e qual delas o merged mostra',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { ...IMAGE_ARGS, values: { ...IMAGE_ARGS.values, '--image': 'one' } });
    const path = args.positional[0];
    const spec = args.values['--image']?.[0];
    if (!path || !spec || args.positional.length > 1) throw usageError(USAGE);
    const image = await openImage(spec, ctx.env, imageLoadOptions(args));
    const h = pathHistory(image, path);
    if (args.flags.has('--json')) {
      writeJson(ctx, { image: image.ref ?? image.source, ...h });
      return 0;
    }
    line(ctx, TEXT.title, { path: h.path, image: image.ref ?? image.source, n: h.events.length });
    printWarnings(ctx, image);
    if (h.events.length === 0) {
      line(ctx, TEXT.never);
      return 0;
    }
    const rows = h.events.map((e) => [
      String(e.position),
      say(ACTIONS[e.action], ctx.lang),
      e.via ? say(HOW[e.via.how], ctx.lang, { path: e.via.path }) : e.nothingBelow ? say(TEXT.nothing, ctx.lang) : facts(e.entry),
      e.entry?.type === 'f' ? formatBytes(e.entry.size, ctx.lang) : '',
      e.entry?.sha256?.slice(0, 12) ?? '',
      shortStep(e.createdBy, 50),
    ]);
    ctx.out('\n' + renderTable(say(TEXT.head, ctx.lang).split('|'), rows, { align: ['right', 'left', 'left', 'right', 'left', 'left'] }) + '\n');
    if (h.shownBy !== undefined && h.merged) {
      const m = h.merged;
      line(ctx, TEXT.shown, { n: h.shownBy, entry: `${facts(m)}${m.type === 'f' ? `, ${formatBytes(m.size, ctx.lang)}, sha256 ${m.sha256?.slice(0, 12)}` : ''}` });
    } else line(ctx, TEXT.hidden);
    return 0;
  },
};
