import { createTRPCClient, httpBatchLink } from '@trpc/client'
import type { AppRouter } from '~~/server/trpc/routers'

// One typed client for the whole app. During server rendering it calls the handler in-process
// (event.fetch, no HTTP hop) and forwards the visitor's cookie.
export default defineNuxtPlugin(() => {
  const event = useRequestEvent()
  const headers = useRequestHeaders(['cookie'])
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/api/trpc',
        headers: () => headers,
        fetch: event ? (input, init) => event.fetch(input as string, init as RequestInit) : undefined,
      }),
    ],
  })
  return { provide: { trpc } }
})
