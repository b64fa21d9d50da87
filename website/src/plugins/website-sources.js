/*
 * `docusaurus write-translations` only scans <siteDir>/src for <Translate> and translate(). The
 * site's own code lives in website/src, so this plugin names it: the extractor reads the paths
 * a plugin watches.
 */
const path = require('path');

module.exports = function websiteSources(context) {
  const dir = path.join(context.siteDir, 'website', 'src');
  return {
    name: 'overlay-lab-website-sources',
    // Runs in every page: keeps Mermaid's labels legible on narrow screens (see the file).
    getClientModules() {
      return [path.join(dir, 'client', 'diagram-scale.ts')];
    },
    getPathsToWatch() {
      return [path.join(dir, '**/*.{js,jsx,ts,tsx}')];
    },
  };
};
