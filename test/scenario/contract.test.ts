// SCENARIOS.md at the root is the repository's copy of the team's contract (../shared), so the
// README's and the site's references resolve in a clone; it must stay the contract, byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared', 'SCENARIOS.md');
const ci = process.env.CI === 'true';

describe('SCENARIOS.md', () => {
  it.skipIf(!ci && !existsSync(SHARED))('is the shared contract, byte for byte (skipped: no ../shared/SCENARIOS.md beside this clone)', () => {
    expect(readFileSync(join(ROOT, 'SCENARIOS.md'), 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('is what the READMEs and the site point at', () => {
    for (const page of ['README.md', 'README.pt-BR.md', 'website/docs/running.md', 'website/i18n/en/docusaurus-plugin-content-docs/current/running.md']) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      expect(text, page).not.toContain('../shared/');
      expect(text, page).toMatch(/SCENARIOS\.md/);
    }
  });
});
