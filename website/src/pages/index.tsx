import React from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import LabDiagram from '../components/LabDiagram';

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
        <LabDiagram preset="ubuntu" maxEntries={5} />
      </main>
    </Layout>
  );
}
