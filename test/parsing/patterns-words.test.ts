// Issue 13, families 6 and 7: regional and informal words, and relative phrases.
import { patternTable } from './patterns-helpers.js';

patternTable('regional and informal words', [
  ['syd', 'monday arvo', ['04-06 12:00-17:00']],
  ['syd', 'first thing tuesday', ['04-07 09:00-10:00']],
  ['syd', 'a week today', ['04-08 09:00-17:00']],
  ['lon', 'after lunch on monday', ['03-30 13:00-17:00']],
  ['lon', 'by close of business thursday', ['03-26 08:00-17:00']],
  ['lon', 'a week from friday', ['04-03 09:00-17:00']],
  ['lon', 'post lunch tomorrow', ['03-26 13:00-17:00']],
  ['ny', 'friday by COB', ['03-06 08:00-17:00']],
  ['ny', 'first thing monday', ['03-09 09:00-10:00']],
  ['ny', 'a week tomorrow', ['03-12 09:00-17:00']],
]);

patternTable('relative phrases', [
  ['ny', 'in an hour', ['03-04 11:00-12:00']],
  ['ny', 'the day after tomorrow at ten', ['03-06 10:00-11:00']],
  ['ny', 'early next week', ['03-09 09:00-17:00', '03-10 09:00-17:00']],
  ['ny', 'tuesday or the day after', ['03-10 09:00-17:00', '03-11 09:00-17:00']],
  ['lon', 'in an hour or two', ['03-25 10:00-11:45']],
  ['lon', 'mid next week', ['03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00']],
  ['lon', 'end of the month', ['03-25 09:00-17:00', '03-26 09:00-17:00', '03-27 09:00-17:00', '03-30 09:00-17:00', '03-31 09:00-17:00']],
  ['syd', 'sometime before the 7th', ['04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00', '04-06 09:00-17:00']],
  ['syd', 'later in the week', ['04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['syd', 'later today', ['04-01 09:00-17:00']],
  ['ny', 'in the next couple of days', ['03-05 09:00-17:00', '03-06 09:00-17:00']],
  ['lon', 'this time tomorrow', ['03-26 09:00-10:00']],
  ['syd', 'same time next week', ['04-08 09:00-10:00']],
]);
