import type { PostTags } from '../pipeline'
import type { NormalisedPost } from '../types'
import type { LanguageCode } from '../../shared/languages'
import type { TopicDefinition } from '../../server/db/repositories/topics'
import { createLanguageDetector, type LanguageDetector } from './lang'
import { compileTopics, type TopicMatcher } from './query'
import { termsAndSentiment } from './text'
import { tokenize } from './tokens'
import { searchDocument } from '../search/document'

// The NLP pass of PRODUCT.md §2 for one post: language, topics, terms and sentiment, from one
// tokenisation. It runs in the parse workers for bulk imports and in-line for scheduled ingest;
// both build it with the same options, so a post is tagged the same way whichever path it took.

/** The text topics are matched against: a news item's headline counts as much as its body. */
export function matchText(title: string | null, text: string): string {
  return title ? `${title}\n${text}` : text
}

export interface TaggerOptions {
  topics: readonly TopicDefinition[]
  /** The languages this instance works in: detection chooses among them (default: all). */
  languages?: readonly LanguageCode[]
}

export type TaggablePost = Pick<NormalisedPost, 'title' | 'text' | 'declaredLang' | 'hashtags'>

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
      langConfidence: Math.round(confidence * 1000) / 1000,
      sentiment: analysis.sentiment ? { score: analysis.sentiment.score, label: analysis.sentiment.label } : null,
      topics: this.matcher.match({ lang, text, tokens }),
      terms,
      surfaces,
      search: searchDocument(tokens),
    }
  }

  tagBatch = (posts: readonly TaggablePost[]): PostTags[] => posts.map((post) => this.tag(post))
}
