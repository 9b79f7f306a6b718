// Severity of a difference from the reference by the direction of harm: more drug, more often, sooner, a riskier route or
// a missing safeguard is an error, less or later a warning; against an unconfirmed reference it is information unless grave.
export type HarmSeverity = 'error' | 'warning' | 'info';

/**
 * `harmful`: the protocol gives more, more often, sooner, by a riskier route or without a safeguard of the reference.
 * `grave`: a 10-fold deviation or a unit-kind swap, an error whether or not the reference is confirmed; any other
 * difference from an unconfirmed reference is information, shown with '(unconfirmed)'.
 */
export function severityByHarm(harmful: boolean, confirmed: boolean, grave = false): HarmSeverity {
    if (grave) return 'error';
    if (!confirmed) return 'info';
    return harmful ? 'error' : 'warning';
}

/** A ratio of written to reference dose at or beyond 10-fold either way. */
export function isTenFold(ratio: number): boolean {
    return ratio >= 10 || ratio <= 0.1;
}

/** ' (unconfirmed)' after a source that is not confirmed, for messages. */
export function unconfirmedNote(confirmed: boolean): string {
    return confirmed ? '' : ' (unconfirmed)';
}
