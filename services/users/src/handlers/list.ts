import type { Role } from '@platform/libs/auth';
import { route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import { listQuery } from '../schemas';

interface Query {
  limit: number;
  cursor?: string;
  role?: Role;
}

/** GET /users?role=&limit=&cursor= (admin): every user holds `user`, so no role lists everyone. */
export const handler = route<undefined, Query>({ roles: ['admin'], query: listQuery }, async ({ query }) =>
  users.listByRole(query.role ?? 'user', { limit: query.limit, cursor: query.cursor }),
);
