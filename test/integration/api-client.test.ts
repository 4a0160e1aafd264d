/**
 * The typed client (@platform/api-client) against the running platform: paths, bodies and replies
 * typed from docs/openapi.json, the token sent by its getter, every reply through the same
 * document check as api() (test/support/http.ts).
 */
import { client } from '../support/http';
import { TEST_PASSWORD, uniqueEmail } from '../support/users';

describe('@platform/api-client', () => {
  it('registers, reads the profile with the bearer token, and types the error reply', async () => {
    const email = uniqueEmail('typed');
    const registered = await client().POST('/auth/register', { body: { email, password: TEST_PASSWORD, name: 'Typed Client' } });
    expect(registered.response.status).toBe(201);
    const accessToken: string = registered.data?.accessToken ?? '';

    const me = await client(accessToken).GET('/users/me');
    expect(me.response.status).toBe(200);
    expect(me.data?.email).toBe(email);
    expect(me.data?.roles).toEqual(['user']);

    const anonymous = await client().GET('/users/me');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.error.code).toBe('UNAUTHORIZED');
  });

  it('fills path parameters and query strings from typed options', async () => {
    const email = uniqueEmail('typed');
    const registered = await client().POST('/auth/register', { body: { email, password: TEST_PASSWORD, name: 'Typed Client' } });
    const { accessToken, user } = registered.data ?? { accessToken: '', user: { id: '' } };

    const self = await client(accessToken).GET('/users/{userId}', { params: { path: { userId: user.id } } });
    expect(self.data?.id).toBe(user.id);
    const list = await client(accessToken).GET('/users', { params: { query: { limit: 5 } } });
    expect(list.response.status).toBe(403); // a plain user may not list users
  });
});
