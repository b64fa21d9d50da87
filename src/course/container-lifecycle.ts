/* Pure: the container-lifecycle lesson's exercises. The facts come from a live run (docker/lifecycle). */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { judge, type Exercise, type Verdict } from './exercise';

const LESSON = 'container-lifecycle';

/** An exercise that can also show what happened without a prediction (the student left it empty). */
export interface RevealingExercise<P, F> extends Exercise<P, F> {
  reveal(facts: F, lang: Lang): Omit<Verdict, 'correct'>;
}

/** The check cell's outcome: the verdict when the prediction could be read, else what happened. */
export interface PredictionCheck {
  /** What the student wrote, trimmed. */
  text: string;
  /** Whether it was read as a prediction. */
  read: boolean;
  /** Set when read. */
  correct?: boolean;
  actual: string;
  why: string;
}

/**
 * Reads a prediction and checks it against the facts; an empty or unreadable one still gets
 * what happened and why (the render repeats the exercise's form).
 * @example predictAndCheck(volumeSurvives, 'volume', facts, 'en').correct // true when only the volume's file is left
 */
export function predictAndCheck<P, F>(ex: RevealingExercise<P, F>, text: string, facts: F, lang: Lang): PredictionCheck {
  const j = judge(ex, text, facts, lang);
  return j.state === 'judged' ? { text: j.text, read: true, ...j.verdict } : { text: j.text, read: false, ...ex.reveal(facts, lang) };
}

/** Folds accents and case, so "Gravável", "gravavel" and "GRAVÁVEL" read the same. */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const words = (s: string) => fold(s).split(/[^a-z0-9-]+/).filter(Boolean);

// ---------------------------------------------------------------- docker create

/** A directory's role in the store, as the create exercise names it. */
export type CreateRole = 'writable' | 'init' | 'image';

/** How many directories `docker create` adds, and with which roles. */
export interface CreatePrediction {
  count: number;
  roles: CreateRole[];
}

/** What the live `docker create` added to overlay2/, and whether a mount appeared. */
export interface CreateFacts {
  added: { id: string; role: CreateRole }[];
  mounted: boolean;
}

const ROLE_WORDS: Record<string, CreateRole> = {
  writable: 'writable', upper: 'writable', upperdir: 'writable', rw: 'writable', gravavel: 'writable', container: 'writable', conteiner: 'writable',
  init: 'init', '-init': 'init',
  image: 'image', imagem: 'image',
};
const ROLE_NAMES: Record<CreateRole, Localized> = {
  writable: { en: 'writable layer <id>', 'pt-BR': 'camada gravável <id>' },
  init: { en: 'init layer <id>-init', 'pt-BR': 'camada -init <id>-init' },
  image: { en: 'image layer', 'pt-BR': 'camada de imagem' },
};
const sameSet = <T>(a: T[], b: T[]) => new Set(a).size === new Set(b).size && [...new Set(a)].every((x) => b.includes(x));

/**
 * "How many directories will `docker create` add to overlay2/, and which roles?"
 * @example createDirs.parse('2: writable, init') // { count: 2, roles: ['writable', 'init'] }
 */
export const createDirs: RevealingExercise<CreatePrediction, CreateFacts> = {
  id: `${LESSON}/create-dirs`,
  lesson: LESSON,
  question: {
    en: 'How many directories will `docker create` add to overlay2/, and what is each one (writable, init, image)? Is anything mounted yet?',
    'pt-BR': 'Quantos diretórios o `docker create` vai acrescentar em overlay2/, e o que é cada um (gravável, init, imagem)? Já há alguma montagem?',
  },
  form: {
    en: "A number, then the roles, e.g. '1 writable' or '3 writable init image'.",
    'pt-BR': "Um número e depois os papéis, por exemplo '1 gravável' ou '3 gravável init imagem'.",
  },
  answer: {
    en: 'Two: the writable layer <id> and the <id>-init layer, each with diff/, work/, link and lower; no image layer (the image is already in the store, and shared); no merged/ and no mount until docker start.',
    'pt-BR': 'Dois: a camada gravável <id> e a camada <id>-init, cada uma com diff/, work/, link e lower; nenhuma camada de imagem (a imagem já está no armazenamento, e é compartilhada); nem merged/ nem montagem até o docker start.',
  },
  parse(text) {
    const w = words(text);
    const n = w.map(Number).find((x) => Number.isInteger(x) && x >= 0);
    const roles = w.map((x) => ROLE_WORDS[x]).filter((r): r is CreateRole => !!r);
    return n === undefined ? undefined : { count: n, roles: [...new Set(roles)] };
  },
  check(p, f, lang) {
    const correct = p.count === f.added.length && sameSet(p.roles, f.added.map((a) => a.role));
    return { correct, ...this.reveal(f, lang) };
  },
  reveal(f, lang) {
    const actual = say(
      { en: '{n, plural, one {# directory} other {# directories}}: {roles}. Mounted after create: {mounted}.', 'pt-BR': '{n, plural, one {# diretório} other {# diretórios}}: {roles}. Montado depois do create: {mounted}.' },
      lang,
      { n: f.added.length, roles: f.added.map((a) => `${say(ROLE_NAMES[a.role], lang)} (${a.id.slice(0, 12)}${a.role === 'init' ? '-init' : ''})`).join(', ') || '—', mounted: f.mounted ? { en: 'yes', 'pt-BR': 'sim' } : { en: 'no', 'pt-BR': 'não' } },
    );
    const why = {
      en: "create prepares the container's own layers and nothing else: the writable layer (its diff/ will be the upperdir) and, below it, the -init layer, with the placeholders Docker mounts hostname, hosts and resolv.conf over. The image's layers are already in the store and every container shares them. The union mount is made by start, not by create.",
      'pt-BR': 'O create prepara só as camadas do próprio contêiner: a camada gravável (o diff/ dela será o upperdir) e, logo abaixo, a camada -init, com os arquivos vazios sobre os quais o Docker monta o hostname, o hosts e o resolv.conf. As camadas da imagem já estão no armazenamento e todo contêiner as compartilha. Quem faz a montagem de união é o start, não o create.',
    };
    return { actual, why: why[lang] };
  },
};

