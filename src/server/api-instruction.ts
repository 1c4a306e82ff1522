// POST /meeting-requests with an instruction in place of the window, read as `meeting create
// --instruction` reads it: the instruction fills what the body leaves out (the window, excluded
// days, preferences, hard working time kept inside the owner's); what the body gives wins.
import type { Context } from '../context.js';
import { findOwner } from '../db/repos/owners.js';
import { DEFAULT_WORKING_DAYS, DEFAULT_WORKING_HOURS, formatWorkingHours, intersectWorkingHours } from '../domain/booking/working-time.js';
import type { DayOfWeek, TimeRange } from '../domain/types.js';
import { badInput, type FieldProblem } from '../errors.js';

type Hard = Record<string, unknown>;

/**
 * An instruction in place of the window, as `meeting create --instruction` takes it: what the
 * instruction says fills what the body leaves out (the window, excluded days, preferences,
 * working time); what the body gives wins.
 */
export async function fillFromInstruction(ctx: Context, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const hard = (body.hard_constraints ?? {}) as Hard;
  if (typeof body.instruction !== 'string' || typeof hard !== 'object' || (hard.window_start && hard.window_end)) return body;
  const { parseConstraintsText } = await import('../services/parse.js');
  const parsed = await parseConstraintsText(
    { ...ctx.config, now: ctx.now().toISO() },
    { text: body.instruction, timezone: typeof hard.timezone === 'string' ? hard.timezone : null, fields: FIELDS },
  );
  // Working time the body sets itself wins over the instruction's, and is not checked against the owner's.
  const said = { ...(parsed.hard_constraints as unknown as Hard) };
  if (hard.working_hours != null) delete said.working_hours;
  if (hard.working_days != null) delete said.working_days;
  const fromText: Hard = {
    window_start: said.window_start,
    window_end: said.window_end,
    excluded_days: said.excluded_days ?? [],
    ...(await withinOwner(ctx, String(body.owner_id ?? ''), said as WorkingTime)),
  };
  return {
    ...body,
    hard_constraints: { ...fromText, ...withoutNulls(hard) },
    soft_constraints: body.soft_constraints ?? parsed.soft_constraints,
  };
}

const FIELDS = { text: 'instruction', timezone: 'hard_constraints.timezone' };

interface WorkingTime {
  working_hours?: TimeRange[] | null;
  working_days?: DayOfWeek[] | null;
}

/**
 * What the instruction made hard, inside the owner's working time ("only 10am-4pm" for an owner
 * who works 09:00-12:00 leaves 10:00-12:00), as `meeting create --instruction` reads it.
 */
async function withinOwner(ctx: Context, ownerId: string, said: WorkingTime): Promise<WorkingTime> {
  if (!said.working_hours && !said.working_days) return {};
  const owner = ownerId ? await findOwner(ctx.db, ownerId) : undefined;
  const ownerHours = owner ? (JSON.parse(owner.working_hours) as TimeRange[]) : DEFAULT_WORKING_HOURS;
  const ownerDays = owner ? (JSON.parse(owner.working_days) as DayOfWeek[]) : DEFAULT_WORKING_DAYS;
  const out: WorkingTime = {};
  const problems: FieldProblem[] = [];
  if (said.working_hours) {
    out.working_hours = intersectWorkingHours(ownerHours, said.working_hours);
    if (out.working_hours.length === 0)
      problems.push({
        field: 'instruction',
        message: `its hours ${formatWorkingHours(said.working_hours)} are outside the owner's working hours ${formatWorkingHours(ownerHours)}; give hard_constraints.working_hours to book outside them`,
      });
  }
  if (said.working_days) {
    out.working_days = ownerDays.filter((d) => said.working_days?.includes(d));
    if (out.working_days.length === 0)
      problems.push({
        field: 'instruction',
        message: `its days ${said.working_days.join(',')} are not the owner's working days ${ownerDays.join(',')}; give hard_constraints.working_days to book on them`,
      });
  }
  if (problems.length > 0) throw badInput(problems);
  return out;
}

function withoutNulls(value: Hard): Hard {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}
