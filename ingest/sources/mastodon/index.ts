import type { SourceAdapter } from '../../types'
import { type MastodonConfig, mastodonConfigSchema } from './config'
import { fetchMastodonPage } from './fetch'
import { importMastodonPayload } from './payload'

// Mastodon (and servers speaking its REST API): hashtag timelines, search, an account's
// statuses and mentions of our own account. https://docs.joinmastodon.org/methods/

export type { MastodonConfig } from './config'

export const mastodonAdapter: SourceAdapter<MastodonConfig> = {
  kind: 'mastodon',
  platform: 'mastodon',
  configSchema: mastodonConfigSchema,
  fetchPage: fetchMastodonPage,
  importPayload: importMastodonPayload,
}
