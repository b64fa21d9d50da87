/*
 * A Mermaid diagram of a union mount, computed by the library from a preset (or setup lines) and
 * a few actions: the docs never type a stack by hand, so a diagram cannot drift from the model.
 */
import React from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Mermaid from '@theme/Mermaid';
import type { Lang } from '../../../../src/browser';
import { labDiagram, type LabDiagramProps } from './diagram';

export default function LabDiagram(props: LabDiagramProps) {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  return (
    <div data-testid="lab-diagram">
      <Mermaid value={labDiagram(props, lang)} />
    </div>
  );
}
