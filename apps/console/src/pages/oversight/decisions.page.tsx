import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function DecisionsPage() {
  return <Heading1>Besluiten</Heading1>;
}
