/** The users service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { ROLES } from '@platform/libs/auth';
import { Body, Currency, defineRoutes, Email, Name, Page, PageQuery, PublicUser, StringEnum, Version } from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';

const Role = StringEnum(ROLES);
const Roles = Type.Array(Role, { maxItems: ROLES.length, uniqueItems: true });
const Password = Type.String({ minLength: 8, maxLength: 128 });
const UserIdParams = Type.Object({ userId: Type.String() });

/** A user as every route answers it (no password hash, no session data): the one the auth service's token replies carry. */
export const User = PublicUser;

export const routes = defineRoutes('users', {
  getMe: { method: 'GET', path: '/users/me', summary: 'The signed-in user', responses: { 200: User } },
  patchMe: {
    method: 'PATCH',
    path: '/users/me',
    summary: "Change one's name, time zone or default currency",
    body: Body(
      {
        name: Type.Optional(Name),
        timezone: Type.Optional(Type.String({ format: 'timezone' })),
        defaultCurrency: Type.Optional(Currency),
        version: Type.Optional(Version),
      },
      { minProperties: 1 },
    ),
    responses: { 200: User },
    errors: [409],
  },
  listUsers: {
    method: 'GET',
    path: '/users',
    summary: 'Users holding a role (admin); every user holds `user`',
    roles: ['admin'],
    query: PageQuery({ role: Type.Optional(Role) }),
    responses: { 200: Page(User) },
  },
  getUser: {
    method: 'GET',
    path: '/users/{userId}',
    summary: 'One user (admin, or the user themself)',
    params: UserIdParams,
    responses: { 200: User },
    errors: [404],
  },
  createStaff: {
    method: 'POST',
    path: '/users',
    summary: 'Create a staff account that signs in with its temporary password (admin)',
    roles: ['admin'],
    body: Body({ email: Email, name: Name, roles: Roles, temporaryPassword: Password }),
    responses: { 201: User },
    errors: [409],
  },
  replaceRoles: {
    method: 'PUT',
    path: '/users/{userId}/roles',
    summary: "Replace a user's roles (admin); `user` is always kept",
    roles: ['admin'],
    params: UserIdParams,
    body: Body({ roles: Roles }),
    responses: { 200: User },
    errors: [404, 409],
  },
  patchUser: {
    method: 'PATCH',
    path: '/users/{userId}',
    summary: 'Disable or enable a user (admin)',
    roles: ['admin'],
    params: UserIdParams,
    body: Body({ disabled: Type.Boolean() }),
    responses: { 200: User },
    errors: [404, 409],
  },
});
