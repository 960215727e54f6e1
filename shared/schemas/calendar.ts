import { z } from 'zod'
import { CHANNELS, CONTENT_STATUSES } from '../calendar'
import { isLanguageCode, LANGUAGES } from '../languages'
import { canonicalZone, isLocalDateTime } from '../zoned-time'

// Inputs of the editorial calendar's procedures, run again by its forms before a round trip.

const id = z.number().int().positive()
export const contentItemIdSchema = id

export const contentLangSchema = z.string().refine(isLanguageCode, 'not a supported language')

/** An IANA zone name, stored in its canonical spelling. */
export const timeZoneSchema = z.string().trim().max(64).transform((zone, ctx) => {
  const canonical = canonicalZone(zone)
  if (!canonical) {
    ctx.addIssue({ code: 'custom', message: 'not a named time zone (such as Europe/Paris)' })
    return z.NEVER
  }
  return canonical
})

/** A wall-clock date and time in the item's zone. */
export const publishLocalSchema = z.string().refine(isLocalDateTime, 'a date and time as YYYY-MM-DDTHH:mm')

const noRepeats = <T>(list: readonly T[]) => new Set(list).size === list.length

const versionFields = {
  lang: contentLangSchema,
  /** Empty until written: the item's title stands in for it. */
  title: z.string().trim().max(300).default(''),
  body: z.string().max(20_000).default(''),
  status: z.enum(CONTENT_STATUSES).default('idea'),
  assigneeId: id.nullable().default(null),
}
export const contentVersionSchema = z.object(versionFields)

const itemFields = {
  title: z.string().trim().min(1).max(300),
  brief: z.string().trim().max(5000).default(''),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]).refine(noRepeats, 'each channel once'),
  ownerId: id,
  publishLocal: publishLocalSchema,
  timeZone: timeZoneSchema,
  topicId: id.nullable().default(null),
  community: z.string().trim().max(200).nullable().default(null).transform((label) => label || null),
  influencerIds: z.array(id).max(50).default([]).refine(noRepeats, 'each influencer once'),
}

export const createContentItemInput = z.object({
  ...itemFields,
  versions: z.array(contentVersionSchema).min(1, 'add at least one language').max(LANGUAGES.length)
    .refine((versions) => noRepeats(versions.map((v) => v.lang)), 'one version per language'),
})
export type CreateContentItemInput = z.input<typeof createContentItemInput>

export const updateContentItemInput = z.object({ id, ...itemFields })

/** A drag on the calendar: the new wall-clock time, in the zone the item already has. */
export const rescheduleInput = z.object({ id, publishLocal: publishLocalSchema })

export const saveVersionInput = z.object({ itemId: id, ...versionFields })
export const versionKeyInput = z.object({ itemId: id, lang: contentLangSchema })

/** The longest span one calendar read may cover (a year view and a little). */
export const MAX_LIST_DAYS = 400

export const calendarFiltersSchema = z.object({
  langs: z.array(contentLangSchema).max(LANGUAGES.length).default([]),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
  statuses: z.array(z.enum(CONTENT_STATUSES)).max(CONTENT_STATUSES.length).default([]),
  ownerIds: z.array(id).max(100).default([]),
})
export type CalendarFilters = z.output<typeof calendarFiltersSchema>

export const listContentInput = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  filters: calendarFiltersSchema.default({ langs: [], channels: [], statuses: [], ownerIds: [] }),
}).refine((input) => Date.parse(input.from) < Date.parse(input.to), { message: 'the range ends before it starts', path: ['to'] })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= MAX_LIST_DAYS * 86_400_000, { message: `at most ${MAX_LIST_DAYS} days`, path: ['from'] })

/** A gap hint turned into a draft: the topic, the language, and where the person plans from. */
export const draftFromGapInput = z.object({
  topicId: id,
  lang: contentLangSchema,
  title: z.string().trim().min(1).max(300),
  brief: z.string().trim().max(5000).default(''),
  timeZone: timeZoneSchema,
  /** The community the topic rose in, when the hint came from one: the item's community label. */
  community: z.string().trim().min(1).max(200).nullable().default(null),
})

export const authorSearchInput = z.object({ q: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(20).default(10) })
