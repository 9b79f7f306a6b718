// Compiles a validated, linked protocol AST into a titra.orderset/1 document.
import { AstUtils, type AstNode, type Reference } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { KnowledgeBase } from '../knowledge/knowledge-service.js';
import {
    ORDER_SET_FORMAT, type Comparison, type Condition, type Dose, type Duration, type Escalation, type GradePanel, type HoldRule,
    type MaintenancePhase, type Order, type OrderSet, type PremedicationSet, type PreTreatment, type Quantity,
    type RestartRule, type StepUpDose, type SupportiveCareOrder, type CycleSchedule, type Variant, type Frequency,
    type MedicationOrder, type Deviation, type ContinuousInfusion, type InterruptionRule, type DosingOrder, type BeforeDoseOrder,
    type MonitoringWatch
} from '../orderset/schema.js';
import { ROUTE_OF_SPELLING } from '../vocabulary/routes.js';
import { durationInDays, durationInHours, timeUnitCode } from '../vocabulary/time-units.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';
import { IdAllocator, slug } from './ids.js';
import { isPerDoseCap, limitPeriod } from '../grammar/dose-limits.js';

/** Raised when the AST cannot be compiled; validation reports these cases first, with positions. */
export class CompileError extends Error {
    constructor(message: string, readonly node?: AstNode) {
        super(message);
    }
}

export interface CompileContext {
    /** Workspace-relative path of a document (with / separators), by its URI string. */
    relativePath(uri: string): string;
    /** SHA-256 hex digest of a document's text, by its URI string. */
    sha256(uri: string): string;
    compilerVersion: string;
    /** Reference definitions, for the units of required observations. */
    knowledge: KnowledgeBase;
    /** The errors suppression comments silenced in the protocol and its imports, in their order set order. */
    deviations: Deviation[];
}

const COMPARISONS: Readonly<Record<ast.Comparator, Comparison>> = {
    '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '=': 'eq'
};

export function decimal(text: string | undefined, node?: AstNode): number {
    const value = text === undefined ? NaN : Number(text);
    if (!Number.isFinite(value)) throw new CompileError(`'${text}' is not a number`, node);
    return value;
}

function first<T>(items: T[]): T | undefined {
    return items[0];
}

function resolved<T extends AstNode>(ref: Reference<T> | undefined, node: AstNode): T {
    const target = ref?.ref;
    if (!target) throw new CompileError(`unresolved reference '${ref?.$refText ?? ''}'`, node);
    return target;
}

export function duration(d: ast.Duration | ast.DurationRange | ast.IntervalRange): Duration {
    return { value: decimal(d.value, d), unit: timeUnitCode(d.unit) };
}

/** The upper end of a range written in one unit ("6 to 8 hours": 8 hours), or undefined when none is written. */
function upperDuration(d: ast.DurationRange | ast.IntervalRange): Duration | undefined {
    return d.upper === undefined ? undefined : { value: decimal(d.upper, d), unit: timeUnitCode(d.unit) };
}

/** The infusion time of a scheduled dose, and the shorter one that applies when the previous dose gave no CRS. */
function infusionTimes(node: ast.StepUpDose | ast.MaintenancePhase | ast.CycleRule): Pick<StepUpDose, 'infusionDuration' | 'infusionDurationWithoutCrs'> {
    const infusion = first(node.infusions);
    const withoutCrs = first(node.infusionsWithoutCrs);
    return {
        ...(infusion ? { infusionDuration: duration(infusion) } : {}),
        ...(withoutCrs ? { infusionDurationWithoutCrs: duration(withoutCrs) } : {})
    };
}

function quantity(q: ast.Quantity): Quantity {
    const unit = translateUnit(q.unit);
    if (!unit) throw new CompileError(`unknown unit '${q.unit}'`, q);
    return { value: decimal(q.value, q), unit: unit.ucum };
}

/** A `max N <unit> per day` limit on a dose written as a daily rate (mcg/m2/day): a cap on the daily amount. */
function dailyCap(limits: ast.DoseLimit[], doseUnit: string): ast.DoseLimit | undefined {
    if (!doseUnit.endsWith('/d')) return undefined;
    return limits.find((l) => {
        const period = limitPeriod(l);
        return l.perDose && period && durationInDays(period) === 1;
    });
}

/** The cap a limit puts on one computed dose, in the dose's own unit (mg, or ug/d for a daily rate). */
function capQuantity(limit: ast.DoseLimit): Quantity {
    const cap = quantity(limit.perDose!);
    return isPerDoseCap(limit) ? cap : { value: cap.value, unit: `${cap.unit}/d` };
}

/** `<variant name>.` for a member declared inside a variant, else nothing: the prefix of the ids it compiles to. */
function variantPrefix(member: AstNode): string {
    return ast.isVariant(member.$container) ? `${member.$container.name}.` : '';
}

