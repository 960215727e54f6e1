import { z } from 'zod'

// Which input column (a CSV header, or a JSON key path such as `user.screen_name`) fills each
// field of a post. Exports from listening suites, research tools and platforms all name the
// same things differently, so a mapping is proposed from the headers and can be corrected in
// the source's configuration.

export const MAPPED_FIELDS = [
  'externalId', 'url', 'text', 'title', 'createdAt',
  'authorId', 'authorHandle', 'authorName', 'authorUrl', 'authorFollowers',
  'lang', 'likes', 'reposts', 'replies', 'quotes', 'hashtags',
  'replyTo', 'repostOf', 'quoteOf',
  // Beyond the post itself: who was mentioned, replied to, reposted or quoted, when an export
  // names only the account (4CAT's `replied_user`, Brandwatch's `Mentioned Authors`). These are
  // the edges of the influencer network.
  'mentions', 'links', 'replyToAuthor', 'repostOfAuthor', 'quoteOfAuthor',
] as const
export type MappedField = (typeof MAPPED_FIELDS)[number]

/** Field → input column. A field left out is not imported. */
export type ColumnMapping = Partial<Record<MappedField, string>>

/**
 * What a source's configuration may say: a column per field to override the proposed mapping,
 * or null to drop a column the detection picked wrongly.
 */
export const mappingOverrideSchema = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((field) => [field, z.string().trim().min(1).nullable().optional()])) as
  Record<MappedField, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
)
export type MappingOverride = z.infer<typeof mappingOverrideSchema>

/** Header names as users and tools write them, in order of preference, after normaliseHeader. */
const ALIASES: Record<MappedField, string[]> = {
  // `uri` before `id`: in Mastodon and Bluesky JSON the uri is global, the id only local.
  externalId: ['idstr', 'uri', 'id', 'postid', 'tweetid', 'statusid', 'mentionid', 'resourceid', 'documentid', 'itemid', 'messageid', 'guid'],
  url: ['url', 'link', 'permalink', 'posturl', 'tweeturl', 'statusurl', 'mentionurl', 'originalurl', 'articleurl', 'weburl'],
  text: ['fulltext', 'mentioncontent', 'text', 'body', 'content', 'message', 'posttext', 'tweettext', 'record.text', 'caption', 'contents', 'snippet', 'hitsentence'],
  title: ['title', 'headline', 'subject'],
  createdAt: ['createdat', 'date', 'datetime', 'timestamp', 'published', 'publishedat', 'publishdate', 'publicationdate', 'postedat', 'created', 'createdutc', 'creationdate', 'dateutc', 'time', 'record.createdat', 'unixtimestamp'],
  // Not Mastodon's account.id: it is local to one server (the Mastodon adapter keys accounts
  // by their URL; map authorId to account.url to match it).
  authorId: ['authorid', 'userid', 'user.idstr', 'user.id', 'author.did', 'authordid', 'twitterauthorid', 'facebookauthorid', 'channelid'],
  authorHandle: ['authorhandle', 'author', 'screenname', 'username', 'handle', 'user', 'authorusername', 'authorscreenname', 'user.screenname', 'user.username', 'account.acct', 'account.username', 'author.handle', 'influencer'],
  authorName: ['authorname', 'fullname', 'authorfullname', 'displayname', 'user.name', 'account.displayname', 'author.displayname', 'authordisplayname'],
  authorUrl: ['authorurl', 'authorlink', 'profileurl', 'userurl', 'account.url', 'authorprofileurl'],
  authorFollowers: ['authorfollowers', 'followers', 'followerscount', 'twitterfollowers', 'user.followerscount', 'account.followerscount', 'authorfollowerscount', 'subscribers'],
  lang: ['lang', 'language', 'languagecode', 'languageguess', 'record.langs'],
  likes: ['likes', 'likecount', 'favoritecount', 'favorites', 'favouritescount', 'favourites', 'twitterlikes', 'facebooklikes', 'reactions', 'publicmetrics.likecount', 'score'],
  reposts: ['reposts', 'repostcount', 'retweets', 'retweetcount', 'shares', 'sharecount', 'reblogscount', 'boosts', 'twitterretweets', 'facebookshares', 'publicmetrics.retweetcount'],
  replies: ['replies', 'replycount', 'repliescount', 'comments', 'commentcount', 'numcomments', 'twitterreplycount', 'facebookcomments', 'publicmetrics.replycount'],
  quotes: ['quotes', 'quotecount', 'quotetweets', 'quotetweetcount', 'publicmetrics.quotecount'],
  hashtags: ['hashtags', 'hashtag', 'tags', 'entities.hashtags.text', 'entities.hashtags.tag', 'tags.name'],
  replyTo: ['replyto', 'inreplyto', 'inreplytoid', 'inreplytostatusidstr', 'inreplytostatusid', 'replytoid', 'parentid', 'twitterreplyto'],
  repostOf: ['repostof', 'retweetof', 'retweetid', 'reblogof', 'retweetedstatus.idstr', 'reblog.uri', 'twitterretweetof'],
  quoteOf: ['quoteof', 'quotedid', 'quotedstatusidstr', 'quotedstatusid', 'quotetweetid'],
  mentions: ['mentions', 'mentionedauthors', 'usermentions', 'entities.usermentions.screenname', 'entities.mentions.username', 'mentions.acct'],
  links: ['links', 'urls', 'expandedurls', 'entities.urls.expandedurl'],
  replyToAuthor: ['replyuser', 'replieduser', 'inreplytoscreenname', 'inreplytouser', 'replytouser'],
  repostOfAuthor: ['retweeteduser', 'repostedauthor', 'retweetedstatus.user.screenname', 'reblog.account.acct'],
  quoteOfAuthor: ['quoteduser', 'quotedauthor', 'quotedstatus.user.screenname'],
}

