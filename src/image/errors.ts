/* Pure: the errors of loading an image, each naming the archive entry at fault, in both languages. */
import { OverlayLabError } from '../i18n/errors';
import { formatNumber, say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { OVL_MAX_STACK } from '../union/limits';

/** Bad data (sysexits EX_DATAERR), as the docker commands use for unusable input. */
const EXIT_DATA = 65;
const EXIT_NOINPUT = 66;

const MESSAGES = {
  EIMAGE_TRUNCATED: {
    en: '{where}: the archive ends inside entry {entry}.',
    'pt-BR': '{where}: o arquivo termina no meio da entrada {entry}.',
  },
  EIMAGE_CORRUPT: {
    en: '{where}: corrupt tar data after entry {entry} ({detail}).',
    'pt-BR': '{where}: dados tar corrompidos depois da entrada {entry} ({detail}).',
  },
  EIMAGE_GZIP: {
    en: '{where}: entry {entry} holds corrupt gzip data ({detail}).',
    'pt-BR': '{where}: a entrada {entry} tem dados gzip corrompidos ({detail}).',
  },
  EIMAGE_BOMB: {
    en: '{where}: entry {entry} inflates to more than {limit} bytes from {packed} compressed: a gzip bomb?',
    'pt-BR': '{where}: a entrada {entry} descomprime para mais de {limit} bytes a partir de {packed} comprimidos: uma bomba gzip?',
  },
  EIMAGE_UNSAFE_PATH: {
    en: '{where}: entry {entry} has an unsafe name ({detail}).',
    'pt-BR': '{where}: a entrada {entry} tem um nome inseguro ({detail}).',
  },
  EIMAGE_LINK_OUTSIDE: {
    en: '{where}: entry {entry} is a link to {detail}, outside the layer.',
    'pt-BR': '{where}: a entrada {entry} é um link para {detail}, fora da camada.',
  },
  EIMAGE_LINK_MISSING: {
    en: '{where}: entry {entry} is a hard link to {detail}, which is not an earlier file of the same layer.',
    'pt-BR': '{where}: a entrada {entry} é um link físico para {detail}, que não é um arquivo anterior da mesma camada.',
  },
  EIMAGE_THROUGH_SYMLINK: {
    en: '{where}: entry {entry} would be written through the symbolic link {detail}.',
    'pt-BR': '{where}: a entrada {entry} seria escrita através do link simbólico {detail}.',
  },
  EIMAGE_NOT_DIR: {
    en: '{where}: entry {entry} lies under {detail}, which is not a directory.',
    'pt-BR': '{where}: a entrada {entry} fica sob {detail}, que não é um diretório.',
  },
  EIMAGE_DUPLICATE: {
    en: '{where}: entry {entry} appears twice in the same layer{detail}.',
    'pt-BR': '{where}: a entrada {entry} aparece duas vezes na mesma camada{detail}.',
  },
  EIMAGE_UNSUPPORTED: {
    en: '{where}: entry {entry}: {detail} is not supported.',
    'pt-BR': '{where}: entrada {entry}: {detail} não é suportado.',
  },
  EIMAGE_TOO_MANY_LAYERS: {
    en: `{where}: {detail} layers; OverlayFS stacks at most ${formatNumber(OVL_MAX_STACK, 'en')}.`,
    'pt-BR': `{where}: {detail} camadas; o OverlayFS empilha no máximo ${formatNumber(OVL_MAX_STACK, 'pt-BR')}.`,
  },
  EIMAGE_TOO_MANY_ENTRIES: {
    en: '{where}: more than {detail} entries (at {entry}).',
    'pt-BR': '{where}: mais de {detail} entradas (em {entry}).',
  },
  EIMAGE_TOO_BIG: {
    en: '{where}: file contents pass {detail} bytes in memory (at {entry}).',
    'pt-BR': '{where}: o conteúdo dos arquivos passa de {detail} bytes na memória (em {entry}).',
  },
  EIMAGE_NO_MANIFEST: {
    en: '{where}: not an image archive: no manifest.json or index.json at its top ({detail}).',
    'pt-BR': '{where}: não é um arquivo de imagem: sem manifest.json nem index.json no topo ({detail}).',
  },
  EIMAGE_BAD_MANIFEST: {
    en: '{where}: entry {entry} is not a usable manifest ({detail}).',
    'pt-BR': '{where}: a entrada {entry} não é um manifesto utilizável ({detail}).',
  },
  EIMAGE_MISSING_BLOB: {
    en: '{where}: the manifest names {entry}, which the archive does not hold{detail}.',
    'pt-BR': '{where}: o manifesto cita {entry}, que o arquivo não contém{detail}.',
  },
  EIMAGE_DIFFID: {
    en: '{where}: layer {entry} does not match its diff ID ({detail}).',
    'pt-BR': '{where}: a camada {entry} não confere com seu diff ID ({detail}).',
  },
  EIMAGE_NO_REF: {
    en: '{where}: no image {entry} in this archive (it holds: {detail}).',
    'pt-BR': '{where}: nenhuma imagem {entry} neste arquivo (ele contém: {detail}).',
  },
  EIMAGE_OPEN: {
    en: 'cannot read {where} ({detail}).',
    'pt-BR': 'não consegui ler {where} ({detail}).',
  },
} satisfies Record<string, Localized>;

export type ImageErrorCode = keyof typeof MESSAGES;

const HINTS: Partial<Record<ImageErrorCode, Localized>> = {
  EIMAGE_TRUNCATED: { en: 'Save the image again (docker save -o FILE IMAGE) and retry.', 'pt-BR': 'Salve a imagem de novo (docker save -o ARQUIVO IMAGEM) e tente outra vez.' },
  EIMAGE_CORRUPT: { en: 'Save the image again (docker save -o FILE IMAGE) and retry.', 'pt-BR': 'Salve a imagem de novo (docker save -o ARQUIVO IMAGEM) e tente outra vez.' },
  EIMAGE_GZIP: { en: 'Check the file (gzip -t) or save the image again.', 'pt-BR': 'Verifique o arquivo (gzip -t) ou salve a imagem de novo.' },
  EIMAGE_BOMB: {
    en: 'If you trust this archive, raise the limit with --max-inflated BYTES.',
    'pt-BR': 'Se você confia neste arquivo, aumente o limite com --max-inflated BYTES.',
  },
  EIMAGE_TOO_BIG: {
    en: 'Load it keeping only sizes and hashes (hashesOnly, the CLI default).',
    'pt-BR': 'Carregue guardando só tamanhos e hashes (hashesOnly, o padrão da CLI).',
  },
  EIMAGE_NO_MANIFEST: {
    en: 'Give a file made by docker save, an OCI image layout directory, or an OCI archive.',
    'pt-BR': 'Passe um arquivo feito pelo docker save, um diretório OCI image layout ou um arquivo OCI.',
  },
  EIMAGE_OPEN: { en: 'Check the path and its permissions.', 'pt-BR': 'Verifique o caminho e as permissões.' },
};

/**
 * What a reader of the playground page can do, where the CLI's hint names a flag or an option
 * the page does not have (the page shows the same message with this hint instead).
 */
const PAGE_HINTS: Partial<Record<ImageErrorCode, Localized>> = {
  EIMAGE_BOMB: {
    en: 'This page stops there to keep the tab from running out of memory, and cannot raise the limit. If you trust the archive, open it with the command line, which can: overlay-lab archive FILE --max-inflated SIZE.',
    'pt-BR': 'Esta página para aí para a aba não ficar sem memória, e não tem como aumentar o limite. Se você confia no arquivo, abra-o pela linha de comando, que tem: overlay-lab archive ARQUIVO --max-inflated TAMANHO.',
  },
  EIMAGE_TOO_BIG: {
    en: 'Tick "keep only sizes and hashes" above and open the file again.',
    'pt-BR': 'Marque «guardar só tamanhos e hashes» acima e abra o arquivo de novo.',
  },
};

/**
 * The hints of an image error: the CLI's, and the page's where it differs.
 * @example imageHints('EIMAGE_BOMB').page?.en // 'This page stops there …'
 */
export function imageHints(code: string): { cli?: Localized; page?: Localized } {
  return { cli: HINTS[code as ImageErrorCode], page: PAGE_HINTS[code as ImageErrorCode] };
}

/**
 * An error as the playground page says it: the message, then what a reader of the page can do
 * (the CLI's hint, unless it names something only the command line has).
 * @example pageErrorText(bombError, 'en') // '… a gzip bomb? This page stops there …'
 */
export function pageErrorText(e: OverlayLabError, lang: Lang): string {
  const hint = PAGE_HINTS[e.code as ImageErrorCode];
  return hint ? `${say(e.text, lang, e.params)} ${say(hint, lang, e.params)}` : e.render(lang);
}

/**
 * A person-facing error about an image: where (the archive, and the layer inside it), the entry
 * at fault, and a detail. Exit 65 (bad data), or 66 when the input cannot be opened.
 * @example throw imageError('EIMAGE_DUPLICATE', 'img.tar › abc/layer.tar', 'etc/passwd')
 */
export function imageError(code: ImageErrorCode, where: string, entry = '', detail = '', extra: Record<string, string | number> = {}): OverlayLabError {
  return new OverlayLabError(code, MESSAGES[code], { where, entry, detail, ...extra }, HINTS[code], code === 'EIMAGE_OPEN' ? EXIT_NOINPUT : EXIT_DATA);
}

/**
 * Joins the places an error happened in: the archive, then the entry inside it.
 * @example within('img.tar', 'abc/layer.tar') // 'img.tar › abc/layer.tar'
 */
export function within(outer: string, inner: string): string {
  return `${outer} › ${inner}`;
}
