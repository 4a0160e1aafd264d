// Identity: registration, login, refresh-token rotation, logout, password change, the JWKS.
// Owns the `identity` table (users, emails, roles, sessions), which `users` shares.
import { defineService, dynamodb, table } from '../../config/service';

const identity = table('identity');
const signing = { AUTH_SIGNING_KEY: '${self:custom.stage.authSigningKey}' };

export = defineService({
  service: 'auth',
  ownsTables: true,
  functions: {
    register: {
      handler: 'src/handlers/register.handler',
      environment: signing,
      http: 'POST /auth/register',
      public: true,
      grants: [dynamodb(['PutItem', 'ConditionCheckItem'], identity)],
    },
    login: {
      handler: 'src/handlers/login.handler',
      environment: signing,
      http: 'POST /auth/login',
      public: true,
      grants: [dynamodb(['GetItem', 'UpdateItem', 'DeleteItem', 'PutItem', 'ConditionCheckItem'], identity)],
    },
    refresh: {
      handler: 'src/handlers/refresh.handler',
      environment: signing,
      http: 'POST /auth/refresh',
      public: true,
      grants: [dynamodb(['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'], identity)],
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
      grants: [dynamodb(['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'], identity)],
    },
    jwks: {
      handler: 'src/handlers/jwks.handler',
      http: 'GET /auth/.well-known/jwks.json',
      public: true,
    },
  },
});