class OrderSetBuilder {
    private readonly ids = new IdAllocator();
    private readonly premedicationSets = new Map<ast.PremedicationSet, PremedicationSet>();
    private readonly imports = new Map<string, string>();
    /** The agent's dose basis, used for weight-based orders anywhere in the protocol. */
    private basis: ast.DoseBasis = 'flat';
    /** Order-set ids of step-up doses and maintenance phases: their name, or `variant.name` inside a variant. */
    private readonly doseIds = new Map<ast.DoseAnchor, string>();

    constructor(private readonly protocol: ast.Protocol, private readonly context: CompileContext) {}

    compile(): OrderSet {
        const p = this.protocol;
        const members = p.members;
        const of = <T extends ast.ProtocolMember>(guard: (m: unknown) => m is T): T[] => members.filter(guard);
        const agent = first(of(ast.isAgent));
        if (!agent) throw new CompileError('the protocol has no agent', p);
        const basis = agent.basis ?? 'flat';
        const status = first(of(ast.isStatusDecl));
        const version = first(of(ast.isVersionDecl));
        if (!version) throw new CompileError('the protocol has no version', p);

        this.assignDoseIds();
        this.basis = basis;
        for (const set of of(ast.isPremedicationSet)) this.premedication(set);

        const stepUp = this.stepUp(of(ast.isStepUp), basis, agent.route);
        const maintenance = this.maintenance(of(ast.isMaintenance), basis, agent.route);
        const cycleSchedule = first(of(ast.isCycleSchedule));
        const infusion = first(of(ast.isContinuousInfusion));
        const orderSet: OrderSet = {
            format: ORDER_SET_FORMAT,
            protocol: {
                id: p.name,
                title: p.title,
                version: version.value,
                status: status?.status ?? 'draft',
                ...(status?.replacedBy ? { replacedBy: status.replacedBy } : {}),
                ...optional('effective', first(of(ast.isEffectiveDecl))?.date),
                ...optional('reviewBy', first(of(ast.isReviewByDecl))?.date),
                ...optional('owner', first(of(ast.isOwnerDecl))?.value),
                ...optional('population', first(of(ast.isPopulationDecl))?.value),
                references: of(ast.isReferenceDecl).map((r) => r.value)
            },
            agent: { name: agent.drug, route: ROUTE_OF_SPELLING[agent.route], doseBasis: basis },
            requiredInputs: of(ast.isRequires).flatMap((r) => r.inputs).map((name) => {
                const definition = this.context.knowledge.observationDefinition(name);
                return definition ? { name, unit: definition.unit } : { name };
            }),
            riskFlags: of(ast.isRiskFlag).map((f) => ({ id: f.name, description: f.description })),
            premedication: [],
            preTreatment: this.preTreatments(of(ast.isPreTreatment), basis),
            stepUp,
            maintenance,
            ...(cycleSchedule ? { cycles: this.cycles(cycleSchedule, basis, agent.route) } : {}),
            ...(infusion ? { continuousInfusion: this.continuousInfusion(infusion, basis, agent.route) } : {}),
            restartAfterDelay: of(ast.isRestartAfterDelay).flatMap((r) => r.rules).map((rule) => this.restartRule(rule)),
            holds: of(ast.isHoldBlock).flatMap((h) => this.holdBlock(h, basis)),
            panels: [
                ...of(ast.isCrsPanel).map((panel) => this.panel(panel, 'crs', basis)),
                ...of(ast.isIcansPanel).map((panel) => this.panel(panel, 'icans', basis)),
                ...of(ast.isToxicityPanel).map((panel) => this.panel(panel, 'toxicity', basis))
            ],
            supportiveCare: of(ast.isSupportiveCare).flatMap((s) => this.supportiveCare(s, basis)),
            variants: of(ast.isVariant).map((v) => this.variant(v, basis, agent.route)),
            ...(this.context.deviations.length > 0 ? { deviations: this.context.deviations } : {}),
            ...nonEmpty('beforeDose', this.beforeDose(of(ast.isBeforeDose), basis)),
            provenance: {
                source: '',
                sha256: '',
                imports: [],
                compiler: { name: 'titra', version: this.context.compilerVersion }
            }
        };
        // Premedication sets: those declared here plus imported ones that doses use, in first-use order.
        orderSet.premedication = [...this.premedicationSets.values()];
        const uri = AstUtils.getDocument(p).uri.toString();
        orderSet.provenance.source = this.context.relativePath(uri);
        orderSet.provenance.sha256 = this.context.sha256(uri);
        orderSet.provenance.imports = [...this.imports.entries()]
            .map(([source, sha256]) => ({ source, sha256 }))
            .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
        return orderSet;
    }

