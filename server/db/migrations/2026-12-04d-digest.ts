import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Weekly digest (PRODUCT.md §6): one stored digest per ISO week, regenerated in place, and who
// receives it by e-mail. Its figures are JSON (shared/digest.ts) so the archive shows each week
// as it was generated, whatever the week's posts become later.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digests')
    .addColumn('week', 'varchar(8)', (c) => c.primaryKey())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('start_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('end_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    // schedule | cli | manual
    .addColumn('trigger', 'varchar(10)', (c) => c.notNull())
    .addColumn('generated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('generated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'varchar(30)')
    .addColumn('sent_to', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('send_error', 'text')
    .execute()

  await db.schema
    .createTable('digest_subscribers')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_subscribers').execute()
  await db.schema.dropTable('digests').execute()
}
