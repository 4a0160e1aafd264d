/**
 * Loads a service's TypeScript module (its seed, its statistics refresh). `npm run ops` runs under
 * tsx, whose require hook transpiles TS and honours the tsconfig paths (@platform/libs/*); under
 * Jest, Jest's own require does the same (swc transform + moduleNameMapper). Loaded on demand, so
 * a verb that does not need a service's code never loads it (or fails because it is missing).
 */
export function loadServiceModule<T>(file: string): T {
  // require(), not import: a path known only at run time, loaded synchronously through tsx's hook
  return require(file) as T;
}
