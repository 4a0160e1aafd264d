/** Loading data and sending forms, with the error rules of every page. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Api, newIdempotencyKey } from './api';
import { setUserTimeZone } from './dates';
import { type ApiProblem, asProblem } from './errors';

export interface Resource<T> {
  data?: T;
  problem?: ApiProblem;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`; `reload()` loads again (the retry button, after an action). */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; problem?: ApiProblem; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure each render; `deps` say when it changes
  useEffect(() => {
    let live = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ problem: asProblem(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export interface Submission<R> {
  /** sends the form; ignored while a send is under way (a double click sends once) */
  submit: () => Promise<void>;
  busy: boolean;
  problem?: ApiProblem;
  result?: R;
  /** forget the result and start a new submission (a new idempotency key) */
  reset: () => void;
}

/**
 * One form submission: its idempotency key is made when the form is first sent. A failure that
 * may have reached the server (network, 503, 429) keeps the key, so "Try again" resends the same
 * submission and the server answers the first result instead of recording twice; an answered
 * refusal (400, 409, 422) drops it, and the corrected form is a new submission with a new key.
 */
export function useSubmission<R>(send: (idempotencyKey: string) => Promise<R>, onDone?: (result: R) => void): Submission<R> {
  const [state, setState] = useState<{ busy: boolean; problem?: ApiProblem; result?: R }>({ busy: false });
  const key = useRef<string | null>(null);
  const inFlight = useRef(false);
  const submit = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    key.current ??= newIdempotencyKey();
    setState({ busy: true });
    try {
      const result = await send(key.current);
      key.current = null;
      setState({ busy: false, result });
      onDone?.(result);
    } catch (error) {
      const problem = asProblem(error);
      // Only a failure that may have reached the server keeps its key for the retry.
      if (!problem.retryable) key.current = null;
      setState({ busy: false, problem });
    } finally {
      inFlight.current = false;
    }
  }, [send, onDone]);
  const reset = useCallback(() => {
    key.current = null;
    setState({ busy: false });
  }, []);
  return { ...state, submit, reset };
}

/**
 * Once per signed-in user: their profile's time zone, in which every date is shown. A failure
 * changes nothing but the zone (dates stay in the browser's), so it is not reported.
 */
export function useProfileTimeZone(api: Api, userKey: string | undefined): void {
  useEffect(() => {
    if (!userKey) return;
    api
      .call((c) => c.GET('/users/me'))
      .then(
        (me) => setUserTimeZone(me.timezone),
        () => undefined,
      );
  }, [api, userKey]);
}
