/* Pure: lesson 1's exercises, checked against what the live engine added to overlay2/. */
import { plural, say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { DirRole } from '../docker/store/model';
import type { SnapshotDiff } from '../docker/store/snapshot';
import type { Exercise, Verdict } from './exercise';
import type { StoreDir, StoreGrowth } from './facts';
import { readCount } from './predictions';

/** Whose a new directory is: the step's own image or container (other helpers may build at the same time). */
function owned(role: DirRole, mine: { image?: string; container?: string }): boolean {
  if (role.kind === 'image-layer') return role.usedBy.some((u) => u.image === mine.image);
  if (role.kind === 'container-layer' || role.kind === 'init-layer') return role.container === mine.container;
  return false;
}

/**
 * The directories a step added that belong to its own image or container.
 * @example storeGrowth(compareSnapshots(before, after), { container: 'web' }).added.length // 2
 */
export function storeGrowth(diff: SnapshotDiff, mine: { image?: string; container?: string }): StoreGrowth {
  return { added: diff.added.filter((d) => owned(d.role, mine)).map((d) => ({ id: d.id, kind: d.role.kind })) };
}

const KIND: Record<StoreDir['kind'], { en: string; 'pt-BR': string }> = {
  'image-layer': { en: 'an image layer', 'pt-BR': 'uma camada de imagem' },
  'unused-layer': { en: 'a layer no image lists', 'pt-BR': 'uma camada que nenhuma imagem lista' },
  'container-layer': { en: "the container's writable layer", 'pt-BR': 'a camada gravável do contêiner' },
  'init-layer': { en: 'the -init layer', 'pt-BR': 'a camada -init' },
  orphan: { en: 'an orphan', 'pt-BR': 'um órfão' },
};

const short = (id: string) => (id.endsWith('-init') ? `${id.slice(0, 12)}…-init` : `${id.slice(0, 12)}…`);

/** "2 directories: 3f2a…-init (the -init layer), 3f2a… (the container's writable layer)". */
function listing(g: StoreGrowth, lang: Lang): string {
  const n = plural(g.added.length, lang, lang === 'en' ? { one: '# directory', other: '# directories', zero: 'no directory' } : { one: '# diretório', other: '# diretórios', zero: 'nenhum diretório' });
  const each = g.added.map((d) => `${short(d.id)} (${say(KIND[d.kind], lang)})`).join(', ');
  return each ? `${n}: ${each}` : n;
}

/** The kinds of directory a prediction names, if any ("init", "writable", "gravável"…). */
function namedKinds(text: string): StoreDir['kind'][] {
  const t = text.toLowerCase();
  const kinds: StoreDir['kind'][] = [];
  if (/init/.test(t)) kinds.push('init-layer');
  if (/(writable|gravável|gravavel|upper|container|contêiner|conteiner)/.test(t)) kinds.push('container-layer');
  if (/(image|imagem)/.test(t)) kinds.push('image-layer');
  return kinds;
}

/**
 * How many directories does `docker run` add to overlay2/, and which?
 * @example runDirs.check(runDirs.parse('2, init')!, growth, 'en').correct
 */
export const runDirs: Exercise<{ count: number; kinds: StoreDir['kind'][] }, StoreGrowth> = {
  id: 'seed-lab/run-dirs',
  lesson: 'seed-lab',
  question: {
    'pt-BR': 'Quantos diretórios o `docker run` vai acrescentar em `overlay2/`, e quais?',
    en: 'How many directories will `docker run` add to `overlay2/`, and which?',
  },
  form: {
    'pt-BR': 'Um número e, se quiser, o que cada um é, por exemplo "1, uma camada de imagem" ou "3: gravável, init e imagem".',
    en: 'A number and, if you like, what each one is, e.g. "1, an image layer" or "3: writable, init and image".',
  },
  answer: {
    'pt-BR': 'Dois: a camada gravável do contêiner, `<id>` (o `diff/` dela é o upperdir da montagem), e a camada `<id>-init`, com os pontos de montagem do `hostname`, `hosts` e `resolv.conf`. As camadas da imagem são reaproveitadas, não copiadas.',
    en: "Two: the container's writable layer, `<id>` (its `diff/` is the mount's upperdir), and the `<id>-init` layer, with the mount points for `hostname`, `hosts` and `resolv.conf`. The image's layers are reused, not copied.",
  },
  parse(text) {
    const count = readCount(text);
    return count === undefined ? undefined : { count, kinds: namedKinds(text) };
  },
  check(p, facts, lang): Verdict {
    const actualKinds = new Set(facts.added.map((d) => d.kind));
    const missing = p.kinds.filter((k) => !actualKinds.has(k));
    const correct = p.count === facts.added.length && missing.length === 0;
    const why: string[] = [
      say(
        {
          'pt-BR': 'Um contêiner não copia a imagem: ele ganha só o que é dele, uma camada gravável (o upperdir da montagem) e a camada `-init` logo acima das camadas da imagem; as camadas da imagem já estavam no host e são reaproveitadas.',
          en: 'A container does not copy its image: it gets only what is its own, a writable layer (the mount\'s upperdir) and the `-init` layer just above the image\'s layers; the image\'s layers were already on the host and are reused.',
        },
        lang,
      ),
    ];
    if (missing.length) why.push(say({ 'pt-BR': 'Nenhum diretório novo é {kinds}.', en: 'No new directory is {kinds}.' }, lang, { kinds: missing.map((k) => say(KIND[k], lang)).join(', ') }));
    return { correct, actual: listing(facts, lang), why: why.join(' ') };
  },
};

/**
 * How many directories does `docker build` add for a Dockerfile of FROM, LABEL and two RUN?
 * @example buildDirs.check(1, growth, 'pt-BR').correct
 */
export const buildDirs: Exercise<number, StoreGrowth> = {
  id: 'seed-lab/build-dirs',
  lesson: 'seed-lab',
  question: {
    'pt-BR': 'O Dockerfile abaixo tem `FROM`, `LABEL` e dois `RUN`, e a base já está no host. Quantos diretórios o `docker build` vai acrescentar em `overlay2/`?',
    en: 'The Dockerfile below has `FROM`, `LABEL` and two `RUN`, and the base is already on the host. How many directories will `docker build` add to `overlay2/`?',
  },
  form: { 'pt-BR': 'Um número, por exemplo "4".', en: 'A number, e.g. "4".' },
  answer: {
    'pt-BR': 'Dois, um por `RUN` que muda arquivos. O `FROM` reaproveita os diretórios da base que já estão no host, e o `LABEL` só muda a configuração da imagem.',
    en: 'Two, one per `RUN` that changes files. `FROM` reuses the base\'s directories already on the host, and `LABEL` only changes the image\'s configuration.',
  },
  parse: readCount,
  check(p, facts, lang): Verdict {
    const layers = facts.added.filter((d) => d.kind === 'image-layer').length;
    return {
      correct: p === facts.added.length,
      actual: listing(facts, lang),
      why: say(
        {
          'pt-BR': 'Cada instrução que muda o sistema de arquivos vira uma camada, um diretório ({layers, plural, one {# aqui} other {# aqui}}); o `FROM` aponta para as camadas da base, que já estavam no host, e o `LABEL` só muda a configuração da imagem, sem diretório.',
          en: 'Each instruction that changes the file system becomes a layer, one directory ({layers, plural, one {# here} other {# here}}); `FROM` points at the base\'s layers, already on the host, and `LABEL` only changes the image\'s configuration, with no directory.',
        },
        lang,
        { layers },
      ),
    };
  },
};

export const SEED_LAB_EXERCISES = [runDirs, buildDirs] as const;
