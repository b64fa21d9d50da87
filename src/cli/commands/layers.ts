import type { Command } from '../command';
import { parseArgs } from '../args';
import { HOST_ARGS, HOST_USAGE, hostOptions, line, writeJson } from '../docker-options';
import { inspectHost } from '../../docker/inspect';
import { roleCounts } from '../../docker/store/role-counts';
import { formatBytes, say } from '../../i18n/format';
import { hostPageSize } from '../../kernel/page-size';
import { SELINUX_LABEL_RESERVE, SHORT_LINK_LENGTH } from '../../union/limits';
import { renderTable } from '../../render/table';
import { counted, hostHeader, listingOrder, onDiskText, roleCountsText, roleText, shortDir } from '../../render/overlay2-text';

const USAGE = `overlay-lab layers [--json] [--access WAY] [--simulated|--live]
${HOST_USAGE}`;

const TEXT = {
  summary: {
    en: '{store}: {dirs} ({roles}); {links} in l/',
    'pt-BR': '{store}: {dirs} ({roles}); {links} em l/',
  },
  head: { en: 'DIR|LINK (l/)|OWNER AND ROLE|SIZE|ON DISK', 'pt-BR': 'DIR|LINK (l/)|DONO E PAPEL|TAMANHO|NO DISCO' },
  linksOk: { en: 'l/: every link points at ../<id>/diff of a directory whose link file names it back.', 'pt-BR': 'l/: todo link aponta para ../<id>/diff de um diretório, e o arquivo link desse diretório traz o nome do link.' },
  linkBad: { en: 'l/{name} -> {target}: {what}', 'pt-BR': 'l/{name} -> {target}: {what}' },
  broken: { en: 'broken (no such directory)', 'pt-BR': 'quebrado (diretório inexistente)' },
  noRoundTrip: { en: "that directory's link file names another link", 'pt-BR': 'o arquivo link desse diretório nomeia outro link' },
  why: {
    en: 'Why l/: mount(2) takes at most {max} bytes of options (one page). A lower spelled as a full path costs {full} bytes: {fullFits} fit. As /…/l/<{id} chars>: {abs} bytes, {absFits} fit. overlay2 allows at most {depth} lowers below a layer because ({id} + 2) × {depth} = {left} ≤ {page} − {reserve}; Docker’s layer store stops an image sooner, at {store} layers; the kernel itself would take {kernel}.',
    'pt-BR': 'Por que l/: o mount(2) aceita no máximo {max} bytes de opções (uma página). Um lowerdir escrito como caminho completo custa {full} bytes: cabem {fullFits}. Como /…/l/<{id} caracteres>: {abs} bytes, cabem {absFits}. O overlay2 aceita no máximo {depth} lowerdirs abaixo de uma camada porque ({id} + 2) × {depth} = {left} ≤ {page} − {reserve}; o armazenamento de camadas do Docker para uma imagem antes, em {store} camadas; o kernel aceitaria {kernel}.',
  },
  pageNote: {
    en: 'The {max}-byte limit assumes {page}-byte pages; this machine’s page is {host} bytes.',
    'pt-BR': 'O limite de {max} bytes supõe páginas de {page} bytes; nesta máquina a página tem {host} bytes.',
  },
  agree: { en: 'The engine (docker inspect) and the disk agree on every layer.', 'pt-BR': 'O engine (docker inspect) e o disco concordam em todas as camadas.' },
  disagree: { en: 'DISAGREEMENT {subject} {field}: engine says {engine}, disk says {disk}', 'pt-BR': 'DISCORDÂNCIA {subject} {field}: o engine diz {engine}, o disco diz {disk}' },
  store: { en: 'Store: {kind} ({driver}{type}) at {path}', 'pt-BR': 'Armazenamento: {kind} ({driver}{type}) em {path}' },
  canSee: { en: 'Can be seen: {text}', 'pt-BR': 'Dá para ver: {text}' },
  cannotSee: { en: 'Cannot be seen: {text}', 'pt-BR': 'Não dá para ver: {text}' },
  snapHead: { en: 'SNAPSHOT|KIND|NAME|IMAGE LAYER|SIZE|USED AS', 'pt-BR': 'SNAPSHOT|TIPO|NOME|CAMADA DE IMAGEM|TAMANHO|USADO COMO' },
  upper: { en: 'upper of {mount}', 'pt-BR': 'upper de {mount}' },
  lower: { en: 'lower {pos} of {mount}', 'pt-BR': 'lower {pos} de {mount}' },
  unmounted: { en: 'not mounted', 'pt-BR': 'não montado' },
  note: { en: 'Note: {text}', 'pt-BR': 'Nota: {text}' },
};


