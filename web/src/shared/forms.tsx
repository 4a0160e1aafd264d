/**
 * Form pieces that show every API error where it belongs: a field's VALIDATION_FAILED message
 * under the field (and tied to it with aria-describedby), a sentence for the rest, and "Try again"
 * when the failure was the network's or a busy service's.
 */
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import type { ApiProblem } from './errors';

interface FieldProps {
  label: string;
  /** the API's field path ("principal.amount"): its VALIDATION_FAILED message shows here */
  field?: string;
  problem?: ApiProblem;
  /** a message found before sending (the app's own checks) */
  error?: string;
  hint?: ReactNode;
}

function useFieldIds(props: FieldProps) {
  const id = useId();
  const message = props.error ?? (props.field ? fieldMessage(props.problem, props.field) : undefined);
  return { id, message, errorId: `${id}-error`, hintId: `${id}-hint` };
}

/** The message for a field, matching its path or a path inside it ("every" for "every.n"). */
export function fieldMessage(problem: ApiProblem | undefined, field: string): string | undefined {
  if (!problem?.fields) return undefined;
  const direct = problem.fields[field];
  if (direct) return direct;
  const nested = Object.keys(problem.fields).find((f) => f.startsWith(`${field}.`));
  return nested ? problem.fields[nested] : undefined;
}

function FieldShell({
  id,
  label,
  message,
  errorId,
  hint,
  hintId,
  children,
}: {
  id: string;
  label: string;
  message?: string;
  errorId: string;
  hint?: ReactNode;
  hintId: string;
  children: ReactNode;
}) {
  return (
    <div className={message ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {message && (
        <p className="field__error" id={errorId}>
          {message}
        </p>
      )}
    </div>
  );
}

const describedBy = (message: string | undefined, hint: ReactNode, errorId: string, hintId: string) =>
  [message ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;

export function TextField({ label, field, problem, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds({ label, field, problem, error });
  return (
    <FieldShell {...ids} label={label} hint={hint}>
      <input id={ids.id} aria-invalid={ids.message ? true : undefined} aria-describedby={describedBy(ids.message, hint, ids.errorId, ids.hintId)} {...input} />
    </FieldShell>
  );
}

export function SelectField({ label, field, problem, error, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds({ label, field, problem, error });
  return (
    <FieldShell {...ids} label={label} hint={hint}>
      <select id={ids.id} aria-invalid={ids.message ? true : undefined} aria-describedby={describedBy(ids.message, hint, ids.errorId, ids.hintId)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({ label, field, problem, error, hint, ...area }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds({ label, field, problem, error });
  return (
    <FieldShell {...ids} label={label} hint={hint}>
      <textarea
        id={ids.id}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={describedBy(ids.message, hint, ids.errorId, ids.hintId)}
        {...area}
      />
    </FieldShell>
  );
}

/**
 * The form-level message: the sentence of a 409/422, "check the fields" for a validation error
 * (with the messages of fields the form does not show), and a retry for network failures and 503s.
 */
export function ProblemMessage({ problem, onRetry, shownFields = [] }: { problem?: ApiProblem; onRetry?: () => void; shownFields?: string[] }) {
  if (!problem) return null;
  const unshown = Object.entries(problem.fields).filter(([field]) => !shownFields.some((f) => field === f || field.startsWith(`${f}.`)));
  return (
    <div className={problem.retryable ? 'notice notice--warning' : 'notice notice--error'} role="alert">
      <p>{problem.message}</p>
      {unshown.length > 0 && (
        <ul>
          {unshown.map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
      {problem.retryable && onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
