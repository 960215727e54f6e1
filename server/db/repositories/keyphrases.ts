import { matchText } from '../../../ingest/nlp/tagger'
import { isHashtagTerm, type Keyphrase, keyphrases, termsOf } from '../../../ingest/nlp/text'
import { joinChains } from '../../../ingest/nlp/trends/phrases'
import type { Db } from '../index'

// A post's keyphrases (PRODUCT.md §2): its words and two-word terms ranked by TF-IDF against the
// stored posts of its language, chained pairs joined as emerging terms join them (phrases.ts).
// Document frequencies come from the daily term rollup (a term counts once a post) and the size
// of the corpus from the overview's daily cells; every import keeps both up to date, so
// keyphrases are ranked when a post is read, against today's corpus. Hashtags are left to the
// post's text, where they already stand out.

const SHOWN = 8
/** SQLite's limit on bound parameters is 999 in older builds. */
const CHUNK = 500

/** `posts`: the stored posts of the language that use the term. */
export type PostKeyphrase = Keyphrase & { posts: number }

export async function postKeyphrases(db: Db, post: { title: string | null, text: string, lang: string | null }) {
  const lang = post.lang ?? 'und'
  const text = matchText(post.title, post.text)
  const terms = termsOf(text, lang).filter((term) => !isHashtagTerm(term))
  const keys = [...new Set(terms.map((term) => term.key))]
  const frequencies = new Map<string, number>()
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom('termDaily').select(['term', (eb) => eb.fn.sum<number>('docs').as('docs')])
      .where('lang', '=', lang).where('term', 'in', keys.slice(i, i + CHUNK)).groupBy('term').execute()
    for (const row of rows) frequencies.set(row.term, Number(row.docs))
  }
  const corpus = keys.length === 0 ? undefined : await db.selectFrom('dailyStats').select((eb) => eb.fn.sum<number>('posts').as('posts'))
    .where('topicId', '=', 0).where('lang', '=', lang).executeTakeFirst()
  // A post stored before the rollups existed may use a term more often than the cells count posts.
  const documents = Math.max(Number(corpus?.posts ?? 0), ...frequencies.values(), 1)
  const ranked = keyphrases(terms, { documentFrequency: (key) => frequencies.get(key) ?? 0, documents, limit: 2 * SHOWN })
    .map((phrase): PostKeyphrase => ({ ...phrase, posts: frequencies.get(phrase.key) ?? 0 }))
  // Two pairs of the post that the corpus always uses together ("regional coordination",
  // "coordination team", in as many posts) read as the one phrase they are, when the post has it.
  const phrases = joinChains(ranked, (a, b) => a.posts === b.posts, (surface) => text.includes(surface))
  return { lang, documents, phrases: phrases.slice(0, SHOWN) }
}
