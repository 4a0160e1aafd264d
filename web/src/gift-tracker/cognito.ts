/**
 * The Cognito user pool's own API over fetch (no SDK, no Amplify): sign-up, confirmation,
 * sign-in and refresh (InitiateAuth USER_PASSWORD_AUTH / REFRESH_TOKEN_AUTH), sign-out
 * (RevokeToken). Where the pool is comes from /gift-tracker/config.json at run time
 * (cognito-local on the local stage, cognito-idp.<region>.amazonaws.com elsewhere: docs/web.md).
 * Every refusal becomes an ApiProblem, so the forms show it like any API error.
 */
import { ApiProblem } from '../shared/errors';

export interface CognitoConfig {
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
}

let config: Promise<CognitoConfig> | undefined;

/** The pool this app signs in with; a failed load is tried again on the next call. */
export function cognitoConfig(): Promise<CognitoConfig> {
  config ??= (async () => {
    let reply: Response;
    try {
      reply = await fetch('/gift-tracker/config.json', { cache: 'no-store' });
    } catch {
      throw ApiProblem.network();
    }
    const body = (await reply.json().catch(() => null)) as { cognito?: CognitoConfig | null } | null;
    if (!reply.ok || !body?.cognito)
      throw new ApiProblem('unavailable', 'Sign-in is not available right now (the user pool is not configured). Try again shortly.');
    return body.cognito;
  })().catch((error: unknown) => {
    config = undefined;
    throw error;
  });
  return config;
}

export interface Tokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

type Step = 'sign-up' | 'confirm' | 'sign-in' | 'refresh' | 'sign-out';

/** What a Cognito refusal means to the person, by step: a field message, a sentence, or a retry. */
function problemOf(step: Step, status: number, type: string, message: string): ApiProblem {
  const field = (name: string, text: string) => new ApiProblem('validation', 'Some fields need attention.', status, type, { [name]: text });
  switch (type) {
    case 'UsernameExistsException':
      return new ApiProblem('conflict', 'An account with this email already exists. Sign in, or confirm it with the code you were sent.', status, type);
    case 'CodeMismatchException':
      return field('code', 'That code is not right. Use the latest code you were sent.');
    case 'ExpiredCodeException':
      return field('code', 'That code has expired.');
    case 'InvalidPasswordException':
      // cognito-local answers a wrong password at sign-in with it (AWS: NotAuthorizedException)
      return step === 'sign-in' ? new ApiProblem('session', 'That email and password do not match an account.', status, type) : field('password', message);
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      if (step === 'confirm') return field('code', 'This account cannot be confirmed: sign up again, or sign in if it is confirmed already.');
      return new ApiProblem('session', 'That email and password do not match an account.', status, type);
    case 'UserNotConfirmedException':
      return new ApiProblem('conflict', 'This account is not confirmed yet: enter the code you were sent.', status, type);
    case 'InvalidParameterException':
      return new ApiProblem('other', message || 'Check what you entered.', status, type);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return new ApiProblem('throttled', 'Too many attempts. Wait a few minutes, then try again.', status, type);
    default:
      return status >= 500
        ? new ApiProblem('unavailable', 'Sign-in is unavailable for a moment. Try again shortly.', status, type)
        : new ApiProblem('other', message || `The user pool refused the request (HTTP ${status}).`, status, type);
  }
}

async function call<T>(step: Step, target: string, body: Record<string, unknown>): Promise<T> {
  const { endpoint, clientId } = await cognitoConfig();
  let reply: Response;
  try {
    reply = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify({ ClientId: clientId, ...body }),
    });
  } catch {
    throw ApiProblem.network();
  }
  const json = (await reply.json().catch(() => ({}))) as Record<string, unknown>;
  if (!reply.ok) {
    const type =
      String(json.__type ?? '')
        .split('#')
        .pop() ?? '';
    throw problemOf(step, reply.status, type, String(json.message ?? json.Message ?? ''));
  }
  return json as T;
}

export const signUp = (email: string, password: string, name: string) =>
  call<{ UserConfirmed: boolean; CodeDeliveryDetails?: { Destination?: string } }>('sign-up', 'SignUp', {
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'name', Value: name },
    ],
  });

export const confirmSignUp = (email: string, code: string) => call<object>('confirm', 'ConfirmSignUp', { Username: email, ConfirmationCode: code });

export const signIn = async (email: string, password: string): Promise<Tokens> =>
  (
    await call<{ AuthenticationResult: Tokens }>('sign-in', 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    })
  ).AuthenticationResult;

/** New tokens for a refresh token; null when the pool refuses it (revoked, expired, user disabled). */
export async function refresh(refreshToken: string): Promise<Tokens | null> {
  try {
    return (
      await call<{ AuthenticationResult: Tokens }>('refresh', 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      })
    ).AuthenticationResult;
  } catch (error) {
    if (error instanceof ApiProblem && (error.kind === 'session' || error.kind === 'other' || error.kind === 'validation')) return null;
    throw error; // network, 5xx: the session is kept and the page offers a retry
  }
}

/** The signed-in person's attributes (name, email), read with their access token. */
export async function userAttributes(accessToken: string): Promise<Record<string, string>> {
  const reply = await call<{ UserAttributes?: Array<{ Name: string; Value: string }> }>('sign-in', 'GetUser', { AccessToken: accessToken });
  return Object.fromEntries((reply.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
}

/** Ends the session at the pool: the refresh token (and the access tokens it issued) stop working. */
export const revoke = (refreshToken: string) => call<object>('sign-out', 'RevokeToken', { Token: refreshToken }).then(() => undefined);

/** The claims of a JWT's payload (display only: the API verifies tokens itself). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