    private assignDoseIds(): void {
        const assign = (members: AstNode[], prefix: string) => {
            for (const member of members) {
                const doses: ast.DoseAnchor[] = ast.isStepUp(member) ? member.doses : ast.isMaintenance(member) ? member.phases : [];
                for (const dose of doses) this.doseIds.set(dose, this.ids.allocate(`${prefix}${dose.name}`));
            }
        };
        assign(this.protocol.members, '');
        for (const variant of this.protocol.members.filter(ast.isVariant)) assign(variant.members, `${variant.name}.`);
    }

    /** The order-set id of a referenced dose or phase. */
    private doseId(ref: Reference<ast.DoseAnchor> | undefined, node: AstNode): string {
        const target = resolved(ref, node);
        const id = this.doseIds.get(target);
        if (!id) throw new CompileError(`'${target.name}' is not a dose of this protocol`, node);
        return id;
    }

    /** Records the library a node comes from, when it is not the protocol itself; returns its path. */
    private sourceOf(node: AstNode): string | undefined {
        const document = AstUtils.getDocument(node);
        if (document === AstUtils.getDocument(this.protocol)) return undefined;
        const uri = document.uri.toString();
        const path = this.context.relativePath(uri);
        this.imports.set(path, this.context.sha256(uri));
        return path;
    }

    private dose(amount: ast.DoseAmount, basis: ast.DoseBasis, limits: ast.DoseLimit[] = [], rounding?: ast.Rounding): Dose {
        const unit = translateUnit(amount.unit);
        if (!unit) throw new CompileError(`unknown unit '${amount.unit}'`, amount);
        const cap = limits.find(isPerDoseCap) ?? dailyCap(limits, unit.ucum);
        const text = `${amount.value}${amount.upper ? ` to ${amount.upper}` : ''}${amount.second ? `/${amount.second}` : ''} ${amount.unit}`;
        return {
            value: decimal(amount.value, amount),
            ...(amount.upper ? { upper: decimal(amount.upper, amount) } : {}),
            ...(amount.second ? { components: [decimal(amount.value, amount), decimal(amount.second, amount)] } : {}),
            unit: unit.ucum,
            ...(unit.per ? { per: unit.per } : {}),
            basis: unit.per === 'kg' ? (basis === 'body-surface-area' || basis === 'flat' ? 'actual-weight' : basis)
                : unit.per === 'm2' ? 'body-surface-area' : 'flat',
            text,
            ...(cap?.perDose ? { maxPerDose: capQuantity(cap) } : {}),
            ...(rounding ? { rounding: quantity(rounding.increment) } : {})
        };
    }

    private monitoring(m: ast.Monitoring | undefined): StepUpDose['monitoring'] {
        if (!m) return undefined;
        const watch = m.items.length > 0 ? { watch: m.items.map((item) => this.monitoringWatch(item)) } : {};
        if (m.setting === 'inpatient') {
            if (!m.duration) throw new CompileError('inpatient monitoring needs a duration', m);
            return { setting: 'inpatient', duration: duration(m.duration), ...watch };
        }
        const max = m.observation ? upperDuration(m.observation) : undefined;
        const observe = m.observation ? { observe: { min: duration(m.observation), ...(max ? { max } : {}) } } : {};
        return { setting: 'outpatient', ...observe, ...(m.note ? { note: m.note } : {}), ...watch };
    }

    private monitoringWatch(item: ast.MonitoringItem): MonitoringWatch {
        const text = item.text ?? item.words.join(' ');
        return { text, ...(item.frequency ? { frequency: this.frequency(item.frequency) } : {}) };
    }

    /** Orders before each dose and before the first dose, in the order written; a used library block keeps its source. */
    private beforeDose(blocks: ast.BeforeDose[], basis: ast.DoseBasis): BeforeDoseOrder[] {
        return blocks.flatMap((block) => {
            const target = block.uses ? resolved(block.uses, block) : block;
            const source = this.sourceOf(target);
            const moment = block.moment === 'each' ? 'each-dose' : 'first-dose';
            const prefix = `before-${moment}.${variantPrefix(block)}${target.name ?? 'protocol'}`;
            return target.orders.map((action) => {
                const id = this.ids.allocate(`${prefix}.${actionSlug(action)}`);
                return { id, moment, order: this.order(action, `${id}.order`, basis), ...(source ? { source } : {}) };
            });
        });
    }

    private premedicationLink(refs: Reference<ast.PremedicationSet>[], node: AstNode): string | undefined {
        const ref = first(refs);
        return ref ? this.premedication(resolved(ref, node)).id : undefined;
    }

