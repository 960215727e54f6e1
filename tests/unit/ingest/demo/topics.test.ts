import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOPICS } from '../../../../ingest/demo'
import { resolveOptions, spikePlan } from '../../../../ingest/demo/facts'
import { richText } from '../../../../ingest/demo/formats/bluesky'
import { plainText } from '../../../../ingest/demo/formats/common'
import { CorpusGenerator } from '../../../../ingest/demo/generate'
import { type DemoPost, type Lang, LANGS, TOPICS, type TopicId } from '../../../../ingest/demo/model'
import { hourlyPlan } from '../../../../ingest/demo/schedule'
import { PACKS, SPIKE_TEXT } from '../../../../ingest/demo/text'
import { buildWorld } from '../../../../ingest/demo/world/build'
import { COMMUNITIES } from '../../../../ingest/demo/world/communities'
import { compileTopics, matchQuery, validateQuery } from '../../../../ingest/nlp/query'
import { matchText } from '../../../../ingest/nlp/tagger'
import { PALETTE } from '../../../../shared/palette'

// The demo's topic queries measured against the generator's ground truth: every post knows the
// topic and language it was written in, so precision and recall can be counted exactly.
//
// What a post is about is read from how the generator wrote it, not only from its `topic` field:
// - A reply or a quote takes the topic of the post it answers, but its own text is often just an
//   opener ("Exactly this.", "Must read.") with nothing of the topic in it. No query can find
//   those, and counting them would measure the generator's labelling, not the queries. They are
//   left out unless they carry a hashtag that belongs to their topic alone: region tags
//   (#Sahel, #COP30) and tags two topics share (#Ukame) do not say which topic it is.
// - A reply or quote written during the outbreak to a post on another topic keeps that topic,
//   yet in Swahili and English it is written from the outbreak's lines (compose.ts `lines`) and
//   in any language it carries the outbreak's hashtags: what it says is about cholera, so its
//   truth is health.
// - A Reddit link post has no text of its own: its title is the shared article's headline, so
//   the article's language and topic are the post's.
//
// The text is rendered as each format writes it (Bluesky's record text, Mastodon's content as
// plain text, the Reddit title and body, the feed's title and description). Read back through
// the adapters it tokenizes the same, apart from the "RE:" line Mastodon appends to quotes;
// going through the wire formats would cost seconds for the same tokens. Posts are matched
// under the language they were written in, which keeps detection errors out of the measure, and
// once more as if their language were unknown, when the matcher tries every language's query.

const SEED = 11
const POSTS = 8_000
const PRECISION = 0.9
const RECALL = 0.85
/** Below this many posts a cell is too small for a ratio to mean much: one miss in six is 0.83. */
const MIN_SUPPORT = 20

interface Counts {
  tp: number
  fp: number
  fn: number
}

type Cell = `${TopicId}:${Lang | 'all'}`

/** The generator's topic behind each demo topic. */
const TOPIC_OF: Record<string, TopicId> = {
  'Refugees & displacement': 'refugees',
  'Climate finance': 'climate',
  'Aid cuts': 'aid',
  'Health & cholera': 'health',
  'Food security': 'food',
}
/** Tags communities put on posts whatever the topic. */
const REGION_TAGS: ReadonlySet<string> = new Set(COMMUNITIES.flatMap((c) => c.tags))

const cells = new Map<Cell, Counts>()
const unknownLanguage = new Map<TopicId, Counts>()
let measured = 0
let skipped = 0

function counts(map: Map<string, Counts>, key: string): Counts {
  let found = map.get(key)
  if (!found) map.set(key, (found = { tp: 0, fp: 0, fn: 0 }))
  return found
}

function tally(map: Map<string, Counts>, key: string, truth: boolean, matched: boolean): void {
  if (!truth && !matched) return
  const c = counts(map, key)
  if (truth && matched) c.tp++
  else if (matched) c.fp++
  else c.fn++
}

function* corpus(seed: number, posts: number): Generator<DemoPost> {
  const resolved = resolveOptions({ seed, posts, end: new Date('2026-03-02T00:00:00Z') })
  const world = buildWorld(resolved.seed, resolved.start)
  const spike = spikePlan(resolved)
  const hours = (resolved.end - resolved.start) / 3_600_000
  yield* new CorpusGenerator(world, resolved.seed, spike).run(hourlyPlan(world.communities, resolved.start, hours, resolved.posts, spike, resolved.seed))
}

function textOf(post: DemoPost): string {
  switch (post.channel) {
    case 'feed': return matchText(post.article!.title, post.article!.description)
    case 'bluesky': return richText(post).text
    case 'mastodon': return plainText(post, (author) => `@${author.username}`)
    case 'reddit': {
      // A link post's body is empty: the listing carries the URL, the title is the headline.
      const body = post.link ? '' : post.segments.map((s) => (s.kind === 'text' ? s.text : s.kind === 'mention' ? `u/${s.author.username}` : s.kind === 'link' ? s.url : '')).join('')
      return matchText(post.title, body)
    }
  }
}

/** Whether a reply or quote says more than its opener. */
function hasStatement(post: DemoPost): boolean {
  if (post.kind !== 'reply' && post.kind !== 'quote') return true
  const pack = PACKS[post.lang]
  const openers = post.kind === 'reply' ? pack.replies : pack.quotes
  const body = post.segments.find((s) => s.kind === 'text' && s.text.trim())
  return body?.kind === 'text' && !openers.includes(body.text.trim())
}

