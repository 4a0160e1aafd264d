/** Request bodies of the users service: one schema each, used to validate and to document. */
import { passwordSchema, ROLES } from '@platform/libs/auth';
import { schemas } from '@platform/libs/http';

const roles = { type: 'array', items: { type: 'string', enum: [...ROLES] }, maxItems: ROLES.length, uniqueItems: true } as const;

export const profilePatch = {
  ...schemas.object({
    name: schemas.name,
    timezone: { type: 'string', format: 'timezone' },
    defaultCurrency: schemas.currency,
    version: { type: 'integer', minimum: 1 },
  }),
  minProperties: 1,
};

export const createStaff = schemas.object({ email: schemas.email, name: schemas.name, roles, temporaryPassword: passwordSchema }, [
  'email',
  'name',
  'roles',
  'temporaryPassword',
]);

export const replaceRoles = schemas.object({ roles }, ['roles']);

export const adminPatch = schemas.object({ disabled: { type: 'boolean' } }, ['disabled']);

export const listQuery = schemas.pageQuery({ role: { type: 'string', enum: [...ROLES] } });

export const userIdParam = (params: Record<string, string>): string => params.userId;
