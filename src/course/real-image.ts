/* Pure: lesson 5's exercises, checked against a real image stacked in the union model. */
import { say } from '../i18n/format';
import { pathHistory } from '../image/history';
import type { LoadedImage } from '../image/image';
import type { Exercise, Verdict } from './exercise';
import { readCount, readYesNo } from './predictions';

/** A path's story in an image: which layers write it, which delete it, which one a container sees. */
export interface PathStory {
  path: string;
  /** Layer positions, 1 = the base. */
  writers: number[];
  deleters: number[];
  /** The layer a container sees the path from; undefined when it is not visible. */
  shownBy?: number;
  layers: number;
}

/**
 * @example pathStory(image, '/app/conf/app.conf').shownBy // 4
 */
export function pathStory(image: LoadedImage, path: string): PathStory {
  const h = pathHistory(image, path);
  return {
    path,
    writers: h.events.filter((e) => e.action !== 'deletes').map((e) => e.position),
    deleters: h.events.filter((e) => e.action === 'deletes').map((e) => e.position),
    shownBy: h.shownBy,
    layers: image.layers.length,
  };
}

const story = (f: PathStory, lang: 'pt-BR' | 'en') =>
  say({ 'pt-BR': '`{path}`: escrito nas camadas {w}, apagado nas camadas {d}; o contêiner o vê {seen}.', en: '`{path}`: written in layers {w}, deleted in layers {d}; a container sees it {seen}.' }, lang, {
    path: f.path,
    w: f.writers.join(', ') || '—',
    d: f.deleters.join(', ') || '—',
    seen: f.shownBy === undefined ? say({ 'pt-BR': 'em nenhuma', en: 'from none' }, lang) : say({ 'pt-BR': 'da camada {n}', en: 'from layer {n}' }, lang, { n: f.shownBy }),
  });

export const confLayer: Exercise<number, PathStory> = {
  id: 'real-image/conf-layer',
  lesson: 'real-image',
  question: {
    'pt-BR': 'A imagem escreve `/app/conf/app.conf` duas vezes, em `RUN`s diferentes. De qual camada (1 = a base) vem a versão que um contêiner vê?',
    en: 'The image writes `/app/conf/app.conf` twice, in different `RUN`s. Which layer (1 = the base) does the version a container sees come from?',
  },
  form: { 'pt-BR': 'O número de uma camada, por exemplo "2".', en: 'A layer\'s number, e.g. "2".' },
  answer: {
    'pt-BR': 'Da camada mais alta que o escreve (a do segundo `RUN`, a 4ª na imagem de teste). A versão antiga continua na camada de baixo: é baixada e guardada, mas ninguém a vê.',
    en: 'From the topmost layer that writes it (the second `RUN`\'s, the 4th in the test image). The old version stays in the layer below: downloaded and stored, but seen by nobody.',
  },
  parse: readCount,
  check(p, f, lang): Verdict {
    return {
      correct: p === f.shownBy,
      actual: story(f, lang),
      why: say(
        {
          'pt-BR': 'As camadas de uma imagem viram os lowerdirs da montagem, a última por cima; a busca para na camada mais alta que tem o nome. A versão de baixo não some: ocupa espaço na imagem sem aparecer.',
          en: 'An image\'s layers become the mount\'s lowerdirs, the last one on top; lookup stops at the topmost layer that has the name. The version below does not go away: it takes space in the image without showing.',
        },
        lang,
      ),
    };
  },
};

export const oldVisible: Exercise<boolean, PathStory> = {
  id: 'real-image/old-visible',
  lesson: 'real-image',
  question: {
    'pt-BR': 'Um `RUN` cria `/app/data/old.txt`, outro o apaga, e um terceiro faz `rm -rf /app/data && mkdir /app/data`. Um contêiner dessa imagem vê `/app/data/old.txt`?',
    en: 'One `RUN` makes `/app/data/old.txt`, another deletes it, and a third runs `rm -rf /app/data && mkdir /app/data`. Does a container of this image see `/app/data/old.txt`?',
  },
  form: { 'pt-BR': 'Sim ou não.', en: 'Yes or no.' },
  answer: {
    'pt-BR': 'Não. O whiteout da camada que o apaga o esconde, e depois o diretório opaco esconde tudo o que as camadas de baixo tinham em `/app/data`. Os bytes continuam na camada que o criou.',
    en: 'No. The whiteout of the layer that deletes it hides it, and then the opaque directory hides everything the layers below had in `/app/data`. The bytes stay in the layer that made it.',
  },
  parse: readYesNo,
  check(p, f, lang): Verdict {
    return {
      correct: p === (f.shownBy !== undefined),
      actual: story(f, lang),
      why: say(
        {
          'pt-BR': 'Apagar numa camada de cima não tira o arquivo da camada de baixo: grava um whiteout que o esconde. Um diretório recriado fica opaco e esconde tudo o que havia dentro dele nas camadas de baixo.',
          en: 'Deleting in an upper layer does not take the file out of the layer below: it writes a whiteout that hides it. A directory made again is opaque and hides everything the layers below had inside it.',
        },
        lang,
      ),
    };
  },
};

export const REAL_IMAGE_EXERCISES = [confLayer, oldVisible] as const;
