/** Loans page by page (GET /loans, newest first): "Show more" follows nextCursor. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/errors';
import { api } from '../platform';
import type { Loan } from './LoanTable';

type Status = Loan['status'];

export function usePagedLoans(status: Status | undefined, keep: (loan: Loan) => boolean = () => true) {
  const [items, setItems] = useState<Loan[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const filter = useRef(keep); // fixed for the page's life

  const fetchPage = useCallback(
    async (after: string | undefined) => {
      setLoading(true);
      setProblem(undefined);
      try {
        const page = await api.call((c) => c.GET('/loans', { params: { query: { status, limit: 50, cursor: after } } }));
        setItems((previous) => [...(after ? previous : []), ...page.items.filter(filter.current)]);
        setCursor(page.nextCursor);
      } catch (error) {
        setProblem(asProblem(error));
      } finally {
        setLoading(false);
      }
    },
    [status],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` reloads from the first page
  useEffect(() => {
    void fetchPage(undefined);
  }, [fetchPage, tick]);

  return {
    items,
    problem,
    loading,
    hasMore: !!cursor,
    more: () => cursor && void fetchPage(cursor),
    reload: () => setTick((t) => t + 1),
  };
}
