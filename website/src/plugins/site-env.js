/*
 * Where the site is published, from the environment, so one build deploys to a domain root or to a
 * project path: SITE_URL (scheme and host, e.g. https://ana.github.io) and SITE_BASE_URL (the path,
 * e.g. /overlay-lab/). Without them: http://localhost and /, a local build. Canonical, og:url,
 * hreflang and sitemap entries are built from these two.
 */
const MESSAGES = {
  url: {
    'pt-BR': (v) => `SITE_URL="${v}" não é uma origem (esquema e host, sem caminho), por exemplo https://ana.github.io`,
    en: (v) => `SITE_URL="${v}" is not an origin (scheme and host, no path), e.g. https://ana.github.io`,
  },
  base: {
    'pt-BR': (v) => `SITE_BASE_URL="${v}" não é um caminho (começa com /, sem ? nem #), por exemplo /overlay-lab/`,
    en: (v) => `SITE_BASE_URL="${v}" is not a path (starts with /, no ? or #), e.g. /overlay-lab/`,
  },
};

/** The user's language from the usual locale variables (pt-BR when they name Portuguese). */
function userLang(env) {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^pt/i.test(v) ? 'pt-BR' : 'en';
}

/**
 * `url` and `baseUrl` for docusaurus.config.js; throws one clear line in the user's language.
 * @example siteEnv({ SITE_URL: 'https://ana.github.io/', SITE_BASE_URL: 'overlay-lab' }) // { url: 'https://ana.github.io', baseUrl: '/overlay-lab/' }
 */
function siteEnv(env = process.env) {
  const lang = userLang(env);
  const rawUrl = (env.SITE_URL || 'http://localhost').trim();
  let url;
  try {
    const u = new URL(rawUrl);
    if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) throw new Error();
    url = u.origin;
  } catch {
    throw new Error(MESSAGES.url[lang](rawUrl));
  }
  const rawBase = (env.SITE_BASE_URL || '/').trim();
  if (/[?#\s]/.test(rawBase) || rawBase.includes('//')) throw new Error(MESSAGES.base[lang](rawBase));
  const baseUrl = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return { url, baseUrl };
}

module.exports = { siteEnv };
