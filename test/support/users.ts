/**
 * People for integration tests: a fresh registered user per call (unique email, so tests never
 * share state), the seeded admin, and Cognito users (the Gift Tracker's identity provider).
 */
import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Schema } from '@platform/api-client';
import { client, type ClientResult } from './http';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

export interface Session {
  user: Schema<'PublicUser'>;
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
}

export const uniqueEmail = (label = 'user'): string => `${label}-${randomUUID().slice(0, 12)}@example.test`;

/** The data of a typed client's reply with the expected status; fails with `what` and the reply otherwise. */
function dataOf<R extends ClientResult>(what: string, result: R, expected: number): NonNullable<R['data']> {
  if (result.response.status !== expected || result.data === undefined || result.data === null) {
    const reply = result.data !== undefined ? result.data : result.error;
    throw new Error(`${what}: expected ${expected}, got ${result.response.status} ${JSON.stringify(reply)}`);
  }
  return result.data as NonNullable<R['data']>;
}

/** POST /auth/register with a unique email. */
export async function registerUser(overrides: { email?: string; password?: string; name?: string } = {}): Promise<Session> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? TEST_PASSWORD;
  const reply = await client().POST('/auth/register', { body: { email, password, name: overrides.name ?? 'Test User' } });
  const { user, accessToken, refreshToken } = dataOf(`register ${email}`, reply, 201);
  return { user, accessToken, refreshToken, email, password };
}

/** POST /auth/login as the admin the platform seeded (ADMIN_EMAIL / ADMIN_PASSWORD). */
export async function loginAdmin(): Promise<Session> {
  const email = process.env.ADMIN_EMAIL!;
  const password = process.env.ADMIN_PASSWORD!;
  const reply = await client().POST('/auth/login', { body: { email, password } });
  const { user, accessToken, refreshToken } = dataOf(`login as the seeded admin ${email}`, reply, 200);
  return { user, accessToken, refreshToken, email, password };
}

let cognito: CognitoIdentityProviderClient | undefined;
const cognitoClient = () =>
  (cognito ??= new CognitoIdentityProviderClient({
    endpoint: process.env.COGNITO_ENDPOINT,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }));

export interface CognitoSession {
  username: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** A new user in the local Cognito pool (permanent password, optional groups), signed in. */
export async function cognitoUser(options: { groups?: string[]; email?: string } = {}): Promise<CognitoSession> {
  const UserPoolId = process.env.COGNITO_USER_POOL_ID!;
  const username = options.email ?? uniqueEmail('cognito');
  const client = cognitoClient();
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: username },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: TEST_PASSWORD, Permanent: true }));
  for (const GroupName of options.groups ?? []) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName }));
  }
  const auth = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: process.env.COGNITO_CLIENT_ID!,
      AuthParameters: { USERNAME: username, PASSWORD: TEST_PASSWORD },
    }),
  );
  const result = auth.AuthenticationResult;
  if (!result?.AccessToken) throw new Error(`cognito sign-in of ${username} returned no tokens: ${JSON.stringify(auth)}`);
  return { username, accessToken: result.AccessToken, idToken: result.IdToken!, refreshToken: result.RefreshToken! };
}

/** The access token of a new Cognito user in the given groups (admin, loan_officer, accountant). */
export async function cognitoToken(options: { groups?: string[] } = {}): Promise<string> {
  return (await cognitoUser(options)).accessToken;
}
