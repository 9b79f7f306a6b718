// Governance checks: review-by date passed, active protocols with an owner and references, draft status found for compile.
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Clock } from '../environment/clock.js';
import * as ast from '../grammar/generated/ast.js';
import { Codes, diagnostic } from './codes.js';

/** A review-by date before today: the protocol or library is due for review. */
export const checkReviewBy = (clock: Clock) => (decl: ast.ReviewByDecl, accept: ValidationAcceptor): void => {
    const now = clock.today();
    if (decl.date === undefined || decl.date >= now) return;
    const container = AstUtils.getContainerOfType(decl, (n): n is ast.Protocol | ast.Library => ast.isProtocol(n) || ast.isLibrary(n));
    accept('warning', `The review of ${container?.name ?? 'this file'} was due on ${decl.date} (today is ${now}): review it and set a new 'review-by' date.`, {
        node: decl, property: 'date', ...diagnostic(Codes.reviewOverdue, { date: decl.date })
    });
};

/** An active protocol names who owns it and the references it is based on. */
export function checkActiveGovernance(protocol: ast.Protocol, accept: ValidationAcceptor): void {
    const status = protocol.members.find(ast.isStatusDecl);
    if (status?.status !== 'active') return;
    if (!protocol.members.some(ast.isOwnerDecl)) {
        accept('error', `Active protocol ${protocol.name ?? ''} has no owner: add 'owner "<committee or person accountable for it>"'.`, {
            node: status, property: 'status', ...diagnostic(Codes.activeWithoutOwner)
        });
    }
    if (!protocol.members.some(ast.isReferenceDecl)) {
        accept('error', `Active protocol ${protocol.name ?? ''} has no reference: add 'reference "<label or guideline it follows>"'.`, {
            node: status, property: 'status', ...diagnostic(Codes.activeWithoutReference)
        });
    }
}

/** The status line of a protocol whose status is draft (which `titra compile` refuses without --allow-draft). */
export function draftStatusOf(protocol: ast.Protocol): ast.StatusDecl | undefined {
    return protocol.members.find((m): m is ast.StatusDecl => ast.isStatusDecl(m) && m.status === 'draft');
}
