import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function FindCasesPage() {
  return <Heading1>Zaken zoeken</Heading1>;
}
