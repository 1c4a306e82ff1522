// Turns zod's issues into the field/message pairs every error in callbook carries.
import type { ZodError } from 'zod';
import { badInput, type CallbookError, type FieldProblem } from '../errors.js';

export function problemsFromZod(error: ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: prefix + (path || 'input'), message: issue.message };
  });
}

export function zodToError(error: ZodError, prefix = ''): CallbookError {
  return badInput(problemsFromZod(error, prefix));
}
