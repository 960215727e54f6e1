import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '~~/server/trpc/routers'

type Outputs = inferRouterOutputs<AppRouter>['digest']
export type DigestStep = NonNullable<Outputs['progress']>

const POLL_MS = 400

/**
 * Makes a week's digest and follows its steps while the request runs, for a progress bar: the
 * server keeps the step each week being made has reached.
 */
export function useDigestGeneration() {
  const { $trpc } = useNuxtApp()
  const busy = ref(false)
  const step = ref<DigestStep | null>(null)

  async function generate(week: string) {
    busy.value = true
    step.value = null
    const polling = setInterval(() => {
      $trpc.digest.progress.query({ week })
        .then((reached) => {
          if (reached && busy.value) step.value = reached
        })
        // A missed reading only leaves the bar where it was; the request itself reports failure.
        .catch(() => {})
    }, POLL_MS)
    try {
      return await $trpc.digest.generate.mutate({ week })
    }
    finally {
      clearInterval(polling)
      busy.value = false
      step.value = null
    }
  }

  return { busy: readonly(busy), step: readonly(step), generate }
}
