/** Types for cors-policy.js (CommonJS so that plain Node in config/ can require it too). */
export declare const CORS: Readonly<{
  /** Access-Control-Allow-Headers */
  allowHeaders: string;
  /** Access-Control-Expose-Headers */
  exposeHeaders: string;
  /** Access-Control-Allow-Methods */
  allowMethods: string;
  /** Access-Control-Max-Age, in seconds */
  maxAgeSeconds: number;
}>;
/** The request's Origin when the stage allows it (exact match), otherwise undefined. */
export declare function allowedOrigin(origin: string | undefined | null, allowed: readonly string[]): string | undefined;
