/**
 * Gift Tracker people and things for the integration tests of the contacts, events, gifts and
 * images services: a fresh registered user per call, and shortcuts that create a resource and
 * fail loudly (with the reply) when it does not come back 201.
 */
import { api, type ApiOptions, type ApiResponse } from './http';
import { registerUser } from './users';

export interface Person {
  userId: string;
  token: string;
  call<T = any>(method: string, path: string, options?: Omit<ApiOptions, 'token'>): Promise<ApiResponse<T>>;
}

export async function newPerson(): Promise<Person> {
  const session = await registerUser();
  return {
    userId: session.user.id,
    token: session.accessToken,
    call: (method, path, options = {}) => api(method, path, { ...options, token: session.accessToken }),
  };
}

export function expectStatus<T>(reply: ApiResponse<T>, status: number): ApiResponse<T> {
  if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply;
}

const createdBody = async (person: Person, path: string, body: unknown) => expectStatus(await person.call('POST', path, { body }), 201).body;

export const createContact = (p: Person, body: Record<string, unknown> = {}) => createdBody(p, '/contacts', { name: 'Ada Lovelace', ...body });
export const createEvent = (p: Person, body: Record<string, unknown> = {}) =>
  createdBody(p, '/events', { name: 'Party', type: 'other', date: '2030-06-01', recurring: 'none', ...body });
export const createGift = (p: Person, body: Record<string, unknown> = {}) => createdBody(p, '/gifts', { name: 'Book', direction: 'given', ...body });

/** Every item of a paginated list, following nextCursor; also how many pages it took. */
export async function allPages(p: Person, path: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const reply: ApiResponse = expectStatus(
      await p.call('GET', `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
    );
    expect(reply.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { items, pages };
}

/** The DynamoDB round trips the request made (the local stage's x-db-calls header). */
export const dbCalls = (reply: ApiResponse): number => Number(reply.headers['x-db-calls']);
