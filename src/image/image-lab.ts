/* Pure: a real image mounted writable, to act on as on the playground's stacks. */
import { OverlayLabError } from '../i18n/errors';
import { UnionLab } from '../scenario/lab';
import type { LoadedImage } from './image';

/**
 * The image's layers as the lowerdirs of a writable mount (an empty upperdir on top), as a
 * container starts; the lowers are named `layerN` (N = 1 for the base), top first. Needs the
 * file contents: a hashes-only image has none to copy up.
 * @example const lab = mountImageLab(image); lab.run('rm etc/motd')
 */
export function mountImageLab(image: LoadedImage, options = ''): UnionLab {
  if (image.hashesOnly) {
    throw new OverlayLabError(
      'EIMAGE_HASHES_ONLY',
      {
        en: 'this image was loaded keeping only sizes and hashes: its files have no contents to copy up.',
        'pt-BR': 'esta imagem foi carregada guardando só tamanhos e hashes: seus arquivos não têm conteúdo para copiar para cima.',
      },
      {},
      { en: 'Load it again with its contents to mount it and act on it.', 'pt-BR': 'Carregue de novo com o conteúdo para montá-la e agir sobre ela.' },
      65,
    );
  }
  const lowers = [...image.layers].reverse().map((l) => ({ name: `layer${l.position}`, root: l.root }));
  const lab = UnionLab.overLayers(lowers, { options });
  // Only more than 500 layers is refused, and the loaders stop before that.
  if ('refused' in lab) throw new Error(lab.refused);
  return lab;
}
