import { isCancel, password } from '@clack/prompts'
import { passwordSchema } from '../../shared/schemas/users'
import { CliError } from './db'

/** The password from --password, or asked for (hidden) when a terminal is attached. */
export async function passwordFrom(flag: string | undefined, question: string): Promise<string> {
  let value = flag
  if (value === undefined) {
    if (!process.stdin.isTTY) throw new CliError('no terminal to ask for a password: pass --password')
    const answer = await password({
      message: question,
      validate: (v) => (passwordSchema.safeParse(v ?? '').success ? undefined : 'at least 10 characters, at most 200'),
    })
    if (isCancel(answer)) throw new CliError('cancelled')
    value = answer
  }
  if (!passwordSchema.safeParse(value).success) throw new CliError('the password needs at least 10 characters (at most 200)')
  return value
}
