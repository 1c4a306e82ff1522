// Static registry: migrations are bundled with the code instead of read from disk at run
// time, so the compiled CLI never depends on where it was installed.
import type { Migration } from 'kysely';
import * as createCoreTables from './20261124000000_create_core_tables.js';
import * as addDialingIndexes from './20261124000100_add_dialing_indexes.js';
import * as addAvailabilityCallIndex from './20261124000200_add_availability_call_index.js';
import * as createOwnersAndBookingRecords from './20261201000100_create_owners_and_booking_records.js';
import * as addDialingLeases from './20261201000200_add_dialing_leases.js';
import * as addLeadConsent from './20261201000300_add_lead_consent.js';
import * as createNotifications from './20261201000500_create_notifications.js';
import * as addNoConsentIndex from './20261201000600_add_no_consent_index.js';

export const migrations: Record<string, Migration> = {
  '20261124000000_create_core_tables': createCoreTables,
  '20261124000100_add_dialing_indexes': addDialingIndexes,
  '20261124000200_add_availability_call_index': addAvailabilityCallIndex,
  '20261201000100_create_owners_and_booking_records': createOwnersAndBookingRecords,
  '20261201000200_add_dialing_leases': addDialingLeases,
  '20261201000300_add_lead_consent': addLeadConsent,
  '20261201000500_create_notifications': createNotifications,
  '20261201000600_add_no_consent_index': addNoConsentIndex,
};
