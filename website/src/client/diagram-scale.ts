/*
 * Mermaid draws an SVG that shrinks to its column (width 100%, max-width its natural width). A wide
 * diagram on a phone or a projector would shrink its text below what can be read; this keeps every
 * label at 12 px or more: the SVG gets a minimum width, and its box (.docusaurus-mermaid-container,
 * overflow-x: auto in custom.css) scrolls sideways instead.
 */
const MIN_TEXT_PX = 12;

function floorScale(svg: SVGSVGElement): void {
  const natural = svg.viewBox.baseVal?.width;
  if (!natural) return;
  const sizes = [...svg.querySelectorAll('foreignObject div, foreignObject span, text')]
    .filter((e) => (e.textContent ?? '').trim() !== '')
    .map((e) => parseFloat(getComputedStyle(e).fontSize))
    .filter((n) => n > 0);
  if (sizes.length === 0) return;
  const scale = Math.min(1, MIN_TEXT_PX / Math.min(...sizes));
  svg.style.minWidth = `${Math.ceil(natural * scale)}px`;
  svg.dataset.minScale = scale.toFixed(3);
  // A box that may scroll must be reachable from the keyboard (axe: scrollable-region-focusable).
  const box = svg.closest<HTMLElement>('.docusaurus-mermaid-container');
  if (box && !box.hasAttribute('tabindex')) box.tabIndex = 0;
}

function scan(): void {
  for (const svg of document.querySelectorAll<SVGSVGElement>('.docusaurus-mermaid-container svg:not([data-min-scale])')) floorScale(svg);
}

if (typeof window !== 'undefined' && typeof MutationObserver !== 'undefined') {
  // Mermaid renders after hydration and again on a theme switch: watch for new SVGs.
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
}

export {};
