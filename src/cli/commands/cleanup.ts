import { createInterface } from 'node:readline';
import type { Command, CliContext } from '../command';
import { parseArgs } from '../args';
import { line, usageError, writeJson } from '../docker-options';
import { applyCleanup, planCleanup } from '../../lab/cleanup';
import { connectEngine } from '../../docker/engine/dockerode-engine';
import { connectLabEngine } from '../../lab/lab-engine';
import { say } from '../../i18n/format';
import { renderTable } from '../../render/table';

const USAGE = `overlay-lab cleanup [--yes] [--dry-run] [--json]
  --yes, -y      remove without asking
  --dry-run      only list what would be removed
  --json         machine-readable plan (and outcome)
Removes only what overlay-lab made: its helper, tour and test containers, and its images
(label io.overlay-lab=1, tagged only under overlay-lab/) that nothing of yours uses. Never
your own images or containers; never docker system prune.`;

const TEXT = {
  nothing: { en: 'Nothing of overlay-lab’s to remove.', 'pt-BR': 'Nada do overlay-lab para remover.' },
  will: {
    en: 'overlay-lab cleanup will remove {c, plural, one {# container} other {# containers}} and {i, plural, one {# image} other {# images}}, all made by overlay-lab:',
    'pt-BR': 'o overlay-lab cleanup vai remover {c, plural, =0 {0 contêineres} one {# contêiner} other {# contêineres}} e {i, plural, =0 {0 imagens} one {# imagem} other {# imagens}}, tudo criado pelo overlay-lab:',
  },
  head: { en: 'KIND|NAME|ID|WHY', 'pt-BR': 'TIPO|NOME|ID|POR QUÊ' },
  kept: { en: 'Kept (they look like the lab’s, but are yours or something of yours needs them):', 'pt-BR': 'Mantidos (parecem do laboratório, mas são seus ou algo seu precisa deles):' },
  container: { en: 'container', 'pt-BR': 'contêiner' },
  image: { en: 'image', 'pt-BR': 'imagem' },
  ask: { en: 'Remove them? [y/N] ', 'pt-BR': 'Remover? [s/N] ' },
  declined: { en: 'Nothing removed.', 'pt-BR': 'Nada removido.' },
  dry: { en: '(--dry-run: nothing removed)', 'pt-BR': '(--dry-run: nada removido)' },
  removed: {
    container: { en: 'removed container {name}', 'pt-BR': 'contêiner {name} removido' },
    image: { en: 'removed image {name}', 'pt-BR': 'imagem {name} removida' },
  },
  failed: { en: 'could not remove {kind} {name}: {error}', 'pt-BR': 'não deu para remover {kind} {name}: {error}' },
  summary: { en: 'Removed {n} of {total}.', 'pt-BR': 'Removidos: {n} de {total}.' },
};

/** One answer line: from the terminal when there is one, else the first line of standard input. */
async function answer(ctx: CliContext, question: string): Promise<string> {
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await new Promise<string>((resolve) => rl.question(question, resolve));
    } finally {
      rl.close();
    }
  }
  ctx.out(question);
  const text = await ctx.readStdin();
  const first = text.split('\n')[0] ?? '';
  ctx.out(`${first}\n`);
  return first;
}

export const cleanupCommand: Command = {
  name: 'cleanup',
  summary: {
    en: 'remove only what overlay-lab made (its containers and images), after listing it and asking',
    'pt-BR': 'remove só o que o overlay-lab criou (contêineres e imagens dele), depois de listar e perguntar',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { booleans: ['--yes', '--dry-run', '--json'], aliases: { '-y': '--yes' } });
    if (args.positional.length) throw usageError(USAGE);
    const lang = ctx.lang;
    const engine = connectEngine(ctx.env);
    const [images, containers] = await Promise.all([engine.images(), engine.containers()]);
    const plan = planCleanup(images, containers);
    const total = plan.containers.length + plan.images.length;
    const json = args.flags.has('--json');
    const kind = (k: 'container' | 'image') => say(TEXT[k], lang);
    if (!json) {
      if (total === 0) line(ctx, TEXT.nothing);
      else {
        line(ctx, TEXT.will, { c: plan.containers.length, i: plan.images.length });
        const rows = [...plan.containers, ...plan.images].map((t) => [kind(t.kind), t.name, t.id.replace(/^sha256:/, '').slice(0, 12), t.why[lang]]);
        ctx.out(renderTable(say(TEXT.head, lang).split('|'), rows) + '\n');
      }
      if (plan.kept.length) {
        line(ctx, TEXT.kept);
        ctx.out(renderTable(say(TEXT.head, lang).split('|'), plan.kept.map((t) => [kind(t.kind), t.name, t.id.replace(/^sha256:/, '').slice(0, 12), t.why[lang]])) + '\n');
      }
    }
    if (total === 0 || args.flags.has('--dry-run')) {
      if (json) writeJson(ctx, { plan });
      else if (total) line(ctx, TEXT.dry);
      return 0;
    }
    if (!args.flags.has('--yes')) {
      const a = (await answer(ctx, say(TEXT.ask, lang))).trim().toLowerCase();
      if (!['y', 'yes', 's', 'sim'].includes(a)) {
        if (json) writeJson(ctx, { plan, removed: [] });
        else line(ctx, TEXT.declined);
        return 1;
      }
    }
    const outcome = await applyCleanup(connectLabEngine(ctx.env), plan, (t) => {
      if (!json) line(ctx, TEXT.removed[t.kind], { name: t.name });
    });
    if (json) writeJson(ctx, { plan, ...outcome });
    else {
      for (const f of outcome.failed) line(ctx, TEXT.failed, { kind: kind(f.target.kind), name: f.target.name, error: f.error });
      line(ctx, TEXT.summary, { n: outcome.removed.length, total });
    }
    return outcome.failed.length ? 1 : 0;
  },
};
