import React from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { usePluginData } from '@docusaurus/useGlobalData';
import ThemedImage from '@theme/ThemedImage';

/** The stack diagram, drawn at build time from the model (scripts/site-assets.ts): no Mermaid on this page. */
function StackDiagram() {
  const { i18n } = useDocusaurusContext();
  const { assetsPath, diagram } = usePluginData('overlay-lab-site-publish') as { assetsPath: string; diagram: { width: number; height: number } };
  const src = (mode: string) => `${assetsPath}/home-stack.${i18n.currentLocale}.${mode}.svg`;
  const light = useBaseUrl(src('light'));
  const dark = useBaseUrl(src('dark'));
  return (
    <div data-testid="lab-diagram" className="home-diagram">
      <ThemedImage
        sources={{ light, dark }}
        width={diagram.width}
        height={diagram.height}
        alt={translate({
          id: 'home.diagram.alt',
          message: 'Diagrama da pilha do Ubuntu, calculada pelo modelo: o merged no topo, o upperdir abaixo dele e as camadas lowerdir, cada uma com os arquivos que traz.',
          description: 'Text alternative of the stack diagram on the home page',
        })}
      />
    </div>
  );
}

export default function Home() {
  return (
    <Layout
      title={translate({ id: 'home.title', message: 'Início', description: 'Title of the home page' })}
      description={translate({ id: 'home.description', message: 'Como o Docker guarda os sistemas de arquivos dos contêineres: overlay2 e OverlayFS, modelados e conferidos com o kernel.', description: 'Meta description of the home page' })}>
      <main className="container margin-vert--lg">
        <h1>overlay-lab</h1>
        <p>
          <Translate id="home.lead" description="Lead paragraph of the home page">
            Aprenda, ensine e inspecione como o Docker guarda os sistemas de arquivos dos contêineres: o driver overlay2 e a montagem de união OverlayFS por baixo dele.
          </Translate>
        </p>
        <p>
          <Link className="button button--primary" to="/docs/intro">
            <Translate id="home.start" description="Button to the first doc page">Começar o laboratório</Translate>
          </Link>{' '}
          <Link className="button button--secondary" to="/playground">
            <Translate id="home.playground" description="Button to the playground">Abrir o playground</Translate>
          </Link>
        </p>
        <h2>
          <Translate id="home.diagram" description="Heading above the stack diagram">A pilha do laboratório, calculada pelo modelo</Translate>
        </h2>
        <StackDiagram />
      </main>
    </Layout>
  );
}
