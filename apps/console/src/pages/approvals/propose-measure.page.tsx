import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function ProposeMeasurePage() {
  return <Heading1>Landenmaatregel voorstellen</Heading1>;
}
