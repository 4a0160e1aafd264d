export interface GatewayResponseSpec {
  type: string;
  status?: string;
  code: string;
  message: string;
  retryAfter?: string;
}
export const RESPONSES: GatewayResponseSpec[];
export function gatewayResponses(options: { restApiLogicalId: string; origins: string[] }): Record<string, unknown>;
export function gatewayReply(type: string): { status: number; code: string; message: string; headers: Record<string, string> };