    private premedication(set: ast.PremedicationSet): PremedicationSet {
        const existing = this.premedicationSets.get(set);
        if (existing) return existing;
        this.sourceOf(set);
        const id = this.ids.allocate(`premed.${variantPrefix(set)}${set.name}`);
        const defaultTiming = set.timing;
        const compiled: PremedicationSet = {
            id,
            name: set.name,
            ...(set.title ? { title: set.title } : {}),
            orders: set.orders.map((o) => {
                const timing = o.timing ?? defaultTiming;
                if (!timing) throw new CompileError(`premedication '${set.name}' does not say when to give ${o.order.drug}`, o);
                const unit = timeUnitCode(timing.unit);
                return {
                    order: this.medication(o.order, `${id}.${slug(o.order.drug)}`, this.basis),
                    timing: {
                        min: { value: decimal(timing.min, timing), unit },
                        ...(timing.max ? { max: { value: decimal(timing.max, timing), unit } } : {}),
                        approximate: timing.about
                    }
                };
            }),
            ...(set.afterDose.length > 0 ? { afterDose: set.afterDose.map((o) => this.medication(o, `${id}.after.${slug(o.drug)}`, this.basis)) } : {})
        };
        this.premedicationSets.set(set, compiled);
        return compiled;
    }

    private stepUp(blocks: ast.StepUp[], basis: ast.DoseBasis, route: ast.Route): StepUpDose[] {
        return blocks.flatMap((b) => b.doses).map((d, index) => {
            const window = first(d.windows);
            const monitoring = this.monitoring(first(d.monitorings));
            const premedication = this.premedicationLink(d.premedications, d);
            return {
                id: this.doseIds.get(d)!,
                name: d.name,
                sequence: index + 1,
                day: decimal(d.day, d),
                ...(window ? {
                    window: {
                        after: this.doseId(window.anchor, window),
                        min: { value: decimal(window.min, window), unit: timeUnitCode(window.unit) },
                        max: { value: decimal(window.max, window), unit: timeUnitCode(window.unit) }
                    }
                } : {}),
                dose: this.dose(d.amount, basis, d.limits, first(d.roundings)),
                route: ROUTE_OF_SPELLING[route],
                ...(premedication ? { premedication } : {}),
                ...(monitoring ? { monitoring } : {}),
                ...infusionTimes(d)
            };
        });
    }

    private maintenance(blocks: ast.Maintenance[], basis: ast.DoseBasis, route: ast.Route): MaintenancePhase[] {
        return blocks.flatMap((b) => b.phases).map((phase) => {
            const after = first(phase.afters);
            const condition = first(phase.conditions);
            const minSpacing = first(phase.minSpacings);
            const monitoring = this.monitoring(first(phase.monitorings));
            const premedication = this.premedicationLink(phase.premedications, phase);
            const number = (items: string[]) => (items.length > 0 ? decimal(items[0], phase) : undefined);
            const fromWeek = number(phase.fromWeeks);
            const throughWeek = number(phase.throughWeeks);
            const doseCount = number(phase.doseCounts);
            const progress = phase.progress.map((p) => ({
                ...(p.doses !== undefined ? { doses: decimal(p.doses, p) } : {}),
                ...(p.time ? { time: duration(p.time) } : {}),
                of: p.phases.map((ref) => this.doseId(ref, p))
            }));
            return {
                id: this.doseIds.get(phase)!,
                name: phase.name,
                interval: duration(phase.interval),
                ...(after ? { after: this.doseId(after, phase) } : {}),
                ...(fromWeek !== undefined ? { fromWeek } : {}),
                ...(throughWeek !== undefined ? { throughWeek } : {}),
                ...(doseCount !== undefined ? { doseCount } : {}),
                ...(condition ? { when: this.condition(condition) } : {}),
                ...(progress.length > 0 ? { progress } : {}),
                ...(minSpacing ? { minSpacing: duration(minSpacing) } : {}),
                dose: this.dose(phase.amount, basis, phase.limits, first(phase.roundings)),
                route: ROUTE_OF_SPELLING[route],
                ...(premedication ? { premedication } : {}),
                ...(monitoring ? { monitoring } : {}),
                ...infusionTimes(phase)
            };
        });
    }

    private cycles(schedule: ast.CycleSchedule, basis: ast.DoseBasis, route: ast.Route, idPrefix = ''): CycleSchedule {
        return {
            length: duration(schedule.length),
            ...(schedule.maxCycles ? { maxCycles: decimal(schedule.maxCycles, schedule) } : {}),
            rules: schedule.rules.map((rule) => {
                const firstCycle = decimal(rule.first, rule);
                const lastCycle = rule.onward ? undefined : rule.last ? decimal(rule.last, rule) : firstCycle;
                const monitoring = this.monitoring(first(rule.monitorings));
                const premedication = this.premedicationLink(rule.premedications, rule);
                const condition = first(rule.conditions);
                return {
                    id: this.ids.allocate(`${idPrefix}cycle.${firstCycle}-${lastCycle ?? 'onward'}`),
                    firstCycle,
                    ...(lastCycle !== undefined ? { lastCycle } : {}),
                    days: rule.days.map((d) => decimal(d, rule)),
                    ...(condition ? { when: this.condition(condition) } : {}),
                    dose: this.dose(rule.amount, basis, rule.limits, first(rule.roundings)),
                    route: ROUTE_OF_SPELLING[route],
                    ...(premedication ? { premedication } : {}),
                    ...(monitoring ? { monitoring } : {}),
                    ...infusionTimes(rule)
                };
            })
        };
    }

