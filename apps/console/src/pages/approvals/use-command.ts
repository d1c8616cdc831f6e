import { useCallback, useState } from 'react';

/** One command in flight at a time, and what the API refused, for a button or a form. */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (refused: unknown) {
      setError(refused);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
