/* Notebook views of the seed lab's steps replayed live: the pull of ubuntu and the helper's -init pair. Words only. */
import type { ContainerPair, PullFailure, PullOutcome } from '../lab/seed-lab';
import type { StoreSnapshot } from '../docker/store/snapshot';
import { type Lang, type Localized } from '../i18n/lang';
import { say } from '../i18n/format';
import { roleText, shortDir } from './overlay2-text';
import { htmlCode, joinBundles, noteBundle, tableBundle, type DisplayBundle } from './notebook-html';

/** A counted word: the singular for exactly 1, the plural otherwise (pt-BR and en agree on that for the counts shown here). */
type Counted = { one: Localized; other: Localized };
const counted = (n: number, c: Counted, lang: Lang) => say(n === 1 ? c.one : c.other, lang, { n });

const W = {
  layers: { one: { en: '1 layer', 'pt-BR': '1 camada' }, other: { en: '{n} layers', 'pt-BR': '{n} camadas' } },
  newDirs: {
    one: { en: '1 new directory', 'pt-BR': '1 diretório novo' },
    other: { en: '{n} new directories', 'pt-BR': '{n} diretórios novos' },
  },
} satisfies Record<string, Counted>;

const T = {
  arrived: {
    en: 'docker pull {ref} brought {tag}: {layers} (its RootFS.Layers, as this engine holds them), and {dirs} in overlay2/, one per layer this host did not have yet.',
    'pt-BR': 'O docker pull {ref} trouxe {tag}: {layers} (as RootFS.Layers da imagem, como este engine as guarda) e {dirs} em overlay2/, um por camada que este host ainda não tinha.',
  },
  wasHere: {
    en: '{tag} was already on this host: {layers}. The pull added {dirs} to overlay2/.',
    'pt-BR': '{tag} já estava neste host: {layers}. O pull acrescentou {dirs} em overlay2/.',
  },
  failed: {
    en: 'docker pull {ref} failed on this host: {why}. No layer arrived. (The client said: {detail})',
    'pt-BR': 'O docker pull {ref} falhou neste host: {why}. Nenhuma camada chegou. (O cliente disse: {detail})',
  },
  failedButHere: {
    en: 'docker pull {ref} failed on this host: {why}. {tag} was already here: {layers}. (The client said: {detail})',
    'pt-BR': 'O docker pull {ref} falhou neste host: {why}. {tag} já estava aqui: {layers}. (O cliente disse: {detail})',
  },
  instead: {
    en: 'With a registry in reach, this cell shows how many layers {tag} has and the directories they take. The next cells go on with an image built here.',
    'pt-BR': 'Com um registro ao alcance, esta célula mostra quantas camadas {tag} tem e os diretórios que elas ocupam. As próximas células seguem com uma imagem construída aqui mesmo.',
  },
  why: {
    'no-dns': { en: "the registry's name does not resolve here (no way out to the internet)", 'pt-BR': 'o nome do registro não resolve aqui (sem saída para a internet)' },
    unreachable: { en: 'the registry does not answer', 'pt-BR': 'o registro não responde' },
    timeout: { en: 'the pull ran out of time', 'pt-BR': 'o pull estourou o tempo' },
    'not-found': { en: 'the registry has no such image', 'pt-BR': 'o registro não tem essa imagem' },
    other: { en: 'the client reported an error', 'pt-BR': 'o cliente acusou um erro' },
  } satisfies Record<PullFailure, Localized>,
  pairHead: { en: 'directory in overlay2/|what it is|in the helper’s own ls', 'pt-BR': 'diretório em overlay2/|o que é|no ls do próprio auxiliar' },
  pair: {
    en: 'Container {name} exited, but without --rm it stays, and so do its two directories: {upper} and {init}.',
    'pt-BR': 'O contêiner {name} terminou, mas sem --rm ele continua existindo, e com ele os seus dois diretórios: {upper} e {init}.',
  },
  listed: {
    en: 'Its own ls listed both: the seed’s second listing shows them too, among the directories it calls new layers.',
    'pt-BR': 'O ls do próprio auxiliar listou os dois: a segunda listagem do roteiro também os mostra, no meio dos diretórios que ele chama de camadas novas.',
  },
  notListed: {
    en: 'Its own ls did not list them all ({seen} of 2): it read the store before the engine had made them, or another root.',
    'pt-BR': 'O ls do próprio auxiliar não listou os dois ({seen} de 2): leu o armazenamento antes de o engine criá-los, ou outra raiz.',
  },
  noPair: {
    en: 'No writable/-init pair of container {name} appeared: {found}.',
    'pt-BR': 'Nenhum par gravável/-init do contêiner {name} apareceu: {found}.',
  },
  notTwins: {
    en: 'The two directories of container {name} are not named <id> and <id>-init: {upper}, {init}.',
    'pt-BR': 'Os dois diretórios do contêiner {name} não se chamam <id> e <id>-init: {upper}, {init}.',
  },
  yes: { en: 'yes', 'pt-BR': 'sim' },
  no: { en: 'no', 'pt-BR': 'não' },
  gone: {
    en: 'docker rm {name}: its pair is gone from overlay2/ ({upper}, {init}).',
    'pt-BR': 'docker rm {name}: o par sumiu de overlay2/ ({upper}, {init}).',
  },
  stays: {
    en: 'docker rm {name}: {left} of its pair still in overlay2/.',
    'pt-BR': 'docker rm {name}: {left} do par ainda em overlay2/.',
  },
};

