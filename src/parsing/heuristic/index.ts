export { parseAvailabilityText } from './availability.js';
export { parseConstraintsText } from './constraints.js';
export { clipIntervals, finalizeSlots, mergeIntervals, subtractIntervals } from './intervals.js';
export { normalizeText } from './normalize.js';
