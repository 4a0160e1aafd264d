/**
 * Calls through the generated typed client, with the rules every page needs: the session's token
 * on each request; a 401 answered by one silent refresh and one retry, then "sign in again";
 * every failure turned into an ApiProblem (field messages, sentences, retry or not).
 */
import { type ApiClient, createApiClient } from '@platform/api-client';
import { ApiProblem } from './errors';
import type { Session } from './session';

/** The API's origin: the page's own (npm start, CloudFront, Vite's proxy), unless the build says otherwise. */
export const API_BASE: string = (import.meta.env.VITE_API_URL as string | undefined) ?? window.location.origin;

interface Reply<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export interface Api {
  client: ApiClient;
  /** Runs one API call; resolves with its data or rejects with an ApiProblem. */
  call<D>(request: (client: ApiClient) => Promise<Reply<D>>): Promise<D>;
}

export function createApi(session: Session): Api {
  const client = createApiClient(API_BASE, { token: () => session.accessToken });

  async function attempt<D>(request: (client: ApiClient) => Promise<Reply<D>>): Promise<Reply<D>> {
    try {
      return await request(client);
    } catch {
      throw ApiProblem.network();
    }
  }

  return {
    client,
    async call(request) {
      const signedIn = !!session.current;
      let reply = await attempt(request);
      if (reply.response.status === 401 && signedIn) {
        if (await session.refresh()) reply = await attempt(request);
        if (reply.response.status === 401) {
          session.expire();
          throw ApiProblem.fromReply(401, reply.error);
        }
      }
      if (!reply.response.ok) throw ApiProblem.fromReply(reply.response.status, reply.error);
      return reply.data as NonNullable<typeof reply.data>;
    },
  };
}

/** A new key for one submission of a form that moves money or creates an application. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
