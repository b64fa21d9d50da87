import type { Localized } from '../i18n/lang';

/**
 * What the union mount did on its own while serving a call: the steps a teacher narrates.
 * Each event names the merged path and why it happened.
 */
export type OverlayEvent =
  | { kind: 'copy-up'; path: string; data: 'full' | 'metadata'; reason: CopyUpReason; dir?: boolean }
  | { kind: 'whiteout'; path: string; reason: 'unlink' | 'rmdir' | 'rename' }
  | { kind: 'opaque'; path: string; reason: 'mkdir-over-whiteout' | 'new-dir-in-merged' | 'rename' | 'rmdir-clear' }
  | { kind: 'redirect'; path: string; to: string }
  | { kind: 'origin'; path: string; reason: 'lookup' }
  | { kind: 'impure'; path: string }
  | { kind: 'index'; path: string };

export type CopyUpReason =
  | 'open-for-write' | 'truncate' | 'chmod' | 'chown' | 'utimes' | 'setxattr'
  | 'link' | 'rename' | 'parent-of-change' | 'metacopy-data';

const REASONS: Record<CopyUpReason, Localized> = {
  'open-for-write': { en: 'opened for writing', 'pt-BR': 'aberto para escrita' },
  truncate: { en: 'truncated', 'pt-BR': 'truncado' },
  chmod: { en: 'its mode changed', 'pt-BR': 'o modo mudou' },
  chown: { en: 'its owner changed', 'pt-BR': 'o dono mudou' },
  utimes: { en: 'its times changed', 'pt-BR': 'os horários mudaram' },
  setxattr: { en: 'an extended attribute was set', 'pt-BR': 'um atributo estendido foi gravado' },
  link: { en: 'a hard link was made to it', 'pt-BR': 'um link físico foi criado para ele' },
  rename: { en: 'it was renamed', 'pt-BR': 'foi renomeado' },
  'parent-of-change': { en: 'something inside it changes, so the directory must exist in the upper layer', 'pt-BR': 'algo dentro dele muda, então o diretório precisa existir na camada superior' },
  'metacopy-data': { en: 'its data is needed in the upper layer now (it had only metadata)', 'pt-BR': 'os dados agora são necessários na camada superior (só havia metadados)' },
};

/**
 * One sentence for an event, in the page's language.
 * @example narrate({ kind: 'whiteout', path: 'etc/motd', reason: 'unlink' }, 'en')
 */
export function narrate(e: OverlayEvent, lang: keyof Localized): string {
  const p = `/${e.path}`;
  const pt = lang === 'pt-BR';
  switch (e.kind) {
    case 'copy-up':
      return pt
        ? `copy-up ${e.data === 'full' ? 'completo' : 'só de metadados (metacopy)'} de ${p} para a camada superior: ${REASONS[e.reason]['pt-BR']}`
        : `${e.data === 'full' ? 'full' : 'metadata-only (metacopy)'} copy-up of ${p} to the upper layer: ${REASONS[e.reason].en}`;
    case 'whiteout':
      return pt
        ? `whiteout em ${p}: esconde o nome das camadas inferiores (${e.reason})`
        : `whiteout at ${p}: hides the name from the lower layers (${e.reason})`;
    case 'opaque':
      return pt
        ? `${p} marcado opaco: nada das camadas inferiores aparece dentro dele (${e.reason})`
        : `${p} marked opaque: nothing from the lower layers shows inside it (${e.reason})`;
    case 'redirect':
      return pt
        ? `redirect em ${p}: o conteúdo inferior continua em ${e.to}`
        : `redirect on ${p}: its lower content is still found at ${e.to}`;
    case 'origin':
      return pt ? `origin gravado em ${p} (lembra de que inode inferior ele veio)` : `origin recorded on ${p} (which lower inode it came from)`;
    case 'impure':
      return pt ? `${p} marcado impure: contém entradas copiadas ou movidas` : `${p} marked impure: it holds copied-up or moved entries`;
    case 'index':
      return pt ? `entrada no index criada para ${p} (links físicos preservados)` : `index entry made for ${p} (hard links kept)`;
  }
}

const QUIET: Record<'change' | 'make' | 'remove' | 'rename', Localized> = {
  change: { en: '{p} is in the upper layer (new, or copied up before): changed there, no copy-up needed', 'pt-BR': '{p} está na camada superior (novo, ou já copiado antes): mudado lá, sem precisar de copy-up' },
  make: { en: '{p} made directly in the upper layer: nothing copied from the lower layers', 'pt-BR': '{p} criado direto na camada superior: nada copiado das camadas inferiores' },
  remove: { en: '{p} was only in the upper layer: removed there, no whiteout needed', 'pt-BR': '{p} só existia na camada superior: removido de lá, sem precisar de whiteout' },
  rename: { en: '{p} and its new name are both in the upper layer: a plain rename, no copy-up or redirect', 'pt-BR': '{p} e o novo nome estão ambos na camada superior: um rename comum, sem copy-up nem redirect' },
};

const QUIET_OF: Partial<Record<string, keyof typeof QUIET>> = {
  write: 'change', append: 'change', touch: 'change', truncate: 'change', utime: 'change', chmod: 'change', chown: 'change', setxattr: 'change',
  mkdir: 'make', mkdirp: 'make', symlink: 'make', ln: 'make',
  rm: 'remove', rmdir: 'remove', rmrf: 'remove',
  rename: 'rename', mv: 'rename',
};

/**
 * One sentence for a change the mount served with no event of its own: such a change touched
 * the upper layer only (a lower name would have needed a copy-up, a whiteout or a redirect).
 * Undefined for a call that changes nothing (read).
 * @example narrateQuiet({ op: 'write', path: 'srv/app.txt' }, 'en') // '/srv/app.txt is in the upper layer (new, or copied up before): ...'
 */
export function narrateQuiet(call: { op: string; path: string; path2?: string }, lang: keyof Localized): string | undefined {
  const kind = QUIET_OF[call.op];
  // A hard link makes its second name.
  const path = call.op === 'ln' ? (call.path2 ?? call.path) : call.path;
  return kind && QUIET[kind][lang].replace('{p}', `/${path}`);
}
