import { z } from 'zod'

export const sourceIdSchema = z.number().int().positive()

const sourceFields = {
  name: z.string().trim().min(1).max(200),
  /** Checked against the kind's own schema on the server. */
  config: z.record(z.string(), z.unknown()),
  intervalMinutes: z.number().int().min(5).max(60 * 24 * 7),
  enabled: z.boolean(),
}

export const createSourceInput = z.object({ kind: z.string().min(1).max(30), ...sourceFields })
export const updateSourceInput = z.object({ id: sourceIdSchema, ...sourceFields })
export const testSourceInput = z.object({ kind: z.string().min(1).max(30), config: sourceFields.config, id: sourceIdSchema.optional() })
export const runIdSchema = z.number().int().positive()

/** Shown instead of a stored secret; sending it back means "keep the stored value". */
export const SECRET_MASK = '••••••••'
export const isSecretField = (name: string) => /token|password|secret/i.test(name)