/** "Full Text", "full_text" and "FULL-TEXT" all become "fulltext"; dots of key paths are kept. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9.]/g, '')
}

export type RequiredField = 'text' | 'createdAt' | 'externalId or url'

export interface DetectedMapping {
  mapping: ColumnMapping
  /** Required fields no column was found for. Only text and createdAt stop an import. */
  missing: RequiredField[]
}

/** Proposes a mapping from header names; each column fills at most one field. */
export function detectMapping(headers: readonly string[]): DetectedMapping {
  const byName = new Map<string, string>()
  for (const header of headers) {
    const key = normaliseHeader(header)
    if (key && !byName.has(key)) byName.set(key, header)
  }
  const used = new Set<string>()
  const mapping: ColumnMapping = {}
  for (const field of MAPPED_FIELDS) {
    const header = ALIASES[field].map((alias) => byName.get(alias)).find((found) => found !== undefined && !used.has(found))
    if (header === undefined) continue
    mapping[field] = header
    used.add(header)
  }
  return { mapping, missing: missingFields(mapping) }
}

export function missingFields(mapping: ColumnMapping): RequiredField[] {
  const missing: RequiredField[] = []
  if (!mapping.text && !mapping.title) missing.push('text')
  if (!mapping.createdAt) missing.push('createdAt')
  if (!mapping.externalId && !mapping.url) missing.push('externalId or url')
  return missing
}

/** The detected mapping with the configured overrides applied (null removes a field). */
export function applyOverride(detected: ColumnMapping, override: MappingOverride | undefined): ColumnMapping {
  const mapping: ColumnMapping = { ...detected }
  for (const field of MAPPED_FIELDS) {
    const value = override?.[field]
    if (value === null) delete mapping[field]
    else if (value !== undefined) mapping[field] = value
  }
  return mapping
}

/**
 * Why a mapping cannot import anything, or null when it can. With `strict`, every mapped column
 * must be one of `columns` (CSV headers); JSON objects may leave keys out, so there it is not.
 */
export function unusableMappingReason(mapping: ColumnMapping, columns: readonly string[], strict: boolean): string | null {
  const blocking = missingFields(mapping).filter((field) => field !== 'externalId or url')
  const known = new Set(columns.map(normaliseHeader))
  const unknown = strict
    ? Object.entries(mapping).filter(([, column]) => !known.has(normaliseHeader(column))).map(([field, column]) => `${field} → "${column}"`)
    : []
  if (!blocking.length && !unknown.length) return null
  const problems = [
    blocking.length ? `no column for ${blocking.join(' and ')}` : '',
    unknown.length ? `the mapping names columns the file does not have (${unknown.join(', ')})` : '',
  ].filter(Boolean)
  const shown = columns.slice(0, 40).map((c) => `"${c}"`).join(', ')
  return `${problems.join('; ')}; columns found: ${shown || 'none'}. Set the source's mapping to name them.`
}
