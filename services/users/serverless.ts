// Users: profiles, and the admin routes (list, create staff, roles, disable).
// Uses the `identity` table owned by the auth service.
import { defineService, dynamodb, index, query, read, secrets, table } from '../../config/service';

const identity = table('identity');

export = defineService({
  service: 'users',
  functions: {
    getMe: {
      handler: 'src/handlers/get-me.handler',
      http: 'GET /users/me',
      grants: [read(identity)],
    },
    patchMe: {
      handler: 'src/handlers/patch-me.handler',
      http: 'PATCH /users/me',
      grants: [dynamodb(['GetItem', 'UpdateItem'], identity)],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /users',
      // The role's members by index, then their records in one batch.
      grants: [secrets('cursor-secret'), query(index('identity', 'gsi1')), dynamodb(['BatchGetItem'], identity)],
    },
    getUser: {
      handler: 'src/handlers/get-user.handler',
      http: 'GET /users/{userId}',
      grants: [read(identity)],
    },
    createStaff: {
      handler: 'src/handlers/create-staff.handler',
      http: 'POST /users',
      // One transaction: the user, its email claim (a condition) and role memberships.
      grants: [dynamodb(['PutItem'], identity)],
    },
    putRoles: {
      handler: 'src/handlers/put-roles.handler',
      http: 'PUT /users/{userId}/roles',
      // Reads the user, then one transaction: the user's roles and its role memberships (put and deleted).
      grants: [dynamodb(['GetItem', 'PutItem', 'DeleteItem', 'UpdateItem'], identity)],
    },
    patchUser: {
      handler: 'src/handlers/patch-user.handler',
      http: 'PATCH /users/{userId}',
      grants: [dynamodb(['GetItem', 'UpdateItem'], identity)],
    },
  },
});
