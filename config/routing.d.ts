export const API_SERVICES: readonly ['auth', 'users', 'contacts', 'events', 'gifts', 'images', 'loans', 'repayments'];
export const WEB_APPS: readonly ['skycap', 'gift-tracker'];
export function webPath(uri: string, apps: readonly string[]): string;
export const deepLinkFunctionCode: string;
export const requestIdFunctionCode: string;
