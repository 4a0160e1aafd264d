/**
 * `seed [--demo]`: the admin, always (services/users/src/seed.ts `ensureAdmin`, straight into the
 * stage's identity table); with --demo, demo people and data through the HTTP API of a running
 * platform (scripts/ops/demo.ts), so every business rule applies as for a real client.
 */
import { join } from 'node:path';
import { type OpsContext, useStageEnvironment } from './context';
import { seedDemo } from './demo';
import { loadServiceModule } from './load-service-code';

export const LOCAL_ADMIN = { email: 'admin@example.com', password: 'ChangeMe-Local-Admin-1' }; // as scripts/local/platform.ts

export function adminCredentials(ctx: OpsContext): { email: string; password: string } {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (email && password) return { email, password };
  if (ctx.isLocal) return LOCAL_ADMIN;
  throw new Error(`stage ${ctx.stage}: set both ADMIN_EMAIL and ADMIN_PASSWORD (the local defaults are for the local stage only)`);
}

export async function seedAdmin(ctx: OpsContext): Promise<{ email: string; password: string }> {
  const admin = adminCredentials(ctx);
  useStageEnvironment(ctx);
  const seedModule = loadServiceModule<{ ensureAdmin(a: { email: string; password: string }): Promise<{ id?: string; roles?: string[] }> }>(
    join(ctx.root, 'services', 'users', 'src', 'seed.ts'),
  );
  const user = await seedModule.ensureAdmin(admin);
  ctx.log(`admin     ${admin.email} (${user.id ?? 'ok'}; roles ${user.roles?.join(', ') ?? 'admin'}) in platform-${ctx.stage}-identity`);
  return admin;
}

export async function seed(ctx: OpsContext, opts: { demo: boolean; url: string }): Promise<void> {
  const admin = await seedAdmin(ctx);
  if (opts.demo) await seedDemo(ctx, { url: opts.url, admin });
}
