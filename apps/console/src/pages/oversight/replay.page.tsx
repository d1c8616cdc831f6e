import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function ReplayPage() {
  return <Heading1>Herafspelen</Heading1>;
}
