// The instructor's answer sheet: every exercise once, in the course's order, from its own answer
// field; and both instructor pages embed the sheet instead of copying answers by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerSheet, COURSE, EXERCISES } from '../../src/course';

const ROOT = join(__dirname, '../..');
const PAGES = { 'pt-BR': 'website/docs/instructor.mdx', en: 'website/i18n/en/docusaurus-plugin-content-docs/current/instructor.mdx' } as const;

describe('the answer sheet', () => {
  for (const lang of ['pt-BR', 'en'] as const) {
    it(`holds every exercise's answer once, lessons in the course's order (${lang})`, () => {
      const sheet = answerSheet(lang);
      const ids = sheet.flatMap((l) => l.exercises.map((e) => e.id));
      expect(ids.sort()).toEqual(EXERCISES.map((e) => e.id).sort());
      expect(sheet.map((l) => COURSE.indexOf(l.lesson))).toEqual([...sheet.map((l) => COURSE.indexOf(l.lesson))].sort((a, b) => a - b));
      for (const l of sheet) for (const e of l.exercises) expect(e.answer).toBe(EXERCISES.find((x) => x.id === e.id)!.answer[lang]);
    });

    it(`the instructor page (${lang}) embeds the sheet and covers the plan, the tour offline and the cleanup`, () => {
      const page = readFileSync(join(ROOT, PAGES[lang]), 'utf8');
      expect(page).toContain('<ExerciseAnswers />');
      expect(page).toContain('overlay-lab tour --simulated');
      expect(page).toContain('overlay-lab cleanup');
      expect(page).toMatch(lang === 'en' ? /45-minute plan/ : /Plano de 45 minutos/);
      // No answer copied by hand: it would drift from the exercise.
      for (const e of EXERCISES) expect(page).not.toContain(e.answer[lang].slice(0, 40));
    });
  }
});
