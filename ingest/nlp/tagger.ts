import type { PostTags } from '../pipeline'
import type { NormalisedPost } from '../types'
import type { LanguageCode } from '../../shared/languages'
import type { TopicDefinition } from '../../server/db/repositories/topics'
import { createLanguageDetector, type LanguageDetector } from './lang'
import { compileTopics, type TopicMatcher } from './query'
import { termsAndSentiment } from './text'
import { tokenize } from './tokens'
import { searchDocument } from '../search/document'
import { isWordlessRepost } from '../text'

// The NLP pass of PRODUCT.md §2 for one post: language, topics, terms and sentiment, from one
// tokenisation. It runs in the parse workers for bulk imports and in-line for scheduled ingest;
// both build it with the same options, so a post is tagged the same way whichever path it took.

/** The text topics are matched against: a news item's headline counts as much as its body. */
export function matchText(title: string | null, text: string): string {
  return title ? `${title}\n${text}` : text
}

const roundConfidence = (confidence: number) => Math.round(confidence * 1000) / 1000

export interface TaggerOptions {
  topics: readonly TopicDefinition[]
  /** The languages this instance works in: detection chooses among them (default: all). */
  languages?: readonly LanguageCode[]
}

export type TaggablePost = Pick<NormalisedPost, 'title' | 'text' | 'declaredLang' | 'hashtags'>
/** A post of a page, where a repost can find the post it repeats. */
export type PagePost = TaggablePost & Pick<NormalisedPost, 'kind' | 'externalId' | 'relations'>

export class Tagger {
  private matcher: TopicMatcher

  private constructor(private readonly detector: LanguageDetector, topics: readonly TopicDefinition[]) {
    this.matcher = compileTopics(topics)
  }

  static async create(options: TaggerOptions): Promise<Tagger> {
    return new Tagger(await createLanguageDetector({ languages: options.languages }), options.topics)
  }

  /** New topic queries apply to the next post tagged. */
  setTopics(topics: readonly TopicDefinition[]): void {
    this.matcher = compileTopics(topics)
  }

  tag(post: TaggablePost): PostTags {
    const text = matchText(post.title, post.text)
    const tokens = tokenize(text)
    const { lang, confidence } = this.detector.detect(text, post.declaredLang)
    const analysis = termsAndSentiment({ text, tokens }, lang)
    const terms = analysis.terms.map((term) => term.key)
    const surfaces = analysis.terms.map((term) => term.surface)
    const seen = new Set(terms)
    for (const tag of post.hashtags) {
      const key = `#${tag}`
      if (!seen.has(key)) {
        terms.push(key)
        surfaces.push(key)
      }
      seen.add(key)
    }
    return {
      lang,
      langConfidence: roundConfidence(confidence),
      sentiment: analysis.sentiment ? { score: analysis.sentiment.score, label: analysis.sentiment.label } : null,
      topics: this.matcher.match({ lang, text, tokens }),
      terms,
      surfaces,
      search: searchDocument(tokens),
    }
  }

  /**
   * Tags a page's posts, leaving null where `skip` says so. A repost with no words of its own
   * takes the language of the post it repeats when that post came with it, as a Mastodon boost
   * and a Bluesky repost do: a language chart counts what a boost spreads, not an "undetermined"
   * for every boost. Its sentiment and topics stay its own (none).
   */
  tagPage(posts: readonly PagePost[], skip?: readonly boolean[]): (PostTags | null)[] {
    const tags = posts.map((post, i) => (skip?.[i] ? null : this.tag(post)))
    let indexOf: Map<string, number> | null = null
    posts.forEach((post, i) => {
      const own = tags[i]
      if (!own || !isWordlessRepost(post)) return
      const target = post.relations.find((relation) => relation.kind === 'repost')?.targetPostExternalId
      if (!target) return
      indexOf ??= new Map(posts.map((other, j) => [other.externalId, j]))
      const at = indexOf.get(target)
      if (at === undefined) return
      // An original repeated from an earlier page is not tagged again: its language is read anew.
      const { lang, langConfidence } = tags[at] ?? this.languageOf(posts[at]!)
      own.lang = lang
      own.langConfidence = langConfidence
    })
    return tags
  }

  /** A post's language alone, as `tag` finds it. */
  languageOf(post: Pick<TaggablePost, 'title' | 'text' | 'declaredLang'>): Pick<PostTags, 'lang' | 'langConfidence'> {
    const { lang, confidence } = this.detector.detect(matchText(post.title, post.text), post.declaredLang)
    return { lang, langConfidence: roundConfidence(confidence) }
  }

  tagBatch = (posts: readonly PagePost[]): PostTags[] => this.tagPage(posts) as PostTags[]
}
