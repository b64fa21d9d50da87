/* Pure (no Node imports): the union engine and every view share these. */
/**
 * The two languages of the material. Portuguese (pt-BR) first: the lab was born in a
 * Portuguese classroom; English second. Every user-facing string exists in both.
 */
export type Lang = 'pt-BR' | 'en';

export const LANGS: readonly Lang[] = ['pt-BR', 'en'];

/** A string in both languages. */
export interface Localized {
  'pt-BR': string;
  en: string;
}

/**
 * Picks the language from an explicit flag, else from LC_ALL / LC_MESSAGES / LANG
 * (the POSIX order of precedence), else English.
 * @example pickLang({ LANG: 'pt_BR.UTF-8' }) // 'pt-BR'
 */
export function pickLang(env: Record<string, string | undefined>, flag?: string): Lang {
  const fromFlag = flag ? parseLang(flag) : undefined;
  if (fromFlag) return fromFlag;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return parseLang(value) ?? 'en';
  }
  return 'en';
}

/** 'pt', 'pt_BR.UTF-8', 'pt-BR' -> 'pt-BR'; 'en*', 'C', 'POSIX' -> 'en'; anything else undefined. */
export function parseLang(value: string): Lang | undefined {
  const v = value.toLowerCase();
  if (v.startsWith('pt')) return 'pt-BR';
  if (v.startsWith('en') || v === 'c' || v.startsWith('c.') || v === 'posix') return 'en';
  return undefined;
}

