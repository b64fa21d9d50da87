/** overlay-lab's public library: one truth for every view (CLI, notebooks, site, playground). */
export * from './i18n/lang';
export * from './i18n/errors';