/** Hashtags that name one topic in the post's language (or the outbreak), and nothing else. */
function topicalTags(post: DemoPost): string[] {
  const pack = PACKS[post.lang]
  const outbreak = (SPIKE_TEXT[post.lang] ?? SPIKE_TEXT.sw)!.hashtags
  const own = post.spike ? outbreak : pack.topics[post.topic].hashtags
  const others = TOPICS.filter((t) => t !== post.topic).flatMap((t) => pack.topics[t].hashtags)
  return post.segments.flatMap((s) => (s.kind === 'tag' && own.includes(s.tag) && (post.spike || !others.includes(s.tag)) && !REGION_TAGS.has(s.tag) ? [s.tag] : []))
}

/** The language and topic the post's text is in, or null when it carries nothing of its topic. */
function truthOf(post: DemoPost): { lang: Lang, topic: TopicId } | null {
  if (post.channel === 'reddit' && post.kind === 'post' && post.link) return { lang: post.link.lang, topic: post.link.topic }
  if (hasStatement(post)) return { lang: post.lang, topic: post.spike && SPIKE_TEXT[post.lang] ? 'health' : post.topic }
  if (topicalTags(post).length === 0) return null
  return { lang: post.lang, topic: post.spike ? 'health' : post.topic }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole
}

function table(): string {
  const row = (key: Cell) => {
    const c = cells.get(key) ?? { tp: 0, fp: 0, fn: 0 }
    return `${key.padEnd(14)} n=${String(c.tp + c.fn).padStart(5)}  P=${ratio(c.tp, c.tp + c.fp).toFixed(3)}  R=${ratio(c.tp, c.tp + c.fn).toFixed(3)}`
  }
  return TOPICS.flatMap((t) => [...LANGS, 'all' as const].map((l) => row(`${t}:${l}`))).join('\n')
}

beforeAll(() => {
  const matcher = compileTopics(DEMO_TOPICS.map((topic, id) => ({ id, queries: topic.queries })))
  const topicOf = (id: number) => TOPIC_OF[DEMO_TOPICS[id]!.name]
  for (const post of corpus(SEED, POSTS)) {
    if (post.kind === 'boost') continue
    const truth = truthOf(post)
    const text = textOf(post)
    if (!truth || !text.trim()) {
      skipped++
      continue
    }
    measured++
    const found = new Set(matcher.match({ lang: truth.lang, text }).map((m) => topicOf(m.topicId)))
    const blind = new Set(matcher.match({ lang: null, text }).map((m) => topicOf(m.topicId)))
    for (const topic of TOPICS) {
      tally(cells, `${topic}:${truth.lang}`, truth.topic === topic, found.has(topic))
      tally(cells, `${topic}:all`, truth.topic === topic, found.has(topic))
      tally(unknownLanguage, topic, truth.topic === topic, blind.has(topic))
    }
  }
}, 60_000)

describe('the demo topics', () => {
  it('are five, with a query for every demo language and a palette colour each', () => {
    expect(DEMO_TOPICS.map((t) => TOPIC_OF[t.name])).toEqual([...TOPICS])
    for (const topic of DEMO_TOPICS) {
      expect(topic.queries.map((q) => q.lang).filter((l) => l !== '*').sort()).toEqual([...LANGS].sort())
      expect(PALETTE).toContain(topic.color)
      expect(topic.description).toMatch(/^[A-Z].*\.$/)
    }
    expect(new Set(DEMO_TOPICS.map((t) => t.color)).size).toBe(DEMO_TOPICS.length)
  })

  it('write every query in valid syntax', () => {
    for (const topic of DEMO_TOPICS) {
      for (const { lang, query } of topic.queries) expect(validateQuery(query), `${topic.name} (${lang})`).toBeNull()
    }
  })

  it('find every hashtag a topic owns in a language', () => {
    for (const demoTopic of DEMO_TOPICS) {
      const topic = TOPIC_OF[demoTopic.name]!
      for (const lang of LANGS) {
        const queries = demoTopic.queries.filter((q) => q.lang === lang || q.lang === '*')
        const shared = TOPICS.filter((t) => t !== topic).flatMap((t) => PACKS[lang].topics[t].hashtags)
        const owned = PACKS[lang].topics[topic].hashtags.filter((tag) => !REGION_TAGS.has(tag) && !shared.includes(tag))
        for (const tag of owned) expect(queries.some((q) => matchQuery(q.query, `#${tag}`).matched), `${topic} (${lang}) #${tag}`).toBe(true)
      }
    }
  })

  it('measure most of the corpus', () => {
    // Bare replies and quotes are about a sixth of the posts with text.
    expect(measured).toBeGreaterThan(POSTS * 0.6)
    expect(skipped).toBeLessThan(measured * 0.3)
  })

  it.each(TOPICS)(`tag %s with precision ≥ ${PRECISION} and recall ≥ ${RECALL} overall and in each language`, (topic) => {
    for (const lang of [...LANGS, 'all' as const]) {
      const c = cells.get(`${topic}:${lang}`) ?? { tp: 0, fp: 0, fn: 0 }
      const where = `${topic}:${lang}\n${table()}`
      // A cell too small for a ratio may still get at most one post wrong.
      if (lang !== 'all' && c.tp + c.fn < MIN_SUPPORT) expect(c.fp + c.fn, where).toBeLessThanOrEqual(1)
      else {
        expect(ratio(c.tp, c.tp + c.fp), where).toBeGreaterThanOrEqual(PRECISION)
        expect(ratio(c.tp, c.tp + c.fn), where).toBeGreaterThanOrEqual(RECALL)
      }
    }
  })

  it.each(TOPICS)('still tag %s when the language of a post is unknown and every query is tried', (topic) => {
    const c = counts(unknownLanguage, topic)
    expect(ratio(c.tp, c.tp + c.fp)).toBeGreaterThanOrEqual(PRECISION)
    expect(ratio(c.tp, c.tp + c.fn)).toBeGreaterThanOrEqual(RECALL)
  })
})
