import React from 'react';
import Layout from '@theme/Layout';
import Translate, { translate } from '@docusaurus/Translate';
import Playground from '../components/Playground';
import ArchivePanel from '../components/Playground/ArchivePanel';

export default function PlaygroundPage() {
  return (
    <Layout
      title={translate({ id: 'playground.page.title', message: 'Playground', description: 'Title of the playground page' })}
      description={translate({ id: 'playground.page.description', message: 'Monte uma pilha OverlayFS no navegador e veja o que cada chamada faz com as camadas.', description: 'Meta description of the playground page' })}>
      <main className="container margin-vert--lg">
        <h1>
          <Translate id="playground.page.heading" description="Heading of the playground page">Playground do OverlayFS</Translate>
        </h1>
        <p>
          <Translate id="playground.page.intro" description="Intro of the playground page">
            Escolha uma pilha inicial e as opções de montagem, depois aja sobre o merged. Cada ação é uma chamada de sistema executada pelo mesmo modelo que é conferido com o kernel real.
          </Translate>
        </p>
        <Playground />
        <ArchivePanel />
      </main>
    </Layout>
  );
}
