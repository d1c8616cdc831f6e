import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function MyCasesPage() {
  return <Heading1>Mijn zaken</Heading1>;
}
