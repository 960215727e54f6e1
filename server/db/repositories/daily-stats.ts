import type { DailyCell, DailyRollup } from '../../../ingest/rollups/daily'
import { mergeSketch } from '../../../ingest/rollups/sketch'
import type { Db } from '../index'
import type { TermDailyTable, VolumeHourlyTable } from '../schema'

// Writes to the rollups outside the ingest hot path (re-tagging, running the NLP pass again,
// sentiment corrections). The batch writer does the same with prepared statements.

type CellKey = Pick<DailyCell, 'day' | 'topicId' | 'lang' | 'platform' | 'sourceId' | 'sentiment'>
const KEY_COLUMNS = ['topicId', 'day', 'lang', 'platform', 'sourceId', 'sentiment'] as const

async function mergeSketchInto(db: Db, cell: DailyCell): Promise<void> {
  const stored = await db.selectFrom('dailyAuthors').select('sketch')
    .where('topicId', '=', cell.topicId).where('day', '=', cell.day).where('lang', '=', cell.lang)
    .where('platform', '=', cell.platform).where('sourceId', '=', cell.sourceId).where('sentiment', '=', cell.sentiment)
    .executeTakeFirst()
  if (stored) mergeSketch(cell.authors, stored.sketch)
  const { day, topicId, lang, platform, sourceId, sentiment } = cell
  await db.insertInto('dailyAuthors').values({ day, topicId, lang, platform, sourceId, sentiment, sketch: Buffer.from(cell.authors) })
    .onConflict((oc) => oc.columns(KEY_COLUMNS).doUpdateSet((eb) => ({ sketch: eb.ref('excluded.sketch') })))
    .execute()
}

/** Adds posts per hour, topic, language and platform to the stored counts. */
export async function addHourlyVolume(db: Db, rows: Iterable<VolumeHourlyTable>): Promise<void> {
  for (const row of rows) {
    await db.insertInto('volumeHourly').values(row)
      .onConflict((oc) => oc.columns(['topicId', 'hour', 'lang', 'platform']).doUpdateSet((eb) => ({ posts: eb('volumeHourly.posts', '+', eb.ref('excluded.posts')) })))
      .execute()
  }
}

/** Adds the posts each term was in, per day and language, to the stored counts. */
export async function addTermDocs(db: Db, rows: Iterable<TermDailyTable>): Promise<void> {
  for (const row of rows) {
    await db.insertInto('termDaily').values(row)
      .onConflict((oc) => oc.columns(['lang', 'term', 'day']).doUpdateSet((eb) => ({ docs: eb('termDaily.docs', '+', eb.ref('excluded.docs')) })))
      .execute()
  }
}

/** Adds a batch's cells to the stored ones: counts summed, author sketches merged. */
export async function addDailyCells(db: Db, rollup: DailyRollup): Promise<void> {
  for (const cell of rollup.values()) {
    const { day, topicId, lang, platform, sourceId, sentiment, posts, engagement } = cell
    await db.insertInto('dailyStats').values({ day, topicId, lang, platform, sourceId, sentiment, posts, engagement })
      .onConflict((oc) => oc.columns(KEY_COLUMNS).doUpdateSet((eb) => ({
        posts: eb('dailyStats.posts', '+', eb.ref('excluded.posts')),
        engagement: eb('dailyStats.engagement', '+', eb.ref('excluded.engagement')),
      })))
      .execute()
    await mergeSketchInto(db, cell)
  }
  for (const cell of rollup.dayTotals()) await mergeSketchInto(db, cell)
}

/**
 * Takes one post out of the cells it counted in (its sentiment changed, say). Its author stays
 * in the sketches, which cannot forget: the distinct-author figure may count one author too
 * many, never one too few.
 */
export async function subtractFromDailyCells(db: Db, cells: readonly CellKey[], engagement: number): Promise<void> {
  for (const cell of cells) {
    const update = await db.updateTable('dailyStats')
      .set((eb) => ({ posts: eb('posts', '-', 1), engagement: eb('engagement', '-', engagement) }))
      .where('topicId', '=', cell.topicId).where('day', '=', cell.day).where('lang', '=', cell.lang)
      .where('platform', '=', cell.platform).where('sourceId', '=', cell.sourceId).where('sentiment', '=', cell.sentiment)
      .returning('posts').executeTakeFirst()
    if (update && update.posts <= 0) {
      await db.deleteFrom('dailyStats')
        .where('topicId', '=', cell.topicId).where('day', '=', cell.day).where('lang', '=', cell.lang)
        .where('platform', '=', cell.platform).where('sourceId', '=', cell.sourceId).where('sentiment', '=', cell.sentiment)
        .execute()
    }
  }
}