    /** A continuous infusion; ids of a variant's infusion start with `prefix` (`under-45-kg.`). */
    private continuousInfusion(infusion: ast.ContinuousInfusion, basis: ast.DoseBasis, route: ast.Route, prefix = ''): ContinuousInfusion {
        const bagInterval = first(infusion.bagIntervals);
        return {
            length: duration(infusion.length),
            ...(infusion.maxCycles ? { maxCycles: decimal(infusion.maxCycles, infusion) } : {}),
            route: ROUTE_OF_SPELLING[route],
            ...(bagInterval ? { bagInterval: duration(bagInterval) } : {}),
            rules: infusion.rules.map((rule) => {
                const firstCycle = decimal(rule.first, rule);
                const lastCycle = rule.onward ? undefined : rule.last ? decimal(rule.last, rule) : firstCycle;
                const id = this.ids.allocate(`${prefix}infusion.${firstCycle}-${lastCycle ?? 'onward'}`);
                return {
                    id,
                    firstCycle,
                    ...(lastCycle !== undefined ? { lastCycle } : {}),
                    ...(rule.length ? { length: duration(rule.length) } : {}),
                    segments: rule.segments.map((segment) => {
                        const firstDay = decimal(segment.firstDay, segment);
                        const lastDay = decimal(segment.lastDay, segment);
                        const premedication = segment.premedication ? this.premedication(resolved(segment.premedication, segment)).id : undefined;
                        return {
                            id: this.ids.allocate(`${id}.D${firstDay}-${lastDay}`),
                            firstDay,
                            lastDay,
                            dose: { ...this.dose(segment.amount, basis), ...(segment.cap ? { maxPerDose: quantity(segment.cap) } : {}) },
                            ...(premedication ? { premedication } : {})
                        };
                    })
                };
            }),
            interruptions: infusion.interruptions.map((rule) => this.interruptionRule(rule, prefix))
        };
    }

    private interruptionRule(rule: ast.InterruptionRule, prefix: string): InterruptionRule {
        const gap = rule.gap;
        const toHours = (text: string) => durationInHours({ value: decimal(text, gap), unit: timeUnitCode(gap.unit) });
        const range = gap.above !== undefined ? { minHours: toHours(gap.above), minExclusive: true }
            : gap.upTo !== undefined ? { maxHours: toHours(gap.upTo), minExclusive: false }
                : { minHours: toHours(gap.atLeast!), minExclusive: false };
        const gapText = gap.above !== undefined ? `gt${gap.above}` : gap.upTo !== undefined ? `le${gap.upTo}` : `ge${gap.atLeast}`;
        const action = rule.action;
        return {
            id: this.ids.allocate(`${prefix}interruption.${gapText}${timeUnitCode(gap.unit)}.${action.kind}`),
            gap: range,
            action: action.kind === 'continue' ? { type: 'continue-cycle' }
                : action.kind === 'new' ? { type: 'new-cycle' }
                    : { type: 'premedicate', premedication: this.premedication(resolved(action.premedication, action)).id }
        };
    }

    private restartRule(rule: ast.RestartRule): RestartRule {
        const last = this.doseId(rule.last, rule);
        const gap = rule.gap;
        const toDays = (text: string) => durationInDays({ value: decimal(text, gap), unit: timeUnitCode(gap.unit) });
        const range = gap.above !== undefined ? { minDays: toDays(gap.above), minExclusive: true }
            : gap.upTo !== undefined ? { maxDays: toDays(gap.upTo), minExclusive: false }
                : { minDays: toDays(gap.from!), minExclusive: false, maxDays: toDays(gap.to!) };
        const gapText = gap.above !== undefined ? `gt${gap.above}` : gap.upTo !== undefined ? `le${gap.upTo}` : `${gap.from}-${gap.to}`;
        const action = rule.action;
        return {
            id: this.ids.allocate(`restart.${last}.${gapText}${timeUnitCode(gap.unit)}`),
            lastDose: last,
            gap: range,
            action: action.kind === 'continue'
                ? { type: 'continue' }
                : {
                    type: 'restart-from',
                    dose: this.doseId(action.dose, action),
                    ...(action.nextAfter ? { nextAfter: duration(action.nextAfter) } : {})
                }
        };
    }

