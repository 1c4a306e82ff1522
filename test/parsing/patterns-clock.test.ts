// Issue 13, families 4, 5 and 10: digit runs and spoken clock times, a clock with a part of the day, and
// ranges in every form (a range to midnight ends at 24:00; a closed range is never split into points).
import { patternTable } from './patterns-helpers.js';

patternTable('digit runs and spoken clock times', [
  ['ny', 'monday at 1015', ['03-09 10:15-11:15']],
  ['ny', 'around 330 on tuesday', ['03-10 15:00-16:00']],
  ['ny', 'friday 11 45', ['03-06 11:45-12:45']],
  ['ny', 'quarter to ten on monday', ['03-09 09:45-10:45']],
  ['lon', '1130 works on monday', ['03-30 11:30-12:30']],
  ['lon', 'half ten on tuesday', ['03-31 10:30-11:30']],
  ['lon', 'twenty past eleven thursday', ['03-26 11:20-12:20']],
  ['syd', 'at 230 on monday', ['04-06 14:30-15:30']],
  ['syd', 'ten past nine tomorrow', ['04-02 09:10-10:10']],
  ['syd', 'quarter past four on tuesday', ['04-07 16:15-17:15']],
  ['ny', 'a quarter after ten on monday', ['03-09 10:15-11:15']],
  ['ny', 'monday 11 or tuesday 2', ['03-09 11:00-12:00', '03-10 14:00-15:00']],
  ['lon', 'three works on thursday', ['03-26 15:00-16:00']],
]);

patternTable('a clock time with a part of the day', [
  ['ny', 'seven tonight', ['03-04 19:00-20:00']],
  ['ny', 'monday evening at eight', ['03-09 20:00-21:00']],
  ['ny', 'tuesday afternoon at two thirty', ['03-10 14:30-15:30']],
  ['lon', 'tomorrow evening six thirty', ['03-26 18:30-19:30']],
  ['lon', 'monday evenings after seven', ['03-30 19:00-21:00']],
  ['syd', 'nine tonight', ['04-01 21:00-22:00']],
  ['syd', 'monday afternoon at four', ['04-06 16:00-17:00']],
  ['syd', 'tuesday morning at 11', ['04-07 11:00-12:00']],
]);

patternTable('ranges in all their forms', [
  ['ny', 'monday from 9 until half eleven', ['03-09 09:00-11:30']],
  ['ny', 'tuesday 2-4pm', ['03-10 14:00-16:00']],
  ['ny', 'friday 8pm to midnight', ['03-06 20:00-24:00']],
  ['ny', 'starting at ten and ending at noon on monday', ['03-09 10:00-12:00']],
  ['lon', '10am–1pm on monday', ['03-30 10:00-13:00']],
  ['lon', 'between 11 and 1 on thursday', ['03-26 11:00-13:00']],
  ['lon', 'sunday 10 to 12', ['03-29 10:00-12:00']],
  ['syd', 'sunday from nine to eleven', ['04-05 09:00-11:00']],
  ['syd', 'monday noon-2', ['04-06 12:00-14:00']],
  ['syd', 'tuesday 3 till 5', ['04-07 15:00-17:00']],
]);

patternTable('ranges of days', [
  ['ny', 'from the 9th to the 11th', ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00']],
  ['ny', 'monday through wednesday', ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00']],
  ['lon', 'between monday and wednesday next week', ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00']],
  ['lon', '30th-31st after 2', ['03-30 14:00-18:00', '03-31 14:00-18:00']],
  ['syd', 'the 7th until the 9th in the mornings', ['04-07 08:00-12:00', '04-08 08:00-12:00', '04-09 08:00-12:00']],
  ['syd', 'monday and wednesday', ['04-01 09:00-17:00', '04-06 09:00-17:00']],
]);

// A three- or four-digit run right after a day word is a clock time.
patternTable('digit runs right after a day', [
  ['ny', 'wednesday next week 1130', ['03-11 11:30-12:30']],
  ['lon', 'tuesday 930 or 1030', ['03-31 09:30-11:30']],
  ['syd', 'thursday 1500', ['04-02 15:00-16:00']],
]);

patternTable('digit runs with a leading zero or after "do"', [
  ['ny', '09 45 on friday', ['03-06 09:45-10:45']],
  ['lon', 'we could do 1015 on monday', ['03-30 10:15-11:15']],
  ['syd', 'tuesday 0830', ['04-07 08:30-09:30']],
]);
