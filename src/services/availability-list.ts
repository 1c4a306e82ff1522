// What the meeting's leads offered, read one lead at a time: `availability list --json` streams
// each lead out as soon as its slots are read, so memory stays flat in the number of leads (it
// held every row twice and the whole JSON text before: 930 MB at 100k leads). Slot times are
// parsed once (times as numbers for the heat map, text in the lead's zone from a per-zone cache)
// and each lead's JSON is written from a template, the same text JSON.stringify gives.
import type { Context } from '../context.js';
import { forEachLeadWithSlots, type LeadWithSlots } from '../db/repos/availability.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { withPassingCache } from '../db/row-iterator.js';
import { type Heatmap, heatmapCounter } from '../domain/heatmap.js';
import type { Interval } from '../domain/slots.js';
import type { Slot } from '../domain/types.js';
import { zonedEdgeOf } from '../domain/zoned-iso.js';
import { requireMeeting } from './meetings.js';

export interface LeadAvailability {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  slots: (Slot & { source: string; raw_text: string | null })[];
}

/** A listed lead, its slots as intervals for the heat map, and its slot edges as JSON strings. */
interface ReadLead {
  lead: LeadAvailability;
  intervals: Interval[];
  /** start and end of each slot, quoted for JSON. */
  edges: string[];
}

/** JSON.stringify of the few distinct values a column takes (zones, states, sources). */
const quotedValues = new Map<string, string>();
function quotedValue(text: string): string {
  let quoted = quotedValues.get(text);
  if (quoted === undefined) {
    quoted = JSON.stringify(text);
    if (quotedValues.size >= 1000) quotedValues.clear();
    quotedValues.set(text, quoted);
  }
  return quoted;
}

function readLead(row: LeadWithSlots): ReadLead {
  const zone = row.timezone;
  const slots: LeadAvailability['slots'] = [];
  const intervals: Interval[] = [];
  const edges: string[] = [];
  for (let i = 0; i < row.slots.length; i++) {
    const [, startUtc, endUtc, source, raw_text] = row.slots[i] as LeadWithSlots['slots'][number];
    const start = zonedEdgeOf(startUtc, zone);
    const end = zonedEdgeOf(endUtc, zone);
    slots.push({ start: start.text, end: end.text, source, raw_text });
    // Text that is not a stored instant: the instant is what the written text says, as before.
    intervals.push({
      start: Number.isNaN(start.ms) ? Date.parse(start.text) : start.ms,
      end: Number.isNaN(end.ms) ? Date.parse(end.text) : end.ms,
    });
    edges.push(start.json, end.json);
  }
  return { lead: { lead_id: row.lead_id, name: row.name, timezone: zone, state: row.state, slots }, intervals, edges };
}

/**
 * Each lead of the meeting that offered times, in id order, its slots by start in its own zone.
 * A promise returned by `each` holds the reading back until it settles.
 */
export async function forEachLeadAvailability(
  ctx: Context,
  meetingId: number,
  each: (lead: LeadAvailability, intervals: Interval[]) => void | Promise<void>,
): Promise<void> {
  await forEachLeadWithSlots(ctx.db, meetingId, (row) => {
    const { lead, intervals } = readLead(row);
    return each(lead, intervals);
  });
}

/** The heat map of all leads, counted one lead at a time (each lead once, with all its intervals). */
export function heatmapOfLeads(meeting: Pick<MeetingRow, 'timezone' | 'window_start' | 'window_end'>) {
  const counter = heatmapCounter({
    timezone: meeting.timezone,
    window_start: Date.parse(meeting.window_start),
    window_end: Date.parse(meeting.window_end),
  });
  return {
    add(intervals: Interval[]): void {
      counter.addLead(intervals);
    },
    result(): Heatmap {
      return counter.result();
    },
  };
}

const indent = (json: string, by: string) => json.replaceAll('\n', `\n${by}`);

/** The end of a slot's JSON after its end time, for a slot without raw text, once per source. */
const tails = new Map<string, string>();
function slotTail(source: string): string {
  let tail = tails.get(source);
  if (tail === undefined) {
    tail = `,\n          "source": ${JSON.stringify(source)},\n          "raw_text": null\n        }`;
    if (tails.size >= 1000) tails.clear();
    tails.set(source, tail);
  }
  return tail;
}

/**
 * Appends `    ${indent(JSON.stringify(lead, null, 2), '    ')}` to `parts` as its pieces (the
 * fixed text between values is the same few strings every time: nothing is concatenated until
 * the chunk is joined); returns the length appended.
 */
function pushLeadJson({ lead, edges }: ReadLead, parts: string[]): number {
  const start = parts.length;
  parts.push(
    `    {\n      "lead_id": ${JSON.stringify(lead.lead_id)},\n      "name": ${JSON.stringify(lead.name)},\n      "timezone": ${quotedValue(lead.timezone)},\n      "state": ${quotedValue(lead.state)},\n      "slots": `,
  );
  if (lead.slots.length === 0) parts.push('[]\n    }');
  else {
    for (let i = 0; i < lead.slots.length; i++) {
      const slot = lead.slots[i] as LeadAvailability['slots'][number];
      parts.push(
        i === 0 ? '[\n        {\n          "start": ' : ',\n        {\n          "start": ',
        edges[2 * i] as string,
        ',\n          "end": ',
        edges[2 * i + 1] as string,
      );
      if (slot.raw_text === null) parts.push(slotTail(slot.source));
      else
        parts.push(
          ',\n          "source": ',
          quotedValue(slot.source),
          ',\n          "raw_text": ',
          JSON.stringify(slot.raw_text),
          '\n        }',
        );
    }
    parts.push('\n      ]\n    }');
  }
  let length = 0;
  for (let i = start; i < parts.length; i++) length += (parts[i] as string).length;
  return length;
}

/** Which leads the list shows (the heat map counts every lead): those matching, after `offset`, at most `limit`. */
export interface LeadSelection {
  matches?: (lead: LeadAvailability) => boolean;
  offset?: number;
  limit?: number | null;
}

const CHUNK = 65_536;

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
  // Pieces joined once per chunk: one flat string for the stream to encode, not thousands of small ones.
  let parts = [
    `{\n  "meeting_request_id": ${JSON.stringify(meeting.id)},\n  "timezone": ${JSON.stringify(meeting.timezone)},\n  "leads": [`,
  ];
  let size = 0;
  let matched = 0;
  let shown = 0;
  // One pass over the meeting's slots: SQLite need not keep the pages it has passed.
  const each = (row: LeadWithSlots) => {
    const read = readLead(row);
    heatmap.add(read.intervals);
    if (!matches(read.lead) || matched++ < offset || (limit !== null && shown >= limit)) return;
    const separator = shown === 0 ? '\n' : ',\n';
    parts.push(separator);
    size += separator.length + pushLeadJson(read, parts);
    shown++;
    if (size >= CHUNK) {
      const chunk = parts.join('');
      parts = [];
      size = 0;
      return write(chunk);
    }
  };
  await withPassingCache(ctx.db, () => forEachLeadWithSlots(ctx.db, meeting.id, each));
  parts.push(shown === 0 ? '],\n' : '\n  ],\n');
  parts.push(`  "heatmap": ${indent(JSON.stringify(heatmap.result(), null, 2), '  ')}\n}\n`);
  await write(parts.join(''));
}
