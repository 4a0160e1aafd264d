/** The check every integration reply goes through (test/support/reply-check.ts), on replies made up here. */
import { checkReply, templateOf } from '../support/reply-check';

const USER = {
  id: '01JDQ7Z5W8K2V3N4P5Q6R7S8T9',
  email: 'ada@example.com',
  name: 'Ada',
  roles: ['user'],
  disabled: false,
  timezone: 'UTC',
  defaultCurrency: 'USD',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
};
const error = (code: string) => ({ error: { code, message: 'm' }, requestId: 'r' });

it('finds the most specific template: a literal segment beats a parameter', () => {
  expect(templateOf('/users/me')).toBe('/users/me');
  expect(templateOf('/users/01JDQ7Z5W8K2V3N4P5Q6R7S8T9?x=1')).toBe('/users/{userId}');
  expect(templateOf('/users/01JDQ7Z5W8K2V3N4P5Q6R7S8T9/roles')).toBe('/users/{userId}/roles');
  expect(templateOf('/nowhere/at/all')).toBeUndefined();
});

it('accepts a reply as documented, success and error', () => {
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 200, headers: {}, body: USER })).not.toThrow();
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 401, headers: {}, body: error('UNAUTHORIZED') })).not.toThrow();
});

it('refuses a body that breaks the schema, naming route, status and the errors', () => {
  const { version: _, ...withoutVersion } = USER;
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 200, headers: {}, body: withoutVersion })).toThrow(
    /GET \/users\/me -> 200: the body does not match the documented schema \(PublicUser\): .*version/,
  );
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 200, headers: {}, body: { ...USER, createdAt: 'yesterday' } })).toThrow(/date-time/);
});

it('refuses a status the route does not document, and an error not in the error shape', () => {
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 418, headers: {}, body: error('TEAPOT') })).toThrow(/status 418 is not documented/);
  expect(() => checkReply({ method: 'GET', path: '/users/me', status: 401, headers: {}, body: { message: 'no' } })).toThrow(/ErrorReply/);
});

it("checks the gateway's own answers (unknown routes) against the error shape, and skips preflights", () => {
  expect(() => checkReply({ method: 'GET', path: '/nowhere', status: 404, headers: {}, body: error('NOT_FOUND') })).not.toThrow();
  expect(() => checkReply({ method: 'GET', path: '/nowhere', status: 200, headers: {}, body: {} })).toThrow(/no route GET \/nowhere/);
  expect(() => checkReply({ method: 'OPTIONS', path: '/users/me', status: 204, headers: {}, body: '' })).not.toThrow();
});
