import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** A page number from the URL (`?name=2`): 1 when absent or not a whole number from 1. */
export function pageFrom(params: URLSearchParams, name: string): number {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/**
 * A list's page number kept in the URL under its own name, so a reload or a shared link opens the
 * same page, and several lists on one page each keep theirs.
 */
export function usePageParam(name: string): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const setPage = useCallback(
    (page: number) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (page <= 1) next.delete(name);
        else next.set(name, String(page));
        return next;
      }),
    [name, setParams],
  );
  return [pageFrom(params, name), setPage];
}
