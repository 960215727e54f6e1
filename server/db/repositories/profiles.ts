import type { NodeExplanation } from '../../graph/snapshot'
import type { Db } from '../index'
import { postCards } from './conversations'
import { authorLabels, snapshotCommunities, watchEntry } from './influencers'

// An author's profile (PRODUCT.md §4): who they are, what they post about and in which
// languages, and, within a network snapshot, why they score as they do and whom they are
// most connected to.

const RECENT_POSTS = 20
const CONNECTIONS = 8

async function postingProfile(db: Db, authorId: number) {
  const topics = await db.selectFrom('postTopics').innerJoin('posts', 'posts.id', 'postTopics.postId')
    .innerJoin('topics', 'topics.id', 'postTopics.topicId')
    .select(['topics.id', 'topics.name', 'topics.color', (eb) => eb.fn.countAll<number>().as('posts')])
    .where('posts.authorId', '=', authorId).groupBy(['topics.id', 'topics.name', 'topics.color']).orderBy('posts', 'desc').execute()
  const languages = await db.selectFrom('posts').select(['lang', (eb) => eb.fn.countAll<number>().as('posts')])
    .where('authorId', '=', authorId).groupBy('lang').orderBy('posts', 'desc').execute()
  const recent = await db.selectFrom('posts').select('id').where('authorId', '=', authorId).orderBy('createdAt', 'desc').limit(RECENT_POSTS).execute()
  const total = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('authorId', '=', authorId).executeTakeFirstOrThrow()
  return {
    topics: topics.map((row) => ({ ...row, posts: Number(row.posts) })),
    languages: languages.map((row) => ({ lang: row.lang ?? 'und', posts: Number(row.posts) })),
    posts: await postCards(db, recent.map((row) => row.id)),
    postCount: Number(total.n),
  }
}

/** The author's place in a snapshot: metrics, explanation, community, strongest ties both ways. */
async function networkProfile(db: Db, authorId: number, snapshotId: number) {
  const node = await db.selectFrom('graphNodes').selectAll().where('snapshotId', '=', snapshotId).where('authorId', '=', authorId).executeTakeFirst()
  if (!node) return null
  const strongest = (column: 'sourceId' | 'targetId', other: 'sourceId' | 'targetId') => db.selectFrom('graphEdges')
    .select([`${other} as authorId`, 'weight', 'mentions', 'replies', 'reposts', 'quotes'])
    .where('snapshotId', '=', snapshotId).where(column, '=', authorId).orderBy('weight', 'desc').limit(CONNECTIONS).execute()
  const incoming = await strongest('targetId', 'sourceId')
  const outgoing = await strongest('sourceId', 'targetId')
  const explanation = JSON.parse(node.explanation) as NodeExplanation
  const community = (await snapshotCommunities(db, snapshotId)).find((c) => c.community === node.community) ?? null
  const labels = await authorLabels(db, [...incoming, ...outgoing].map((edge) => edge.authorId))
  const label = <T extends { authorId: number }>(edge: T) => ({ ...edge, ...(labels.get(edge.authorId) ?? { handle: `#${edge.authorId}`, name: null }) })
  const nodeCount = await db.selectFrom('graphNodes').select((eb) => eb.fn.countAll<number>().as('n')).where('snapshotId', '=', snapshotId).executeTakeFirstOrThrow()
  const { explanation: _stored, ...metrics } = node
  return {
    ...metrics,
    nodeCount: Number(nodeCount.n),
    explanation,
    community: community && { community: community.community, size: community.size, terms: community.terms.slice(0, 8), hashtags: community.hashtags.slice(0, 8), languages: community.languages },
    incoming: incoming.map(label),
    outgoing: outgoing.map(label),
  }
}

export async function authorProfile(db: Db, authorId: number, snapshotId: number | null) {
  const author = await db.selectFrom('authors').select(['id', 'platform', 'handle', 'name', 'profileUrl', 'followers', 'firstSeenAt'])
    .where('id', '=', authorId).executeTakeFirst()
  if (!author) return null
  return {
    author,
    ...(await postingProfile(db, authorId)),
    network: snapshotId === null ? null : await networkProfile(db, authorId, snapshotId),
    watch: await watchEntry(db, authorId),
  }
}
