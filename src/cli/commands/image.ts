import type { Command } from '../command';
import { parseArgs } from '../args';
import { HOST_ARGS, HOST_USAGE, hostOptions, line, usageError, writeJson } from '../docker-options';
import { inspectImage } from '../../docker/inspect';
import { countChanges } from '../../docker/store/changes';
import { formatBytes, say } from '../../i18n/format';
import { renderTable } from '../../render/table';
import { mermaidStack } from '../../render/mermaid-stack';
import { hostHeader, shortDir } from '../../render/overlay2-text';

const USAGE = `overlay-lab image NAME [--mermaid] [--json] [--access WAY] [--simulated|--live]
  --mermaid              print the stack as a Mermaid diagram
${HOST_USAGE}`;

const TEXT = {
  title: { en: 'Image {name} ({id}): {n, plural, one {# layer} other {# layers}}, top to bottom', 'pt-BR': 'Imagem {name} ({id}): {n, plural, one {# camada} other {# camadas}}, de cima para baixo' },
  head: { en: 'LAYER|DIR|LINK (l/)|SIZE|ADDS ~CHANGES -DELETES ■OPAQUE|ALSO IN', 'pt-BR': 'CAMADA|DIR|LINK (l/)|TAMANHO|ADIC ~MUDA -APAGA ■OPACO|TAMBÉM EM' },
  reading: {
    en: 'A container of this image mounts these directories as lowerdir, top first; each is l/<link> -> ../<dir>/diff.',
    'pt-BR': 'Um contêiner desta imagem monta estes diretórios como lowerdir, o de cima primeiro; cada um é l/<link> -> ../<dir>/diff.',
  },
  layer: { en: 'layer {pos}', 'pt-BR': 'camada {pos}' },
  missing: { en: '(not in layerdb)', 'pt-BR': '(fora do layerdb)' },
  group: { en: 'image {name}', 'pt-BR': 'imagem {name}' },
  note: { en: 'Note: {text}', 'pt-BR': 'Nota: {text}' },
};

export const imageCommand: Command = {
  name: 'image',
  summary: {
    en: "an image's layer stack, top to bottom: directories, links, sizes, what each layer changes (--mermaid for a diagram)",
    'pt-BR': 'a pilha de camadas de uma imagem, de cima para baixo: diretórios, links, tamanhos, o que cada camada muda (--mermaid para um diagrama)',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { ...HOST_ARGS, booleans: [...(HOST_ARGS.booleans ?? []), '--mermaid'] });
    const name = args.positional[0];
    if (!name || args.positional.length > 1) throw usageError(USAGE);
    const view = await inspectImage(name, hostOptions(args, ctx));
    const { image, layerChanges, model } = view;
    if (args.flags.has('--json')) {
      writeJson(ctx, { source: model.source, access: model.access, storePath: model.storePath, image, layerChanges, disagreements: model.disagreements.filter((d) => d.subject.startsWith(`image ${image.name}`)) });
      return 0;
    }
    const top = [...image.layers].reverse();
    const counts = (pos: number) => {
      const c = layerChanges[pos];
      if (!c) return '-';
      const n = countChanges(c);
      return `+${n.added} ~${n.modified} -${n.deleted} ■${n.opaque}`;
    };
    if (args.flags.has('--mermaid')) {
      ctx.out(
        mermaidStack(
          top.map((l) => ({
            id: l.dir ?? l.chainId,
            lines: [say(TEXT.layer, ctx.lang, { pos: l.position }), `${shortDir(l.dir)} (l/${l.link ?? '?'})`, `${formatBytes(l.bytes ?? l.size, ctx.lang)} ${counts(l.position)}`],
            group: say(TEXT.group, ctx.lang, { name: image.name }),
            kind: 'lower',
          })),
          { classes: { lower: 'fill:#e0f2fe,stroke:#0369a1' } },
        ),
      );
      return 0;
    }
    ctx.out(hostHeader(model, ctx.lang, view.simulatedBecause?.render(ctx.lang)) + '\n');
    if (view.accessNote) line(ctx, TEXT.note, { text: view.accessNote[ctx.lang] });
    line(ctx, TEXT.title, { name: image.name, id: image.id.slice(7, 19), n: image.layers.length });
    const rows = top.map((l) => [
      String(l.position),
      l.dir ? shortDir(l.dir) : say(TEXT.missing, ctx.lang),
      l.link ?? '-',
      formatBytes(l.bytes ?? l.size, ctx.lang),
      counts(l.position),
      l.sharedWith.filter((s) => /[:/]/.test(s)).join(', '),
    ]);
    ctx.out('\n' + renderTable(say(TEXT.head, ctx.lang).split('|'), rows, { align: ['right', 'left', 'left', 'right', 'left', 'left'] }) + '\n');
    line(ctx, TEXT.reading);
    return 0;
  },
};
