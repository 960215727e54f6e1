import { z } from 'zod'
import { ROLES } from '../roles'

// The password policy. Kept free of node:crypto so the browser can validate forms with it.
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

// Trimmed and lower-cased before the format check: pasted addresses often carry spaces.
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320))
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH)
export const roleSchema = z.enum(ROLES)
export const userIdSchema = z.number().int().positive()

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: passwordSchema,
})
export type CreateUserInput = z.infer<typeof createUserInput>

export const updateUserInput = z.object({
  id: userIdSchema,
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
})

export const setPasswordInput = z.object({ id: userIdSchema, password: passwordSchema })

export const changeOwnPasswordInput = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
})

export const loginInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
})

export const auditListInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.number().int().positive().nullish(),
  action: z.string().max(100).optional(),
})
