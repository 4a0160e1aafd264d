import { useEffect } from 'react';

/** The tab's title for a page: "<page> · Gift Tracker". */
export function useTitle(page: string | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} · Gift Tracker` : 'Gift Tracker';
  }, [page]);
}
