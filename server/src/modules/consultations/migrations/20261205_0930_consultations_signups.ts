import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/**
 * Citizen representatives (群众代表) sign up for open meetings: a meeting's capacity and public introduction,
 * and the sign-ups staff accept or decline. One sign-up per phone and meeting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('capacity', 'integer').execute();
  await db.schema.alterTable('meetings').addColumn('public_intro', 'text').execute();
  // The public list: a county's open meetings still to come.
  await db.schema.createIndex('meetings_public').on('meetings').columns(['tenant_id', 'open_public', 'state', 'starts_at']).execute();
  // The public outcomes: a county's published topics, newest first.
  await db.schema.createIndex('topics_tenant_published').on('topics').columns(['tenant_id', 'state', 'published_at']).execute();

  await createTableWithId(db, 'meeting_signups')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_signups_once').on('meeting_signups').columns(['meeting_id', 'phone']).unique().execute();
  await db.schema.createIndex('meeting_signups_meeting').on('meeting_signups').columns(['tenant_id', 'meeting_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_signups').execute();
  await db.schema.dropIndex('topics_tenant_published').execute();
  await db.schema.dropIndex('meetings_public').execute();
  await db.schema.alterTable('meetings').dropColumn('public_intro').execute();
  await db.schema.alterTable('meetings').dropColumn('capacity').execute();
}
