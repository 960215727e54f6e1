import { TRPCClientError } from '@trpc/client'
import type { AppRouter } from '~~/server/trpc/routers'

/** Field errors and a message from a failed call, in the reader's language where we know the reason. */
export function useTrpcError() {
  const { t, te } = useI18n()
  function describe(error: unknown): { message: string, fieldErrors: Record<string, string[]> } {
    if (error instanceof TRPCClientError) {
      const data = (error as TRPCClientError<AppRouter>).data
      const reason = data?.reason
      const message = reason && te(`errors.${reason}`) ? t(`errors.${reason}`) : error.message
      return { message, fieldErrors: data?.fieldErrors ?? {} }
    }
    return { message: t('errors.unexpected'), fieldErrors: {} }
  }
  return { describe }
}
