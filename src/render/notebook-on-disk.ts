/* Notebook views of the on-disk picture: the l/ links and overlay2/<id>/ directories of a container or an image. */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { OnDiskPicture } from '../docker/store/on-disk';
import { mermaidOnDisk } from './mermaid-on-disk';
import { mermaidBundle, type DisplayBundle } from './notebook-html';

const T = {
  title: { 'pt-BR': '{subject} no disco: l/ e overlay2/ ({n} diretórios)', en: '{subject} on disk: l/ and overlay2/ ({n} directories)' },
  simulated: { 'pt-BR': ' (host SIMULADO)', en: ' (SIMULATED host)' },
};

/**
 * The on-disk picture as a diagram, with a text fallback that lists each directory with its link,
 * its lower file and its subdirectories.
 * @example display(onDiskBundle(onDiskPicture(view.model, view.container.name)!, 'en'));
 */
export function onDiskBundle(p: OnDiskPicture, lang: Lang): DisplayBundle {
  const plain = p.dirs
    .map((d) => `${p.storePath}/${d.id}/  link=${d.link ?? '-'}  lower=${d.lower.join(':') || '-'}  ${[d.diff && 'diff/', d.work && 'work/', d.merged && 'merged/'].filter(Boolean).join(' ')}`)
    .concat(p.links.map((l) => `${p.storePath}/l/${l.name} -> ${l.target}${l.broken ? ' (broken)' : ''}`))
    .join('\n');
  const title = say(T.title, lang, { subject: p.subject, n: p.dirs.length }) + (p.source === 'simulated' ? say(T.simulated, lang) : '');
  return { ...mermaidBundle(mermaidOnDisk(p, lang), plain + '\n', title), meta: { source: p.source, dirs: p.dirs.length, links: p.links.length } };
}
