import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/** 协商议事: topics, meetings and activities, participants with check-in, 共提共答 items, annual plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'topics')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_note', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('place_id', 'integer')
    .addColumn('venue_id', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('briefing', 'text')
    .addColumn('survey', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('report_sent_at', 'text')
    .addColumn('decision', 'text')
    .addColumn('instruction', 'text')
    .addColumn('summary', 'text')
    .addColumn('publish_note', 'text')
    .addColumn('published_at', 'text')
    .addColumn('plan_year', 'integer')
    .addColumn('plan_month', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topics_tenant_state').on('topics').columns(['tenant_id', 'state', 'id']).execute();
  await db.schema.createIndex('topics_tenant_created').on('topics').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('topics_tenant_plan').on('topics').columns(['tenant_id', 'plan_year', 'plan_month']).execute();
  await db.schema.createIndex('topics_code').on('topics').columns(['tenant_id', 'code']).unique().execute();

  await createTableWithId(db, 'meetings')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'integer')
    .addColumn('place_id', 'integer')
    .addColumn('address', 'text')
    .addColumn('agenda', 'text')
    .addColumn('open_public', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('checkin_token', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('findings', 'text')
    .addColumn('beneficiaries', 'integer')
    .addColumn('held_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_tenant_start').on('meetings').columns(['tenant_id', 'starts_at']).execute();
  await db.schema.createIndex('meetings_topic').on('meetings').columns(['tenant_id', 'topic_id']).execute();
  await db.schema.createIndex('meetings_token').on('meetings').column('checkin_token').unique().execute();

  await createTableWithId(db, 'meeting_participants')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('member_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('absence_reason', 'text')
    .addColumn('checked_in_at', 'text')
    .execute();
  await db.schema.createIndex('meeting_participants_meeting').on('meeting_participants').columns(['meeting_id', 'id']).execute();
  await db.schema.createIndex('meeting_participants_member').on('meeting_participants').columns(['tenant_id', 'member_id']).execute();

  await createTableWithId(db, 'meeting_qa')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asker_kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('answer', 'text')
    .addColumn('commitment', 'text')
    .addColumn('days', 'integer')
    .addColumn('measure_label', 'text')
    .addColumn('measure_target', 'double precision')
    .addColumn('task_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_qa_meeting').on('meeting_qa').columns(['meeting_id', 'id']).execute();

  await createTableWithId(db, 'meeting_files')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .execute();
  await db.schema.createIndex('meeting_files_meeting').on('meeting_files').columns(['meeting_id']).execute();

  await createTableWithId(db, 'consult_plans')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .execute();
  await db.schema.createIndex('consult_plans_year').on('consult_plans').columns(['tenant_id', 'year']).unique().execute();

  await createTableWithId(db, 'topic_ratings')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id'))
    .addColumn('clue_id', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topic_ratings_once').on('topic_ratings').columns(['topic_id', 'clue_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['topic_ratings', 'consult_plans', 'meeting_files', 'meeting_qa', 'meeting_participants', 'meetings', 'topics']) await db.schema.dropTable(t).execute();
}
