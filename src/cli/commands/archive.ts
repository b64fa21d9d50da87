import type { Command, CliContext } from '../command';
import { parseArgs, type ArgSpec, type ParsedArgs } from '../args';
import { line, usageError, writeJson } from '../docker-options';
import { OverlayLabError } from '../../i18n/errors';
import { formatBytes, say } from '../../i18n/format';
import type { LoadOptions, LoadedImage } from '../../image/image';
import type { PathFilter } from '../../image/filter';
import { parseSize } from '../../image/size';
import { layerDiffs } from '../../image/layer-diff';
import { wastedSpace } from '../../image/wasted';
import { imageMergedEntries, mergedSection, mergedTotals } from '../../image/merged';
import { loadImageArchive, loadImageDir } from '../../image/node';
import { renderTable } from '../../render/table';
import * as fs from 'node:fs';

/** Flags the image commands share: which image of an archive, filters, the gzip-bomb limit. */
export const IMAGE_ARGS: ArgSpec = {
  values: { '--ref': 'one', '--prefix': 'one', '--min-size': 'one', '--max-size': 'one', '--max-inflated': 'one' },
  booleans: ['--json'],
};

export const IMAGE_USAGE = `  --json                 machine-readable output
  --ref TAG              which image of an archive that holds several (default: the first)
  --prefix PATH          only paths under PATH
  --min-size SIZE        only entries of at least SIZE bytes (K, M, G: powers of 1024)
  --max-size SIZE        only entries of at most SIZE bytes
  --max-inflated SIZE    refuse gzip data that inflates past SIZE (default: 250x its size, at least 256M)`;

function sizeFlag(args: ParsedArgs, flag: string): number | undefined {
  const v = args.values[flag]?.[0];
  if (v === undefined) return undefined;
  const n = parseSize(v);
  if (n === undefined) {
    throw new OverlayLabError('EUSAGE', { en: '{flag} wants a size such as 512, 10K or 1.5M, not {value}', 'pt-BR': '{flag} quer um tamanho como 512, 10K ou 1.5M, não {value}' }, { flag, value: v }, undefined, 64);
  }
  return n;
}

/**
 * The library options of the shared flags. The CLI keeps only sizes and hashes (never the
 * bytes): every view it prints needs no more, and a big image then fits in little memory.
 * @example imageLoadOptions(parseArgs(['--ref', 'busybox:1'], IMAGE_ARGS))
 */
export function imageLoadOptions(args: ParsedArgs): LoadOptions {
  const max = sizeFlag(args, '--max-inflated');
  return { hashesOnly: true, ref: args.values['--ref']?.[0], ...(max !== undefined ? { maxInflatedBytes: max, maxInflateRatio: Infinity } : {}) };
}

/**
 * The path and size filter of the shared flags.
 * @example imageFilter(parseArgs(['--prefix', '/etc'], IMAGE_ARGS)) // { prefix: '/etc' }
 */
export function imageFilter(args: ParsedArgs): PathFilter {
  return { prefix: args.values['--prefix']?.[0], minSize: sizeFlag(args, '--min-size'), maxSize: sizeFlag(args, '--max-size') };
}

/**
 * Prints what the loader set aside (one "Note:" line each).
 * @example printWarnings(ctx, image)
 */
export function printWarnings(ctx: CliContext, image: LoadedImage): void {
  for (const w of image.warnings) line(ctx, { en: 'Note: {w}', 'pt-BR': 'Nota: {w}' }, { w: w[ctx.lang] });
}

/**
 * Cuts a build step to fit a table cell.
 * @example shortStep('/bin/sh -c echo hi') // 'echo hi'
 */
