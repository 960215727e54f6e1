import { TRPCClientError } from '@trpc/client'
import type { AppRouter } from '~~/server/trpc/routers'

/** Field errors and a message from a failed call, in the reader's language where we know the reason. */
export function useTrpcError() {
  const { t, te } = useI18n()
  const toast = useToast()
  function describe(error: unknown): { message: string, fieldErrors: Record<string, string[]> } {
    if (error instanceof TRPCClientError) {
      const data = (error as TRPCClientError<AppRouter>).data
      const reason = data?.reason
      const known = !!reason && te(`errors.${reason}`)
      const message = known ? t(`errors.${reason}`) : error.message
      const fieldErrors = data?.fieldErrors ?? {}
      // A domain error on a field (e-mail taken) carries the server's English: show ours.
      const localised = known
        ? Object.fromEntries(Object.keys(fieldErrors).map((field) => [field, [message]]))
        : fieldErrors
      return { message, fieldErrors: localised }
    }
    return { message: t('errors.unexpected'), fieldErrors: {} }
  }
  /** Says what went wrong in a toast. */
  function notify(error: unknown): void {
    toast.add({ title: describe(error).message, color: 'error', icon: 'i-lucide-circle-alert' })
  }
  return { describe, notify }
}