// ---------------------------------------------------------------- docker commit

/** What the committed layer holds for a path deleted in the container. */
export type CommitEntry = 'whiteout' | 'file' | 'nothing';

/** The new layer's entry for the deleted path, as read from its diff/. */
export interface CommitFacts {
  path: string;
  /** The entry's change kind in the new layer, if it has one. */
  kind?: 'added' | 'modified' | 'deleted' | 'opaque';
  /** lstat of the entry in diff/: a character device 0/0 is a whiteout. */
  charDevice?: boolean;
  major?: number;
  minor?: number;
}

const COMMIT_WORDS: Record<string, CommitEntry> = {
  whiteout: 'whiteout', char: 'whiteout', device: 'whiteout', dispositivo: 'whiteout', caractere: 'whiteout',
  file: 'file', arquivo: 'file', copy: 'file', copia: 'file',
  nothing: 'nothing', nada: 'nothing', none: 'nothing', nenhum: 'nothing', vazio: 'nothing',
};

/** What the new layer holds, read from the facts: a whiteout only if lstat saw a char device. */
const commitHeld = (f: CommitFacts): CommitEntry => (f.kind === 'deleted' && f.charDevice ? 'whiteout' : f.kind ? 'file' : 'nothing');

/**
 * "After `rm <path>` in the container and `docker commit`, what does the new layer hold for that path?"
 * @example commitWhiteout.parse('um whiteout') // 'whiteout'
 */
export const commitWhiteout: RevealingExercise<CommitEntry, CommitFacts> = {
  id: `${LESSON}/commit-whiteout`,
  lesson: LESSON,
  question: {
    en: 'We delete a file of the image inside the container, then `docker commit`. What does the new layer hold for that path: a whiteout, a file, or nothing?',
    'pt-BR': 'Apagamos um arquivo da imagem dentro do contêiner e depois fazemos `docker commit`. O que a camada nova guarda nesse caminho: um whiteout, um arquivo ou nada?',
  },
  form: { en: "One word: 'whiteout', 'file' or 'nothing'.", 'pt-BR': "Uma palavra: 'whiteout', 'arquivo' ou 'nada'." },
  answer: {
    en: "A whiteout: a character device 0/0 at the file's path, copied from the container's upperdir; the file itself stays in the layer below.",
    'pt-BR': 'Um whiteout: um dispositivo de caractere 0/0 no caminho do arquivo, copiado do upperdir do contêiner; o arquivo em si continua na camada de baixo.',
  },
  parse(text) {
    return words(text).map((w) => COMMIT_WORDS[w]).find(Boolean);
  },
  check(p, f, lang) {
    return { correct: p === commitHeld(f), ...this.reveal(f, lang) };
  },
  reveal(f, lang) {
    const held = commitHeld(f);
    const actual =
      held === 'whiteout'
        ? say({ en: '{path} in the new layer is a character device {major}/{minor}: a whiteout.', 'pt-BR': '{path} na camada nova é um dispositivo de caractere {major}/{minor}: um whiteout.' }, lang, { path: f.path, major: f.major ?? 0, minor: f.minor ?? 0 })
        : held === 'file'
          ? say({ en: '{path} in the new layer is an entry of kind {kind}.', 'pt-BR': '{path} na camada nova é uma entrada do tipo {kind}.' }, lang, { path: f.path, kind: f.kind ?? '' })
          : say({ en: 'The new layer holds nothing at {path}.', 'pt-BR': 'A camada nova não guarda nada em {path}.' }, lang, { path: f.path });
    const why = {
      en: "A layer cannot remove a file from the layers below it; it can only hide it. When the container deleted the file, the kernel left a whiteout in the upperdir, and commit turns the upperdir into the new layer as it is, whiteout included. The file's bytes stay in the image's lower layer: deleting in a later layer does not make the image smaller.",
      'pt-BR': 'Uma camada não consegue tirar um arquivo das camadas de baixo; só consegue escondê-lo. Quando o contêiner apagou o arquivo, o kernel deixou um whiteout no upperdir, e o commit transforma o upperdir na camada nova do jeito que está, whiteout incluído. Os bytes do arquivo continuam na camada de baixo da imagem: apagar numa camada posterior não deixa a imagem menor.',
    };
    return { actual, why: why[lang] };
  },
};

