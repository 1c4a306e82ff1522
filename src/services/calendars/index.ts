// Reading an owner's calendars (ICS files or secret iCal URLs) into busy intervals.
export { readBusyTimes } from './read-busy.js';
export type { BusyInterval, ReadBusyOptions, TimeSpan } from './types.js';
export { validateCalendarSource } from './validate.js';