    private holdBlock(block: ast.HoldBlock, basis: ast.DoseBasis): HoldRule[] {
        const target = block.uses ? resolved(block.uses, block) : block;
        const source = this.sourceOf(target);
        const prefix = `hold.${variantPrefix(block)}${target.name ?? 'protocol'}`;
        return target.rules.map((rule) => {
            const id = this.ids.allocate(`${prefix}.${conditionSlug(rule.trigger)}`);
            return {
                id,
                trigger: this.condition(rule.trigger),
                ...(rule.resume ? { resume: this.condition(rule.resume) } : {}),
                ...(rule.resumeAt ? { resumeAt: this.doseId(rule.resumeAt, rule) } : {}),
                ...(rule.repeatLast ? { repeatLastDose: true } : {}),
                discontinue: rule.discontinue,
                orders: rule.sideOrders.map((o) => this.order(o, `${id}.${actionSlug(o)}`, basis)),
                ...(source ? { source } : {})
            };
        });
    }

    private panel(panel: ast.CrsPanel | ast.IcansPanel | ast.ToxicityPanel, kind: GradePanel['kind'], basis: ast.DoseBasis): GradePanel {
        const target = panel.uses ? resolved<ast.CrsPanel | ast.IcansPanel | ast.ToxicityPanel>(panel.uses, panel) : panel;
        const source = this.sourceOf(target);
        const name = target.name ?? kind;
        const id = this.ids.allocate(`panel.${variantPrefix(panel)}${kind}.${name}`);
        return {
            id,
            kind,
            name,
            ...(target.title ? { title: target.title } : {}),
            grading: ast.isToxicityPanel(target) ? target.grading ?? 'CTCAE-v5' : 'ASTCT',
            grades: target.grades.map((g) => {
                const gradeId = `${id}.g${g.grade}`;
                const iceMin = g.iceMin !== undefined ? decimal(g.iceMin, g) : undefined;
                return {
                    grade: decimal(g.grade, g),
                    ...(iceMin !== undefined ? { ice: { min: iceMin, max: g.iceMax !== undefined ? decimal(g.iceMax, g) : iceMin } } : {}),
                    orders: this.orders(g.actions, gradeId, basis),
                    ...(g.escalation ? { escalation: this.escalation(g.escalation, `${gradeId}.esc`, basis) } : {})
                };
            }),
            ...(source ? { source } : {})
        };
    }

    private escalation(e: ast.Escalation, prefix: string, basis: ast.DoseBasis): Escalation {
        return {
            ...(e.after ? { after: duration(e.after) } : {}),
            refractory: e.refractory,
            orders: this.orders(e.actions, prefix, basis),
            ...(e.escalation ? { escalation: this.escalation(e.escalation, `${prefix}.esc`, basis) } : {})
        };
    }

    private orders(actions: ast.Action[], prefix: string, basis: ast.DoseBasis): Order[] {
        return actions.map((a) => this.order(a, `${prefix}.${actionSlug(a)}`, basis));
    }

    private order(action: ast.Action, baseId: string, basis: ast.DoseBasis): Order {
        const id = this.ids.allocate(baseId);
        switch (action.$type) {
            case 'MedicationOrder': return this.medication(action, id, basis, true);
            case 'ProcedureOrder': return { id, type: 'procedure', consider: action.consider, text: action.words.join(' ') };
            case 'Instruction': return { id, type: 'instruction', consider: action.consider, text: action.text };
            case 'DosingAction': return {
                id, type: 'dosing', consider: false, action: dosingActionCode(action),
                ...(action.amount ? { dose: this.dose(action.amount, basis) } : {}),
                ...(action.interval ? { interval: duration(action.interval) } : {}),
                ...(action.untilResolved ? { untilResolved: true } : {}),
                ...(action.premedication ? { premedication: this.premedicationLink([action.premedication], action) } : {})
            };
        }
    }

    private medication(m: ast.MedicationOrder, id: string, basis: ast.DoseBasis, idAllocated = false): MedicationOrder {
        const finalId = idAllocated ? id : this.ids.allocate(id);
        const frequency = first(m.frequencies);
        const durationRange = first(m.durations);
        const infusion = first(m.infusions);
        const infusionMax = infusion ? upperDuration(infusion) : undefined;
        const perPeriod = m.limits.find((l) => l.perDose && limitPeriod(l));
        const counts = m.limits.filter((l) => l.count !== undefined);
        return {
            id: finalId,
            type: 'medication',
            consider: m.consider,
            drug: m.drug,
            dose: this.dose(m.amount, basis, m.limits),
            routes: m.routes.map((r) => ROUTE_OF_SPELLING[r]),
            ...(frequency ? { frequency: this.frequency(frequency) } : {}),
            ...(durationRange ? {
                duration: {
                    value: decimal(durationRange.value, durationRange),
                    ...(durationRange.upper ? { upper: decimal(durationRange.upper, durationRange) } : {}),
                    unit: timeUnitCode(durationRange.unit)
                }
            } : {}),
            ...(perPeriod?.perDose ? { maxPerPeriod: { quantity: quantity(perPeriod.perDose), period: limitPeriod(perPeriod)! } } : {}),
            ...(counts.length > 0 ? {
                maxDoses: counts.map((l) => ({
                    count: decimal(l.count, l),
                    ...(l.countPeriod ? { period: duration(l.countPeriod) } : {})
                }))
            } : {}),
            asNeeded: m.prn.length > 0,
            ...(infusion ? { infusionDuration: duration(infusion) } : {}),
            ...(infusionMax ? { infusionDurationMax: infusionMax } : {})
        };
    }

