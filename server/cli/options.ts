import type { ArgsDef, CommandDef } from 'citty'

// citty takes the options a command declares and ignores the others, so a mistyped option
// ("--langauges en") would change nothing, silently, and a file named without --file
// ("nlp detect posts.jsonl") would leave the command waiting on standard input; and it reads
// any "-h" as a request for help, even the text given to --text. All need the command's own
// declarations, found here.

type Resolvable<T> = T | (() => T | Promise<T>) | Promise<T>

async function resolve<T>(value: Resolvable<T>): Promise<T> {
  return typeof value === 'function' ? (value as () => T | Promise<T>)() : value
}

export interface ResolvedCommand {
  /** The command names given, from the root's first subcommand on ("nlp", "detect"). */
  path: string[]
  args: ArgsDef
  /** The arguments after the command names. */
  rest: string[]
  /** Whether the command found has commands of its own (then a stray name is citty's to refuse). */
  hasSubCommands: boolean
}

/** Follows the leading command names of `rawArgs` down from `root` to the command they name. */
export async function resolveCommand(root: CommandDef, rawArgs: string[]): Promise<ResolvedCommand> {
  let command: CommandDef = root
  const path: string[] = []
  let rest = rawArgs
  for (;;) {
    const subCommands = command.subCommands ? await resolve(command.subCommands) : undefined
    const name = rest[0]
    if (!subCommands || name === undefined || !(name in subCommands)) break
    command = await resolve(subCommands[name]!) as CommandDef
    path.push(name)
    rest = rest.slice(1)
  }
  return { path, args: command.args ? await resolve(command.args) : {}, rest, hasSubCommands: command.subCommands !== undefined }
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

function declared(args: ArgsDef, name: string): ArgsDef[string] | undefined {
  return args[name] ?? args[camel(name)] ?? args[kebab(name)]
}

interface Reading {
  help: boolean
  unknown: string[]
  positionals: string[]
}

/** Reads the options the way citty does: an option of type string takes the next argument as its value. */
function read(args: ArgsDef, rest: readonly string[]): Reading {
  const reading: Reading = { help: false, unknown: [], positionals: [] }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--') {
      reading.positionals.push(...rest.slice(i + 1))
      break
    }
    if (arg === '--help' || arg === '-h') {
      reading.help = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      reading.positionals.push(arg)
      continue
    }
    const [name = '', value] = arg.replace(/^--?/, '').split(/=(.*)/s)
    const plain = declared(args, name)
    const negated = name.startsWith('no-') ? declared(args, name.slice(3)) : undefined
    const definition = plain ?? (negated?.type === 'boolean' ? negated : undefined)
    if (!definition || definition.type === 'positional') reading.unknown.push(`--${name}`)
    else if (definition.type !== 'boolean' && value === undefined) i++
  }
  return reading
}

/** Whether the arguments ask for help: --help or -h where it is not an option's value. */
export function asksForHelp(args: ArgsDef, rest: readonly string[]): boolean {
  return read(args, rest).help
}

/** The options given that the command does not declare. */
export function unknownOptions(args: ArgsDef, rest: readonly string[]): string[] {
  return read(args, rest).unknown
}

/**
 * The arguments given beyond those the command declares by position, and how many it declares.
 * Only for a command without commands of its own.
 */
export function extraArguments(args: ArgsDef, rest: readonly string[]): { extra: string[], declared: string[] } {
  const declaredNames = Object.entries(args).filter(([, definition]) => definition.type === 'positional').map(([name]) => name.toUpperCase())
  return { extra: read(args, rest).positionals.slice(declaredNames.length), declared: declaredNames }
}
