/* Pure: lesson 4's exercises, checked against the union model (which the lesson shows agreeing with the kernel). */
import { say } from '../i18n/format';
import { resultText } from '../scenario/report';
import type { Verdict } from './exercise';
import { mountPreset, type ModelExercise } from './model';
import { readResult, readYesNo } from './predictions';

/** What one system call on merged returned. */
export interface CallResult {
  call: string;
  /** 'OK' or an errno name. */
  result: string;
}

/**
 * @example renameResult('').result // 'EXDEV'
 */
export function renameResult(options: string): CallResult {
  const lab = mountPreset('redirect', options);
  const r = lab.run('rename srv/www srv/site').result;
  return { call: 'rename srv/www srv/site', result: typeof r === 'object' && 'errno' in r ? r.errno : r === 'OK' ? 'OK' : resultText(r) };
}

export const renameDir: ModelExercise<string, CallResult> = {
  id: 'simulation-vs-kernel/rename-dir',
  lesson: 'simulation-vs-kernel',
  question: {
    'pt-BR': 'Sem `redirect_dir`, o que `rename("srv/www", "srv/site")` devolve quando `srv/www` é um diretório de uma camada inferior?',
    en: 'Without `redirect_dir`, what does `rename("srv/www", "srv/site")` return when `srv/www` is a directory of a lower layer?',
  },
  form: { 'pt-BR': '`OK` ou o nome de um erro, por exemplo `ENOENT`.', en: '`OK` or an error name, e.g. `ENOENT`.' },
  answer: {
    'pt-BR': '`EXDEV`, como se o diretório estivesse em outro sistema de arquivos. Sem `redirect_dir` o kernel não tem como registrar que o diretório novo continua o de baixo; o `mv` então copia a árvore e apaga a original. Com `redirect_dir=on`, o rename dá certo e grava o xattr `redirect`.',
    en: '`EXDEV`, as if the directory were on another file system. Without `redirect_dir` the kernel has no way to record that the new directory continues the one below; `mv` then copies the tree and deletes the original. With `redirect_dir=on`, the rename succeeds and writes the `redirect` xattr.',
  },
  parse: readResult,
  check(p, f, lang): Verdict {
    return {
      correct: p === f.result,
      actual: say({ 'pt-BR': '`{call}` devolve {result}.', en: '`{call}` returns {result}.' }, lang, f as unknown as Record<string, string>),
      why: say(
        {
          'pt-BR': 'Renomear um diretório que vem de baixo exigiria mudar uma camada somente leitura. Sem `redirect_dir` o OverlayFS recusa com EXDEV, o erro de "outro sistema de arquivos", e deixa o programa copiar; com `redirect_dir=on` ele cria o diretório novo no upperdir com um xattr que aponta para onde o conteúdo ficou.',
          en: 'Renaming a directory that comes from below would mean changing a read-only layer. Without `redirect_dir` OverlayFS refuses with EXDEV, the "other file system" error, and leaves the program to copy; with `redirect_dir=on` it makes the new directory in the upperdir with an xattr pointing to where the content stayed.',
        },
        lang,
      ),
    };
  },
  model: () => renameResult(''),
};

/** Whether two merged names are one file (one inode) after a step. */
export interface SameInode {
  paths: [string, string];
  options: string;
  same: boolean;
}

/**
 * @example linkAfterAppend('').same // false: the copy-up broke the link
 */
export function linkAfterAppend(options: string): SameInode {
  const lab = mountPreset('hardlinks', options);
  lab.run('append bin/busybox !');
  const a = lab.overlay.lstat('bin/busybox');
  const b = lab.overlay.lstat('bin/ls');
  const same = !('errno' in a) && !('errno' in b) && a.ino === b.ino;
  return { paths: ['bin/busybox', 'bin/ls'], options, same };
}

export const brokenLink: ModelExercise<boolean, SameInode> = {
  id: 'simulation-vs-kernel/broken-link',
  lesson: 'simulation-vs-kernel',
  question: {
    'pt-BR': '`/bin/ls` é um link físico para `/bin/busybox` numa camada inferior. Com `index=off` (o padrão do Docker), depois de `append bin/busybox !`, os dois nomes continuam sendo o mesmo arquivo (o mesmo inode)?',
    en: '`/bin/ls` is a hard link to `/bin/busybox` in a lower layer. With `index=off` (Docker\'s default), after `append bin/busybox !`, are the two names still the same file (the same inode)?',
  },
  form: { 'pt-BR': 'Sim ou não.', en: 'Yes or no.' },
  answer: {
    'pt-BR': 'Não. O copy-up cria um inode novo só para o nome escrito; `/bin/ls` continua servido pela camada de baixo, sem a mudança. Com `index=on` o kernel registra o inode copiado e os outros nomes o seguem.',
    en: 'No. The copy-up makes a new inode for the written name only; `/bin/ls` is still served by the layer below, without the change. With `index=on` the kernel records the copied inode and the other names follow it.',
  },
  parse: readYesNo,
  check(p, f, lang): Verdict {
    const yes = f.same ? { 'pt-BR': 'são o mesmo inode', en: 'are the same inode' } : { 'pt-BR': 'são inodes diferentes: o link se quebrou', en: 'are different inodes: the link broke' };
    return {
      correct: p === f.same,
      actual: say({ 'pt-BR': '`/{a}` e `/{b}` {yes}.', en: '`/{a}` and `/{b}` {yes}.' }, lang, { a: f.paths[0], b: f.paths[1], yes: say(yes, lang) }),
      why: say(
        {
          'pt-BR': 'O copy-up copia um nome, não um inode: sem `index`, o kernel não sabe que outros nomes apontavam para o mesmo inode de baixo, e cada um segue seu caminho. O kernel real faz o mesmo: o relatório dele nesta aula concorda com o do modelo.',
          en: 'Copy-up copies a name, not an inode: without `index`, the kernel does not know that other names pointed at the same inode below, and each goes its own way. The real kernel does the same: its report in this lesson agrees with the model\'s.',
        },
        lang,
      ),
    };
  },
  model: () => linkAfterAppend(''),
};

export const SIMULATION_VS_KERNEL_EXERCISES = [renameDir, brokenLink] as const;
