// Owners: the account managers meetings are booked for, with their working-time profile.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../connection.js';
import type { OwnerTable } from '../schema.js';

export type OwnerRow = Selectable<OwnerTable>;
export type OwnerInsert = Insertable<OwnerTable>;
export type OwnerChanges = Omit<Updateable<OwnerTable>, 'id' | 'created_at'>;

export async function findOwner(db: Db, id: string): Promise<OwnerRow | undefined> {
  return db.selectFrom('owners').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOwners(db: Db): Promise<OwnerRow[]> {
  return db.selectFrom('owners').selectAll().orderBy('id').execute();
}

export async function insertOwner(db: Db, row: OwnerInsert): Promise<OwnerRow> {
  return db.insertInto('owners').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts the owner unless one with that id exists; returns the stored row either way. */
export async function ensureOwner(db: Db, row: OwnerInsert): Promise<OwnerRow> {
  await db
    .insertInto('owners')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db.selectFrom('owners').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
}

export async function updateOwner(db: Db, id: string, changes: OwnerChanges): Promise<OwnerRow | undefined> {
  return db.updateTable('owners').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}
