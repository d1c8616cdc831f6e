import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function CasePage() {
  return <Heading1>Zaak</Heading1>;
}
