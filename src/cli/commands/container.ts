import type { Command } from '../command';
import { parseArgs } from '../args';
import { HOST_ARGS, HOST_USAGE, hostOptions, line, usageError, writeJson } from '../docker-options';
import { inspectContainer } from '../../docker/inspect';
import { countChanges } from '../../docker/store/changes';
import { INIT_LAYER_WHY } from '../../docker/store/init-layer';
import { lowerdirRoles } from '../../docker/store/lowerdir-roles';
import { formatBytes, formatPercent, say } from '../../i18n/format';
import { renderTable } from '../../render/table';
import { changeCountsText, hostHeader, shortDir, T } from '../../render/overlay2-text';

const USAGE = `overlay-lab container NAME [--json] [--access WAY] [--simulated|--live]
${HOST_USAGE}`;

const TEXT = {
  title: { en: 'Container {name} ({id}) of image {image}: {state}', 'pt-BR': 'Contêiner {name} ({id}) da imagem {image}: {state}' },
  running: { en: 'running', 'pt-BR': 'em execução' },
  stopped: { en: 'stopped', 'pt-BR': 'parado' },
  layers: { en: 'Directories, top to bottom:', 'pt-BR': 'Diretórios, de cima para baixo:' },
  upper: { en: 'upperdir (writable layer)', 'pt-BR': 'upperdir (camada gravável)' },
  init: { en: 'lowerdir 1: -init layer', 'pt-BR': 'lowerdir 1: camada -init' },
  imageLayer: { en: 'lowerdir {n}: image layer {pos}', 'pt-BR': 'lowerdir {n}: camada {pos} da imagem' },
  mount: { en: 'Mount ({source}): overlay on {point}', 'pt-BR': 'Montagem ({source}): overlay em {point}' },
  fromMountinfo: { en: "read from dockerd's mountinfo", 'pt-BR': 'lida do mountinfo do dockerd' },
  computed: { en: 'rebuilt from the lower and link files: this access way cannot see the mount table', 'pt-BR': 'reconstruída dos arquivos lower e link: este modo de acesso não vê a tabela de montagens' },
  lowerEntry: { en: '  lowerdir {n}: {entry} -> {dir}', 'pt-BR': '  lowerdir {n}: {entry} -> {dir}' },
  upperdir: { en: '  upperdir: {path}', 'pt-BR': '  upperdir: {path}' },
  workdir: { en: '  workdir:  {path}', 'pt-BR': '  workdir:  {path}' },
  budget: {
    en: 'Options: {len} of {max} bytes ({pct} of the page). With full <id>/diff paths instead of l/ links: {full} bytes{over}.',
    'pt-BR': 'Opções: {len} de {max} bytes ({pct} da página). Com caminhos <id>/diff completos no lugar dos links l/: {full} bytes{over}.',
  },
  over: { en: ', too long for one page', 'pt-BR': ', longo demais para uma página' },
  notMounted: { en: 'Not mounted (the container is stopped): merged/ does not exist.', 'pt-BR': 'Não montado (o contêiner está parado): merged/ não existe.' },
  changes: { en: 'Changes in the upperdir: {changes}', 'pt-BR': 'Mudanças no upperdir: {changes}' },
  head: { en: 'CHANGE|PATH|SIZE|HIDES OR COPIES FROM', 'pt-BR': 'MUDANÇA|CAMINHO|TAMANHO|ESCONDE OU COPIA DE' },
  noXattrs: {
    en: '(opaque markers, the trusted.overlay.opaque xattr, could not be read: they need CAP_SYS_ADMIN and getfattr, Debian package attr; try --access direct as root, or --access nsenter)',
    'pt-BR': '(os marcadores de opaco, o xattr trusted.overlay.opaque, não puderam ser lidos: exigem CAP_SYS_ADMIN e o getfattr, pacote attr do Debian; tente --access direct como root, ou --access nsenter)',
  },
  note: { en: 'Note: {text}', 'pt-BR': 'Nota: {text}' },
  initHead: { en: 'The -init layer holds:', 'pt-BR': 'A camada -init guarda:' },
  initRow: { en: '  {path}  {why}', 'pt-BR': '  {path}  {why}' },
};

