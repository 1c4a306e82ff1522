/** One busy stretch of an owner's calendar, in epoch milliseconds (UTC). */
export interface BusyInterval {
  start: number;
  end: number;
  /** The calendar it came from: the path as given, or the URL masked ("https://host/…/basic.ics"), safe to print. */
  source: string;
  summary: string | null;
}

export interface ReadBusyOptions {
  /** Give up on a URL after this long (default 10 s). */
  timeoutMs?: number;
  /** Relative file paths are read against this directory (default process.cwd()). */
  cwd?: string;
  /** IANA zone for floating times and floating all-day events (default UTC): the owner's zone. */
  zone?: string;
  /** The owner's address: invitations they declined are free. Default: the calendar's X-WR-CALNAME if it is an address (Google). */
  ownerEmail?: string;
  /** Refuse bodies larger than this (default 10 MB). */
  maxBytes?: number;
}

export interface TimeSpan {
  start: number;
  end: number;
}