    private frequency(f: ast.Frequency): Frequency {
        const text = AstUtils.getDocument(f).textDocument.getText({
            start: f.$cstNode!.range.start, end: f.$cstNode!.range.end
        });
        if (f.abbreviation) throw new CompileError(`unsafe frequency abbreviation '${f.abbreviation}'`, f);
        if (f.kind) return { kind: f.kind, text };
        if (f.other) return { kind: 'every-other-day', text };
        if (ast.isIntervalRange(f.every)) {
            return { kind: 'interval', interval: duration(f.every), intervalMax: upperDuration(f.every)!, text };
        }
        if (f.every) return { kind: 'interval', interval: duration(f.every), text };
        const times = decimal(f.times, f);
        return { kind: f.per === 'weekly' ? 'times-per-week' : 'times-per-day', times, text };
    }

    private supportiveCare(block: ast.SupportiveCare, basis: ast.DoseBasis): SupportiveCareOrder[] {
        const target = block.uses ? resolved(block.uses, block) : block;
        const source = this.sourceOf(target);
        return target.orders.map((o) => this.supportiveOrder(o, `supportive.${target.name ?? 'protocol'}`, basis, source));
    }

    private supportiveOrder(o: ast.SupportiveOrder, prefix: string, basis: ast.DoseBasis, source?: string): SupportiveCareOrder {
        const id = this.ids.allocate(`${prefix}.${actionSlug(o.action)}`);
        // `while C` starts the order when C holds and stops it when C no longer holds.
        const during = first(o.whiles);
        const start = first(o.starts) ?? during;
        const stop = first(o.stops);
        const stopCondition = stop ? this.condition(stop) : during ? { type: 'not' as const, condition: this.condition(during) } : undefined;
        const continueAfter = first(o.continueAfters);
        const before = first(o.befores);
        return {
            id,
            order: this.order(o.action, `${id}.order`, basis),
            throughout: o.throughout.length > 0,
            ...(start ? { start: this.condition(start) } : {}),
            ...(stopCondition ? { stop: stopCondition } : {}),
            ...(continueAfter ? { continueAfterLastDose: duration(continueAfter) } : {}),
            ...(before ? { before: this.doseId(before, o) } : {}),
            ...(source ? { source } : {})
        };
    }

    private preTreatments(phases: ast.PreTreatment[], basis: ast.DoseBasis): PreTreatment[] {
        return phases.map((phase) => {
            const id = this.ids.allocate(`pretreatment.${phase.name}`);
            return {
                id,
                ...(phase.title ? { title: phase.title } : {}),
                orders: phase.orders.map((o) => this.supportiveOrder(o, id, basis)),
                ...(phase.day !== undefined ? { day: decimal(phase.day, phase) } : {}),
                completeWithin: duration(phase.within),
                before: this.doseId(phase.anchor, phase)
            };
        });
    }

    private variant(v: ast.Variant, basis: ast.DoseBasis, route: ast.Route): Variant {
        const members = v.members;
        const stepUps = members.filter(ast.isStepUp);
        const maintenances = members.filter(ast.isMaintenance);
        const supportive = members.filter(ast.isSupportiveCare);
        const pre = members.filter(ast.isPreTreatment);
        const cycleSchedule = first(members.filter(ast.isCycleSchedule));
        const restarts = members.filter(ast.isRestartAfterDelay).flatMap((r) => r.rules);
        const holds = members.filter(ast.isHoldBlock);
        const panels = [
            ...members.filter(ast.isCrsPanel).map((panel) => this.panel(panel, 'crs', basis)),
            ...members.filter(ast.isIcansPanel).map((panel) => this.panel(panel, 'icans', basis)),
            ...members.filter(ast.isToxicityPanel).map((panel) => this.panel(panel, 'toxicity', basis))
        ];
        for (const set of members.filter(ast.isPremedicationSet)) this.premedication(set);
        const infusion = first(members.filter(ast.isContinuousInfusion));
        const beforeDose = this.beforeDose(members.filter(ast.isBeforeDose), basis);
        return {
            id: this.ids.allocate(`variant.${v.name}`),
            when: this.condition(v.condition),
            ...(stepUps.length > 0 ? { stepUp: this.stepUp(stepUps, basis, route) } : {}),
            ...(maintenances.length > 0 ? { maintenance: this.maintenance(maintenances, basis, route) } : {}),
            ...(supportive.length > 0 ? { supportiveCare: supportive.flatMap((s) => this.supportiveCare(s, basis)) } : {}),
            ...(pre.length > 0 ? { preTreatment: this.preTreatments(pre, basis) } : {}),
            ...(cycleSchedule ? { cycles: this.cycles(cycleSchedule, basis, route, `${v.name}.`) } : {}),
            ...(restarts.length > 0 ? { restartAfterDelay: restarts.map((rule) => this.restartRule(rule)) } : {}),
            ...(holds.length > 0 ? { holds: holds.flatMap((h) => this.holdBlock(h, basis)) } : {}),
            ...(panels.length > 0 ? { panels } : {}),
            ...(infusion ? { continuousInfusion: this.continuousInfusion(infusion, basis, route, `${v.name}.`) } : {}),
            ...(beforeDose.length > 0 ? { beforeDose } : {})
        };
    }