export function shortStep(s: string | undefined, max = 60): string {
  const t = (s ?? '').replace(/^\/bin\/sh -c (#\(nop\) )?/, '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const USAGE = `overlay-lab archive FILE|DIR [--merged] [--wasted] [--json] [--ref TAG] [--prefix PATH] [--min-size SIZE]
  FILE|DIR               a docker save archive (plain or gzip), an OCI archive, or an OCI image layout directory
  --merged               the merged view as the '## merged' section of the scenario report (M lines)
  --wasted               list the files hidden by later layers (wasted space), biggest first
${IMAGE_USAGE}`;

const TEXT = {
  title: {
    en: 'Image {name} ({format}, {n, plural, one {# layer} other {# layers}}, top to bottom), from {source}',
    'pt-BR': 'Imagem {name} ({format}, {n, plural, one {# camada} other {# camadas}}, de cima para baixo), de {source}',
  },
  head: { en: 'LAYER|DIFF ID|SIZE|+ADDS ~CHANGES -DELETES ■OPAQUE|WASTED|CREATED BY', 'pt-BR': 'CAMADA|DIFF ID|TAMANHO|+ADIC ~MUDA -APAGA ■OPACO|DESPERDÍCIO|CRIADA POR' },
  merged: {
    en: 'Merged view: {entries, plural, one {# entry} other {# entries}}, {files, plural, one {# regular file} other {# regular files}}, {bytes}.',
    'pt-BR': 'Merged: {entries, plural, =0 {0 entradas} one {# entrada} other {# entradas}}, {files, plural, =0 {0 arquivos regulares} one {# arquivo regular} other {# arquivos regulares}}, {bytes}.',
  },
  wasted: {
    en: 'Wasted space: {bytes} in {files, plural, one {# file} other {# files}} of lower layers that later layers overwrite or delete (still stored and pulled).',
    'pt-BR': 'Espaço desperdiçado: {bytes} em {files, plural, =0 {0 arquivos} one {# arquivo} other {# arquivos}} de camadas de baixo que camadas de cima sobrescrevem ou apagam (ainda guardados e baixados).',
  },
  others: { en: 'This archive also holds: {list} (choose with --ref).', 'pt-BR': 'Este arquivo também contém: {list} (escolha com --ref).' },
  wastedHead: { en: 'SIZE|PATH|IN LAYER|HIDDEN BY', 'pt-BR': 'TAMANHO|CAMINHO|NA CAMADA|ESCONDIDO POR' },
  overwritten: { en: 'layer {n} (overwritten)', 'pt-BR': 'camada {n} (sobrescrito)' },
  deleted: { en: 'layer {n} (deleted)', 'pt-BR': 'camada {n} (apagado)' },
};

/**
 * Loads FILE as an archive, or DIR as an image layout directory.
 * @example await loadArchiveOrDir('busybox.tar', { hashesOnly: true })
 */
export async function loadArchiveOrDir(spec: string, options: LoadOptions): Promise<LoadedImage> {
  return fs.existsSync(spec) && fs.statSync(spec).isDirectory() ? loadImageDir(spec, options) : loadImageArchive(spec, options);
}

export const archiveCommand: Command = {
  name: 'archive',
  summary: {
    en: 'a docker save archive or OCI layout in the engine: its layers, what each changes, wasted space (--merged: the merged view as report lines)',
    'pt-BR': 'um arquivo do docker save ou layout OCI no motor de união: suas camadas, o que cada uma muda, espaço desperdiçado (--merged: o merged em linhas de relatório)',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { ...IMAGE_ARGS, booleans: [...IMAGE_ARGS.booleans!, '--merged', '--wasted'] });
    const file = args.positional[0];
    if (!file || args.positional.length > 1) throw usageError(USAGE);
    const filter = imageFilter(args);
    const image = await loadArchiveOrDir(file, imageLoadOptions(args));
    const json = args.flags.has('--json');
    if (args.flags.has('--merged')) {
      const entries = imageMergedEntries(image, filter);
      if (json) writeJson(ctx, entries);
      else ctx.out(mergedSection(entries));
      return 0;
    }
    const diffs = layerDiffs(image, filter);
    const wasted = wastedSpace(image, filter);
    const merged = imageMergedEntries(image, filter);
    const totals = mergedTotals(merged);
    if (json) {
      writeJson(ctx, {
        source: image.source,
        format: image.format,
        ref: image.ref,
        available: image.available,
        configId: image.configId,
        layers: image.layers.map((l, i) => ({ position: l.position, source: l.source, diffId: l.diffId, compression: l.compression, tarBytes: l.tarBytes, createdBy: l.createdBy, totals: diffs[i].totals, wasted: wasted.perLayer[i] })),
        merged: totals,
        wasted: args.flags.has('--wasted') ? wasted : { total: wasted.total, files: wasted.files.length },
        warnings: image.warnings,
      });
      return 0;
    }
    line(ctx, TEXT.title, { name: image.ref ?? image.configId?.slice(7, 19) ?? '?', format: image.format, n: image.layers.length, source: image.source });
    printWarnings(ctx, image);
    const rows = [...image.layers].reverse().map((l) => {
      const t = diffs[l.position - 1].totals;
      return [String(l.position), (l.diffId ?? '').slice(7, 19), formatBytes(l.tarBytes, ctx.lang), `+${t.added} ~${t.modified} -${t.deleted} ■${t.opaque}`, formatBytes(wasted.perLayer[l.position - 1].bytes, ctx.lang), shortStep(l.createdBy)];
    });
    ctx.out('\n' + renderTable(say(TEXT.head, ctx.lang).split('|'), rows, { align: ['right', 'left', 'right', 'left', 'right', 'left'] }) + '\n');
    line(ctx, TEXT.merged, { entries: totals.entries, files: totals.files, bytes: formatBytes(totals.bytes, ctx.lang) });
    line(ctx, TEXT.wasted, { bytes: formatBytes(wasted.total, ctx.lang), files: wasted.files.length });
    const others = image.available.filter((a) => a !== image.ref);
    if (others.length) line(ctx, TEXT.others, { list: others.join(', ') });
    if (args.flags.has('--wasted') && wasted.files.length) {
      const wrows = wasted.files.map((w) => [formatBytes(w.size, ctx.lang), w.path, String(w.position), say(w.how === 'overwritten' ? TEXT.overwritten : TEXT.deleted, ctx.lang, { n: w.hiddenBy })]);
      ctx.out('\n' + renderTable(say(TEXT.wastedHead, ctx.lang).split('|'), wrows, { align: ['right', 'left', 'right', 'left'] }));
    }
    return 0;
  },
};
