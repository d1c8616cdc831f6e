import { useEffect } from 'react';

/** Each page names itself in the window title, which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Exportvergunningen`;
  }, [title]);
}
