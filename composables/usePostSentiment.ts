import type { inferRouterInputs } from '@trpc/server'
import type { AppRouter } from '~~/server/trpc/routers'

type Label = inferRouterInputs<AppRouter>['posts']['setSentiment']['label']

/** An analyst's sentiment correction of a post, with the toast that confirms it. */
export function usePostSentiment() {
  const { t } = useI18n()
  const { $trpc } = useNuxtApp()
  const toast = useToast()
  const { notify } = useTrpcError()
  /** The post being corrected, for its spinner. */
  const busy = ref<number | null>(null)

  /** The post's correction as stored, or undefined when the server refused it (already said). */
  async function correct(postId: number, label: Label): Promise<Label | undefined> {
    busy.value = postId
    try {
      const result = await $trpc.posts.setSentiment.mutate({ id: postId, label })
      toast.add({
        title: label ? t('topics.sentiment.correctedTo', { label: t(`topics.sentiment.${label}`) }) : t('topics.sentiment.correctionRemoved'),
        color: 'success',
        icon: 'i-lucide-check',
      })
      return result.sentimentCorrected
    }
    catch (error) {
      notify(error)
      return undefined
    }
    finally {
      busy.value = null
    }
  }

  return { busy, correct }
}
