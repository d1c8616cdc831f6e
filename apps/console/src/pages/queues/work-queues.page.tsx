import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function WorkQueuesPage() {
  return <Heading1>Werkvoorraad</Heading1>;
}
