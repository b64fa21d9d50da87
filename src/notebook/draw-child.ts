/*
 * Child process of drawSync (draw.ts): reads diagrams as a JSON array on stdin, draws each with
 * Mermaid in Chromium, prints the SVGs as a JSON array. A process of its own because a notebook's
 * display() is synchronous and Chromium is driven asynchronously.
 */
import { openMermaidBrowser } from './mermaid-browser';

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const diagrams = JSON.parse(input) as string[];
  const mermaid = await openMermaidBrowser();
  try {
    const svgs: string[] = [];
    for (const text of diagrams) {
      const error = await mermaid.parse(text);
      if (error) throw new Error(`Mermaid cannot parse the diagram: ${error}`);
      svgs.push(await mermaid.render(text));
    }
    process.stdout.write(JSON.stringify(svgs));
  } finally {
    await mermaid.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
