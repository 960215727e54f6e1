import { defineCommand } from 'citty'
import { ROLES } from '../../../shared/roles'
import { emailSchema, roleSchema } from '../../../shared/schemas/users'
import { createAccount, setAccountPassword } from '../../auth/accounts'
import { CLI_ACTOR } from '../../db/repositories/audit'
import { findUserByEmail, listUsers } from '../../db/repositories/users'
import { CliError, dbArg, openExisting } from '../db'
import { passwordFrom } from '../password-prompt'

const add = defineCommand({
  meta: { name: 'add', description: 'Create an account' },
  args: {
    email: { type: 'string', description: 'E-mail address the person signs in with', required: true },
    role: { type: 'string', description: `One of: ${ROLES.join(', ')}`, required: true },
    name: { type: 'string', description: 'Display name (default: from the e-mail)' },
    password: { type: 'string', description: 'Initial password (asked for when omitted and a terminal is attached)' },
    ...dbArg,
  },
  async run({ args }) {
    const email = emailSchema.safeParse(args.email)
    if (!email.success) throw new CliError(`not an e-mail address: ${args.email}`)
    const role = roleSchema.safeParse(args.role)
    if (!role.success) throw new CliError(`unknown role "${args.role}": use one of ${ROLES.join(', ')}`)
    const secret = await passwordFrom(args.password, `Password for ${email.data}`)
    const { db, sqlite } = await openExisting(args.db)
    try {
      const user = await createAccount(db, CLI_ACTOR, { email: email.data, name: args.name, role: role.data, password: secret })
      console.log(`created ${user.email} (${user.role}, id ${user.id})`)
    }
    finally {
      sqlite.close()
    }
  },
})

const list = defineCommand({
  meta: { name: 'list', description: 'List accounts' },
  args: { json: { type: 'boolean', description: 'One JSON object per line' }, ...dbArg },
  async run({ args }) {
    const { db, sqlite } = await openExisting(args.db)
    try {
      const users = await listUsers(db)
      if (args.json) {
        for (const user of users) console.log(JSON.stringify(user))
        return
      }
      if (users.length === 0) {
        console.log('no accounts yet: add one with `chorus user add --email <e-mail> --role admin`')
        return
      }
      const width = Math.max(...users.map((u) => u.email.length))
      for (const user of users) {
        const state = user.disabledAt ? 'disabled' : 'active'
        console.log(`${user.email.padEnd(width)}  ${user.role.padEnd(7)}  ${state.padEnd(8)}  ${user.name}`)
      }
    }
    finally {
      sqlite.close()
    }
  },
})

const passwd = defineCommand({
  meta: { name: 'passwd', description: "Set an account's password" },
  args: {
    email: { type: 'string', description: 'The account', required: true },
    password: { type: 'string', description: 'New password (asked for when omitted and a terminal is attached)' },
    ...dbArg,
  },
  async run({ args }) {
    const { db, sqlite } = await openExisting(args.db)
    try {
      const user = await findUserByEmail(db, args.email)
      if (!user) throw new CliError(`no account with e-mail ${args.email}`)
      const secret = await passwordFrom(args.password, `New password for ${user.email}`)
      await setAccountPassword(db, CLI_ACTOR, user.id, secret)
      console.log(`password changed for ${user.email}`)
    }
    finally {
      sqlite.close()
    }
  },
})

export default defineCommand({
  meta: { name: 'user', description: 'Manage accounts' },
  subCommands: { add, list, passwd },
})
