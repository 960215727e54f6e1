// The four roles of PRODUCT.md ("Users and their jobs"). One list, used by the database
// schema, the tRPC guards, the CLI and the navigation.
export const ROLES = ['admin', 'analyst', 'editor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Every signed-in role: for procedures and pages open to all accounts. */
export const ANY_ROLE: readonly Role[] = ROLES
