/* Pure: lesson 2's exercises, checked against the union model (the notebook's lab, or a fresh one in the browser). */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { StackView } from '../scenario/lab';
import type { Verdict } from './exercise';
import { mountPreset, type ModelExercise } from './model';

/** Which layer serves a merged path, and every layer that holds a (non-whiteout) entry for it, top first. */
export interface LayerOfPath {
  path: string;
  /** 'L0'… or 'upper'; undefined when merged does not show the path. */
  from?: string;
  holders: string[];
}

/**
 * @example layerOfPath(mountPreset('ubuntu').view(), 'etc/os-release').from // 'L1'
 */
export function layerOfPath(view: StackView, path: string): LayerOfPath {
  const layers = [...(view.upper ? [view.upper] : []), ...view.lowers];
  const holders = layers.filter((l) => l.entries.some((e) => e.path === path && !e.whiteout)).map((l) => l.name);
  return { path, from: view.merged.find((m) => m.path === path)?.from, holders };
}

export const osReleaseLayer: ModelExercise<string, LayerOfPath> = {
  id: 'union-mount-simulation/os-release-layer',
  lesson: 'union-mount-simulation',
  question: {
    'pt-BR': 'Na pilha parecida com a `ubuntu`, de qual camada vem o `/etc/os-release` que o `merged` mostra?',
    en: 'In the `ubuntu`-like stack, which layer does the `/etc/os-release` that `merged` shows come from?',
  },
  form: { 'pt-BR': 'O nome de uma camada: L0, L1, L2 ou upper.', en: 'A layer\'s name: L0, L1, L2 or upper.' },
  answer: {
    'pt-BR': 'Da camada mais alta que tem o arquivo: L1, que o alterou por cima da versão de L2. O `merged` mostra cada nome da camada mais alta que o tem; a versão de L2 continua lá, escondida.',
    en: 'From the topmost layer that has the file: L1, which changed it over L2\'s version. `merged` shows each name from the topmost layer that has it; L2\'s version is still there, hidden.',
  },
  parse: readLayerName,
  check(p, f, lang): Verdict {
    return {
      correct: p === f.from,
      actual: say({ 'pt-BR': '`/{path}` vem de {from}; têm o arquivo: {holders}.', en: '`/{path}` comes from {from}; it is held by: {holders}.' }, lang, {
        path: f.path,
        from: f.from ?? '—',
        holders: f.holders.join(', '),
      }),
      why: say(
        {
          'pt-BR': 'A busca desce da camada de cima para a de baixo e para na primeira que tem o nome: o `merged` mostra a versão da camada mais alta, e as de baixo continuam nas camadas, escondidas.',
          en: 'Lookup goes from the top layer down and stops at the first one that has the name: `merged` shows the topmost layer\'s version, and the ones below stay in their layers, hidden.',
        },
        lang,
      ),
    };
  },
  model: () => layerOfPath(mountPreset('ubuntu').view(), 'etc/os-release'),
};

/** What the upperdir holds at a path: nothing, a whiteout, a file, a directory (opaque or not). */
export type UpperKind = 'nothing' | 'whiteout' | 'file' | 'directory' | 'opaque directory' | 'symlink';

export interface UpperAt {
  path: string;
  kind: UpperKind;
  /** Every upperdir entry, as `path (kind)`, for the answer. */
  upper: { path: string; kind: UpperKind }[];
}

function kindOf(e: StackView['lowers'][number]['entries'][number]): UpperKind {
  if (e.whiteout) return 'whiteout';
  if (e.type === 'd') return e.opaque === 'y' ? 'opaque directory' : 'directory';
  if (e.type === 'l') return 'symlink';
  return 'file';
}

/**
 * @example upperAt(lab.view(), 'etc/passwd').kind // 'whiteout'
 */
export function upperAt(view: StackView, path: string): UpperAt {
  const upper = (view.upper?.entries ?? []).map((e) => ({ path: e.path, kind: kindOf(e) }));
  return { path, kind: upper.find((e) => e.path === path)?.kind ?? 'nothing', upper };
}

const UPPER_KIND: Record<UpperKind, { en: string; 'pt-BR': string }> = {
  nothing: { en: 'nothing', 'pt-BR': 'nada' },
  whiteout: { en: 'a whiteout (character device 0/0)', 'pt-BR': 'um whiteout (dispositivo de caractere 0/0)' },
  file: { en: 'a file', 'pt-BR': 'um arquivo' },
  directory: { en: 'a directory', 'pt-BR': 'um diretório' },
  'opaque directory': { en: 'an opaque directory', 'pt-BR': 'um diretório opaco' },
  symlink: { en: 'a symbolic link', 'pt-BR': 'um link simbólico' },
};

