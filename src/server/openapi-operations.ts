// The operations /openapi.json describes, each with the zod schema its route validates the body
// with and an example body (test/server/openapi.test.ts parses every example with its schema and
// checks that every route of the app is listed here).
import { z } from 'zod';
import { meetingInputSchema } from '../domain/meeting-input.js';
import { cancelBody } from './api/bookings.js';
import { dncBody, resetBody } from './api/leads.js';
import { availabilityBody, campaignBody, confirmBody, constraintsBody, testCallBody } from './api-schemas.js';

export interface ApiOperation {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI form: /meeting-requests/{id}. */
  path: string;
  summary: string;
  description?: string;
  /** closed: the route refuses unknown keys at every depth though its zod schema strips them (meetings). */
  body?: { schema: z.ZodType; example: unknown; optional?: boolean; form?: boolean; closed?: boolean };
  query?: { name: string; description: string; required?: boolean }[];
  /** Behind the bearer token (CALLBOOK_API_TOKEN); false for /healthz, the contract and Twilio's routes. */
  auth?: boolean;
  status: number;
}

const MEETING = {
  owner_id: 'dana@acme.com',
  title: 'Intro call',
  duration_minutes: 30,
  max_bookings: 3,
  hard_constraints: { window_start: '2026-03-09', window_end: '2026-03-20', timezone: 'America/New_York' },
  soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
};
const SLOT = { start: '2026-03-10T09:00:00-04:00', end: '2026-03-10T10:00:00-04:00' };
/** Twilio posts a form; its parameters are checked against X-Twilio-Signature, so no schema is enforced beyond that. */
const twilioForm = z.record(z.string(), z.string());
const TWILIO_EXAMPLE = { CallSid: 'CA0123456789abcdef0123456789abcdef', CallStatus: 'in-progress' };

export const API_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: '/healthz', summary: 'the server and its database answer', auth: false, status: 200 },
  { method: 'get', path: '/openapi.json', summary: 'this document', auth: false, status: 200 },
  ...(['/twilio/voice', '/twilio/voice/gather', '/twilio/status', '/twilio/message-status'] as const).map(
    (path): ApiOperation => ({
      method: 'post',
      path,
      summary: `Twilio's ${path.split('/').pop()} webhook (form-encoded, X-Twilio-Signature checked; 503 without TWILIO_AUTH_TOKEN)`,
      auth: false,
      body: { schema: twilioForm, example: TWILIO_EXAMPLE, form: true },
      status: path.endsWith('status') ? 204 : 200,
    }),
  ),
  {
    method: 'post',
    path: '/meeting-requests',
    summary: 'create a meeting request',
    description: 'An `instruction` in plain English may replace the window (hard_constraints then needs only timezone).',
    body: { schema: meetingInputSchema, example: MEETING, closed: true },
    status: 201,
  },
  { method: 'get', path: '/meeting-requests', summary: 'meetings with status and progress', status: 200 },
  { method: 'get', path: '/meeting-requests/{id}', summary: 'one meeting', status: 200 },
  { method: 'get', path: '/meeting-requests/{id}/availability', summary: 'what was collected, per lead', status: 200 },
  {
    method: 'post',
    path: '/meeting-requests/{id}/availability',
    summary: 'record availability from another channel: slots, or text parsed like a call',
    body: { schema: availabilityBody, example: { lead_id: 1, slots: [SLOT] } },
    status: 201,
  },
  {
    method: 'post',
    path: '/meeting-requests/{id}/confirm-best-slot',
    summary: 'choose the best slot and book it (dry_run: only look; explain: why a start was not chosen, books nothing)',
    body: { schema: confirmBody, example: { dry_run: true, explain: '2026-03-10T10:00' }, optional: true },
    status: 200,
  },
  {
    method: 'post',
    path: '/campaigns',
    summary: 'attach leads to a meeting (E.164 numbers, IANA zones; duplicates skipped)',
    body: {
      schema: campaignBody,
      example: { meeting_request_id: 1, leads: [{ name: 'Ana Ruiz', phone: '+15551230001', timezone: 'America/New_York' }] },
    },
    status: 201,
  },
  {
    method: 'get',
    path: '/campaigns',
    summary: 'campaigns',
    query: [{ name: 'meeting_request_id', description: 'only this meeting' }],
    status: 200,
  },
  { method: 'get', path: '/campaigns/{id}', summary: 'one campaign, its leads and their state', status: 200 },
  {
    method: 'get',
    path: '/calls',
    summary: 'calls of a meeting',
    query: [{ name: 'meeting_request_id', description: 'the meeting', required: true }],
    status: 200,
  },
  { method: 'get', path: '/calls/{id}', summary: 'one call with its transcript and timeline', status: 200 },
  {
    method: 'post',
    path: '/constraints/parse',
    summary: 'plain-English instruction → hard and soft constraints (`text` is an alias of instruction)',
    body: { schema: constraintsBody, example: { instruction: 'next two weeks, preferably Tue-Thu mornings', timezone: 'Asia/Jerusalem' } },
    status: 200,
  },
  {
    method: 'post',
    path: '/calls/test',
    summary: 'place one call now, to one lead',
    body: { schema: testCallBody, example: { meeting_request_id: 1, lead_id: 1 } },
    status: 201,
  },
  {
    method: 'get',
    path: '/bookings',
    summary: 'bookings',
    query: ['meeting_request_id', 'owner_id', 'status'].map((name) => ({ name, description: `only this ${name}` })),
    status: 200,
  },
  { method: 'get', path: '/bookings/{id}', summary: 'one booking', status: 200 },
  {
    method: 'post',
    path: '/bookings/{id}/cancel',
    summary: "cancel a booking (frees the owner's time)",
    body: { schema: cancelBody, example: { reason: 'moved to next quarter' }, optional: true },
    status: 200,
  },
  { method: 'get', path: '/leads/{id}', summary: 'one lead, its calls and transcript', status: 200 },
  {
    method: 'post',
    path: '/leads/{id}/reset',
    summary: 'put a lead back to pending',
    body: { schema: resetBody, example: { attempts: true }, optional: true },
    status: 200,
  },
  { method: 'post', path: '/leads/{id}/remove', summary: 'remove a lead from dialing (kept in the history)', status: 200 },
  { method: 'get', path: '/dnc', summary: 'the do-not-call list', status: 200 },
  {
    method: 'post',
    path: '/dnc',
    summary: 'add a number to the do-not-call list',
    body: { schema: dncBody, example: { phone: '+15551230001', reason: 'asked not to be called' } },
    status: 201,
  },
  { method: 'delete', path: '/dnc/{phone}', summary: 'remove a number (URL-encoded, %2B for +)', status: 200 },
];
