// SCENARIOS.md at the root is the repository's copy of the team's contract (../shared), so the
// README's and the site's references resolve in a clone; it must stay the contract, byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_SHAPES } from '../../src/scenario/ops';

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

describe('operations beyond the contract', () => {
  it('each has a row with its system call in both READMEs', () => {
    const contract = readFileSync(join(ROOT, 'SCENARIOS.md'), 'utf8');
    const extra = Object.keys(OP_SHAPES).filter((op) => !contract.includes(`| \`${op} `));
    expect(extra.length).toBeGreaterThan(0);
    for (const page of ['README.md', 'README.pt-BR.md']) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      for (const op of [...extra, 'as']) expect(text, `${page}: ${op}`).toMatch(new RegExp(`^\\| \`${op}[ \`].*\\(2\\)`, 'm'));
    }
  });
});
