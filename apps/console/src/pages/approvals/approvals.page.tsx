import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function ApprovalsPage() {
  return <Heading1>Goedkeuringen</Heading1>;
}
