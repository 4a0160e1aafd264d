/**
 * Gift Tracker people and things for the integration tests of the contacts, events, gifts and
 * images services: a fresh registered user per call, and shortcuts that create a resource and
 * fail loudly (with the reply) when it does not come back 201.
 */
import type { ApiClient, operations, Schema } from '@platform/api-client';
import { api, type ApiOptions, type ApiResponse, client, expectData } from './http';
import { registerUser } from './users';

export { dbCalls } from './http';

export interface Person {
  userId: string;
  token: string;
  /** the typed client, signed in as this person: every well-formed request */
  client: ApiClient;
  /** api() signed in as this person: for requests the typed client cannot express (invalid bodies, raw bodies) */
  call<T = unknown>(method: string, path: string, options?: Omit<ApiOptions, 'token'>): Promise<ApiResponse<T>>;
}

export async function newPerson(): Promise<Person> {
  const session = await registerUser();
  const token = session.accessToken;
  const userId: string = session.user.id;
  return {
    userId,
    token,
    client: client(token),
    call: <T = unknown>(method: string, path: string, options: Omit<ApiOptions, 'token'> = {}) => api<T>(method, path, { ...options, token }),
  };
}

/** The `params.path` of a typed client request: `alice.client.GET('/gifts/{giftId}', at({ giftId }))`. */
export const at = <P extends Record<string, string>>(path: P): { params: { path: P } } => ({ params: { path } });

type JsonBody<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type ContactBody = JsonBody<'createContact'>;
export type EventBody = JsonBody<'createEvent'>;
export type GiftBody = JsonBody<'createGift'>;
/** POST /gifts answers the gift with its warnings (POSSIBLE_DUPLICATE). */
export type CreatedGift = operations['createGift']['responses'][201]['content']['application/json'];

export const createContact = async (p: Person, body: Partial<ContactBody> = {}): Promise<Schema<'Contact'>> =>
  expectData(await p.client.POST('/contacts', { body: { name: 'Ada Lovelace', ...body } }), 201);

export const createEvent = async (p: Person, body: Partial<EventBody> = {}): Promise<Schema<'Event'>> =>
  expectData(await p.client.POST('/events', { body: { name: 'Party', type: 'other', date: '2030-06-01', recurring: 'none', ...body } }), 201);

export const createGift = async (p: Person, body: Partial<GiftBody> = {}): Promise<CreatedGift> =>
  expectData(await p.client.POST('/gifts', { body: { name: 'Book', direction: 'given', ...body } }), 201);

/** A page request of a list route through the typed client, given the page's query. */
export type PageFetch<T> = (query: { limit: number; cursor?: string }) => Promise<{
  data?: { items: T[]; nextCursor: string | null };
  error?: unknown;
  response: Response;
}>;

/**
 * Every item of a paginated list, following nextCursor; also how many pages it took:
 * `allPages((query) => alice.client.GET('/contacts', { params: { query } }), 2)`.
 */
export async function allPages<T>(fetchPage: PageFetch<T>, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: T[]; nextCursor: string | null } = expectData(await fetchPage(cursor ? { limit, cursor } : { limit }), 200);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { items, pages };
}
