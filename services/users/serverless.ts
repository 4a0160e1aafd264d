// Users: profiles, and the admin routes (list, create staff, roles, disable).
// Uses the `identity` table owned by the auth service.
import { defineService, dynamodb, index, linkPrincipal, table } from '../../config/service';

const identity = table('identity');

export = defineService({
  service: 'users',
  functions: {
    getMe: {
      handler: 'src/handlers/get-me.handler',
      http: 'GET /users/me',
      grants: [linkPrincipal],
    },
    patchMe: {
      handler: 'src/handlers/patch-me.handler',
      http: 'PATCH /users/me',
      grants: [linkPrincipal, dynamodb(['UpdateItem'], identity)],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /users',
      grants: [linkPrincipal, dynamodb(['Query', 'BatchGetItem'], identity, index('identity', 'gsi1'))],
    },
    getUser: {
      handler: 'src/handlers/get-user.handler',
      http: 'GET /users/{userId}',
      grants: [linkPrincipal],
    },
    createStaff: {
      handler: 'src/handlers/create-staff.handler',
      http: 'POST /users',
      grants: [linkPrincipal],
    },
    putRoles: {
      handler: 'src/handlers/put-roles.handler',
      http: 'PUT /users/{userId}/roles',
      grants: [linkPrincipal, dynamodb(['DeleteItem', 'UpdateItem'], identity)],
    },
    patchUser: {
      handler: 'src/handlers/patch-user.handler',
      http: 'PATCH /users/{userId}',
      grants: [linkPrincipal, dynamodb(['UpdateItem'], identity)],
    },
  },
});
