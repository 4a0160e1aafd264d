export const REQUIRED: Array<[key: string, variable: string, what: string]>;
export function settingProblems(stage: string, settings: Record<string, unknown>): string[];
