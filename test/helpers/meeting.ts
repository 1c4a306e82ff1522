import type { MeetingInput } from '../../src/domain/meeting-input.js';

/** The meeting most service tests start from: 30 minutes, 10–20 March 2026 in New York, Tue–Thu mornings preferred. */
export function standardMeeting(owner_id = 'dana@acme.com'): MeetingInput {
  return {
    owner_id,
    title: 'Intro call',
    duration_minutes: 30,
    max_bookings: 2,
    hard_constraints: { window_start: '2026-03-10', window_end: '2026-03-20', timezone: 'America/New_York' },
    soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
  };
}