/**
 * What `docker pull` did here: the image's layer count and the directories it added, or why no
 * layer arrived. Metadata: { pull: 'arrived' | 'was-here' | 'failed', tag, wasHere, layers?, newDirs, failure? }.
 * @example display(pullOutcomeBundle(pullOutcome('ubuntu', before, after, { ok: true }), 'pt-BR'));
 */
export function pullOutcomeBundle(o: PullOutcome, lang: Lang): DisplayBundle {
  const layers = o.layers !== undefined ? counted(o.layers, W.layers, lang) : '';
  const dirs = counted(o.newDirs, W.newDirs, lang);
  const meta: Record<string, string | number | boolean> = { pull: o.failure ? 'failed' : o.wasHere ? 'was-here' : 'arrived', tag: o.tag, wasHere: o.wasHere, newDirs: o.newDirs };
  if (o.layers !== undefined) meta.layers = o.layers;
  if (o.failure) meta.failure = o.failure.kind;
  if (o.failure) {
    const why = say(T.why[o.failure.kind], lang);
    const detail = o.failure.detail || '-';
    if (o.isHere) return { ...noteBundle(say(T.failedButHere, lang, { ref: o.ref, why, detail, tag: o.tag, layers }), 'warn'), meta };
    return { ...joinBundles(noteBundle(say(T.failed, lang, { ref: o.ref, why, detail }), 'warn'), noteBundle(say(T.instead, lang, { tag: o.tag }))), meta };
  }
  const text = o.wasHere ? say(T.wasHere, lang, { tag: o.tag, layers, dirs }) : say(T.arrived, lang, { ref: o.ref, tag: o.tag, layers, dirs });
  return { ...noteBundle(text, 'ok'), meta };
}

/**
 * The pair a container leaves in overlay2/ (writable layer and -init), full ids as `ls` prints
 * them, and whether the container's own listing of the store named them.
 * Metadata: { upperDir?, initDir?, twins, listed }.
 * @example display(helperPairBundle(pair, lsOutput, 'en'));
 */
export function helperPairBundle(pair: ContainerPair | undefined, name: string, listed: { upper: boolean; init: boolean } | undefined, lang: Lang): DisplayBundle {
  if (!pair?.upper || !pair.init) {
    const found = [pair?.upper?.id, pair?.init?.id].filter(Boolean).join(', ') || '-';
    return { ...noteBundle(say(T.noPair, lang, { name, found }), 'bad'), meta: { twins: false, listed: false } };
  }
  const { upper, init } = pair;
  const seen = listed ? Number(listed.upper) + Number(listed.init) : 0;
  const yesNo = (b: boolean | undefined) => (b === undefined ? '-' : say(b ? T.yes : T.no, lang));
  const parts = [
    noteBundle(say(pair.twins ? T.pair : T.notTwins, lang, { name, upper: upper.id, init: init.id }), pair.twins ? 'ok' : 'bad'),
    tableBundle(say(T.pairHead, lang).split('|'), [
      [htmlCode(upper.id), roleText(upper.role, lang), yesNo(listed?.upper)],
      [htmlCode(init.id), roleText(init.role, lang), yesNo(listed?.init)],
    ]),
  ];
  if (listed) parts.push(noteBundle(seen === 2 ? say(T.listed, lang) : say(T.notListed, lang, { seen }), seen === 2 ? 'info' : 'warn'));
  return { ...joinBundles(...parts), meta: { upperDir: upper.id, initDir: init.id, twins: pair.twins, listed: seen === 2 } };
}

/**
 * After `docker rm`: whether a container's pair left overlay2/. Metadata: { pairGone }.
 * @example display(pairRemovedBundle(pair, 'seed-helper', takeSnapshot(model), 'en'));
 */
export function pairRemovedBundle(pair: ContainerPair, name: string, now: StoreSnapshot, lang: Lang): DisplayBundle {
  const present = new Set(now.dirs.map((d) => d.id));
  const ids = [pair.upper?.id, pair.init?.id].filter((x): x is string => !!x);
  const left = ids.filter((id) => present.has(id));
  const text = left.length === 0 ? say(T.gone, lang, { name, upper: shortDir(ids[0]), init: shortDir(ids[1]) }) : say(T.stays, lang, { name, left: left.join(', ') });
  return { ...noteBundle(text, left.length === 0 ? 'ok' : 'bad'), meta: { pairGone: left.length === 0 } };
}
