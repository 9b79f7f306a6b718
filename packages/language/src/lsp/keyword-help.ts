// A short explanation of each keyword of the Titra language, shown when hovering it in the editor.
import { ROUTE_OF_SPELLING, type RouteSpelling } from '../vocabulary/routes.js';

const TIME_UNITS = ['minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months'];
const RESPONSE_ORDER = 'best first: sCR > CR > VGPR > PR > MR > SD > PD (IMWG response categories)';
const UNSAFE_FREQUENCY = 'an abbreviation on the ISMP and Joint Commission lists of error-prone abbreviations; Titra reports it (`safety/do-not-use-abbreviation`): write the frequency out (`daily`, `every other day`, `3 times weekly`)';

const CONSTRUCTS: Readonly<Record<string, string>> = {
    protocol: 'Starts a treatment protocol: `protocol ID "Title" { ... }` with its governance, agent, schedule, holds, panels and supportive care; compiled to an order set.',
    library: 'Starts a library: shared premedication sets, panels, holds, supportive care and before-dose orders that protocols `import` and `uses`; never compiled alone.',
    import: 'Imports a library by its path relative to this file: `import "shared/imwg-crs.titra"`. The library must lie inside the workspace.',
    version: 'The protocol\'s version, as major.minor.patch (`version 1.2.0`); recorded in the order set.',
    status: 'The governance status: `draft` (not compiled for production), `active`, `retired`, or `replaced-by ID`.',
    draft: 'Status of a protocol being written: `titra compile` refuses it without `--allow-draft`.',
    active: 'Status of a protocol in use: it needs an `owner` and at least one `reference`.',
    retired: 'Status of a protocol no longer in use.',
    replaced: 'Status of a protocol replaced by another one.',
    'replaced-by': 'Names the protocol that replaces this one: `status replaced-by ID`.',
    effective: 'The date from which the protocol applies, as YYYY-MM-DD.',
    'review-by': 'The date by which the protocol must be reviewed again, as YYYY-MM-DD; a past date is reported (`governance/review-overdue`).',
    owner: 'Who is responsible for the protocol (a team or a person), as a string.',
    population: 'The patients the protocol is for, as a string.',
    reference: 'A source the protocol follows (label, guideline, publication), as a string.',
    agent: 'The bispecific antibody the protocol gives: `agent teclistamab route subcut dose-basis actual-weight`; its label in the knowledge base is checked against the schedule.',
    route: 'The route of administration of the agent.',
    'dose-basis': 'What a weight- or BSA-based dose is computed from: `actual-weight`, `ideal-weight`, `adjusted-weight`, `body-surface-area` or `flat`.',
    'actual-weight': 'Dose basis: the patient\'s actual body weight.',
    'ideal-weight': 'Dose basis: the patient\'s ideal body weight.',
    'adjusted-weight': 'Dose basis: the patient\'s adjusted body weight.',
    'body-surface-area': 'Dose basis: the patient\'s body surface area (m2), from weight and height.',
    flat: 'Dose basis: the same dose for every patient.',
    requires: 'The patient inputs (observations) the protocol reads: `requires weight, ANC, platelets`; every observation a condition uses must be listed.',
    flag: 'A risk flag: declared as `flag ID "description"`, tested in conditions as `flag ID`.',
    variant: 'A variant of the protocol for some patients: `variant ID when CONDITION { ... }` replaces the members it declares.',
    premedication: 'A premedication set: `premedication ID { orders ... give 1 to 3 hours before dose }`, used by doses with `premedicate ID`.',
    premedicate: 'Gives a premedication set before this dose: `premedicate ID`.',
    give: 'When premedication is given: `give 1 to 3 hours before dose`; in a hold, `also give` adds orders.',
    'pre-treatment': 'Orders before treatment starts: `pre-treatment ID { orders ... complete within 14 days before SUD1 }`.',
    complete: 'The deadline of a pre-treatment: `complete within DURATION before DOSE`.',
    within: 'The span before a dose in which a pre-treatment must be complete.',
    'step-up': 'The step-up doses that lead to the full dose: `step-up { dose ID AMOUNT day N ... }`, each compared with the agent\'s label.',
    dose: 'A step-up dose: `dose ID AMOUNT day N` with its window, premedication, monitoring, infusion, caps and rounding; also `before dose`, `hold next dose`.',
    window: 'When a dose may be given: `window 2 to 7 days after SUD1`.',
    monitor: 'Monitoring after a dose: `monitor inpatient 48 hours { vital signs every 4 hours }` or `monitor outpatient "note"`.',
    inpatient: 'Monitoring in hospital for the given duration after the dose.',
    outpatient: 'Monitoring outside the hospital, with a note.',
    infuse: 'The infusion duration of an intravenous dose: `infuse over 4 hours`.',
    round: 'Rounds the computed dose: `round to 1 mg`.',
    maintenance: 'The maintenance phases after step-up: `maintenance { phase ID AMOUNT every DURATION ... }`.',
    phase: 'A maintenance phase: `phase ID AMOUNT every 1 week after SUD3`, with its start, end and conditions.',
    every: 'A repeat interval: `every 1 week`, `every 8 hours`, `every other day`.',
    cycles: 'A cycle plan: `cycles of 28 days max 12 { cycle 1: ... }`, or a range of cycles in a rule (`cycles 2 to 6`, `cycles 7 onward`).',
    cycle: 'One cycle of a cycle plan: `cycle 1: AMOUNT on days 1, 8, 15`.',
    onward: 'Every cycle from the given one on: `cycles 7 onward`.',
    'continuous-infusion': 'A continuous infusion in cycles (blinatumomab): daily rates over days, bag changes and interruption rules.',
    bags: 'How often an infusion bag is changed: `bags every 24 hours`.',
    interruption: 'What happens after an infusion is interrupted: `interruption up to 4 hours: continue cycle`.',
    'restart-after-delay': 'How to restart after a delayed dose: rows `last DOSE GAP: restart from DOSE`, from the agent\'s label.',
    restart: 'Restarts from the named dose after a delay: `restart from SUD1`.',
    repeat: 'Repeats the named dose after a delay: `repeat SUD2`.',
    hold: 'A hold: `hold ID { when CONDITION resume when CONDITION }`; also the action `hold next dose`.',
    resume: 'When a held treatment resumes: `resume when CONDITION`, optionally `at DOSE`.',
    discontinue: 'Stops the treatment for good: `discontinue permanently`.',
    permanently: 'With `discontinue`: the treatment is not resumed.',
    also: 'Orders given while a hold is in force: `also give ORDER; ORDER`.',
    'crs-panel': 'The management of cytokine release syndrome per ASTCT grade: `crs-panel { grade 1: ... grade 4: ... }`; every grade 1-4 exactly once.',
    'icans-panel': 'The management of ICANS per ASTCT grade, with ICE ranges: `grade 3 (ICE 0 to 2): ...`.',
    toxicity: 'A panel for another toxicity graded by CTCAE: `toxicity ID "Title" grading ctcae { grade 1: ... }`.',
    grading: 'The grading system of a toxicity panel.',
    grade: 'A grade of a panel and its actions; in conditions, `CRS grade >= 2`.',
    ICE: 'The Immune effector Cell-associated Encephalopathy score (0-10) that grades ICANS.',
    CRS: 'Cytokine release syndrome, graded 1-4 by ASTCT.',
    ICANS: 'Immune effector cell-associated neurotoxicity syndrome, graded 1-4 by ASTCT.',
    if: 'An escalation inside a panel grade (`if no improvement after 24 hours: ...`, `if refractory: ...`), or a supportive order\'s start condition.',
    improvement: '`if no improvement after DURATION`: escalate when the grade has not improved.',
    refractory: '`if refractory`: escalate when the toxicity does not respond to the actions before.',
    consider: 'An action left to the clinician\'s judgement: `consider dexamethasone 10 mg IV`.',
    'supportive-care': 'Supportive orders (prophylaxis, monitoring labs): `supportive-care { acyclovir 800 mg PO 2 times daily throughout }`.',
    throughout: 'A supportive order for the whole treatment.',
    until: 'A supportive order that stops when the condition holds; `until resolved` in dose reductions.',
    while: 'A supportive order given while the condition holds.',
    continue: 'In supportive care, `continue 3 months after last dose`; in restarts and interruptions, continue as planned.',
    before: '`before each dose` or `before first dose` orders; `give ... before dose`; `before DOSE` in supportive care.',
    each: '`before each dose { ... }`: orders before every dose.',
    first: '`before first dose { ... }`: orders before the first dose only.',
    uses: 'Uses a named block of an imported library: `crs-panel uses imwg-crs`.',
    max: 'A cap: `max 800 mg per dose`, `max 3 doses per 24 hours`, `max 4 doses total`; in a cycle plan, the maximum number of cycles.',
    per: 'The unit of a cap: `per dose`, `per day`, `per 24 hours`.',
    total: '`max N doses total`: a limit over the whole course.',
    reduce: 'Reduces the dose: `reduce to AMOUNT`, optionally `every DURATION` and `until resolved`.',
    extend: 'Lengthens the interval: `extend interval to DURATION`.',
    interval: 'With `extend`: the time between doses.',
    response: `A condition on the disease response: \`response >= VGPR sustained 2 months\`; levels ${RESPONSE_ORDER}.`,
    sustained: 'How long a response must have lasted: `response >= PR sustained 2 months`.',
    resolved: 'In `resume when resolved`: the hold\'s own trigger no longer holds.',
    not: 'Negates a condition: `not flag high-risk`.',
    and: 'Both conditions hold.',
    or: 'Either condition holds; between routes, either route.',
    as: '`as needed`: the order is given only when needed (PRN).',
    needed: '`as needed`: the order is given only when needed (PRN).',
    daily: 'Once a day; `N times daily`.',
    weekly: 'Once a week; `N times weekly`.',
    once: 'A single administration.',
    times: 'A count per day or week: `3 times daily`.',
    other: '`every other day`: one day on, one day off.',
    sCR: `Stringent complete response; ${RESPONSE_ORDER}.`,
    CR: `Complete response; ${RESPONSE_ORDER}.`,
    VGPR: `Very good partial response; ${RESPONSE_ORDER}.`,
    PR: `Partial response; ${RESPONSE_ORDER}.`,
    MR: `Minimal response; ${RESPONSE_ORDER}.`,
    SD: `Stable disease; ${RESPONSE_ORDER}.`,
    PD: `Progressive disease; ${RESPONSE_ORDER}.`
};