export const containerCommand: Command = {
  name: 'container',
  summary: {
    en: "a container's layers, its real overlay mount (options, l/ links, page limit) and the changes in its upperdir",
    'pt-BR': 'as camadas de um contêiner, sua montagem overlay real (opções, links l/, limite de página) e as mudanças no upperdir',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, HOST_ARGS);
    const name = args.positional[0];
    if (!name || args.positional.length > 1) throw usageError(USAGE);
    const view = await inspectContainer(name, hostOptions(args, ctx));
    const { container: c, changes, init, model } = view;
    if (args.flags.has('--json')) {
      writeJson(ctx, {
        source: model.source, access: model.access, storePath: model.storePath, container: c, changes, init, xattrs: model.xattrs,
        disagreements: model.disagreements.filter((d) => d.subject === `container ${c.name}`),
      });
      return 0;
    }
    const lang = ctx.lang;
    ctx.out(hostHeader(model, lang, view.simulatedBecause?.render(lang)) + '\n');
    if (view.accessNote) line(ctx, TEXT.note, { text: view.accessNote[lang] });
    line(ctx, TEXT.title, { name: c.name, id: c.id.slice(0, 12), image: c.image, state: say(c.running ? TEXT.running : TEXT.stopped, lang) });
    ctx.out('\n');
    line(ctx, TEXT.layers);
    const image = model.images.find((i) => i.id === c.imageId);
    const dirOf = (id: string) => model.dirs.find((d) => d.id === id);
    const rows: string[][] = [];
    if (c.mountId) rows.push([say(TEXT.upper, lang), shortDir(c.mountId), dirOf(c.mountId)?.link ?? '-', formatBytes(dirOf(c.mountId)?.bytes, lang)]);
    const roles = lowerdirRoles(c, image?.layers.length ?? 0);
    c.lowerDirs.forEach((d, i) => {
      const r = roles[i];
      const label = r.kind === 'init' ? say(TEXT.init, lang) : say(TEXT.imageLayer, lang, { n: i + 1, pos: image ? r.position : 0 });
      rows.push([label, shortDir(d), dirOf(d)?.link ?? '-', formatBytes(dirOf(d)?.bytes, lang)]);
    });
    ctx.out(renderTable(['', 'DIR', 'LINK (l/)', ''], rows, { align: ['left', 'left', 'left', 'right'] }) + '\n');
    if (c.mount) {
      const m = c.mount;
      line(ctx, TEXT.mount, { source: say(m.source === 'mountinfo' ? TEXT.fromMountinfo : TEXT.computed, lang), point: m.mountPoint });
      m.lowerdir.forEach((l, i) => line(ctx, TEXT.lowerEntry, { n: i + 1, entry: l.entry, dir: shortDir(l.dir) }));
      line(ctx, TEXT.upperdir, { path: m.upperdir ?? '-' });
      line(ctx, TEXT.workdir, { path: m.workdir ?? '-' });
      line(ctx, TEXT.budget, {
        len: m.budget.length,
        max: m.budget.maxOptionChars,
        pct: formatPercent(m.budget.used, lang),
        full: m.budget.lengthWithFullPaths,
        over: m.budget.fitsWithFullPaths ? '' : say(TEXT.over, lang),
      });
    } else line(ctx, TEXT.notMounted);
    ctx.out('\n');
    line(ctx, TEXT.changes, { changes: changeCountsText(countChanges(changes), lang) });
    if (!model.xattrs) line(ctx, TEXT.noXattrs);
    if (changes.length)
      ctx.out(
        renderTable(
          say(TEXT.head, lang).split('|'),
          changes.map((ch) => [say(T.change[ch.kind], lang), ch.path + (ch.type === 'dir' ? '/' : ''), ch.type === 'file' ? formatBytes(ch.size, lang) : '', ch.below ? shortDir(ch.below) : '']),
        ),
      );
    if (init.length) {
      ctx.out('\n' + say(INIT_LAYER_WHY, lang) + '\n');
      line(ctx, TEXT.initHead);
      for (const e of init) line(ctx, TEXT.initRow, { path: e.path + (e.type === 'dir' ? '/' : ''), why: e.why ? say(e.why, lang) : '' });
    }
    return 0;
  },
};
