import { z } from 'zod'
import { ISO_WEEK } from '../digest'

export const weekSchema = z.string().trim().toUpperCase().regex(ISO_WEEK, 'write the week as 2026-W47')
export const weekInput = z.object({ week: weekSchema })
