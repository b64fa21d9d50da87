// @ts-check
/*
 * The published site. The repository root is the site directory (so the React views can import
 * the library from ../src), and every piece of content lives under website/.
 * Portuguese is the default locale (served at /), English is served at /en/.
 */
const path = require('path');
const { themes: prismThemes } = require('prism-react-renderer');
const { siteEnv } = require('./website/src/plugins/site-env');

const WEBSITE = 'website';
// SITE_URL and SITE_BASE_URL: a domain root or a project path (/overlay-lab/); a local build without them.
const { url, baseUrl } = siteEnv();

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'overlay-lab',
  tagline: 'Como o Docker guarda os sistemas de arquivos dos contêineres: overlay2 e OverlayFS',
  favicon: 'img/favicon.svg',
  url,
  baseUrl,
  trailingSlash: false,

  // Rspack, SWC and Lightning CSS (@docusaurus/faster): the cold build of both locales stays under
  // two minutes on two cores (bench/site.ts).
  future: {
    v4: { removeLegacyPostBuildHeadAttribute: true },
    faster: true,
  },

  // A broken link, anchor or markdown link fails the build.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  i18n: {
    defaultLocale: 'pt-BR',
    locales: ['pt-BR', 'en'],
    path: `${WEBSITE}/i18n`,
    localeConfigs: {
      'pt-BR': { label: 'Português (Brasil)', htmlLang: 'pt-BR' },
      en: { label: 'English', htmlLang: 'en' },
    },
  },

  // The second folder holds the images drawn at build time (website/src/plugins/site-publish.js).
  staticDirectories: [`${WEBSITE}/static`, '.cache/site-assets'],

  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {
          path: `${WEBSITE}/docs`,
          routeBasePath: 'docs',
          sidebarPath: require.resolve('./sidebars.js'),
        },
        blog: false,
        pages: { path: `${WEBSITE}/src/pages` },
        theme: { customCss: require.resolve(`./${WEBSITE}/src/css/custom.css`) },
        // One sitemap per locale (/sitemap.xml, /en/sitemap.xml); robots.txt names both (site-publish).
        sitemap: { changefreq: null, priority: null, lastmod: null, ignorePatterns: ['**/search'] },
      }),
    ],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      require.resolve('@easyops-cn/docusaurus-search-local'),
      /** Offline search: the index is built per locale from the HTML, lunr stems Portuguese and English. */
      ({
        hashed: true,
        language: ['pt', 'en'],
        indexDocs: true,
        indexBlog: false,
        indexPages: true,
        docsRouteBasePath: 'docs',
        docsDir: `${WEBSITE}/docs`,
        highlightSearchTermsOnTargetPage: false,
        searchBarShortcutHint: false,
      }),
    ],
  ],

  plugins: [path.resolve(__dirname, WEBSITE, 'src/plugins/website-sources.js'), path.resolve(__dirname, WEBSITE, 'src/plugins/site-publish.js')],

  themeConfig:
    /** @type {import('@docusaurus/preset-classic').ThemeConfig} */
    ({
      colorMode: { respectPrefersColorScheme: true },
      // Mermaid's own themes that read well on each background.
      mermaid: { theme: { light: 'neutral', dark: 'dark' } },
      navbar: {
        title: 'overlay-lab',
        logo: { alt: 'overlay-lab', src: 'img/favicon.svg' },
        items: [
          { type: 'docSidebar', sidebarId: 'lab', position: 'left', label: 'Laboratório' },
          { to: '/playground', label: 'Playground', position: 'left' },
          { type: 'localeDropdown', position: 'right' },
        ],
      },
      footer: {
        style: 'dark',
        links: [
          {
            title: 'Laboratório',
            items: [
              { label: 'Conceitos', to: '/docs/concepts' },
              { label: 'Glossário', to: '/docs/glossary' },
              { label: 'Playground', to: '/playground' },
            ],
          },
        ],
        copyright: 'overlay-lab — MIT',
      },
      // Comment colours that keep enough contrast on both backgrounds.
      prism: { theme: prismThemes.vsLight, darkTheme: prismThemes.vsDark, additionalLanguages: ['bash', 'json'] },
    }),
};

module.exports = config;
