import { TRPCError } from '@trpc/server'
import type { Db } from '../../../server/db'
import type { CreateContentItemInput } from '../../../shared/schemas/calendar'

// Tiny builders for the calendar tests: an item input, a topic, rollup cells and a spike.

export function anItem(ownerId: number, overrides: Partial<CreateContentItemInput> = {}): CreateContentItemInput {
  return {
    title: 'Cholera response explainer',
    brief: 'What the outbreak means for families, and where to find clinics.',
    channels: ['mastodon', 'website'],
    ownerId,
    publishLocal: '2027-03-26T09:00',
    timeZone: 'Europe/Paris',
    topicId: null,
    community: null,
    influencerIds: [],
    versions: [
      { lang: 'en', title: 'Cholera: what to know', status: 'review' },
      { lang: 'fr', title: 'Choléra : ce qu’il faut savoir', status: 'drafting' },
      { lang: 'sw', title: 'Kipindupindu: mambo ya kujua', status: 'idea' },
    ],
    ...overrides,
  }
}

export async function aTopic(db: Db, name: string, enabled = true): Promise<number> {
  const at = '2026-10-01T00:00:00.000Z'
  const row = await db.insertInto('topics').values({ name, color: '#0f766e', enabled: enabled ? 1 : 0, createdAt: at, updatedAt: at })
    .returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Posts of a topic (0: all posts) in a language on each of the given days, as the rollup keeps them. */
export async function rollup(db: Db, topicId: number, lang: string, days: readonly string[], postsPerDay: number): Promise<void> {
  for (const day of days) {
    await db.insertInto('dailyStats').values({ day, topicId, lang, platform: 'mastodon', sourceId: 0, sentiment: 'none', posts: postsPerDay, engagement: 0 }).execute()
  }
}

export async function aSpike(db: Db, topicId: number, lang: string, start: string, end: string): Promise<void> {
  await db.insertInto('spikes').values({
    topicId, lang, granularity: 'day', start, end, peakAt: start, peakCount: 40, total: 60, baseline: 8, z: 5.2,
    drivers: '{}', detectedAt: end, updatedAt: end,
  }).execute()
}

/** `n` days counted back from the day before `today`: the complete days before it. */
export function daysBefore(today: string, from: number, to: number): string[] {
  const base = Date.parse(`${today}T00:00:00Z`)
  const days: string[] = []
  for (let back = from; back <= to; back++) days.push(new Date(base - back * 86_400_000).toISOString().slice(0, 10))
  return days
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  }
  catch (error) {
    if (error instanceof TRPCError) return error.code
    throw error
  }
  throw new Error('expected the call to fail')
}
