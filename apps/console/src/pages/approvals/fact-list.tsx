import { DataList, DataListItem, DataListKey, DataListValue } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export type Fact = readonly [key: string, value: ReactNode];

/** Facts as a definition list, which screen readers read as term and value. */
export function FactList({ facts }: { facts: readonly Fact[] }) {
  return (
    <DataList>
      {facts.map(([key, value]) => (
        <DataListItem key={key}>
          <DataListKey>{key}</DataListKey>
          <DataListValue multiline>{value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}
