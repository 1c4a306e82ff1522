// What the meeting's leads offered, read one lead at a time: `availability list --json` streams
// each lead out as soon as its slots are read, so memory stays flat in the number of leads (it
// held every row twice and the whole JSON text before: 930 MB at 100k leads).
import type { Context } from '../context.js';
import { forEachLeadSlotOfMeeting } from '../db/repos/availability.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { computeHeatmap, type Heatmap } from '../domain/heatmap.js';
import type { Slot } from '../domain/types.js';
import { zonedIso } from '../domain/zoned-iso.js';
import { requireMeeting } from './meetings.js';

export interface LeadAvailability {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  slots: (Slot & { source: string; raw_text: string | null })[];
}

/**
 * Each lead of the meeting that offered times, in id order, its slots by start in its own zone.
 * A promise returned by `each` holds the reading back until it settles.
 */
export async function forEachLeadAvailability(
  ctx: Context,
  meetingId: number,
  each: (lead: LeadAvailability) => void | Promise<void>,
): Promise<void> {
  let current: LeadAvailability | null = null;
  await forEachLeadSlotOfMeeting(ctx.db, meetingId, (row) => {
    const previous: LeadAvailability | null = current;
    if (previous?.lead_id !== row.lead_id)
      current = { lead_id: row.lead_id, name: row.name, timezone: row.timezone, state: row.state, slots: [] };
    const lead = current as LeadAvailability;
    lead.slots.push({
      start: zonedIso(row.start_utc, lead.timezone),
      end: zonedIso(row.end_utc, lead.timezone),
      source: row.source,
      raw_text: row.raw_text,
    });
    return previous && previous !== lead ? each(previous) : undefined;
  });
  if (current) await each(current);
}

// Each batch rebuilds the window's quarter-hour segments (a zone offset per quarter hour).
const HEATMAP_BATCH = 20_000;

/**
 * The heat map of all leads, summed over batches of whole leads: a lead counts once per cell, so
 * the counts of disjoint sets of leads add up, and only one batch of intervals is held at a time.
 */
export function heatmapOfLeads(meeting: Pick<MeetingRow, 'timezone' | 'window_start' | 'window_end'>) {
  const base = { timezone: meeting.timezone, window_start: Date.parse(meeting.window_start), window_end: Date.parse(meeting.window_end) };
  const total = computeHeatmap({ ...base, leads: [] });
  let batch: { lead_id: number; intervals: { start: number; end: number }[] }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const part = computeHeatmap({ ...base, leads: batch });
    for (const [d, day] of part.days.entries()) {
      const into = total.days[d];
      if (into) for (const [h, n] of day.hours.entries()) into.hours[h] = (into.hours[h] ?? 0) + n;
    }
    batch = [];
  };
  return {
    add(lead: LeadAvailability): void {
      batch.push({ lead_id: lead.lead_id, intervals: lead.slots.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })) });
      if (batch.length >= HEATMAP_BATCH) flush();
    },
    result(): Heatmap {
      flush();
      let max = 0;
      for (const day of total.days) for (const n of day.hours) if (n > max) max = n;
      return { days: total.days, max };
    },
  };
}

const indent = (json: string, by: string) => json.replaceAll('\n', `\n${by}`);

/** Which leads the list shows (the heat map counts every lead): those matching, after `offset`, at most `limit`. */
export interface LeadSelection {
  matches?: (lead: LeadAvailability) => boolean;
  offset?: number;
  limit?: number | null;
}

/**
 * The text `JSON.stringify({ ...listAvailability(…), leads: selected }, null, 2)` would be,
 * written in chunks of about 64 KiB as the rows are read; a promise `write` returns (the reader
 * is behind) pauses the reading. The meeting is checked before anything is written.
 */
export async function writeAvailabilityJson(
  ctx: Context,
  meetingId: number,
  write: (chunk: string) => void | Promise<void>,
  selection: LeadSelection = {},
): Promise<void> {
  const meeting = await requireMeeting(ctx, meetingId);
  const heatmap = heatmapOfLeads(meeting);
  const { matches = () => true, offset = 0, limit = null } = selection;
  let out = `{\n  "meeting_request_id": ${JSON.stringify(meeting.id)},\n  "timezone": ${JSON.stringify(meeting.timezone)},\n  "leads": [`;
  let matched = 0;
  let shown = 0;
  await forEachLeadAvailability(ctx, meeting.id, (lead) => {
    heatmap.add(lead);
    if (!matches(lead) || matched++ < offset || (limit !== null && shown >= limit)) return;
    out += `${shown === 0 ? '\n' : ',\n'}    ${indent(JSON.stringify(lead, null, 2), '    ')}`;
    shown++;
    if (out.length >= 65_536) {
      const chunk = out;
      out = '';
      return write(chunk);
    }
  });
  out += shown === 0 ? '],\n' : '\n  ],\n';
  await write(`${out}  "heatmap": ${indent(JSON.stringify(heatmap.result(), null, 2), '  ')}\n}\n`);
}
