import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function MeasurePage() {
  return <Heading1>Landenmaatregel</Heading1>;
}
