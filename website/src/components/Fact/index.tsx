/* One stated limit, printed from the library (src/union/limits.ts) in the page's locale: 4.095 in pt-BR, 4,095 in en. */
import React from 'react';
import { FACTS, type FactName } from '../../../../src/browser';
import useFormatNumber from './useFormatNumber';

export default function Fact({ name }: { name: FactName }) {
  const format = useFormatNumber();
  // A misspelt name fails the build instead of printing nothing.
  if (!Object.prototype.hasOwnProperty.call(FACTS, name)) {
    throw new Error(`<Fact name="${name}"/>: no such limit in src/union/limits.ts (known: ${Object.keys(FACTS).join(', ')})`);
  }
  const fact = FACTS[name];
  return (
    <span data-fact={name} title={fact.source}>
      {format(fact.value)}
    </span>
  );
}
