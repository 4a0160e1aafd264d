import { route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/** GET /users?role=&limit=&cursor= (admin): every user holds `user`, so no role lists everyone. */
export const handler = route(routes.listUsers, async ({ query }) => users.listByRole(query.role ?? 'user', { limit: query.limit, cursor: query.cursor }));