/** The same kinds, short, for a list. */
const SHORT_KIND: Record<UpperKind, { en: string; 'pt-BR': string }> = {
  nothing: UPPER_KIND.nothing,
  whiteout: { en: 'whiteout', 'pt-BR': 'whiteout' },
  file: { en: 'file', 'pt-BR': 'arquivo' },
  directory: { en: 'directory', 'pt-BR': 'diretório' },
  'opaque directory': { en: 'opaque directory', 'pt-BR': 'diretório opaco' },
  symlink: { en: 'symbolic link', 'pt-BR': 'link simbólico' },
};

/** Reads what a student says the upperdir holds at a path. */
export function readUpperKind(text: string): UpperKind | undefined {
  const t = text.toLowerCase();
  if (/(whiteout|0\/0|dispositivo|device)/.test(t)) return 'whiteout';
  if (/opac|opaque/.test(t)) return 'opaque directory';
  if (/(nada|nothing|vazio|empty|nenhum)/.test(t)) return 'nothing';
  if (/(diret[oó]rio|directory|pasta|folder)/.test(t)) return 'directory';
  if (/(link|symlink|atalho)/.test(t)) return 'symlink';
  if (/(arquivo|file|c[oó]pia|copy)/.test(t)) return 'file';
  return undefined;
}

export const rmPasswdUpper: ModelExercise<UpperKind, UpperAt> = {
  id: 'union-mount-simulation/rm-passwd-upper',
  lesson: 'union-mount-simulation',
  question: {
    'pt-BR': '`/etc/passwd` vem de uma camada inferior. Depois de `rm /etc/passwd`, o que o upperdir guarda no caminho `etc/passwd`?',
    en: '`/etc/passwd` comes from a lower layer. After `rm /etc/passwd`, what does the upperdir hold at the path `etc/passwd`?',
  },
  form: {
    'pt-BR': 'Uma destas: nada, um arquivo (uma cópia), um whiteout, um diretório.',
    en: 'One of: nothing, a file (a copy), a whiteout, a directory.',
  },
  answer: {
    'pt-BR': 'Um whiteout: um dispositivo de caractere 0/0 com o mesmo nome, dentro de um `etc/` criado no upperdir. A camada de baixo nunca muda; o whiteout esconde o arquivo dela.',
    en: 'A whiteout: a character device 0/0 with the same name, inside an `etc/` made in the upperdir. The layer below never changes; the whiteout hides its file.',
  },
  parse: readUpperKind,
  check(p, f, lang): Verdict {
    return {
      correct: p === f.kind,
      actual: say({ 'pt-BR': 'O upperdir guarda {kind} em `{path}`; ao todo: {all}.', en: 'The upperdir holds {kind} at `{path}`; in all: {all}.' }, lang, {
        kind: say(UPPER_KIND[f.kind], lang),
        path: f.path,
        all: f.upper.map((e) => `${e.path} (${say(SHORT_KIND[e.kind], lang)})`).join(', ') || say(UPPER_KIND.nothing, lang),
      }),
      why: say(
        {
          'pt-BR': 'Um arquivo de camada inferior não pode ser apagado: as camadas de baixo são somente leitura. O kernel grava no upperdir um whiteout com o mesmo nome, e a busca para nele como se o nome não existisse. Para isso cria antes, no upperdir, o diretório pai `etc/`.',
          en: 'A file of a lower layer cannot be deleted: the layers below are read-only. The kernel writes a whiteout with the same name into the upperdir, and lookup stops at it as if the name did not exist. To do so it first makes the parent directory `etc/` in the upperdir.',
        },
        lang,
      ),
    };
  },
  model: () => {
    // The lesson's own steps: the append before it leaves etc/hostname in the upperdir too.
    const lab = mountPreset('ubuntu');
    lab.run('append etc/hostname container-1\\n');
    lab.run('rm etc/passwd');
    return upperAt(lab.view(), 'etc/passwd');
  },
};

/** A layer's name in a prediction ("L1", "l1", "upper"). */
function readLayerName(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const l = /\bl(\d+)\b/.exec(t);
  if (l) return `L${Number(l[1])}`;
  if (/\b(upper|upperdir)\b/.test(t)) return 'upper';
  return undefined;
}

export const UNION_MOUNT_EXERCISES = [osReleaseLayer, rmPasswdUpper] as const;
