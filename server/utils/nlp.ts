import { languagesFromEnv, NlpService } from '../../ingest/nlp/service'
import { readAlertConfig } from '../alerts/config'
import { watchSpikes } from '../alerts/watch'
import { webhookClient } from '../alerts/webhook'

let service: NlpService | undefined
let delivery: { config: ReturnType<typeof readAlertConfig>, http: ReturnType<typeof webhookClient> } | undefined

/** E-mail and webhook settings from the environment; read once, a bad value stops the server at boot. */
export function useAlertDelivery() {
  if (!delivery) {
    const config = readAlertConfig()
    delivery = { config, http: webhookClient(config.webhookTimeoutMs) }
  }
  return delivery
}

/** Finds spikes in the topics' volume and raises their alerts (all topics, or the ones given). */
export function watchTopicSpikes(topicIds?: number[]) {
  return watchSpikes(useDb().db, { now: new Date(), delivery: useAlertDelivery(), topicIds })
}

/** The server's NLP pass: the live tagger and the background re-tag jobs. */
export function useNlp(): NlpService {
  service ??= new NlpService(useDb().db, {
    languages: languagesFromEnv(),
    afterRetag: async (topicId) => {
      await watchTopicSpikes([topicId])
    },
  })
  return service
}
