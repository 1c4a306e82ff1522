// Words left over after the grammar has taken what it understood. Function words and conversational
// glue carry no scheduling meaning, so they are not reported as misunderstood.
const GLUE = new Set(
  (
    'or and but nor preferably try if possible a an the i im id ill ive me my we were us our you your it its is are was be been am do does did can could would ' +
    'will shall should may might must have has had to of in on at for with from by about as into over this that these ' +
    'those there here then than so if yes yeah yep sure no oh hi hello hey thanks thank please sounds sound like let lets ' +
    'see say said think know guess want wanted need meet meeting call chat talk time times day days slot slots week ' +
    'works work good fine ok okay great perfect best better prefer preferably ideally ok alright right any some ' +
    'what how when where which who whatever either both all only just also too very more most much really quite ' +
    'then again maybe perhaps try trying book booking schedule scheduling set up setup arrange get got go going ' +
    'come coming back something sometime around hmm free available open person people them they he she him her ' +
    'one ones those thing things kind mostly usually generally typically normally should would be fine for me ' +
    'hour hours minute minutes min mins please could do it that'
  ).split(' '),
);

export function collectUnparsed(leftovers: string[]): string[] {
  const out: string[] = [];
  for (const run of leftovers) {
    const words = run.split(' ').filter((w) => w && !GLUE.has(w));
    if (words.length) out.push(words.join(' '));
  }
  return out;
}
