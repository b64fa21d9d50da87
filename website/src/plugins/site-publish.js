/*
 * What a published build needs beyond the pages, per locale:
 *  - the generated images (scripts/site-assets.ts, drawn in Chromium before the bundle copies the
 *    static folders): the home page's diagram, the Open Graph image, the PNG favicons;
 *  - head tags: og:image / twitter:image (absolute, this locale's image), PNG and apple-touch icons;
 *  - robots.txt naming every locale's sitemap (at the build's root, with the default locale);
 *  - the root 404.html answering for every locale: static hosts (GitHub Pages) serve only the
 *    root 404.html, so a miss under /en/ would get the Portuguese page. A script at the top of it
 *    stops the page from loading when the path is another locale's and puts that locale's 404 in
 *    its place, at the same address.
 */
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const NAME = 'overlay-lab-site-publish';
/** Where the generated images go: a static folder of the site (docusaurus.config.js lists it). */
const ASSETS_STATIC = '.cache/site-assets';
const ASSETS_DIR = 'img/generated';

const OG_ALT = {
  'pt-BR': 'overlay-lab: a pilha de camadas de uma imagem do Ubuntu montada pelo OverlayFS (lowerdir, upperdir e merged).',
  en: 'overlay-lab: the layer stack of an Ubuntu image mounted by OverlayFS (lowerdir, upperdir and merged).',
};

/**
 * The script put first in the root 404.html: for a path under another locale's baseUrl, it stops the
 * parser (the rest of the page becomes inert text, so none of this locale's scripts run), fetches that
 * locale's 404.html and writes it in place. If that fails it says so in both languages.
 * @param {string} baseUrl the site's baseUrl ('/' or '/overlay-lab/')
 * @param {string[]} locales the other locales (['en'])
 */
function localeRouter404(baseUrl, locales) {
  const fn = function (b, ls) {
    var p = location.pathname;
    for (var i = 0; i < ls.length; i++) {
      var root = b + ls[i] + '/';
      if (p.indexOf(root) !== 0 && p !== b + ls[i]) continue;
      document.write('<plaintext style="display:none">');
      var failed = function () {
        document.open();
        document.write('<!doctype html><meta charset="utf-8"><title>404</title><h1>Página não encontrada · Page not found</h1><p><a href="' + root + '">' + root + '</a></p>');
        document.close();
      };
      fetch(root + '404.html')
        .then(function (r) {
          return r.ok ? r.text() : Promise.reject(r.status);
        })
        .then(function (html) {
          document.open();
          document.write(html);
          document.close();
        }, failed);
      return;
    }
  };
  return `<script>(${fn.toString()})(${JSON.stringify(baseUrl)},${JSON.stringify(locales)})</script>`;
}

/** Runs scripts/site-assets.ts (TypeScript: it draws the model's own diagram) and returns its manifest. */
function drawAssets(siteDir) {
  const out = path.join(siteDir, ASSETS_STATIC, ASSETS_DIR);
  const tsx = path.join(siteDir, 'node_modules/.bin/tsx');
  const r = spawnSync(tsx, [path.join(siteDir, 'scripts/site-assets.ts'), '--out', out], { cwd: siteDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${NAME}: ${(r.stderr || r.stdout || `tsx exited ${r.status}`).trim()}`);
  return JSON.parse(fs.readFileSync(path.join(out, 'assets.json'), 'utf8'));
}

module.exports = function sitePublish(context) {
  const { siteDir, siteConfig, i18n } = context;
  const locale = i18n.currentLocale;
  // context.baseUrl is this locale's ('/overlay-lab/en/'); siteConfig.baseUrl the site's.
  const absolute = (p) => `${siteConfig.url}${context.baseUrl}${p}`;
  return {
    name: NAME,

    async loadContent() {
      return drawAssets(siteDir);
    },

    async contentLoaded({ content, actions }) {
      // A few numbers (the diagram's box); the home page reads them with usePluginData.
      actions.setGlobalData({ assetsPath: ASSETS_DIR, diagram: content.diagrams[locale] });
    },

    injectHtmlTags() {
      const og = absolute(`${ASSETS_DIR}/og.${locale}.png`);
      const meta = (attr, key, value) => ({ tagName: 'meta', attributes: { [attr]: key, content: value } });
      const icon = (rel, file, size) => ({ tagName: 'link', attributes: { rel, type: 'image/png', sizes: `${size}x${size}`, href: `${context.baseUrl}${ASSETS_DIR}/${file}` } });
      return {
        headTags: [
          icon('icon', 'favicon-32.png', 32),
          icon('icon', 'favicon-192.png', 192),
          icon('apple-touch-icon', 'apple-touch-icon.png', 180),
          meta('property', 'og:image', og),
          meta('property', 'og:image:type', 'image/png'),
          meta('property', 'og:image:width', '1200'),
          meta('property', 'og:image:height', '630'),
          meta('property', 'og:image:alt', OG_ALT[locale] ?? OG_ALT.en),
          meta('name', 'twitter:image', og),
        ],
      };
    },

    async postBuild({ outDir }) {
      if (locale !== i18n.defaultLocale) return;
      const others = i18n.locales.filter((l) => l !== i18n.defaultLocale);
      const base = siteConfig.baseUrl;
      const sitemaps = i18n.locales.map((l) => `Sitemap: ${siteConfig.url}${base}${l === i18n.defaultLocale ? '' : `${l}/`}sitemap.xml`);
      fs.writeFileSync(path.join(outDir, 'robots.txt'), ['User-agent: *', 'Allow: /', '', ...sitemaps, ''].join('\n'));
      const file = path.join(outDir, '404.html');
      const html = fs.readFileSync(file, 'utf8');
      // Right after the charset (which must stay in the first 1024 bytes), before any other script.
      const head = /<meta charset=[^>]*>/i.exec(html) ?? /<head[^>]*>/.exec(html);
      if (!head) throw new Error(`${NAME}: 404.html has no <head>`);
      const at = head.index + head[0].length;
      fs.writeFileSync(file, html.slice(0, at) + localeRouter404(base, others) + html.slice(at));
    },
  };
};

module.exports.localeRouter404 = localeRouter404;
module.exports.ASSETS_STATIC = ASSETS_STATIC;
