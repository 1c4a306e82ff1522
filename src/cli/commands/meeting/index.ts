import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerMeetingCreate } from './create.js';
import { registerMeetingList, registerMeetingShow } from './list.js';
import { registerMeetingStatus } from './status.js';

export function registerMeeting(program: Command, io: Io): void {
  const meeting = program.command('meeting').description(COMMAND_DESCRIPTIONS.meeting);
  registerMeetingCreate(meeting, io);
  registerMeetingList(meeting, io);
  registerMeetingShow(meeting, io);
  registerMeetingStatus(meeting, io);
}
