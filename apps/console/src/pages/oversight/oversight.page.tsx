import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function OversightPage() {
  return <Heading1>Toezicht</Heading1>;
}
