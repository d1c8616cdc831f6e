import { Heading1 } from '@utrecht/component-library-react';

// Placeholder: replaced by the page itself.
export function WhatIfPage() {
  return <Heading1>Wat-als</Heading1>;
}
