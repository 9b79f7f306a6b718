// Words of a schedule's notices and of the labs to verify before a dose (CLI text, editor preview, JSON messages).
import type { OrderSet } from '../schema.js';

type ProtocolHeader = Pick<OrderSet['protocol'], 'id' | 'status' | 'replacedBy'>;

/** Why a protocol that is not active must not be used for a patient: "TEC is a draft, not active: ...". */
export function protocolStatusNotice(protocol: ProtocolHeader): string {
    switch (protocol.status) {
        case 'draft': return `${protocol.id} is a draft, not active: this schedule is for trying the protocol out, not for treating a patient`;
        case 'retired': return `${protocol.id} is retired, not active: do not use it to treat a patient`;
        case 'replaced': return `${protocol.id} is replaced${protocol.replacedBy ? ` by ${protocol.replacedBy}` : ''}, not active: do not use it to treat a patient`;
        case 'active': return `${protocol.id} is active`;
    }
}

/** A protocol scheduled before the day it takes effect. */
export function notYetEffectiveNotice(protocolId: string, effective: string, start: string): string {
    return `${protocolId} takes effect on ${effective}, after cycle 1 day 1 (${start}): it may not be used for a patient before then`;
}

/** The required labs with no recent result before a dose: "verify before giving: ANC, platelets". */
export function verifyBeforeGivingText(observations: readonly string[]): string {
    return `verify before giving: ${observations.join(', ')}`;
}
