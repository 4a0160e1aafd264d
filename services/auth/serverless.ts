// Identity: registration, login, refresh-token rotation, logout, password change, the JWKS.
// Owns the `identity` table (users, emails, roles, sessions), which `users` shares.
import { defineService, dynamodb, secrets, table } from '../../config/service';

const identity = table('identity');

export = defineService({
  service: 'auth',
  ownsTables: true,
  functions: {
    register: {
      handler: 'src/handlers/register.handler',
      http: 'POST /auth/register',
      public: true,
      grants: [secrets('auth-signing-key'), dynamodb(['PutItem'], identity)],
    },
    login: {
      handler: 'src/handlers/login.handler',
      http: 'POST /auth/login',
      public: true,
      grants: [secrets('auth-signing-key'), dynamodb(['GetItem', 'UpdateItem', 'DeleteItem', 'PutItem'], identity)],
    },
    refresh: {
      handler: 'src/handlers/refresh.handler',
      http: 'POST /auth/refresh',
      public: true,
      grants: [secrets('auth-signing-key'), dynamodb(['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'], identity)],
    },
    logout: {
      handler: 'src/handlers/logout.handler',
      http: 'POST /auth/logout',
      public: true,
      grants: [dynamodb(['GetItem', 'UpdateItem'], identity)],
    },
    password: {
      handler: 'src/handlers/password.handler',
      http: 'POST /auth/password',
      // Reads the user, then updates its password hash and the moment its sessions became void.
      grants: [dynamodb(['GetItem', 'UpdateItem'], identity)],
    },
    jwks: {
      handler: 'src/handlers/jwks.handler',
      http: 'GET /auth/.well-known/jwks.json',
      public: true,
    },
  },
});
