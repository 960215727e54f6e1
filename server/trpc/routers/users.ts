import { createUserInput, setPasswordInput, updateUserInput } from '../../../shared/schemas/users'
import { changeAccount, createAccount, setAccountPassword } from '../../auth/accounts'
import { countUsersByRole, listUsers } from '../../db/repositories/users'
import { procedureFor, router } from '../init'

const adminOnly = procedureFor(['admin'])

export const usersRouter = router({
  list: adminOnly.query(({ ctx }) => listUsers(ctx.db)),

  countByRole: adminOnly.query(({ ctx }) => countUsersByRole(ctx.db)),

  create: adminOnly.input(createUserInput).mutation(({ ctx, input }) =>
    createAccount(ctx.db, { id: ctx.user.id, label: ctx.user.email }, input, ctx.now())),

  update: adminOnly.input(updateUserInput).mutation(({ ctx, input }) => {
    const { id, ...changes } = input
    return changeAccount(ctx.db, { id: ctx.user.id, label: ctx.user.email }, id, changes, ctx.now())
  }),

  setPassword: adminOnly.input(setPasswordInput).mutation(async ({ ctx, input }) => {
    await setAccountPassword(ctx.db, { id: ctx.user.id, label: ctx.user.email }, input.id, input.password, ctx.now())
    return { changed: true }
  }),
})
