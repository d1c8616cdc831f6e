import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  /** The last answer; while a newer one loads, the previous one stays shown. */
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads what `load` answers whenever `key` (a text naming every input of the load, e.g. the
 * query string) changes. An answer that arrives after a newer key is dropped, so a slow page
 * never overwrites a later one.
 */
export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [generation, setGeneration] = useState(0);
  const requestKey = `${generation}:${key}`;
  const [state, setState] = useState<{ key?: string; data?: T; error?: unknown }>({});
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  useEffect(() => {
    let current = true;
    latestLoad.current().then(
      (data) => current && setState({ key: requestKey, data }),
      (error: unknown) =>
        current && setState((previous) => ({ key: requestKey, data: previous.data, error })),
    );
    return () => {
      current = false;
    };
  }, [requestKey]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const loading = state.key !== requestKey;
  return { data: state.data, error: loading ? undefined : state.error, loading, reload };
}
