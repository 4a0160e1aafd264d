/**
 * Domain errors: thrown by handlers, domain rules and repositories, mapped to HTTP in one place
 * (libs/src/http/error-response.ts). `code` is the stable UPPER_SNAKE string clients switch on.
 */
export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetail[], code = 'VALIDATION_FAILED') {
    super(400, code, message, details);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED') {
    super(401, code, message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(what = 'Resource', code = 'NOT_FOUND') {
    super(404, code, `${what} not found`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, code = 'CONFLICT', details?: ErrorDetail[]) {
    super(409, code, message, details);
  }
}

export class BusinessRule extends AppError {
  constructor(message: string, code = 'BUSINESS_RULE', details?: ErrorDetail[]) {
    super(422, code, message, details);
  }
}

export class TooManyRequests extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests', code = 'TOO_MANY_REQUESTS') {
    super(429, code, message, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class ServiceUnavailable extends AppError {
  constructor(message = 'A dependency is unavailable, try again shortly', retryAfterSeconds = 1) {
    super(503, 'SERVICE_UNAVAILABLE', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/**
 * A setting the service needs is missing or unusable: a fault of the deployment, never of the
 * request. Deliberately not an AppError: the error responder logs it (with the request id and this
 * message, which names the setting) and answers a bare 500, so the client is not told that a
 * valid token is bad, and the setting's name does not leave the server.
 */
export class ConfigurationError extends Error {
  readonly code = 'CONFIGURATION_ERROR';
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Configuration error: ${setting} ${problem}`);
    this.name = 'ConfigurationError';
  }
}
