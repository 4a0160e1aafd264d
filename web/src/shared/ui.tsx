/** Small display pieces shared by the apps' pages. */
import type { ReactNode } from 'react';
import type { ApiProblem } from './errors';
import { ProblemMessage } from './forms';
import { formatMoney, type Money } from './money';

export function Amount({ money }: { money: Money | null | undefined }) {
  if (!money) return <span className="muted">—</span>;
  return <span className="amount">{formatMoney(money)}</span>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** What a page shows while its data loads, when it failed (with a retry), or the page itself. */
export function Loaded<T>({
  resource,
  children,
  label,
}: {
  resource: { data?: T; problem?: ApiProblem; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
  label?: string;
}) {
  if (resource.data !== undefined) return <>{children(resource.data)}</>;
  if (resource.problem) return <ProblemMessage problem={resource.problem} onRetry={resource.reload} />;
  return <Loading label={label} />;
}

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions && <div className="page-title__actions">{actions}</div>}
    </div>
  );
}

export function Card({ title, children, id }: { title?: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={title && id ? `${id}-title` : undefined}>
      {title && <h2 id={id ? `${id}-title` : undefined}>{title}</h2>}
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A table that may scroll sideways on a small screen: keyboard-scrollable, named by its caption. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** An upload under way (its progress bar, 0..1) or just finished (`done`, a sentence). */
export function UploadStatus({ id, progress, done }: { id: string; progress?: number; done?: string }) {
  return (
    <>
      {progress !== undefined && (
        <div className="field">
          <label htmlFor={id}>Upload progress</label>
          <progress id={id} className="progress" max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)}%
          </progress>
        </div>
      )}
      {done && (
        <div className="notice notice--success" role="status">
          <p>{done}</p>
        </div>
      )}
    </>
  );
}
