import type { Command } from '../command';
import { parseArgs } from '../args';
import { line, usageError, writeJson } from '../docker-options';
import { OverlayLabError } from '../../i18n/errors';
import { formatBytes, say } from '../../i18n/format';
import { layerDiff, type DiffKind } from '../../image/layer-diff';
import { openImage } from '../../image/node';
import { renderTable } from '../../render/table';
import { IMAGE_ARGS, IMAGE_USAGE, imageFilter, imageLoadOptions, printWarnings, shortStep } from './archive';

const USAGE = `overlay-lab layer-diff --image FILE|DIR|NAME [LAYER] [--json] [--prefix PATH] [--min-size SIZE]
  --image FILE|DIR|NAME  a docker save archive, an OCI layout directory, or a local image of the engine
  LAYER                  one layer, 1 = the base (default: every layer, bottom to top)
${IMAGE_USAGE}`;

const SIGN: Record<DiffKind, string> = { added: '+', modified: '~', deleted: '-', opaque: '■' };

const TEXT = {
  layer: { en: 'Layer {n}/{total} {diff}: {step}', 'pt-BR': 'Camada {n}/{total} {diff}: {step}' },
  head: { en: 'CHANGE|PATH|TYPE|SIZE|HIDES', 'pt-BR': 'MUDANÇA|CAMINHO|TIPO|TAMANHO|ESCONDE' },
  totals: {
    en: '{added} added ({addedBytes}), {modified} changed ({modifiedBytes}), {deleted} deleted, {opaque} opaque; hides {hiddenBytes} of the layers below.',
    'pt-BR':
      '{added, plural, =0 {0 adicionados} one {# adicionado} other {# adicionados}} ({addedBytes}), {modified, plural, =0 {0 mudados} one {# mudado} other {# mudados}} ({modifiedBytes}), {deleted, plural, =0 {0 apagados} one {# apagado} other {# apagados}}, {opaque, plural, =0 {0 opacos} one {# opaco} other {# opacos}}; esconde {hiddenBytes} das camadas de baixo.',
  },
  legend: { en: '+ added  ~ changed  - deleted (whiteout)  ■ opaque directory', 'pt-BR': '+ adicionado  ~ mudado  - apagado (whiteout)  ■ diretório opaco' },
  whiteout: { en: 'whiteout', 'pt-BR': 'whiteout' },
};

export const layerDiffCommand: Command = {
  name: 'layer-diff',
  summary: {
    en: 'what each layer of an image adds, changes and deletes, with sizes (filters by path prefix and size)',
    'pt-BR': 'o que cada camada de uma imagem adiciona, muda e apaga, com tamanhos (filtros por prefixo de caminho e tamanho)',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { ...IMAGE_ARGS, values: { ...IMAGE_ARGS.values, '--image': 'one' } });
    const spec = args.values['--image']?.[0];
    if (!spec || args.positional.length > 1) throw usageError(USAGE);
    const filter = imageFilter(args);
    const image = await openImage(spec, ctx.env, imageLoadOptions(args));
    const wanted = args.positional[0];
    const n = image.layers.length;
    if (wanted !== undefined && !(/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= n)) {
      throw new OverlayLabError('EUSAGE', { en: 'no layer {layer}: this image has {n, plural, one {only layer 1} other {layers 1 to #}}', 'pt-BR': 'não há camada {layer}: esta imagem tem {n, plural, one {só a camada 1} other {as camadas 1 a #}}' }, { layer: wanted, n }, undefined, 64);
    }
    const positions = wanted ? [Number(wanted)] : image.layers.map((l) => l.position);
    const diffs = positions.map((p) => layerDiff(image, p, filter));
    if (args.flags.has('--json')) {
      writeJson(ctx, { image: image.ref ?? image.source, layers: diffs });
      return 0;
    }
    printWarnings(ctx, image);
    for (const d of diffs) {
      line(ctx, TEXT.layer, { n: d.position, total: n, diff: (image.layers[d.position - 1].diffId ?? '').slice(7, 19), step: shortStep(d.createdBy, 70) });
      const rows = d.entries.map((e) => [
        SIGN[e.kind],
        e.path,
        e.entry.type === 'c' && e.kind === 'deleted' ? say(TEXT.whiteout, ctx.lang) : e.entry.type === 'l' ? `l -> ${e.entry.target}` : e.entry.type,
        e.entry.type === 'f' ? formatBytes(e.entry.size, ctx.lang) : '',
        e.hiddenBytes ? formatBytes(e.hiddenBytes, ctx.lang) : '',
      ]);
      if (rows.length) ctx.out(renderTable(say(TEXT.head, ctx.lang).split('|'), rows, { align: ['left', 'left', 'left', 'right', 'right'] }));
      const t = d.totals;
      line(ctx, TEXT.totals, { ...t, addedBytes: formatBytes(t.addedBytes, ctx.lang), modifiedBytes: formatBytes(t.modifiedBytes, ctx.lang), hiddenBytes: formatBytes(t.hiddenBytes, ctx.lang) });
      ctx.out('\n');
    }
    line(ctx, TEXT.legend);
    return 0;
  },
};
