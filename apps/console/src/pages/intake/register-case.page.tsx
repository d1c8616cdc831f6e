import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function RegisterCasePage() {
  return <Heading1>Nieuwe zaak</Heading1>;
}
