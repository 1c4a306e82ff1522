export type { LeadScriptOptions, LocalAvailability } from './lead-script.js';
export { makeSimulatedLead } from './lead-script.js';
export type { Rng } from './rng.js';
export { createRng } from './rng.js';
export type { Simulator, SimulatorOptions } from './simulator.js';
export { createSimulator } from './simulator.js';
export type { SimBehaviour, SimEvent, SimReply, SimStats, SimulatedLead } from './types.js';
