/** One busy stretch of an owner's calendar, in epoch milliseconds (UTC). */
export interface BusyInterval {
  start: number;
  end: number;
  /** The calendar it came from, as the caller named it (a path or a URL: do not print URLs whole). */
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
}

export interface TimeSpan {
  start: number;
  end: number;
}
