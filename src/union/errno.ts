import type { Lang, Localized } from '../i18n/lang';

/**
 * The errno codes the model returns, with the kernel's text and a Portuguese one. Lookups
 * return codes as values; only the outer public API throws (FsError), as memfs does.
 */
export const ERRNO = {
  EPERM: { en: 'operation not permitted', 'pt-BR': 'operação não permitida' },
  ENOENT: { en: 'no such file or directory', 'pt-BR': 'arquivo ou diretório inexistente' },
  EIO: { en: 'input/output error', 'pt-BR': 'erro de entrada/saída' },
  EACCES: { en: 'permission denied', 'pt-BR': 'permissão negada' },
  EEXIST: { en: 'file exists', 'pt-BR': 'o arquivo já existe' },
  EXDEV: { en: 'invalid cross-device link', 'pt-BR': 'link entre dispositivos inválido' },
  ENOTDIR: { en: 'not a directory', 'pt-BR': 'não é um diretório' },
  EISDIR: { en: 'is a directory', 'pt-BR': 'é um diretório' },
  EINVAL: { en: 'invalid argument', 'pt-BR': 'argumento inválido' },
  EROFS: { en: 'read-only file system', 'pt-BR': 'sistema de arquivos somente leitura' },
  EMLINK: { en: 'too many links', 'pt-BR': 'links demais' },
  ENAMETOOLONG: { en: 'file name too long', 'pt-BR': 'nome de arquivo longo demais' },
  EBADF: { en: 'bad file descriptor', 'pt-BR': 'descritor de arquivo inválido' },
  ENOTEMPTY: { en: 'directory not empty', 'pt-BR': 'diretório não vazio' },
  ELOOP: { en: 'too many levels of symbolic links', 'pt-BR': 'níveis demais de links simbólicos' },
  ENODATA: { en: 'no data available', 'pt-BR': 'nenhum dado disponível' },
  EOPNOTSUPP: { en: 'operation not supported', 'pt-BR': 'operação não suportada' },
  E2BIG: { en: 'argument list too long', 'pt-BR': 'lista de argumentos longa demais' },
  ERANGE: { en: 'numerical result out of range', 'pt-BR': 'resultado numérico fora do intervalo' },
  EBUSY: { en: 'device or resource busy', 'pt-BR': 'dispositivo ou recurso ocupado' },
  ESTALE: { en: 'stale file handle', 'pt-BR': 'identificador de arquivo obsoleto' },
  ENXIO: { en: 'no such device or address', 'pt-BR': 'dispositivo ou endereço inexistente' },
  ENOSPC: { en: 'no space left on device', 'pt-BR': 'não há espaço disponível no dispositivo' },
} satisfies Record<string, Localized>;

export type Errno = keyof typeof ERRNO;

/** The kernel's words for an errno code in the reader's language, undefined for a code the model never returns. */
export function errnoWords(code: string, lang: Lang): string | undefined {
  return code in ERRNO ? ERRNO[code as Errno][lang] : undefined;
}

/** A failed file-system call, Node-style: "ENOENT: no such file or directory, open '/x'". */
export class FsError extends Error {
  constructor(
    readonly code: Errno,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${ERRNO[code].en}, ${syscall} '${path}'`);
    this.name = 'FsError';
  }

  /** The same line in Portuguese or English. */
  localized(lang: keyof Localized): string {
    return `${this.code}: ${ERRNO[this.code][lang]}, ${this.syscall} '${this.path}'`;
  }
}