    condition(c: ast.Condition): Condition {
        switch (c.$type) {
            case 'OrCondition': return { type: 'any', of: [...flatten(c, 'OrCondition')].map((x) => this.condition(x)) };
            case 'AndCondition': return { type: 'all', of: [...flatten(c, 'AndCondition')].map((x) => this.condition(x)) };
            case 'NotCondition': return { type: 'not', condition: this.condition(c.operand) };
            case 'ObservationCondition': {
                const unit = c.unit ? translateUnit(c.unit) : undefined;
                if (c.unit && !unit) throw new CompileError(`unknown unit '${c.unit}'`, c);
                return {
                    type: 'observation', observation: c.observation, op: COMPARISONS[c.op], value: decimal(c.value, c),
                    ...(unit ? { unit: unit.ucum } : {})
                };
            }
            case 'GradeCondition': return {
                type: 'grade',
                toxicity: c.system ? c.system.toLowerCase() : resolved(c.panel, c).name ?? '',
                op: COMPARISONS[c.op],
                grade: decimal(c.grade, c)
            };
            case 'ResponseCondition': return {
                type: 'response', op: COMPARISONS[c.op], level: c.level,
                ...(c.sustained ? { sustained: duration(c.sustained) } : {})
            };
            case 'FlagCondition': return { type: 'flag', flag: resolved(c.flag, c).name };
            case 'ResolvedCondition': return { type: 'resolved' };
            case 'StateCondition': return { type: 'state', state: c.state };
        }
    }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
    return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** An optional list field of the order set: absent when empty, so order sets without it stay unchanged. */
function nonEmpty<K extends string, T>(key: K, items: T[]): Partial<Record<K, T[]>> {
    return items.length === 0 ? {} : ({ [key]: items } as Record<K, T[]>);
}

/** Flattens left-nested `a or b or c` (or `and`) into its operands. */
function* flatten(c: ast.Condition, type: 'OrCondition' | 'AndCondition'): Generator<ast.Condition> {
    if (c.$type === type) {
        yield* flatten((c as ast.OrCondition | ast.AndCondition).left, type);
        yield* flatten((c as ast.OrCondition | ast.AndCondition).right, type);
    } else {
        yield c;
    }
}

/** A short, stable slug of a condition, used in hold ids (e.g. ANC-lt-0.5, crs-ge-1). */
export function conditionSlug(c: ast.Condition): string {
    switch (c.$type) {
        case 'ObservationCondition': return `${c.observation}-${COMPARISONS[c.op]}-${c.value}`;
        case 'GradeCondition': return `${c.system?.toLowerCase() ?? c.panel?.$refText}-${COMPARISONS[c.op]}-${c.grade}`;
        case 'ResponseCondition': return `response-${COMPARISONS[c.op]}-${c.level}`;
        case 'FlagCondition': return `flag-${c.flag.$refText}`;
        case 'StateCondition': return c.state;
        case 'ResolvedCondition': return 'resolved';
        case 'NotCondition': return `not-${conditionSlug(c.operand)}`;
        case 'OrCondition': return `${conditionSlug(c.left)}-or-${conditionSlug(c.right)}`;
        case 'AndCondition': return `${conditionSlug(c.left)}-and-${conditionSlug(c.right)}`;
    }
}

function actionSlug(a: ast.Action): string {
    switch (a.$type) {
        case 'MedicationOrder': return slug(a.drug);
        case 'ProcedureOrder': return slug(a.words.join(' '));
        case 'Instruction': return slug(a.text.split(/\s+/).slice(0, 4).join(' '));
        case 'DosingAction': return dosingActionCode(a);
    }
}

const DOSING_ACTIONS: Readonly<Record<ast.DosingAction['kind'], DosingOrder['action']>> = {
    hold: 'hold-next-dose', discontinue: 'discontinue-permanently', reduce: 'change-dose', extend: 'extend-interval',
    premedicate: 'premedicate-next-dose'
};

function dosingActionCode(a: ast.DosingAction): DosingOrder['action'] {
    return DOSING_ACTIONS[a.kind];
}

export function compileProtocol(protocol: ast.Protocol, context: CompileContext): OrderSet {
    return new OrderSetBuilder(protocol, context).compile();
}
