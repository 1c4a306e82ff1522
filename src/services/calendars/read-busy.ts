import type { BusyInterval, ReadBusyOptions, TimeSpan } from './types.js';

/** Busy intervals of one calendar that overlap `range` (whole events, not clipped). Read fresh each call. */
export async function readBusyTimes(source: string, range: TimeSpan, options: ReadBusyOptions = {}): Promise<BusyInterval[]> {
  void source;
  void range;
  void options;
  throw new Error('readBusyTimes: not implemented yet');
}
