/* Node edge: draws a notebook output's Mermaid diagrams to SVG while the notebook runs. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { mermaidBrowserMissing } from './mermaid-browser';

/** Seconds a drawing may take (Chromium's start included) before the output goes out as text. */
const DRAW_TIMEOUT_MS = 60_000;

/**
 * Why diagrams are not drawn live here, or undefined. OVERLAY_LAB_DRAW=off turns it off (the
 * runner of the executed copies does, as it draws every diagram with one browser at the end).
 */
export function liveDrawMissing(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.OVERLAY_LAB_DRAW === 'off') return 'OVERLAY_LAB_DRAW=off';
  if (!existsSync(childScript())) return `${childScript()} not built (npm run build)`;
  return mermaidBrowserMissing();
}

// The compiled child beside this file: notebooks load the package from dist/.
const childScript = () => nodePath.join(__dirname, 'draw-child.js');

/**
 * The diagrams as SVG, in order, drawn by Mermaid in Chromium (about a second or two per
 * output, most of it Chromium starting). Throws with Mermaid's or Chromium's message.
 */
export function drawSync(diagrams: string[]): string[] {
  const out = execFileSync(process.execPath, [childScript()], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: DRAW_TIMEOUT_MS,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as string[];
}
