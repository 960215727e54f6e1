import { TRPCError } from '@trpc/server'
import { ANY_ROLE } from '../../../shared/roles'
import { changeOwnPasswordInput } from '../../../shared/schemas/users'
import { setAccountPassword } from '../../auth/accounts'
import { verifyPassword } from '../../auth/password'
import { findCredentials } from '../../db/repositories/users'
import { procedureFor, router } from '../init'

export const authRouter = router({
  me: procedureFor(ANY_ROLE).query(({ ctx }) => ctx.user),

  changePassword: procedureFor(ANY_ROLE)
    .input(changeOwnPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const credentials = await findCredentials(ctx.db, ctx.user.email)
      if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'the current password is not right' })
      }
      await setAccountPassword(ctx.db, { id: ctx.user.id, label: ctx.user.email }, ctx.user.id, input.newPassword, ctx.now())
      return { changed: true }
    }),
})
