import type { Db } from '../../server/db'
import { addDailyCells, addHourlyVolume, addTermDocs } from '../../server/db/repositories/daily-stats'
import { BatchRollup } from '../pipeline'
import { DailyRollup } from '../rollups/daily'
import { isWordlessRepost } from '../text'
import type { Tagger } from './tagger'

// Runs the NLP pass again over every stored post, for what the ingest wrote with an older
// tagger: another CHORUS_LANGUAGES, a newer Chorus that reads languages or sentiment better, or
// boosts stored before they took their original's language. Languages, sentiment and topic
// matches are stored anew, and the rollups built on them (hourly volume, daily terms, the
// overview's cells and their author sketches) are rebuilt from the posts. An analyst's sentiment
// correction stands. One transaction: a run that stops half-way changes nothing.

export interface RerunOptions {
  /** Posts read and tagged at a time. */
  chunk?: number
  onProgress?: (done: number, total: number) => void
}

export interface RerunSummary {
  posts: number
  /** Posts whose language changed. */
  languages: number
  /** Posts whose computed sentiment changed (shown or not: a correction stands over it). */
  sentiments: number
  /** Topic matches before and after. */
  topicMatches: { before: number, after: number }
}

export async function rerunNlp(db: Db, tagger: Tagger, options: RerunOptions = {}): Promise<RerunSummary> {
  const chunk = options.chunk ?? 2000
  return db.transaction().execute(async (trx) => {
    const total = Number((await trx.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = Number((await trx.selectFrom('postTopics').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    for (const table of ['postTopics', 'volumeHourly', 'termDaily', 'dailyStats', 'dailyAuthors'] as const) await trx.deleteFrom(table).execute()
    const summary: RerunSummary = { posts: 0, languages: 0, sentiments: 0, topicMatches: { before, after: 0 } }
    options.onProgress?.(0, total)
    for (let after = 0; ;) {
      const posts = await trx.selectFrom('posts')
        .leftJoin('postRelations as repost', (join) => join.onRef('repost.postId', '=', 'posts.id').on('repost.kind', '=', 'repost'))
        .leftJoin('posts as original', 'original.id', 'repost.targetPostId')
        .select([
          'posts.id', 'posts.kind', 'posts.title', 'posts.text', 'posts.declaredLang', 'posts.createdAt', 'posts.platform', 'posts.sourceId',
          'posts.authorId', 'posts.engagement', 'posts.lang', 'posts.langConfidence', 'posts.sentimentScore', 'posts.sentimentLabel', 'posts.sentimentCorrected',
          'original.title as originalTitle', 'original.text as originalText', 'original.declaredLang as originalDeclaredLang',
        ])
        .where('posts.id', '>', after).orderBy('posts.id').limit(chunk).execute()
      if (posts.length === 0) break
      after = posts.at(-1)!.id
      const hashtags = new Map<number, string[]>()
      const rows = await trx.selectFrom('postHashtags').select(['postId', 'tag']).where('postId', 'in', posts.map((post) => post.id)).execute()
      for (const { postId, tag } of rows) {
        const list = hashtags.get(postId)
        if (list) list.push(tag)
        else hashtags.set(postId, [tag])
      }
      const rollup = new BatchRollup()
      const daily = new DailyRollup()
      let previous: number | null = null
      for (const post of posts) {
        // A post with two repost relations comes twice: its first row is the one read.
        if (post.id === previous) continue
        previous = post.id
        const tags = tagger.tag({ title: post.title, text: post.text, declaredLang: post.declaredLang, hashtags: hashtags.get(post.id) ?? [] })
        if (isWordlessRepost(post) && post.originalText !== null) {
          Object.assign(tags, tagger.languageOf({ title: post.originalTitle, text: post.originalText, declaredLang: post.originalDeclaredLang }))
        }
        const sentimentScore = tags.sentiment?.score ?? null
        const sentimentLabel = tags.sentiment?.label ?? null
        if (tags.lang !== post.lang) summary.languages++
        if (sentimentLabel !== post.sentimentLabel || sentimentScore !== post.sentimentScore) summary.sentiments++
        if (tags.lang !== post.lang || tags.langConfidence !== post.langConfidence || sentimentLabel !== post.sentimentLabel || sentimentScore !== post.sentimentScore) {
          await trx.updateTable('posts').set({ lang: tags.lang, langConfidence: tags.langConfidence, sentimentScore, sentimentLabel }).where('id', '=', post.id).execute()
        }
        if (tags.topics.length > 0) {
          await trx.insertInto('postTopics')
            .values(tags.topics.map((topic) => ({ topicId: topic.topicId, postId: post.id, createdAt: post.createdAt, terms: JSON.stringify(topic.terms) })))
            .execute()
        }
        summary.topicMatches.after += tags.topics.length
        rollup.add(post, tags)
        daily.add({
          createdAt: post.createdAt, lang: tags.lang, platform: post.platform, sourceId: post.sourceId, authorId: post.authorId,
          sentiment: post.sentimentCorrected ?? sentimentLabel, engagement: post.engagement, topicIds: tags.topics.map((topic) => topic.topicId),
        })
        summary.posts++
      }
      await addHourlyVolume(trx, rollup.volumes())
      await addTermDocs(trx, rollup.termDocs())
      await addDailyCells(trx, daily)
      options.onProgress?.(summary.posts, total)
    }
    return summary
  })
}
