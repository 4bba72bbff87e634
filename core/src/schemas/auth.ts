/** What the account routes answer (server/src/modules/auth): the session, the switchable tenants, login. */
import { z } from 'zod';
import { PERMISSIONS, ROLES, type Permission } from '../roles.ts';
import { OrgRefSchema } from './orgs.ts';

export const PermissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

/** GET /auth/me */
export const MeSchema = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    homeTenantId: z.number().int(),
    unitId: z.number().int().nullable(),
    memberId: z.number().int().nullable(),
  }),
  /** The org every query is scoped to: the user's own, or the county a city user switched to. */
  tenant: OrgRefSchema,
  homeTenant: OrgRefSchema,
  permissions: z.array(PermissionSchema),
  csrfToken: z.string(),
  /** Past the password's maximum age or reset by an admin: only the account routes stay open. */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /auth/login: the CSRF token for the session whose cookie the answer sets. */
export const LoginResultSchema = z.object({ csrfToken: z.string() });
export type LoginResult = z.infer<typeof LoginResultSchema>;
/** GET /auth/tenants */
export const TenantListSchema = z.object({ items: z.array(OrgRefSchema) });
export type TenantList = z.infer<typeof TenantListSchema>;
/** POST /auth/switch-tenant */
export const SwitchTenantResultSchema = z.object({ tenant: OrgRefSchema });
export type SwitchTenantResult = z.infer<typeof SwitchTenantResultSchema>;
/** POST /auth/logout-others: how many other sessions ended. */
export const LogoutOthersResultSchema = z.object({ ended: z.number().int() });
export type LogoutOthersResult = z.infer<typeof LogoutOthersResultSchema>;