const ROUTES = Object.fromEntries(Object.entries(ROUTE_OF_SPELLING).map(([spelling, route]) => [
    spelling, `Route of administration: ${route}${spelling === 'subcut' ? ' (the spelling ISMP recommends)' : ''}.`
])) as Record<RouteSpelling, string>;

const UNSAFE_FREQUENCIES = Object.fromEntries(['qd', 'QD', 'qod', 'QOD', 'TIW', 'tiw', 'HS', 'hs'].map((k) => [k, `\`${k}\`: ${UNSAFE_FREQUENCY}.`]));

const TIME = Object.fromEntries(TIME_UNITS.map((unit) => [unit, `A time unit (${unit}), in durations, windows and intervals.`]));

/** The explanation of each keyword: constructs first, then routes, unsafe frequencies and time units where not a construct. */
const KEYWORD_HELP: Readonly<Record<string, string>> = { ...TIME, ...UNSAFE_FREQUENCIES, ...ROUTES, ...CONSTRUCTS };

/** Markdown explaining `keyword`, or undefined for words that only join others (`to`, `of`, `than`...). */
export function keywordHelp(keyword: string): string | undefined {
    const help = KEYWORD_HELP[keyword];
    return help === undefined ? undefined : `**${keyword}**: ${help}`;
}