// ---------------------------------------------------------------- volumes

/** Which of the two written files is still on disk after `docker rm`. */
export type Survivor = 'volume' | 'container' | 'both' | 'neither';

/** Whether each file is on the host's disk after `docker rm`. */
export interface SurvivorFacts {
  volumeFile: string;
  volumeKept: boolean;
  upperFile: string;
  upperKept: boolean;
}

const SURVIVOR_WORDS: Record<string, Survivor> = {
  volume: 'volume', volumes: 'volume',
  container: 'container', conteiner: 'container', upper: 'container', upperdir: 'container', diff: 'container',
  both: 'both', ambos: 'both',
  neither: 'neither', none: 'neither', nenhum: 'neither', nada: 'neither',
};

/**
 * "After `docker rm`, which file is still on disk: the one in the volume, the one in the container's file system, both, or neither?"
 * @example volumeSurvives.parse('só o do volume') // 'volume'
 */
export const volumeSurvives: RevealingExercise<Survivor, SurvivorFacts> = {
  id: `${LESSON}/volume-survives`,
  lesson: LESSON,
  question: {
    en: 'The container wrote one file into its volume and one into its own file system. After `docker rm`, which is still on the disk: the volume one, the container one, both, or neither?',
    'pt-BR': 'O contêiner escreveu um arquivo no volume e outro no próprio sistema de arquivos. Depois do `docker rm`, qual continua no disco: o do volume, o do contêiner, os dois ou nenhum?',
  },
  form: { en: "One word: 'volume', 'container', 'both' or 'neither'.", 'pt-BR': "Uma palavra: 'volume', 'contêiner', 'ambos' ou 'nenhum'." },
  answer: {
    en: "The volume's: it lives in /var/lib/docker/volumes/<name>/_data, outside every overlay2 directory; the other was in the writable layer's diff/, which docker rm deletes.",
    'pt-BR': 'O do volume: ele fica em /var/lib/docker/volumes/<nome>/_data, fora de qualquer diretório do overlay2; o outro estava no diff/ da camada gravável, que o docker rm apaga.',
  },
  parse(text) {
    const w = words(text);
    // "os dois" is how a Brazilian student says both.
    if (w.includes('dois') || w.includes('ambos') || w.includes('both')) return 'both';
    return w.map((x) => SURVIVOR_WORDS[x]).find(Boolean);
  },
  check(p, f, lang) {
    const kept: Survivor = f.volumeKept && f.upperKept ? 'both' : f.volumeKept ? 'volume' : f.upperKept ? 'container' : 'neither';
    return { correct: p === kept, ...this.reveal(f, lang) };
  },
  reveal(f, lang) {
    const yes = (b: boolean) => (b ? { en: 'still there', 'pt-BR': 'continua lá' } : { en: 'gone', 'pt-BR': 'sumiu' });
    const actual = say({ en: '{v}: {vk}. {u}: {uk}.', 'pt-BR': '{v}: {vk}. {u}: {uk}.' }, lang, { v: f.volumeFile, vk: yes(f.volumeKept), u: f.upperFile, uk: yes(f.upperKept) });
    const why = {
      en: "A volume is mounted over a path of the container, so a write there goes to the volume's own directory and never through the overlay mount. Everything else the container writes goes through the overlay mount into its upperdir, the writable layer's diff/, and docker rm deletes that layer with the container. The volume stays until docker volume rm.",
      'pt-BR': 'O volume é montado sobre um caminho do contêiner: o que se escreve ali vai para o diretório do próprio volume e nunca passa pela montagem overlay. Todo o resto que o contêiner escreve passa pela montagem overlay e cai no upperdir, o diff/ da camada gravável, e o docker rm apaga essa camada junto com o contêiner. O volume fica até um docker volume rm.',
    };
    return { actual, why: why[lang] };
  },
};

/** The lesson's exercises, in the order the lesson asks them (the instructor's answer sheet reads `answer`). */
export const LIFECYCLE_EXERCISES = [volumeSurvives, createDirs, commitWhiteout] as const;
