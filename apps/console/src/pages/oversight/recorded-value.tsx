import { UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';

/**
 * A recorded payload as nested lists, field names as the API names them: what was decided is
 * shown as it stands in the record, not reworded by the console.
 */
export function RecordedValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>–</>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return <>{String(value)}</>;
  }
  if (typeof value !== 'object') return <>–</>;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.every((item) => item === null || typeof item !== 'object'))
      return <>{items.join(', ') || '–'}</>;
    return (
      <UnorderedList>
        {items.map((item, i) => (
          <UnorderedListItem key={i}>
            <RecordedValue value={item} />
          </UnorderedListItem>
        ))}
      </UnorderedList>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <>–</>;
  return (
    <UnorderedList>
      {entries.map(([key, item]) => (
        <UnorderedListItem key={key}>
          <code>{key}</code>: <RecordedValue value={item} />
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}