export const layersCommand: Command = {
  name: 'layers',
  summary: {
    en: 'every directory of the Docker overlay2 store, with its owner and role (image layer, writable layer, -init layer, orphan) and l/ links',
    'pt-BR': 'cada diretório do armazenamento overlay2 do Docker, com dono e papel (camada de imagem, camada gravável, camada -init, órfão) e links l/',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, HOST_ARGS);
    const { model, simulatedBecause, accessNote } = await inspectHost(hostOptions(args, ctx));
    if (args.flags.has('--json')) {
      writeJson(ctx, model);
      return 0;
    }
    ctx.out(hostHeader(model, ctx.lang, simulatedBecause?.render(ctx.lang)) + '\n');
    if (accessNote) line(ctx, TEXT.note, { text: accessNote[ctx.lang] });
    if (model.store.kind !== 'overlay2') {
      line(ctx, TEXT.store, { kind: model.store.kind, driver: model.store.driver, type: model.store.driverType ? `, ${model.store.driverType}` : '', path: model.store.path });
      line(ctx, TEXT.canSee, { text: say(model.store.canSee, ctx.lang) });
      line(ctx, TEXT.cannotSee, { text: say(model.store.cannotSee, ctx.lang, { driver: model.store.driver }) });
      if (model.containerd) {
        const rows = model.containerd.snapshots.map((s) => [
          s.id,
          s.kind ?? '?',
          s.name ? `${s.namespace}/${s.name.length > 24 ? `${s.name.slice(0, 19)}…` : s.name}` : '?',
          (s.layerOf ?? []).map((u) => `${u.position}/${u.of} ${u.image}`).join(', '),
          formatBytes(s.bytes, ctx.lang),
          s.uses.length
            ? s.uses.map((u) => (u.as === 'upper' ? say(TEXT.upper, ctx.lang, { mount: u.mountPoint }) : say(TEXT.lower, ctx.lang, { pos: u.position ?? 0, mount: u.mountPoint }))).join('; ')
            : say(TEXT.unmounted, ctx.lang),
        ]);
        ctx.out('\n' + renderTable(say(TEXT.snapHead, ctx.lang).split('|'), rows, { align: ['right', 'left', 'left', 'left', 'right', 'left'] }));
      }
      return 0;
    }
    line(ctx, TEXT.summary, {
      store: model.storePath,
      dirs: counted('dirs', model.dirs.length, ctx.lang),
      roles: roleCountsText(roleCounts(model.dirs), ctx.lang),
      links: counted('links', model.links.length, ctx.lang),
    });
    const dirs = [...model.dirs].sort((a, b) => listingOrder(a).localeCompare(listingOrder(b)));
    const rows = dirs.map((d) => [shortDir(d.id), d.link ?? '-', roleText(d.role, ctx.lang), formatBytes(d.bytes, ctx.lang), onDiskText(d)]);
    ctx.out('\n' + renderTable(say(TEXT.head, ctx.lang).split('|'), rows, { align: ['left', 'left', 'left', 'right', 'left'] }) + '\n');
    const bad = model.links.filter((l) => l.broken || !l.roundTrip);
    if (bad.length === 0) line(ctx, TEXT.linksOk);
    for (const l of bad)
      line(ctx, TEXT.linkBad, { name: l.name, target: l.target, what: say(l.broken ? TEXT.broken : TEXT.noRoundTrip, ctx.lang) });
    const lim = model.limits;
    const cap = (s: string) => lim.capacities.find((c) => c.spelling === s)!;
    line(ctx, TEXT.why, {
      max: lim.maxOptionChars,
      full: cap('full-diff-paths').perLayer,
      fullFits: cap('full-diff-paths').fits,
      abs: cap('absolute-short-links').perLayer,
      absFits: cap('absolute-short-links').fits,
      depth: lim.dockerMaxDepth,
      id: SHORT_LINK_LENGTH,
      left: lim.mobyBudget.left,
      page: lim.pageSize,
      reserve: SELINUX_LABEL_RESERVE,
      store: lim.layerStoreMaxDepth,
      kernel: lim.kernelMaxLowers,
    });
    // The store is read on this machine, so its kernel is the engine's: say what its page is.
    const host = model.access === 'direct' ? hostPageSize() : undefined;
    if (host !== undefined) line(ctx, TEXT.pageNote, { max: lim.maxOptionChars, page: lim.pageSize, host });
    if (model.disagreements.length === 0) line(ctx, TEXT.agree);
    for (const d of model.disagreements) line(ctx, TEXT.disagree, { ...d });
    return 0;
  },
};
