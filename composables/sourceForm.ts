// Builds a source's settings form from its kind's JSON Schema (made on the server from the
// adapter's zod schema), so every kind gets a form without one being written by hand.

export interface FormField {
  name: string
  type: 'string' | 'number' | 'boolean' | 'enum'
  options?: string[]
  required: boolean
  default?: unknown
  secret: boolean
}

interface JsonSchema {
  type?: string
  const?: unknown
  enum?: unknown[]
  default?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
}

const SECRET = /token|password|secret/i

function variantsOf(schema: JsonSchema): JsonSchema[] {
  return schema.oneOf ?? schema.anyOf ?? [schema]
}

/** The modes a kind offers (from a `mode` discriminator or enum), first one the default. */
export function modesOf(schema: object): string[] {
  const modes = variantsOf(schema as JsonSchema).flatMap((variant) => {
    const mode = variant.properties?.mode
    if (!mode) return []
    if (mode.const !== undefined) return [String(mode.const)]
    return (mode.enum ?? []).map(String)
  })
  return [...new Set(modes)]
}

/** The fields to show for a mode, in the schema's order, without the mode itself. */
export function fieldsFor(jsonSchema: object, mode: string | undefined): FormField[] {
  const schema = jsonSchema as JsonSchema
  const variant = variantsOf(schema).find((v) => {
    const m = v.properties?.mode
    return !m || m.const === undefined || m.const === mode
  }) ?? variantsOf(schema)[0]!
  return Object.entries(variant.properties ?? {})
    .filter(([name]) => name !== 'mode')
    .map(([name, property]) => ({
      name,
      type: property.enum ? 'enum' : property.type === 'integer' || property.type === 'number' ? 'number' : property.type === 'boolean' ? 'boolean' : 'string',
      options: property.enum?.map(String),
      required: variant.required?.includes(name) ?? false,
      default: property.default,
      secret: SECRET.test(name),
    }))
}

/** Drops empty optional values so the server applies its defaults. */
export function cleanConfig(values: Record<string, unknown>, fields: FormField[], mode?: string): Record<string, unknown> {
  const config: Record<string, unknown> = mode ? { mode } : {}
  for (const field of fields) {
    const value = values[field.name]
    if (value === '' || value === undefined || value === null) continue
    config[field.name] = field.type === 'number' ? Number(value) : value
  }
  return config
}
