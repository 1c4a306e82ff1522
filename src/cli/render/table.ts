import chalk from 'chalk';
import Table from 'cli-table3';

/** A table that is coloured only when chalk is (a terminal without NO_COLOR). */
export function createTable(head: string[], options: { wrapLast?: number } = {}): InstanceType<typeof Table> {
  const colour = chalk.level > 0;
  return new Table({
    head,
    style: colour ? {} : { head: [], border: [] },
    ...(options.wrapLast ? { wordWrap: true, colWidths: [...head.slice(1).map(() => null), options.wrapLast] as never } : {}),
  });
}
