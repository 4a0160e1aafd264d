import { ok, route } from '@platform/libs/http';
import * as routes from '../routes.generated';
import { publicJwks } from '../tokens';

/** GET /auth/.well-known/jwks.json: the public keys that verify this platform's access tokens. */
export const handler = route(routes.getJwks, async () => ok(publicJwks(), { 'Cache-Control': 'public, max-age=300' }));
